import { Alert, Button, Card, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { api } from '../api/client';
import { meQuery, useMe } from '../api/queries';
import { accountNameSchema, emailChangeRequestSchema, passwordChangeSchema } from '../api/types';
import { PageHeader } from '../components/PageHeader';
import { SecretInput } from '../components/PublicLayout';
import { FormAlert } from '../components/states';
import { applyApiError } from '../lib/formErrors';
import { zodResolver } from '../lib/zodResolver';

type NameValues = z.input<typeof accountNameSchema>;
type PasswordValues = z.input<typeof passwordChangeSchema>;
type EmailValues = z.input<typeof emailChangeRequestSchema>;

/** A member's own account: their name, email address (confirmed from the new address) and password. */
export function AccountPage() {
  const me = useMe();
  const queryClient = useQueryClient();
  const [nameError, setNameError] = useState<string | null>(null);
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [emailError, setEmailError] = useState<string | null>(null);
  const [emailSent, setEmailSent] = useState<string | null>(null);

  const nameForm = useForm<NameValues>({
    mode: 'controlled',
    initialValues: { name: me.user.name },
    validate: zodResolver(accountNameSchema),
  });
  const passwordForm = useForm<PasswordValues>({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '' },
    validate: zodResolver(passwordChangeSchema),
  });

  const emailForm = useForm<EmailValues>({
    mode: 'controlled',
    initialValues: { email: '' },
    validate: zodResolver(emailChangeRequestSchema),
  });

  const saveName = useMutation({
    mutationFn: (body: z.output<typeof accountNameSchema>) => api('/api/v1/me/name', { method: 'PUT', body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
      notifications.show({ color: 'teal', message: 'Your name is saved' });
    },
    onError: (error) => setNameError(applyApiError(nameForm, error)),
  });
  const askEmail = useMutation({
    mutationFn: (body: z.output<typeof emailChangeRequestSchema>) =>
      api<{ message: string }>('/api/v1/me/email', { method: 'POST', body }),
    onSuccess: (answer) => {
      emailForm.reset();
      setEmailSent(answer.message);
    },
    onError: (error) => setEmailError(applyApiError(emailForm, error)),
  });
  const savePassword = useMutation({
    mutationFn: (body: z.output<typeof passwordChangeSchema>) =>
      api('/api/v1/me/password', { method: 'PUT', body }),
    onSuccess: () => {
      passwordForm.reset();
      notifications.show({
        color: 'teal',
        message: 'Your password is changed, and you are signed out everywhere else',
      });
    },
    onError: (error) => setPasswordError(applyApiError(passwordForm, error)),
  });

  return (
    <Stack gap="lg" maw={560}>
      <PageHeader title="Your account" description={`Signed in as ${me.user.email}.`} />
      <Card withBorder component="section" aria-labelledby="account-name">
        <form
          noValidate
          onSubmit={nameForm.onSubmit((values) => {
            setNameError(null);
            saveName.mutate(accountNameSchema.parse(values));
          })}
        >
          <Stack gap="sm">
            <Title order={2} size="h4" id="account-name">
              Name
            </Title>
            <TextInput label="Your name" required autoComplete="name" {...nameForm.getInputProps('name')} />
            <FormAlert message={nameError} title="Name not saved" />
            <Button type="submit" loading={saveName.isPending} style={{ alignSelf: 'flex-start' }}>
              Save name
            </Button>
          </Stack>
        </form>
      </Card>
      <Card withBorder component="section" aria-labelledby="account-email">
        <form
          noValidate
          onSubmit={emailForm.onSubmit((values) => {
            setEmailError(null);
            setEmailSent(null);
            askEmail.mutate(emailChangeRequestSchema.parse(values));
          })}
        >
          <Stack gap="sm">
            <Title order={2} size="h4" id="account-email">
              Email address
            </Title>
            <Text size="sm">
              You sign in with {me.user.email}. To change it, give the new address: we email it a link to
              confirm, and tell this one once it is changed.
            </Text>
            <TextInput
              label="New email address"
              type="email"
              required
              autoComplete="email"
              {...emailForm.getInputProps('email')}
            />
            {emailSent ? (
              <Alert color="teal" title="Check the new address's inbox" role="status">
                {emailSent}
              </Alert>
            ) : null}
            <FormAlert message={emailError} title="Email address not changed" />
            <Button type="submit" loading={askEmail.isPending} style={{ alignSelf: 'flex-start' }}>
              Send the confirmation link
            </Button>
          </Stack>
        </form>
      </Card>
      <Card withBorder component="section" aria-labelledby="account-password">
        <form
          noValidate
          onSubmit={passwordForm.onSubmit((values) => {
            setPasswordError(null);
            savePassword.mutate(passwordChangeSchema.parse(values));
          })}
        >
          <Stack gap="sm">
            <Title order={2} size="h4" id="account-password">
              Password
            </Title>
            <Text size="sm">Changing it signs you out on every other device.</Text>
            <SecretInput
              label="Current password"
              required
              autoComplete="current-password"
              {...passwordForm.getInputProps('currentPassword')}
            />
            <SecretInput
              label="New password"
              description="At least 10 characters"
              required
              autoComplete="new-password"
              {...passwordForm.getInputProps('newPassword')}
            />
            <FormAlert message={passwordError} title="Password not changed" />
            <Button type="submit" loading={savePassword.isPending} style={{ alignSelf: 'flex-start' }}>
              Change password
            </Button>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
