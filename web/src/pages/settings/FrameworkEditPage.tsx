import {
  Accordion,
  Alert,
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { frameworkUpdateSchema } from '../../../../src/features/frameworks/frameworks.schema.ts';
import { api } from '../../api/client';
import { frameworkQuery, isAdmin, refresh, useMe } from '../../api/queries';
import type { Framework, FrameworkUpdate } from '../../api/types';
import { AnchorLink } from '../../components/links';
import { ErrorState, FormAlert, LoadingState } from '../../components/states';
import { descriptorKeys, levelName, ratingLevels } from '../../lib/assessment';
import { applyApiError } from '../../lib/formErrors';
import { zodResolver } from '../../lib/zodResolver';
import { CopyFrameworkButton } from './CopyFrameworkButton';

const route = getRouteApi('/_app/settings/frameworks/$frameworkId/edit');

interface KitValues {
  kind: 'question' | 'practical';
  prompt: string;
  lookFor: string;
}
interface TrainingValues {
  id: string;
  name: string;
  provider: string;
  form: string;
  builds: string;
  url: string;
  forLevels: string[];
}
interface CriterionValues {
  /** Only for the form: React keys and which accordion items are open. */
  uid: string;
  /** Criteria from the saved version keep their key: ratings are stored against it. */
  existing: boolean;
  key: string;
  name: string;
  definition: string;
  descriptors: { notYetShown: string; developing: string; competent: string; strong: string };
  kit: KitValues[];
  training: TrainingValues[];
  standards: string[];
}
interface Values {
  name: string;
  description: string;
  criteria: CriterionValues[];
}
type Form = UseFormReturnType<Values>;

let uidCounter = 0;
const uid = () => `c${++uidCounter}`;

function valuesOf(f: Framework): Values {
  return {
    name: f.name,
    description: f.description ?? '',
    criteria: f.criteria.map((c) => ({
      uid: uid(),
      existing: true,
      key: c.key,
      name: c.name,
      definition: c.definition,
      descriptors: { ...c.descriptors },
      kit: c.kit.map((k) => ({ ...k })),
      training: c.training.map((t) => ({ ...t, url: t.url ?? '', forLevels: t.forLevels.map(String) })),
      standards: [...c.standards],
    })),
  };
}

function toInput(values: Values): FrameworkUpdate {
  return {
    name: values.name,
    description: values.description.trim() || null,
    criteria: values.criteria.map((c) => ({
      key: c.key,
      name: c.name,
      definition: c.definition,
      descriptors: c.descriptors,
      kit: c.kit,
      training: c.training.map((t) => ({
        ...t,
        url: t.url.trim() || null,
        forLevels: t.forLevels
          .map(Number)
          .filter((l): l is 1 | 2 | 3 | 4 => l === 1 || l === 2 || l === 3 || l === 4)
          .sort(),
      })),
      standards: c.standards,
    })),
  };
}

/** "Stage management" → "stage_management": a key suggestion for a new criterion. */
function keyFrom(name: string): string {
  const key = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 48);
  return key.length >= 2 ? key : '';
}

function hasErrorsUnder(form: Form, prefix: string): boolean {
  return Object.keys(form.errors).some((k) => k === prefix || k.startsWith(`${prefix}.`));
}

function CriterionEditor({ form, index, count }: { form: Form; index: number; count: number }) {
  const path = `criteria.${index}` as const;
  const c = form.values.criteria[index]!;
  return (
    <Stack gap="sm">
      <Group gap="xs" wrap="wrap">
        <Button
          size="compact-sm"
          variant="default"
          disabled={index === 0}
          onClick={() => form.reorderListItem('criteria', { from: index, to: index - 1 })}
          aria-label={`Move ${c.name || 'this criterion'} up`}
        >
          Move up
        </Button>
        <Button
          size="compact-sm"
          variant="default"
          disabled={index === count - 1}
          onClick={() => form.reorderListItem('criteria', { from: index, to: index + 1 })}
          aria-label={`Move ${c.name || 'this criterion'} down`}
        >
          Move down
        </Button>
        <Button
          size="compact-sm"
          variant="subtle"
          color="red"
          disabled={count === 1}
          onClick={() => form.removeListItem('criteria', index)}
          aria-label={`Remove ${c.name || 'this criterion'}`}
        >
          Remove criterion
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label="Name"
          required
          {...form.getInputProps(`${path}.name`)}
          onBlur={(event) => {
            if (!c.existing && !c.key) form.setFieldValue(`${path}.key`, keyFrom(event.currentTarget.value));
          }}
        />
        <TextInput
          label="Key"
          required
          disabled={c.existing}
          description={
            c.existing
              ? 'Fixed: ratings are stored against it'
              : '2–48 lower-case letters, digits or _; fixed once saved'
          }
          {...form.getInputProps(`${path}.key`)}
        />
      </SimpleGrid>
      <Textarea
        label="Definition"
        required
        autosize
        minRows={2}
        {...form.getInputProps(`${path}.definition`)}
      />

      <Fieldset legend="Level descriptors: what the interviewer sees or hears at each level" variant="filled">
        <Stack gap="xs">
          {ratingLevels.map((level) => (
            <Textarea
              key={level}
              label={levelName(level)}
              required
              autosize
              minRows={2}
              {...form.getInputProps(`${path}.descriptors.${descriptorKeys[level]}`)}
            />
          ))}
        </Stack>
      </Fieldset>

      <Fieldset legend={`Interview kit (${c.kit.length} of 8)`} variant="filled">
        <Stack gap="xs">
          {c.kit.length === 0 ? (
            <Text size="sm" c="dimmed">
              No questions or tasks yet: add 2–4 so interviewers ask everyone the same.
            </Text>
          ) : null}
          {c.kit.map((item, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: form fields are addressed by index; values come from form state
            <Paper key={`${c.uid}-kit-${k}`} withBorder p="xs">
              <Stack gap="xs">
                <Group justify="space-between" gap="xs">
                  <NativeSelect
                    label={`Item ${k + 1}`}
                    data={[
                      { value: 'question', label: 'Question' },
                      { value: 'practical', label: 'Practical task' },
                    ]}
                    {...form.getInputProps(`${path}.kit.${k}.kind`)}
                  />
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    onClick={() => form.removeListItem(`${path}.kit`, k)}
                    aria-label={`Remove kit item ${k + 1}`}
                  >
                    Remove
                  </Button>
                </Group>
                <Textarea
                  label={item.kind === 'practical' ? 'Task' : 'Question'}
                  required
                  autosize
                  minRows={2}
                  {...form.getInputProps(`${path}.kit.${k}.prompt`)}
                />
                <Textarea
                  label="Listen for: what a good answer shows"
                  required
                  autosize
                  minRows={2}
                  {...form.getInputProps(`${path}.kit.${k}.lookFor`)}
                />
              </Stack>
            </Paper>
          ))}
          <Group>
            <Button
              size="xs"
              variant="light"
              disabled={c.kit.length >= 8}
              onClick={() =>
                form.insertListItem(`${path}.kit`, { kind: 'question', prompt: '', lookFor: '' })
              }
            >
              Add a question or task
            </Button>
          </Group>
        </Stack>
      </Fieldset>

      <Fieldset legend={`Training (${c.training.length} of 20)`} variant="filled">
        <Stack gap="xs">
          {c.training.length === 0 ? (
            <Text size="sm" c="dimmed">
              None yet: feedback for this criterion draws its training suggestions from here.
            </Text>
          ) : null}
          {c.training.map((t, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: form fields are addressed by index; values come from form state
            <Paper key={`${c.uid}-training-${k}`} withBorder p="xs">
              <Stack gap="xs">
                <Group justify="space-between" gap="xs">
                  <Text size="sm" fw={600}>
                    {t.name || `Training ${k + 1}`}
                  </Text>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    onClick={() => form.removeListItem(`${path}.training`, k)}
                    aria-label={`Remove ${t.name || `training ${k + 1}`}`}
                  >
                    Remove
                  </Button>
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                  <TextInput label="Name" required {...form.getInputProps(`${path}.training.${k}.name`)} />
                  <TextInput
                    label="Id"
                    required
                    description="Stable, e.g. dante-level-1"
                    {...form.getInputProps(`${path}.training.${k}.id`)}
                  />
                  <TextInput
                    label="Provider"
                    required
                    {...form.getInputProps(`${path}.training.${k}.provider`)}
                  />
                  <TextInput
                    label="Level or form"
                    required
                    description="e.g. Level 1, online"
                    {...form.getInputProps(`${path}.training.${k}.form`)}
                  />
                </SimpleGrid>
                <Textarea
                  label="What it builds"
                  required
                  autosize
                  minRows={2}
                  {...form.getInputProps(`${path}.training.${k}.builds`)}
                />
                <TextInput
                  label="Web address"
                  type="url"
                  placeholder="https://"
                  {...form.getInputProps(`${path}.training.${k}.url`)}
                />
                <Checkbox.Group
                  label="Suggest it to candidates rated"
                  required
                  {...form.getInputProps(`${path}.training.${k}.forLevels`)}
                >
                  <Group gap="md" mt={4}>
                    {ratingLevels.map((level) => (
                      <Checkbox key={level} value={String(level)} label={levelName(level)} />
                    ))}
                  </Group>
                </Checkbox.Group>
              </Stack>
            </Paper>
          ))}
          <Group>
            <Button
              size="xs"
              variant="light"
              disabled={c.training.length >= 20}
              onClick={() =>
                form.insertListItem(`${path}.training`, {
                  id: '',
                  name: '',
                  provider: '',
                  form: '',
                  builds: '',
                  url: '',
                  forLevels: ['1', '2'],
                })
              }
            >
              Add training
            </Button>
          </Group>
        </Stack>
      </Fieldset>

      <Fieldset legend={`Standards it is drawn from (${c.standards.length} of 10)`} variant="filled">
        <Stack gap="xs">
          {c.standards.map((_, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: form fields are addressed by index; values come from form state
            <Group key={`${c.uid}-standard-${k}`} gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                label={`Standard ${k + 1}`}
                style={{ flex: 1 }}
                {...form.getInputProps(`${path}.standards.${k}`)}
              />
              <Button
                size="sm"
                variant="subtle"
                color="red"
                onClick={() => form.removeListItem(`${path}.standards`, k)}
                aria-label={`Remove standard ${k + 1}`}
              >
                Remove
              </Button>
            </Group>
          ))}
          <Group>
            <Button
              size="xs"
              variant="light"
              disabled={c.standards.length >= 10}
              onClick={() => form.insertListItem(`${path}.standards`, '')}
            >
              Add a standard
            </Button>
          </Group>
        </Stack>
      </Fieldset>
    </Stack>
  );
}

function Editor({ framework }: { framework: Framework }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<string[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: valuesOf(framework),
    validate: zodResolver(frameworkUpdateSchema, toInput),
  });
  const latest = framework.latestVersion.version;

  function openWithErrors(errors: Record<string, unknown>) {
    const withErrors = form.values.criteria
      .filter((_, i) => Object.keys(errors).some((k) => k.startsWith(`criteria.${i}.`)))
      .map((c) => c.uid);
    setOpen((o) => [...new Set([...o, ...withErrors])]);
  }

  return (
    <form
      noValidate
      onSubmit={form.onSubmit(
        async (values) => {
          setFormError(null);
          setSaving(true);
          try {
            const saved = await api<Framework>(`/api/v1/frameworks/${framework.id}`, {
              method: 'PUT',
              body: frameworkUpdateSchema.parse(toInput(values)),
            });
            queryClient.setQueryData(frameworkQuery(framework.id).queryKey, saved);
            await refresh(queryClient, 'frameworks', 'requirements');
            const next = saved.latestVersion.version;
            notifications.show({
              color: 'teal',
              title: next > latest ? `Saved as version ${next}` : 'Saved',
              message:
                next > latest
                  ? `Scorecards already written keep version ${latest}.`
                  : `The criteria did not change, so it is still version ${next}.`,
            });
            await navigate({
              to: '/settings/frameworks/$frameworkId',
              params: { frameworkId: framework.id },
              search: { version: undefined },
            });
          } catch (error) {
            setFormError(applyApiError(form, error));
            openWithErrors(form.errors);
          } finally {
            setSaving(false);
          }
        },
        (errors) => {
          openWithErrors(errors);
          setFormError('Some fields need attention: the criteria marked below have them.');
        },
      )}
    >
      <Stack gap="md">
        <Alert color="indigo" variant="light">
          <Text size="sm">
            Editing version {latest}. Saving changed criteria creates <strong>version {latest + 1}</strong>:
            scorecards already written keep the version they were written against, and each role keeps its
            version until its requirements are moved on.
          </Text>
        </Alert>
        <TextInput label="Name" required {...form.getInputProps('name')} />
        <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />

        <Group justify="space-between" mt="sm">
          <Title order={3} size="h4">
            Criteria ({form.values.criteria.length} of 20)
          </Title>
          <Group gap="xs">
            <Button
              size="xs"
              variant="subtle"
              onClick={() => setOpen(form.values.criteria.map((c) => c.uid))}
            >
              Open all
            </Button>
            <Button size="xs" variant="subtle" onClick={() => setOpen([])}>
              Close all
            </Button>
          </Group>
        </Group>
        <Accordion multiple value={open} onChange={setOpen} variant="separated" keepMounted={false}>
          {form.values.criteria.map((c, index) => (
            <Accordion.Item key={c.uid} value={c.uid}>
              <Accordion.Control>
                <Group gap="xs" wrap="wrap">
                  <Text fw={600}>{c.name || 'New criterion'}</Text>
                  {hasErrorsUnder(form, `criteria.${index}`) ? (
                    <Badge color="red" size="sm">
                      Needs attention
                    </Badge>
                  ) : null}
                  {!c.existing ? (
                    <Badge color="indigo" variant="light" size="sm">
                      New
                    </Badge>
                  ) : null}
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <CriterionEditor form={form} index={index} count={form.values.criteria.length} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
        <Group>
          <Button
            variant="light"
            disabled={form.values.criteria.length >= 20}
            onClick={() => {
              const item: CriterionValues = {
                uid: uid(),
                existing: false,
                key: '',
                name: '',
                definition: '',
                descriptors: { notYetShown: '', developing: '', competent: '', strong: '' },
                kit: [],
                training: [],
                standards: [],
              };
              form.insertListItem('criteria', item);
              setOpen((o) => [...o, item.uid]);
            }}
          >
            Add a criterion
          </Button>
        </Group>

        <FormAlert message={formError} />
        <Group justify="flex-end" className="action-bar">
          <AnchorLink
            to="/settings/frameworks/$frameworkId"
            params={{ frameworkId: framework.id }}
            search={{ version: undefined }}
          >
            Cancel
          </AnchorLink>
          <Button type="submit" loading={saving}>
            Save as version {latest + 1}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function FrameworkEditPage() {
  const { frameworkId } = route.useParams();
  const me = useMe();
  const framework = useQuery(frameworkQuery(frameworkId));

  if (framework.isPending) return <LoadingState label="Loading the framework…" />;
  if (framework.isError)
    return (
      <>
        <ErrorState error={framework.error} onRetry={() => void framework.refetch()} />
        <AnchorLink to="/settings/frameworks">Back to frameworks</AnchorLink>
      </>
    );
  const f = framework.data;

  return (
    <section aria-labelledby="framework-edit-heading">
      <AnchorLink
        to="/settings/frameworks/$frameworkId"
        params={{ frameworkId: f.id }}
        search={{ version: undefined }}
        size="sm"
      >
        ← {f.name}
      </AnchorLink>
      <Title order={2} size="h3" id="framework-edit-heading" mt="xs" mb="sm">
        Edit {f.name}
      </Title>
      {!isAdmin(me) ? (
        <Alert color="gray">Only admins edit frameworks. You can read this one.</Alert>
      ) : f.builtIn ? (
        <Alert color="gray" title="Built-in frameworks are read-only">
          <Text size="sm" mb="sm">
            So that every scorecard written against it reads the same. Copy it to edit your own version.
          </Text>
          <CopyFrameworkButton framework={f} size="xs" />
        </Alert>
      ) : (
        <Editor key={`${f.id}-${f.latestVersion.version}`} framework={f} />
      )}
    </section>
  );
}
