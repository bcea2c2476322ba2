import { Alert, Badge, Button, Card, Code, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { apiKeyCreateSchema } from '../../../../src/features/api-keys/api-keys.schema.ts';
import { api } from '../../api/client';
import { apiKeysQuery, isAdmin, refresh, useMe } from '../../api/queries';
import type { ApiKeyView } from '../../api/types';
import { ConfirmModal } from '../../components/ConfirmModal';
import { OneTimeSecret } from '../../components/OneTimeSecret';
import { Empty, ErrorState, FormAlert, LoadingState } from '../../components/states';
import { formatDate } from '../../lib/dates';
import { applyApiError, errorMessage } from '../../lib/formErrors';
import { useIsDesktop } from '../../lib/useIsDesktop';
import { zodResolver } from '../../lib/zodResolver';

type KeyValues = z.input<typeof apiKeyCreateSchema>;

function status(key: ApiKeyView) {
  return key.revokedAt ? (
    <Badge color="gray" variant="light" size="sm">
      Revoked {formatDate(key.revokedAt)}
    </Badge>
  ) : (
    <Badge color="green" variant="light" size="sm">
      Active
    </Badge>
  );
}

export function ApiKeysPage() {
  const me = useMe();
  const admin = isAdmin(me);
  const keys = useQuery({ ...apiKeysQuery, enabled: admin });
  const queryClient = useQueryClient();
  const desktop = useIsDesktop();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyView | null>(null);
  const form = useForm<KeyValues>({
    mode: 'controlled',
    initialValues: { name: '' },
    validate: zodResolver(apiKeyCreateSchema),
  });

  const create = useMutation({
    mutationFn: (body: z.output<typeof apiKeyCreateSchema>) =>
      api<{ apiKey: ApiKeyView; token: string }>('/api/v1/api-keys', { method: 'POST', body }),
    onSuccess: async (result) => {
      setCreated({ name: result.apiKey.name, token: result.token });
      form.reset();
      await refresh(queryClient, 'api-keys');
    },
    onError: (error) => setFormError(applyApiError(form, error)),
  });

  const revoke = useMutation({
    mutationFn: (key: ApiKeyView) =>
      api<ApiKeyView>(`/api/v1/api-keys/${key.id}/revoke`, { method: 'POST', body: {} }),
    onSuccess: async (key) => {
      setRevoking(null);
      await refresh(queryClient, 'api-keys');
      notifications.show({ color: 'teal', message: `${key.name} revoked: it no longer works` });
    },
  });

  if (!admin) {
    return (
      <Alert color="gray" title="For admins">
        API keys let other systems read and write your organisation's hiring data, so only admins manage them.
        Ask an admin if you need one.
      </Alert>
    );
  }

  const items = keys.data ?? [];

  function revokeButton(key: ApiKeyView) {
    if (key.revokedAt) return null;
    return (
      <Button
        size="compact-sm"
        variant="subtle"
        color="red"
        onClick={() => setRevoking(key)}
        aria-label={`Revoke ${key.name}`}
      >
        Revoke
      </Button>
    );
  }

  return (
    <section aria-labelledby="keys-heading">
      <Title order={2} size="h3" id="keys-heading" mb="xs">
        API keys
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        For integrations: send a key as <Code>Authorization: Bearer &lt;key&gt;</Code> to the REST API,
        documented at <a href="/api/docs">/api/docs</a>. A key acts for the whole organisation.
      </Text>

      <Card withBorder mb="lg">
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setFormError(null);
            setCreated(null);
            create.mutate(apiKeyCreateSchema.parse(values));
          })}
        >
          <Stack gap="sm">
            <Group align="flex-end" gap="sm" wrap="wrap">
              <TextInput
                label="Key name"
                description="What the key is for, for example “ATS sync”"
                required
                style={{ flex: '1 1 16rem' }}
                {...form.getInputProps('name')}
              />
              <Button type="submit" loading={create.isPending}>
                Create key
              </Button>
            </Group>
            <FormAlert message={formError} title="No key created" />
          </Stack>
        </form>
        {created ? (
          <Stack mt="md">
            <OneTimeSecret
              title={`Your new key “${created.name}”`}
              value={created.token}
              copyLabel="Copy key"
              testId="api-key-token"
              onDone={() => setCreated(null)}
            >
              Copy it now and keep it somewhere safe, such as your integration's secret settings. It is shown
              only once; if it is lost, revoke it and create another.
            </OneTimeSecret>
          </Stack>
        ) : null}
      </Card>

      {keys.isPending ? (
        <LoadingState label="Loading keys…" />
      ) : keys.isError ? (
        <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
      ) : items.length === 0 ? (
        <Empty
          title="No API keys yet"
          description="Create one when you connect another system, such as an applicant tracking system."
        />
      ) : desktop ? (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Starts with</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((key) => (
                <Table.Tr key={key.id}>
                  <Table.Td fw={600}>{key.name}</Table.Td>
                  <Table.Td>
                    <Code>{key.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>{formatDate(key.createdAt)}</Table.Td>
                  <Table.Td>{key.lastUsedAt ? formatDate(key.lastUsedAt) : 'Never'}</Table.Td>
                  <Table.Td>{status(key)}</Table.Td>
                  <Table.Td>{revokeButton(key)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((key) => (
            <Card withBorder padding="sm" component="li" key={key.id}>
              <Group justify="space-between" gap="xs">
                <Text fw={600}>{key.name}</Text>
                {status(key)}
              </Group>
              <Text size="xs" c="dimmed">
                <Code>{key.prefix}…</Code> · created {formatDate(key.createdAt)} · last used{' '}
                {key.lastUsedAt ? formatDate(key.lastUsedAt) : 'never'}
              </Text>
              <Group mt={4}>{revokeButton(key)}</Group>
            </Card>
          ))}
        </Stack>
      )}

      <ConfirmModal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={`Revoke ${revoking?.name ?? 'this key'}?`}
        confirmLabel="Revoke key"
        cancelLabel="Keep it"
        onConfirm={() => revoking && revoke.mutate(revoking)}
        loading={revoke.isPending}
        error={revoke.isError ? errorMessage(revoke.error) : null}
      >
        Anything using this key stops working at once. This cannot be undone.
      </ConfirmModal>
    </section>
  );
}
