// Reputation settings (admins): how many working days after being told a candidate is asked about
// their experience, and the public response promise: its preview, then publish or withdraw it.
import { Alert, Anchor, Button, Card, Group, List, NumberInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { isAdmin, useMe } from '../../api/queries';
import {
  promisePreviewQuery,
  type ReputationSettingsResponse,
  type ReputationSettingsUpdate,
  reputationSettingsQuery,
  saveReputationSettings,
} from '../../api/reputation';
import { useDocumentTitle } from '../../components/PageHeader';
import { ErrorState, FormAlert, LoadingState } from '../../components/states';
import { errorMessage } from '../../lib/formErrors';

function ReputationForm({ settings }: { settings: ReputationSettingsResponse }) {
  const queryClient = useQueryClient();
  const preview = useQuery(promisePreviewQuery);
  const [days, setDays] = useState<number | string>(settings.surveyWorkingDays);
  const save = useMutation({
    mutationFn: (body: ReputationSettingsUpdate) => saveReputationSettings(body),
    onSuccess: async (saved, body) => {
      queryClient.setQueryData(reputationSettingsQuery.queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: promisePreviewQuery.queryKey });
      notifications.show({
        color: 'teal',
        message:
          body.published === undefined
            ? 'Survey timing saved.'
            : body.published
              ? 'Your response promise is published.'
              : 'Your response promise is withdrawn.',
      });
    },
  });
  const failed = save.isError
    ? isApiError(save.error)
      ? save.error.message
      : errorMessage(save.error)
    : null;
  return (
    <Stack gap="lg">
      <Card withBorder padding="lg" component="section" aria-labelledby="survey-heading">
        <Title order={2} size="h4" id="survey-heading" mb="xs">
          Experience survey
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          Each candidate is asked once by email to rate their experience, this many working days after being
          told the outcome (not if they answered in the last 6 months).
        </Text>
        <Group align="flex-end">
          <NumberInput
            label="Working days after being told"
            min={0}
            max={30}
            value={days}
            onChange={setDays}
            w={240}
          />
          <Button
            loading={save.isPending && save.variables?.surveyWorkingDays !== undefined}
            onClick={() => save.mutate({ surveyWorkingDays: Number(days) })}
          >
            Save
          </Button>
        </Group>
      </Card>
      <Card withBorder padding="lg" component="section" aria-labelledby="promise-heading">
        <Title order={2} size="h4" id="promise-heading" mb="xs">
          Public response promise
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          A public page and a badge for job adverts with your live figures for the last 12 months. Figures
          show only from 10 candidates told; nothing on it identifies a person.
        </Text>
        {preview.isPending ? (
          <LoadingState label="Loading preview…" />
        ) : preview.isError ? (
          <ErrorState error={preview.error} />
        ) : (
          <Card withBorder padding="md" bg="gray.0" mb="sm" aria-label="Preview">
            <Text fw={600} mb="xs">
              Preview
            </Text>
            {preview.data.enoughData ? (
              <List>
                {preview.data.lines.map((line) => (
                  <List.Item key={line}>{line}</List.Item>
                ))}
              </List>
            ) : (
              <Text size="sm">
                Not enough data yet: {preview.data.closures} of the 10 candidates told that the page needs.
                Until then the page answers “not found”, even when published.
              </Text>
            )}
          </Card>
        )}
        {settings.published ? (
          <Alert color="teal" mb="sm" title="Published">
            <Anchor href={settings.publicUrl} target="_blank" rel="noopener">
              {settings.publicUrl}
            </Anchor>
            <Text size="sm">Badge: {settings.publicUrl}/badge.svg</Text>
          </Alert>
        ) : null}
        <FormAlert message={failed} />
        <Group>
          {settings.published ? (
            <Button
              variant="default"
              loading={save.isPending}
              onClick={() => save.mutate({ published: false })}
            >
              Withdraw the public page
            </Button>
          ) : (
            <Button loading={save.isPending} onClick={() => save.mutate({ published: true })}>
              Publish the public page
            </Button>
          )}
        </Group>
      </Card>
    </Stack>
  );
}

export function ReputationSettingsPage() {
  useDocumentTitle('Reputation settings');
  const me = useMe();
  const settings = useQuery({ ...reputationSettingsQuery, enabled: isAdmin(me) });
  if (!isAdmin(me)) return <Text>Only admins change the survey and the public page.</Text>;
  if (settings.isPending) return <LoadingState />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => settings.refetch()} />;
  return <ReputationForm settings={settings.data} />;
}
