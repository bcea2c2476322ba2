import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import type { z } from 'zod';
import { api } from '../api/client';
import { passwordResetRequestSchema, passwordResetSchema } from '../api/types';
import { AnchorLink } from '../components/links';
import { PublicLayout, SecretInput } from '../components/PublicLayout';
import { FormAlert } from '../components/states';
import { applyApiError, errorMessage } from '../lib/formErrors';
import { zodResolver } from '../lib/zodResolver';

type RequestValues = z.input<typeof passwordResetRequestSchema>;

/** "Forgot password?": the same answer whatever the address, so it tells nobody who has an account. */
export function ForgotPasswordPage() {
  const [sent, setSent] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<RequestValues>({
    mode: 'controlled',
    initialValues: { email: '' },
    validate: zodResolver(passwordResetRequestSchema),
  });
  const request = useMutation({
    mutationFn: (body: z.output<typeof passwordResetRequestSchema>) =>
      api<{ message: string }>('/api/v1/password-reset/request', { method: 'POST', body }),
    onSuccess: (answer) => setSent(answer.message),
    onError: (error) => setFormError(applyApiError(form, error)),
  });

  return (
    <PublicLayout title="Reset your password" intro="We'll email you a link to choose a new password.">
      {sent ? (
        <Stack gap="sm">
          <Alert color="teal" title="Check your email" role="status">
            {sent} Nothing arrived after a few minutes? Check the address and your spam folder, then ask
            again.
          </Alert>
          <AnchorLink to="/sign-in" search={{}}>
            Back to sign in
          </AnchorLink>
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setFormError(null);
            request.mutate(passwordResetRequestSchema.parse(values));
          })}
        >
          <Stack gap="sm">
            <TextInput
              label="Email"
              type="email"
              required
              autoComplete="username"
              {...form.getInputProps('email')}
            />
            <FormAlert message={formError} title="Not sent" />
            <Button type="submit" loading={request.isPending}>
              Email me a link
            </Button>
            <AnchorLink to="/sign-in" search={{}} size="sm">
              Back to sign in
            </AnchorLink>
          </Stack>
        </form>
      )}
    </PublicLayout>
  );
}

const resetRoute = getRouteApi('/reset-password/$token');
type ResetValues = Omit<z.input<typeof passwordResetSchema>, 'token'> & { confirm: string };

/** The emailed link's page: a new password, once; every session of the account ends. */
export function ResetPasswordPage() {
  const { token } = resetRoute.useParams();
  const [done, setDone] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ResetValues>({
    mode: 'controlled',
    initialValues: { password: '', confirm: '' },
    validate: (values) => {
      const errors = zodResolver(passwordResetSchema, (v: ResetValues) => ({ password: v.password, token }))(
        values,
      );
      if (!errors.password && values.confirm !== values.password) {
        errors.confirm = 'does not match the new password: type it again';
      }
      return errors;
    },
  });
  const reset = useMutation({
    mutationFn: (body: z.output<typeof passwordResetSchema>) =>
      api('/api/v1/password-reset', { method: 'POST', body }),
    onSuccess: () => setDone(true),
    onError: (error) => setFormError(applyApiError(form, error)),
  });

  return (
    <PublicLayout title="Choose a new password">
      {done ? (
        <Stack gap="sm">
          <Alert color="teal" title="Password changed" role="status">
            Your new password is set, and you have been signed out everywhere else. Sign in with it now.
          </Alert>
          <AnchorLink to="/sign-in" search={{}}>
            Sign in
          </AnchorLink>
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setFormError(null);
            reset.mutate(passwordResetSchema.parse({ token, password: values.password }));
          })}
        >
          <Stack gap="sm">
            <SecretInput
              label="New password"
              description="At least 10 characters"
              required
              autoComplete="new-password"
              {...form.getInputProps('password')}
            />
            <SecretInput
              label="New password again"
              required
              autoComplete="new-password"
              {...form.getInputProps('confirm')}
            />
            <FormAlert message={formError} title="Password not changed" />
            <Button type="submit" loading={reset.isPending}>
              Set the new password
            </Button>
            <Text size="sm">
              Link expired? <AnchorLink to="/forgot-password">Ask for a new one</AnchorLink>.
            </Text>
          </Stack>
        </form>
      )}
    </PublicLayout>
  );
}

const confirmEmailRoute = getRouteApi('/confirm-email');

/**
 * The link sent to a member's new address: a button, not the visit, confirms it (mail scanners
 * open links); the old address is then told.
 */
export function ConfirmEmailPage() {
  const { token } = confirmEmailRoute.useSearch();
  const confirm = useMutation({
    mutationFn: () =>
      api<{ email: string }>('/api/v1/me/email/confirm', { method: 'POST', body: { token: token ?? '' } }),
  });

  return (
    <PublicLayout title="Confirm your new email address">
      {confirm.isSuccess ? (
        <Stack gap="sm">
          <Alert color="teal" title="Email address changed" role="status">
            You now sign in with {confirm.data.email}. Your old address has been told of the change.
          </Alert>
          <AnchorLink to="/sign-in" search={{}}>
            Sign in
          </AnchorLink>
        </Stack>
      ) : !token ? (
        <Alert color="red" title="This link is incomplete">
          Open the link from the email again, whole; or ask for a new one on your account page.
        </Alert>
      ) : (
        <Stack gap="sm">
          <Text size="sm">
            Confirm to use this address for your Followspot account. Until you do, you sign in with your
            current one.
          </Text>
          <FormAlert message={confirm.isError ? errorMessage(confirm.error) : null} title="Not changed" />
          <Button
            onClick={() => confirm.mutate()}
            loading={confirm.isPending}
            style={{ alignSelf: 'flex-start' }}
          >
            Confirm the new address
          </Button>
        </Stack>
      )}
    </PublicLayout>
  );
}
