import { Button, Divider, Fieldset, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { slugify } from '../../../src/features/organisations/organisations.schema.ts';
import {
  type SetupRequestInput,
  type SetupResult,
  setupRequestSchema,
} from '../../../src/features/setup/setup.schema.ts';
import { regionLabels, regions } from '../../../src/features/venues/venues.schema.ts';
import { api, isApiError } from '../api/client';
import { meQuery, setupQuery } from '../api/queries';
import { AnchorLink } from '../components/links';
import { PublicLayout, SecretInput } from '../components/PublicLayout';
import { FormAlert } from '../components/states';
import { applyApiError } from '../lib/formErrors';
import { zodResolver } from '../lib/zodResolver';

interface SetupValues {
  organisation: { name: string; slug: string };
  venue: { name: string; region: (typeof regions)[number]; timezone: string; city: string; postcode: string };
  admin: { name: string; email: string; password: string };
}

export function SetupPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [slugEdited, setSlugEdited] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [alreadySetUp, setAlreadySetUp] = useState(false);

  const form = useForm<SetupValues>({
    mode: 'controlled',
    initialValues: {
      organisation: { name: '', slug: '' },
      venue: { name: '', region: 'england-and-wales', timezone: 'Europe/London', city: '', postcode: '' },
      admin: { name: '', email: '', password: '' },
    },
    validate: zodResolver(setupRequestSchema),
  });

  const setup = useMutation({
    mutationFn: (body: SetupRequestInput) => api<SetupResult>('/api/v1/setup', { method: 'POST', body }),
    onSuccess: async () => {
      queryClient.setQueryData(setupQuery.queryKey, { required: false });
      await queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
      await navigate({ to: '/roles' });
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'setup_complete') {
        queryClient.setQueryData(setupQuery.queryKey, { required: false });
        setAlreadySetUp(true);
      }
      setFormError(applyApiError(form, error));
    },
  });

  const orgName = form.getInputProps('organisation.name');

  return (
    <PublicLayout
      title="Set up Followspot"
      width={640}
      intro="Create your organisation, its first venue and your admin account. You can add more venues and invite your team afterwards."
    >
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFormError(null);
          setup.mutate(setupRequestSchema.parse(values));
        })}
      >
        <Stack gap="lg">
          <Fieldset legend="Your organisation" variant="unstyled">
            <Stack gap="sm">
              <TextInput
                label="Organisation name"
                description="A venue group, or a single venue"
                placeholder="Riverside Arts Group"
                required
                autoComplete="organization"
                {...orgName}
                onChange={(event) => {
                  orgName.onChange(event);
                  if (!slugEdited)
                    form.setFieldValue('organisation.slug', slugify(event.currentTarget.value));
                }}
              />
              <TextInput
                label="Organisation short name"
                description="Lowercase letters, digits and hyphens; used in API keys and exports"
                placeholder="riverside-arts"
                required
                {...form.getInputProps('organisation.slug')}
                onChange={(event) => {
                  setSlugEdited(true);
                  form.setFieldValue('organisation.slug', event.currentTarget.value);
                }}
              />
            </Stack>
          </Fieldset>
          <Divider />
          <Fieldset legend="Your first venue" variant="unstyled">
            <Stack gap="sm">
              <TextInput
                label="Venue name"
                placeholder="Riverside Theatre"
                required
                {...form.getInputProps('venue.name')}
              />
              <NativeSelect
                label="Nation"
                description="Decision deadlines count working days on this nation's bank holidays"
                data={regions.map((r) => ({ value: r, label: regionLabels[r] }))}
                required
                {...form.getInputProps('venue.region')}
              />
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                <TextInput
                  label="City"
                  placeholder="Bristol"
                  autoComplete="address-level2"
                  {...form.getInputProps('venue.city')}
                />
                <TextInput
                  label="Postcode"
                  placeholder="BS1 4ST"
                  autoComplete="postal-code"
                  {...form.getInputProps('venue.postcode')}
                />
              </SimpleGrid>
            </Stack>
          </Fieldset>
          <Divider />
          <Fieldset legend="Your admin account" variant="unstyled">
            <Stack gap="sm">
              <TextInput
                label="Your name"
                required
                autoComplete="name"
                {...form.getInputProps('admin.name')}
              />
              <TextInput
                label="Email"
                type="email"
                required
                autoComplete="email"
                {...form.getInputProps('admin.email')}
              />
              <SecretInput
                label="Password"
                description="At least 10 characters"
                required
                autoComplete="new-password"
                {...form.getInputProps('admin.password')}
              />
            </Stack>
          </Fieldset>
          <FormAlert message={formError} title="Setup did not finish" />
          {alreadySetUp ? (
            <Text size="sm">
              <AnchorLink to="/sign-in">Go to sign in</AnchorLink>
            </Text>
          ) : null}
          <Button type="submit" size="md" loading={setup.isPending}>
            Set up Followspot
          </Button>
        </Stack>
      </form>
    </PublicLayout>
  );
}
