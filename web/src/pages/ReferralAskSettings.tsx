// The referral ask at the end of decision and network emails, per template (admins only).
import { Blockquote, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type ReferralAskTemplate,
  referralAskTemplateNames,
  referralAskTemplates,
  referralAskText,
} from '../../../src/features/referrals/referrals.schema.ts';
import { api } from '../api/client';
import { referralAskSettingsQuery, type ReferralAskSettings as Settings } from '../api/referrals';
import { ErrorState, LoadingState } from '../components/states';

export function ReferralAskSettings() {
  const queryClient = useQueryClient();
  const settings = useQuery(referralAskSettingsQuery);
  const save = useMutation({
    mutationFn: (change: Partial<Record<ReferralAskTemplate, boolean>>) =>
      api<Settings>('/api/v1/referrals/ask-settings', { method: 'PATCH', body: { templates: change } }),
    onSuccess: (saved) => {
      queryClient.setQueryData(referralAskSettingsQuery.queryKey, saved);
      notifications.show({ color: 'teal', message: 'Saved. Emails written from now on follow it.' });
    },
  });
  return (
    <section aria-labelledby="referral-ask">
      <Title order={2} size="h3" id="referral-ask" mb="xs">
        The ask in your emails
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        The emails turned on below end with this line, after your own text and before the footer; the link
        opens the candidate's “Recommend a colleague” section. Each template's preview in Settings → Email
        templates shows it too.
      </Text>
      <Blockquote p="sm" mb="sm" data-testid="referral-ask-preview">
        {referralAskText.before}
        <Text span td="underline" inherit>
          {referralAskText.link}
        </Text>
        {referralAskText.after}
      </Blockquote>
      {settings.isPending ? (
        <LoadingState label="Loading…" />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <Stack gap="xs">
          {referralAskTemplates.map((key) => (
            <Switch
              key={key}
              label={referralAskTemplateNames[key]}
              checked={settings.data.templates[key]}
              disabled={save.isPending}
              onChange={(e) => save.mutate({ [key]: e.currentTarget.checked })}
            />
          ))}
        </Stack>
      )}
    </section>
  );
}
