import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Code,
  Group,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import type { z } from 'zod';
import {
  type Webhook,
  type WebhookDelivery,
  type WebhookSetting,
  type WebhookWithSecret,
  webhookCreateSchema,
  webhookEventTypeSchema,
} from '../../../../src/features/webhooks/webhooks.schema.ts';
import { api } from '../../api/client';
import { isAdmin, refresh, useMe } from '../../api/queries';
import { ConfirmModal } from '../../components/ConfirmModal';
import { OneTimeSecret } from '../../components/OneTimeSecret';
import { Empty, ErrorState, FormAlert, LoadingState } from '../../components/states';
import { formatDateTime } from '../../lib/dates';
import { applyApiError, errorMessage } from '../../lib/formErrors';
import { zodResolver } from '../../lib/zodResolver';

type CreateValues = z.input<typeof webhookCreateSchema>;

const eventLabels: Record<z.infer<typeof webhookEventTypeSchema>, string> = {
  'application.created': 'Application created',
  'application.stage_changed': 'Application stage changed',
  'interview.ended': 'Interview ended',
  'decision.made': 'Decision made',
  'candidate.told': 'Candidate told',
  'application.closed': 'Application closed',
  'feedback.approved': 'Feedback approved',
  'network.joined': 'Joined the talent network',
  'network.left': 'Left the talent network',
  'referral.received': 'Referral received',
  'data_request.received': 'Data request received',
};

const webhooksQuery = queryOptions({
  queryKey: ['webhooks', 'list'],
  queryFn: async () => (await api<{ data: Webhook[] }>('/api/v1/webhooks', { query: { limit: 100 } })).data,
});
const settingQuery = queryOptions({
  queryKey: ['webhooks', 'setting'],
  queryFn: () => api<WebhookSetting>('/api/v1/settings/webhooks'),
});
const deliveriesQuery = (id: string) =>
  queryOptions({
    queryKey: ['webhooks', 'deliveries', id],
    queryFn: async () =>
      (await api<{ data: WebhookDelivery[] }>(`/api/v1/webhooks/${id}/deliveries`, { query: { limit: 50 } }))
        .data,
  });

const statusColours: Record<WebhookDelivery['status'], string> = {
  pending: 'yellow',
  sending: 'blue',
  delivered: 'green',
  failed: 'red',
};

function Deliveries({ webhook }: { webhook: Webhook }) {
  // While a delivery is waiting or being sent, look again every few seconds to show its result.
  const deliveries = useQuery({
    ...deliveriesQuery(webhook.id),
    refetchInterval: (query) =>
      query.state.data?.some((d) => d.status === 'pending' || d.status === 'sending') ? 2000 : false,
  });
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<string | null>(null);
  const again = useMutation({
    mutationFn: (delivery: WebhookDelivery) =>
      api<WebhookDelivery>(`/api/v1/webhooks/${webhook.id}/deliveries/${delivery.id}/send-again`, {
        method: 'POST',
      }),
    onSuccess: async () => {
      await refresh(queryClient, 'webhooks');
      notifications.show({ color: 'teal', message: 'Queued to send again, with the same webhook-id' });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });

  if (deliveries.isPending) return <LoadingState label="Loading deliveries…" />;
  if (deliveries.isError)
    return <ErrorState error={deliveries.error} onRetry={() => void deliveries.refetch()} />;
  const items = deliveries.data;
  return (
    <Stack gap="xs" data-testid="webhook-deliveries">
      <Group justify="space-between">
        <Text fw={600} size="sm">
          Deliveries
        </Text>
        <Button size="compact-sm" variant="subtle" onClick={() => void deliveries.refetch()}>
          Refresh
        </Button>
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing sent yet: deliveries appear here when one of the chosen events happens.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Event</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Attempts</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((d) => (
                <Fragment key={d.id}>
                  <Table.Tr data-testid="webhook-delivery">
                    <Table.Td>
                      <Code>{d.eventType}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={statusColours[d.status]} variant="light" size="sm">
                        {d.status}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{d.attempts}</Table.Td>
                    <Table.Td>{formatDateTime(d.createdAt)}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          onClick={() => setOpen(open === d.id ? null : d.id)}
                          aria-expanded={open === d.id}
                        >
                          {open === d.id ? 'Hide' : 'Details'}
                        </Button>
                        {d.status === 'delivered' || d.status === 'failed' ? (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            loading={again.isPending && again.variables?.id === d.id}
                            disabled={!webhook.enabled}
                            onClick={() => again.mutate(d)}
                          >
                            Send again
                          </Button>
                        ) : null}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                  {open === d.id ? (
                    <Table.Tr>
                      <Table.Td colSpan={5}>
                        <Stack gap="xs">
                          <Text size="xs">
                            webhook-id <Code>{d.eventId}</Code>
                            {d.deliveredAt ? ` · delivered ${formatDateTime(d.deliveredAt)}` : ''}
                            {d.nextAttemptAt ? ` · next attempt ${formatDateTime(d.nextAttemptAt)}` : ''}
                          </Text>
                          {d.lastError ? (
                            <Text size="sm" c="red">
                              {d.lastError}
                            </Text>
                          ) : null}
                          <Text size="xs" fw={600}>
                            Request
                          </Text>
                          <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                            {d.request
                              ? `${Object.entries(d.request.headers)
                                  .map(([k, v]) => `${k}: ${v}`)
                                  .join('\n')}\n\n${d.request.body}`
                              : 'Not sent yet'}
                          </Code>
                          <Text size="xs" fw={600}>
                            Response
                          </Text>
                          <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                            {d.response
                              ? `${d.response.status ?? 'no status'}\n\n${d.response.body ?? ''}`
                              : 'No response'}
                          </Code>
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  ) : null}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function EndpointCard({
  webhook,
  onSecret,
  onDelete,
}: {
  webhook: Webhook;
  onSecret: (url: string, secret: string) => void;
  onDelete: (webhook: Webhook) => void;
}) {
  const queryClient = useQueryClient();
  const [showDeliveries, setShowDeliveries] = useState(false);
  const toggle = useMutation({
    mutationFn: () =>
      api<Webhook>(`/api/v1/webhooks/${webhook.id}`, {
        method: 'PATCH',
        body: { enabled: !webhook.enabled },
      }),
    onSuccess: async (w) => {
      await refresh(queryClient, 'webhooks');
      notifications.show({
        color: 'teal',
        message: w.enabled ? 'Endpoint turned on' : 'Endpoint turned off',
      });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const rotate = useMutation({
    mutationFn: () =>
      api<WebhookWithSecret>(`/api/v1/webhooks/${webhook.id}/rotate-secret`, {
        method: 'POST',
        body: { overlapHours: 24 },
      }),
    onSuccess: async (w) => {
      onSecret(w.url, w.secret);
      await refresh(queryClient, 'webhooks');
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });

  return (
    <Card withBorder component="li" data-testid="webhook-endpoint">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text fw={600} style={{ wordBreak: 'break-all' }}>
          {webhook.url}
        </Text>
        <Badge color={webhook.enabled ? 'green' : 'gray'} variant="light">
          {webhook.enabled ? 'On' : 'Off'}
        </Badge>
      </Group>
      {webhook.description ? (
        <Text size="sm" c="dimmed">
          {webhook.description}
        </Text>
      ) : null}
      <Text size="xs" mt={4}>
        {webhook.eventTypes.map((t) => eventLabels[t as keyof typeof eventLabels] ?? t).join(' · ')}
      </Text>
      {webhook.disabledReason ? (
        <Alert color="gray" mt="xs" p="xs">
          {webhook.disabledReason}
        </Alert>
      ) : null}
      {webhook.previousSecretExpiresAt ? (
        <Text size="xs" c="dimmed" mt={4}>
          The previous secret also signs until {formatDateTime(webhook.previousSecretExpiresAt)}.
        </Text>
      ) : null}
      <Group gap="xs" mt="sm">
        <Button size="compact-sm" variant="default" onClick={() => setShowDeliveries((v) => !v)}>
          {showDeliveries ? 'Hide deliveries' : 'Deliveries'}
        </Button>
        <Button
          size="compact-sm"
          variant="default"
          loading={toggle.isPending}
          onClick={() => toggle.mutate()}
        >
          {webhook.enabled ? 'Turn off' : 'Turn on'}
        </Button>
        <Button
          size="compact-sm"
          variant="default"
          loading={rotate.isPending}
          onClick={() => rotate.mutate()}
        >
          Rotate secret
        </Button>
        <Button size="compact-sm" variant="subtle" color="red" onClick={() => onDelete(webhook)}>
          Delete
        </Button>
      </Group>
      {showDeliveries ? (
        <Stack mt="sm">
          <Deliveries webhook={webhook} />
        </Stack>
      ) : null}
    </Card>
  );
}

export function WebhooksPage() {
  const me = useMe();
  const admin = isAdmin(me);
  const webhooks = useQuery({ ...webhooksQuery, enabled: admin });
  const setting = useQuery({ ...settingQuery, enabled: admin });
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const form = useForm<CreateValues>({
    mode: 'controlled',
    initialValues: { url: '', description: '', eventTypes: [] },
    validate: zodResolver(webhookCreateSchema),
  });

  const create = useMutation({
    mutationFn: (body: z.output<typeof webhookCreateSchema>) =>
      api<WebhookWithSecret>('/api/v1/webhooks', { method: 'POST', body }),
    onSuccess: async (w) => {
      setSecret({ url: w.url, secret: w.secret });
      form.reset();
      await refresh(queryClient, 'webhooks');
    },
    onError: (error) => setFormError(applyApiError(form, error)),
  });
  const saveSetting = useMutation({
    mutationFn: (allowPrivateAddresses: boolean) =>
      api<WebhookSetting>('/api/v1/settings/webhooks', { method: 'PUT', body: { allowPrivateAddresses } }),
    onSuccess: async () => refresh(queryClient, 'webhooks'),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const remove = useMutation({
    mutationFn: (w: Webhook) => api<null>(`/api/v1/webhooks/${w.id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      setDeleting(null);
      await refresh(queryClient, 'webhooks');
    },
  });

  if (!admin) {
    return (
      <Alert color="gray" title="For admins">
        Webhooks send your organisation's hiring events to other systems, so only admins manage them.
      </Alert>
    );
  }
  const items = webhooks.data ?? [];

  return (
    <section aria-labelledby="webhooks-heading">
      <Title order={2} size="h3" id="webhooks-heading" mb="xs">
        Webhooks
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Followspot POSTs each chosen event to your endpoint as JSON, signed per the Standard Webhooks
        specification (<Code>webhook-id</Code>, <Code>webhook-timestamp</Code>, <Code>webhook-signature</Code>
        ). A failed delivery is retried for about a day; an endpoint that fails for a whole day is turned off
        and the admins are emailed.
      </Text>

      <Card withBorder mb="lg">
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setFormError(null);
            setSecret(null);
            create.mutate(webhookCreateSchema.parse(values));
          })}
        >
          <Stack gap="sm">
            <TextInput
              label="Endpoint URL"
              description="http or https; where your system receives the events"
              placeholder="https://ats.example.co.uk/hooks/followspot"
              required
              {...form.getInputProps('url')}
            />
            <TextInput
              label="Description"
              description="Optional: what receives them"
              {...form.getInputProps('description')}
            />
            <Checkbox.Group label="Events" required {...form.getInputProps('eventTypes')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
                {webhookEventTypeSchema.options.map((type) => (
                  <Checkbox key={type} value={type} label={eventLabels[type]} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Group>
              <Button type="submit" loading={create.isPending}>
                Add endpoint
              </Button>
            </Group>
            <FormAlert message={formError} title="No endpoint added" />
          </Stack>
        </form>
        {secret ? (
          <Stack mt="md">
            <OneTimeSecret
              title={`Signing secret for ${secret.url}`}
              value={secret.secret}
              copyLabel="Copy secret"
              testId="webhook-secret"
              onDone={() => setSecret(null)}
            >
              Give it to the receiving system to verify signatures. It is shown only once; if it is lost,
              rotate it.
            </OneTimeSecret>
          </Stack>
        ) : null}
      </Card>

      <Switch
        mb="lg"
        label="Allow endpoints on loopback and private addresses"
        description="Only for a receiver on your own network. Otherwise such addresses are refused, to protect internal services."
        checked={
          saveSetting.isPending ? saveSetting.variables : (setting.data?.allowPrivateAddresses ?? false)
        }
        disabled={setting.isPending || saveSetting.isPending}
        onChange={(e) => saveSetting.mutate(e.currentTarget.checked)}
      />

      {webhooks.isPending ? (
        <LoadingState label="Loading endpoints…" />
      ) : webhooks.isError ? (
        <ErrorState error={webhooks.error} onRetry={() => void webhooks.refetch()} />
      ) : items.length === 0 ? (
        <Empty
          title="No webhook endpoints yet"
          description="Add one to tell another system, such as an applicant tracking system, what happens here."
        />
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((w) => (
            <EndpointCard
              key={w.id}
              webhook={w}
              onSecret={(url, s) => setSecret({ url, secret: s })}
              onDelete={setDeleting}
            />
          ))}
        </Stack>
      )}

      <ConfirmModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete this endpoint?"
        confirmLabel="Delete endpoint"
        cancelLabel="Keep it"
        onConfirm={() => deleting && remove.mutate(deleting)}
        loading={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
      >
        Events stop going to {deleting?.url} and its delivery log is deleted.
      </ConfirmModal>
    </section>
  );
}
