import { Alert, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { canManageHiring, isAdmin, templatesQuery, useMe } from '../../api/queries';
import type { TemplateSummary } from '../../api/types';
import { AnchorLink } from '../../components/links';
import { Empty, ErrorState, LoadingState } from '../../components/states';
import { formatDate } from '../../lib/dates';
import { audienceLabels } from '../../lib/messages';

const audiences = ['candidate', 'member', 'email'] as const;

function TemplateCard({ template, admin }: { template: TemplateSummary; admin: boolean }) {
  return (
    <Card withBorder component="li" padding="md" data-testid="template-card">
      <Stack gap={6} h="100%">
        <AnchorLink
          to="/settings/templates/$key"
          params={{ key: template.key }}
          className="row-link"
          aria-label={`${admin ? 'Edit' : 'Read'} the ${template.name} template`}
        >
          {template.name}
        </AnchorLink>
        <Text size="sm" c="dimmed">
          {template.description}
        </Text>
        <Group gap="xs" mt="auto" pt={4} wrap="wrap">
          <Badge variant="light" color="indigo" radius="sm">
            Version {template.currentVersion}
          </Badge>
          <Badge variant="light" color={template.customised ? 'grape' : 'gray'} radius="sm">
            {template.customised ? 'Your wording' : 'Built-in wording'}
          </Badge>
          {template.customised && template.updatedAt ? (
            <Text size="xs" c="dimmed">
              Changed {formatDate(template.updatedAt)}
            </Text>
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}

export function TemplatesPage() {
  const me = useMe();
  const admin = isAdmin(me);
  const templates = useQuery({ ...templatesQuery, enabled: canManageHiring(me) });
  const items = templates.data ?? [];

  return (
    <section aria-labelledby="templates-heading">
      <Title order={2} size="h3" id="templates-heading" mb="xs">
        Email templates
      </Title>
      <Text size="sm" c="dimmed" mb="md" maw={760}>
        The words of every email Followspot sends. {admin ? 'Change' : 'An admin can change'} the subject and
        the Markdown body, with variables such as the candidate's name filled in when the email is written.
        Saving makes a new version; emails already written keep the version they were written with.
      </Text>
      {!canManageHiring(me) ? (
        <Alert color="gray">Email templates are for admins and hiring managers.</Alert>
      ) : templates.isPending ? (
        <LoadingState label="Loading templates…" />
      ) : templates.isError ? (
        <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />
      ) : items.length === 0 ? (
        <Empty
          title="No templates"
          description="Reload the page: the built-in templates are always listed."
        />
      ) : (
        <Stack gap="lg">
          {!admin ? (
            <Alert color="gray">
              You can read the templates and preview them; only admins can change them.
            </Alert>
          ) : null}
          {audiences.map((audience) => {
            const group = items.filter((t) => t.audience === audience);
            if (group.length === 0) return null;
            return (
              <section key={audience} aria-labelledby={`templates-${audience}`}>
                <Title order={3} size="h5" id={`templates-${audience}`} mb="xs">
                  {audienceLabels[audience]}
                </Title>
                <SimpleGrid
                  cols={{ base: 1, sm: 2, lg: 3 }}
                  spacing="sm"
                  component="ul"
                  style={{ listStyle: 'none', padding: 0, margin: 0 }}
                >
                  {group.map((t) => (
                    <TemplateCard key={t.key} template={t} admin={admin} />
                  ))}
                </SimpleGrid>
              </section>
            );
          })}
        </Stack>
      )}
    </section>
  );
}
