import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { z } from 'zod';
import { api, isApiError } from '../api/client';
import { invitationByTokenQuery, meQuery } from '../api/queries';
import { invitationAcceptSchema, memberRoleHints, memberRoleLabels } from '../api/types';
import { AnchorLink } from '../components/links';
import { PublicLayout, SecretInput } from '../components/PublicLayout';
import { FormAlert, LoadingState } from '../components/states';
import { applyApiError } from '../lib/formErrors';
import { zodResolver } from '../lib/zodResolver';

const route = getRouteApi('/invite/$token');

const statusText: Record<string, string> = {
  accepted: 'This invitation has already been used. Sign in with the email and password you chose.',
  canceled: 'This invitation was cancelled. Ask an admin of the organisation to invite you again.',
  cancelled: 'This invitation was cancelled. Ask an admin of the organisation to invite you again.',
  rejected: 'This invitation was declined. Ask an admin of the organisation to invite you again.',
  expired: 'This invitation has expired. Ask an admin of the organisation to send you a new link.',
};

type AcceptValues = Omit<z.input<typeof invitationAcceptSchema>, 'token'>;

export function InvitePage() {
  const { token } = route.useParams();
  const invitation = useQuery(invitationByTokenQuery(token));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<AcceptValues>({
    mode: 'controlled',
    initialValues: { name: '', password: '' },
    validate: zodResolver(invitationAcceptSchema, (values: AcceptValues) => ({ ...values, token })),
  });

  const accept = useMutation({
    mutationFn: (body: z.output<typeof invitationAcceptSchema>) =>
      api('/api/v1/invitations/accept', { method: 'POST', body }),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: meQuery.queryKey });
      await navigate({ to: '/roles' });
    },
    onError: (error) => setFormError(applyApiError(form, error)),
  });

  if (invitation.isPending) {
    return (
      <PublicLayout title="Join your team">
        <LoadingState label="Checking your invitation…" />
      </PublicLayout>
    );
  }
  if (invitation.isError) {
    const notFound = isApiError(invitation.error) && invitation.error.status === 404;
    return (
      <PublicLayout title="This invitation cannot be used">
        <Alert color="red" role="alert">
          {notFound
            ? 'The link is not valid: check that you copied all of it, or ask an admin of the organisation to send you a new one.'
            : invitation.error.message}
        </Alert>
        <Text size="sm" mt="md">
          Already have an account? <AnchorLink to="/sign-in">Sign in</AnchorLink>
        </Text>
      </PublicLayout>
    );
  }

  const inv = invitation.data;
  if (inv.status !== 'pending') {
    return (
      <PublicLayout title={`Join ${inv.organisationName}`}>
        <Alert color="yellow" role="status">
          {statusText[inv.status] ?? `This invitation is ${inv.status}.`}
        </Alert>
        <Text size="sm" mt="md">
          <AnchorLink to="/sign-in">Go to sign in</AnchorLink>
        </Text>
      </PublicLayout>
    );
  }

  return (
    <PublicLayout
      title={`Join ${inv.organisationName}`}
      intro={
        <>
          You have been invited as <strong>{memberRoleLabels[inv.role] ?? inv.role}</strong> (
          {memberRoleHints[inv.role]?.toLowerCase() ?? 'a member'}). Choose your name and a password to
          finish.
        </>
      }
    >
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFormError(null);
          accept.mutate(invitationAcceptSchema.parse({ ...values, token }));
        })}
      >
        <Stack gap="sm">
          <TextInput
            label="Email"
            value={inv.email}
            readOnly
            description="The invitation is for this address"
          />
          <TextInput label="Your name" required autoComplete="name" {...form.getInputProps('name')} />
          <SecretInput
            label="Password"
            description="At least 10 characters. Already have a Followspot account with this email? Enter its password."
            required
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <FormAlert message={formError} title="You have not joined yet" />
          <Button type="submit" loading={accept.isPending} mt="xs">
            Join {inv.organisationName}
          </Button>
        </Stack>
      </form>
    </PublicLayout>
  );
}
