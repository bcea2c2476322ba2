import { Alert, Box, Button, Card, ColorInput, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { brandingQuery, isAdmin, refresh, useMe } from '../../api/queries';
import { type Branding, brandingUpdateSchema } from '../../api/types';
import { ErrorState, FormAlert, LoadingState } from '../../components/states';
import { formatDate } from '../../lib/dates';
import { errorMessage } from '../../lib/formErrors';
import { sentence } from '../../lib/zodResolver';

/** The colour emails use when none is chosen (src/mail/layout.ts). */
const defaultBrandColour = '#1c4e80';
const swatches = ['#1c4e80', '#3b2a6b', '#7a1f3d', '#b3261e', '#c2410c', '#0f766e', '#166534', '#111827'];

/** Black or white, whichever reads better on the colour, as the email layout decides. */
function textOn(colour: string): string {
  const channel = (i: number) => {
    const c = Number.parseInt(colour.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.4 ? '#111111' : '#ffffff';
}

const isHex = (value: string) => /^#[0-9a-fA-F]{6}$/.test(value.trim());
const isHttpsUrl = (value: string) => {
  try {
    return new URL(value.trim()).protocol === 'https:';
  } catch {
    return false;
  }
};

/** The top of an email with this logo and colour, as the layout draws it. */
function EmailHeaderPreview({ name, logoUrl, colour }: { name: string; logoUrl: string; colour: string }) {
  const [failed, setFailed] = useState<string | null>(null);
  const onColour = textOn(colour);
  const showLogo = logoUrl !== '' && isHttpsUrl(logoUrl) && failed !== logoUrl;
  return (
    <Box
      p={{ base: 'sm', sm: 'lg' }}
      style={{ background: '#f3f4f6', borderRadius: 'var(--mantine-radius-md)' }}
      data-testid="branding-preview"
    >
      <Box maw={600} mx="auto" style={{ fontFamily: 'Arial, Helvetica, sans-serif' }}>
        <Box style={{ background: colour, padding: '20px 32px', borderRadius: '8px 8px 0 0' }}>
          {showLogo ? (
            <img
              src={logoUrl.trim()}
              alt={name}
              height={48}
              style={{ display: 'block', height: 48, width: 'auto', maxWidth: 240 }}
              onError={() => setFailed(logoUrl)}
            />
          ) : (
            <span style={{ fontSize: 20, lineHeight: '28px', fontWeight: 700, color: onColour }}>{name}</span>
          )}
        </Box>
        <Box style={{ background: '#ffffff', padding: 32, borderRadius: '0 0 8px 8px', color: '#1f2933' }}>
          <p style={{ margin: '0 0 16px', fontSize: 16, lineHeight: '24px' }}>Dear Sam,</p>
          <p style={{ margin: 0, fontSize: 16, lineHeight: '24px' }}>
            Thank you for interviewing for <strong>AV Technician — Main House</strong>.{' '}
            <span style={{ color: colour, textDecoration: 'underline' }}>Links look like this.</span>
          </p>
        </Box>
      </Box>
      {failed === logoUrl && logoUrl ? (
        <Text size="xs" c="red.8" mt="xs" role="status">
          The logo could not be loaded from this address, so emails would show your organisation's name
          instead. Check the address opens the image in a browser.
        </Text>
      ) : null}
    </Box>
  );
}

function BrandingForm({ branding, organisationName }: { branding: Branding; organisationName: string }) {
  const queryClient = useQueryClient();
  const [logoUrl, setLogoUrl] = useState(branding.logoUrl ?? '');
  const [colour, setColour] = useState(branding.brandColour ?? '');
  const [errors, setErrors] = useState<{ logoUrl?: string; brandColour?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const dirty = logoUrl !== (branding.logoUrl ?? '') || colour !== (branding.brandColour ?? '');

  const save = useMutation({
    mutationFn: (body: { logoUrl: string | null; brandColour: string | null }) =>
      api<Branding>('/api/v1/settings/branding', { method: 'PATCH', body }),
    onMutate: () => setFormError(null),
    onSuccess: async (saved) => {
      queryClient.setQueryData(brandingQuery.queryKey, saved);
      setLogoUrl(saved.logoUrl ?? '');
      setColour(saved.brandColour ?? '');
      notifications.show({ color: 'teal', message: 'Branding saved: emails written from now on use it' });
      await refresh(queryClient, 'templates');
    },
    onError: (error) => setFormError(errorMessage(error)),
  });

  function submit() {
    const input = { logoUrl: logoUrl.trim() || null, brandColour: colour.trim() || null };
    const parsed = brandingUpdateSchema.safeParse(input);
    if (!parsed.success) {
      const next: typeof errors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === 'logoUrl' || field === 'brandColour') && !next[field])
          next[field] = sentence(issue.message);
      }
      setErrors(next);
      return;
    }
    setErrors({});
    save.mutate({ logoUrl: parsed.data.logoUrl ?? null, brandColour: parsed.data.brandColour ?? null });
  }

  const previewColour = isHex(colour) ? colour.trim() : defaultBrandColour;
  return (
    <Box className="branding-layout">
      <Card withBorder padding="md">
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Stack gap="sm">
            <TextInput
              label="Logo address"
              description="An https:// link to an image, shown about 48 pixels high at the top of every email. Leave empty to show your organisation's name."
              placeholder="https://www.example-venues.co.uk/logo.png"
              type="url"
              value={logoUrl}
              onChange={(event) => {
                setLogoUrl(event.currentTarget.value);
                setErrors((e) => ({ ...e, logoUrl: undefined }));
              }}
              error={errors.logoUrl}
            />
            <ColorInput
              label="Brand colour"
              description={`The header and link colour of emails. Leave empty for the default, ${defaultBrandColour}.`}
              placeholder={defaultBrandColour}
              format="hex"
              swatches={swatches}
              swatchesPerRow={8}
              value={colour}
              onChange={(value) => {
                setColour(value);
                setErrors((e) => ({ ...e, brandColour: undefined }));
              }}
              error={errors.brandColour}
              withEyeDropper={false}
            />
            <FormAlert message={formError} />
            <Group gap="xs">
              <Button type="submit" loading={save.isPending} disabled={!dirty}>
                Save branding
              </Button>
              {dirty ? (
                <Button
                  variant="default"
                  onClick={() => {
                    setLogoUrl(branding.logoUrl ?? '');
                    setColour(branding.brandColour ?? '');
                    setErrors({});
                  }}
                >
                  Undo changes
                </Button>
              ) : null}
            </Group>
            <Text size="xs" c="dimmed">
              {branding.updatedAt ? `Last changed ${formatDate(branding.updatedAt)}. ` : ''}
              Emails already written keep the look they were written with.
            </Text>
          </Stack>
        </form>
      </Card>
      <Card withBorder padding="md">
        <Title order={3} size="h5" mb="xs">
          How the top of an email looks
        </Title>
        <EmailHeaderPreview name={organisationName} logoUrl={logoUrl} colour={previewColour} />
      </Card>
    </Box>
  );
}

export function BrandingPage() {
  const me = useMe();
  const admin = isAdmin(me);
  const branding = useQuery({ ...brandingQuery, enabled: admin });

  return (
    <section aria-labelledby="branding-heading">
      <Title order={2} size="h3" id="branding-heading" mb="xs">
        Email branding
      </Title>
      <Text size="sm" c="dimmed" mb="md" maw={760}>
        Your logo and colour at the top of every email to candidates and your team.
      </Text>
      {!admin ? (
        <Alert color="gray">Only admins can change the branding of emails.</Alert>
      ) : branding.isPending ? (
        <LoadingState label="Loading branding…" />
      ) : branding.isError ? (
        <ErrorState error={branding.error} onRetry={() => void branding.refetch()} />
      ) : (
        <BrandingForm branding={branding.data} organisationName={me.organisation.name} />
      )}
    </section>
  );
}
