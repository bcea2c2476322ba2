import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { api } from '../../api/client';
import { invitationsQuery, isAdmin, membersQuery, refresh, useMe } from '../../api/queries';
import {
  type Invitation,
  type InvitationCreated,
  invitationCreateSchema,
  type Member,
  type MemberRole,
  memberRoleHints,
  memberRoleLabels,
  memberRoles,
} from '../../api/types';
import { ConfirmModal } from '../../components/ConfirmModal';
import { OneTimeSecret } from '../../components/OneTimeSecret';
import { Empty, ErrorState, FormAlert, LoadingState } from '../../components/states';
import { formatDate } from '../../lib/dates';
import { applyApiError, errorMessage } from '../../lib/formErrors';
import { useIsDesktop } from '../../lib/useIsDesktop';
import { zodResolver } from '../../lib/zodResolver';

const roleOptions = memberRoles.map((r) => ({ value: r, label: memberRoleLabels[r] }));

function RoleSelect({ member, disabled }: { member: Member; disabled: boolean }) {
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (role: MemberRole) =>
      api<Member>(`/api/v1/members/${member.id}`, { method: 'PATCH', body: { role } }),
    onSuccess: async (updated) => {
      await refresh(queryClient, 'members', 'me');
      notifications.show({
        color: 'teal',
        message: `${updated.name} is now ${memberRoleLabels[updated.role].toLowerCase()}`,
      });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Role not changed', message: errorMessage(error) }),
  });
  if (disabled) return <Text size="sm">{memberRoleLabels[member.role]}</Text>;
  return (
    <NativeSelect
      aria-label={`Role of ${member.name}`}
      data={roleOptions}
      value={change.isPending ? change.variables : member.role}
      disabled={change.isPending}
      onChange={(event) => change.mutate(event.currentTarget.value as MemberRole)}
      size="xs"
      maw={180}
    />
  );
}

type InviteValues = z.input<typeof invitationCreateSchema>;

function InviteForm() {
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<InvitationCreated | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<InviteValues>({
    mode: 'controlled',
    initialValues: { email: '', role: 'interviewer' },
    validate: zodResolver(invitationCreateSchema),
  });
  const invite = useMutation({
    mutationFn: (body: z.output<typeof invitationCreateSchema>) =>
      api<InvitationCreated>('/api/v1/invitations', { method: 'POST', body }),
    onSuccess: async (result) => {
      setCreated(result);
      form.reset();
      await refresh(queryClient, 'invitations', 'messages');
    },
    onError: (error) => setFormError(applyApiError(form, error)),
  });
  const role = form.getValues().role as MemberRole;

  return (
    <Card withBorder>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFormError(null);
          setCreated(null);
          invite.mutate(invitationCreateSchema.parse(values));
        })}
      >
        <Stack gap="sm">
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label="Email"
              type="email"
              required
              autoComplete="off"
              style={{ flex: '2 1 16rem' }}
              {...form.getInputProps('email')}
            />
            <NativeSelect
              label="Role"
              data={roleOptions}
              style={{ flex: '1 1 12rem' }}
              {...form.getInputProps('role')}
            />
          </Group>
          <Text size="xs" c="dimmed">
            {memberRoleLabels[role]}: {memberRoleHints[role].toLowerCase()}.
          </Text>
          <FormAlert message={formError} title="Not invited" />
          <Group>
            <Button type="submit" loading={invite.isPending}>
              Invite
            </Button>
          </Group>
        </Stack>
      </form>
      {created ? (
        <Stack mt="md">
          <OneTimeSecret
            title={`Invitation link for ${created.invitation.email}`}
            value={created.link}
            copyLabel="Copy link"
            testId="invitation-link"
            onDone={() => setCreated(null)}
          >
            An invitation email to {created.invitation.email} is in Messages: it goes out now, or is held
            there until email sending is set up. You can also copy this link and send it yourself. It is shown
            only once and works until {formatDate(created.invitation.expiresAt)}. If it gets lost, invite them
            again for a new link.
          </OneTimeSecret>
        </Stack>
      ) : null}
    </Card>
  );
}

function Invitations() {
  const invitations = useQuery(invitationsQuery);
  const queryClient = useQueryClient();
  const [cancelling, setCancelling] = useState<Invitation | null>(null);
  const cancel = useMutation({
    mutationFn: (invitation: Invitation) =>
      api<Invitation>(`/api/v1/invitations/${invitation.id}/cancel`, { method: 'POST', body: {} }),
    onSuccess: async () => {
      setCancelling(null);
      await refresh(queryClient, 'invitations');
      notifications.show({ color: 'teal', message: 'Invitation cancelled: its link no longer works' });
    },
  });

  const items = invitations.data ?? [];
  return (
    <section aria-labelledby="invitations-heading">
      <Title order={2} size="h3" id="invitations-heading" mt="xl" mb="sm">
        Invitations waiting
      </Title>
      {invitations.isPending ? (
        <LoadingState label="Loading invitations…" />
      ) : invitations.isError ? (
        <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No invitations waiting to be accepted.
        </Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((inv) => (
            <Card withBorder padding="sm" component="li" key={inv.id}>
              <Group justify="space-between" gap="xs" wrap="wrap">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {inv.email}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {memberRoleLabels[inv.role]} · invited by {inv.invitedBy.name} on{' '}
                    {formatDate(inv.createdAt)} · link works until {formatDate(inv.expiresAt)}
                  </Text>
                </div>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  onClick={() => setCancelling(inv)}
                  aria-label={`Cancel the invitation for ${inv.email}`}
                >
                  Cancel invitation
                </Button>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      <ConfirmModal
        opened={cancelling !== null}
        onClose={() => setCancelling(null)}
        title="Cancel this invitation?"
        confirmLabel="Cancel invitation"
        cancelLabel="Keep it"
        onConfirm={() => cancelling && cancel.mutate(cancelling)}
        loading={cancel.isPending}
        error={cancel.isError ? errorMessage(cancel.error) : null}
      >
        The link sent to {cancelling?.email} will stop working. You can invite them again later.
      </ConfirmModal>
    </section>
  );
}

export function MembersPage() {
  const me = useMe();
  const admin = isAdmin(me);
  const members = useQuery(membersQuery);
  const queryClient = useQueryClient();
  const desktop = useIsDesktop();
  const [removing, setRemoving] = useState<Member | null>(null);
  const remove = useMutation({
    mutationFn: (member: Member) => api(`/api/v1/members/${member.id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      setRemoving(null);
      await refresh(queryClient, 'members');
      notifications.show({ color: 'teal', message: 'Member removed' });
    },
  });

  const items = members.data ?? [];

  function removeButton(member: Member) {
    if (!admin || member.userId === me.user.id) return null;
    return (
      <Button
        size="compact-sm"
        variant="subtle"
        color="red"
        onClick={() => setRemoving(member)}
        aria-label={`Remove ${member.name}`}
      >
        Remove
      </Button>
    );
  }

  return (
    <>
      <section aria-labelledby="members-heading">
        <Title order={2} size="h3" id="members-heading" mb="xs">
          Members
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          Admins manage everything; hiring managers run roles, candidates and decisions; interviewers see
          their interviews.
        </Text>
        {!admin ? (
          <Alert color="gray" mb="md">
            Only admins can invite people or change roles.
          </Alert>
        ) : null}
        {members.isPending ? (
          <LoadingState label="Loading members…" />
        ) : members.isError ? (
          <ErrorState error={members.error} onRetry={() => void members.refetch()} />
        ) : items.length === 0 ? (
          <Empty title="No members" description="Invite your team below." />
        ) : desktop ? (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Joined</Table.Th>
                  {admin ? (
                    <Table.Th>
                      <span className="visually-hidden">Actions</span>
                    </Table.Th>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      <Text size="sm" fw={600} span>
                        {m.name}
                      </Text>
                      {m.userId === me.user.id ? (
                        <Badge size="xs" variant="light" ml={6}>
                          You
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{m.email}</Table.Td>
                    <Table.Td>
                      <RoleSelect member={m} disabled={!admin} />
                    </Table.Td>
                    <Table.Td>{formatDate(m.joinedAt)}</Table.Td>
                    {admin ? <Table.Td>{removeButton(m)}</Table.Td> : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : (
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {items.map((m) => (
              <Card withBorder padding="sm" component="li" key={m.id}>
                <Text fw={600}>
                  {m.name}
                  {m.userId === me.user.id ? ' (you)' : ''}
                </Text>
                <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {m.email}
                </Text>
                <Group justify="space-between" mt={6}>
                  <RoleSelect member={m} disabled={!admin} />
                  {removeButton(m)}
                </Group>
              </Card>
            ))}
          </Stack>
        )}
      </section>

      {admin ? (
        <>
          <Title order={2} size="h3" mt="xl" mb="sm">
            Invite your team
          </Title>
          <InviteForm />
          <Invitations />
        </>
      ) : null}

      <ConfirmModal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={`Remove ${removing?.name ?? 'this member'}?`}
        confirmLabel="Remove member"
        onConfirm={() => removing && remove.mutate(removing)}
        loading={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
      >
        They will no longer be able to sign in to this organisation. Their past interviews and scorecards stay
        on record.
      </ConfirmModal>
    </>
  );
}
