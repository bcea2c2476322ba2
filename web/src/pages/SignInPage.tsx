import { Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { api, isApiError } from '../api/client';
import { meQuery } from '../api/queries';
import { AnchorLink } from '../components/links';
import { PublicLayout, SecretInput } from '../components/PublicLayout';
import { FormAlert } from '../components/states';
import { zodResolver } from '../lib/zodResolver';

const signInSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('is not an email address')),
  password: z.string().min(1, 'is required'),
});
type SignInValues = z.input<typeof signInSchema>;

const route = getRouteApi('/sign-in');

/** Only a path inside this app: never an address elsewhere. */
function safeRedirect(target: string | undefined): string {
  if (!target?.startsWith('/') || target.startsWith('//') || target.startsWith('/sign-in')) return '/roles';
  return target;
}

export function SignInPage() {
  const { redirect } = route.useSearch();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SignInValues>({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: zodResolver(signInSchema),
  });

  const signIn = useMutation({
    mutationFn: (body: z.output<typeof signInSchema>) =>
      api('/api/auth/sign-in/email', { method: 'POST', body }),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: meQuery.queryKey });
      router.history.push(safeRedirect(redirect));
    },
    onError: (error) => {
      if (isApiError(error) && (error.status === 401 || error.code === 'unauthenticated')) {
        setFormError('That email and password do not match an account: check both and try again.');
      } else {
        setFormError(isApiError(error) ? error.message : 'Signing in failed: try again');
      }
    },
  });

  return (
    <PublicLayout title="Sign in" intro="Sign in to your organisation's hiring workspace.">
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFormError(null);
          signIn.mutate(signInSchema.parse(values));
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
          <SecretInput
            label="Password"
            required
            autoComplete="current-password"
            {...form.getInputProps('password')}
          />
          <FormAlert message={formError} title="Not signed in" />
          <Button type="submit" loading={signIn.isPending} mt="xs">
            Sign in
          </Button>
          <AnchorLink to="/forgot-password" size="sm">
            Forgot password?
          </AnchorLink>
          <Text size="xs" c="dimmed">
            No account yet? Ask an admin of your organisation to invite you.
          </Text>
        </Stack>
      </form>
    </PublicLayout>
  );
}
