import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Modal,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useBlocker } from '@tanstack/react-router';
import { useEffect, useId, useRef, useState } from 'react';
import { api, isApiError } from '../../api/client';
import { isAdmin, recentApplicationsQuery, refresh, templateQuery, useMe } from '../../api/queries';
import {
  type TemplateDetail,
  type TemplatePreview,
  type TemplateVersion,
  templateUpdateSchema,
} from '../../api/types';
import { ConfirmModal } from '../../components/ConfirmModal';
import { EmailView } from '../../components/EmailView';
import { AnchorLink } from '../../components/links';
import { useDocumentTitle } from '../../components/PageHeader';
import { ErrorState, FormAlert, LoadingState } from '../../components/states';
import { formatDate, formatShortDateTime } from '../../lib/dates';
import { errorMessage } from '../../lib/formErrors';
import { audienceLabels, isTemplateKey, type TemplateKey, templates } from '../../lib/messages';
import {
  isItemField,
  type TemplateVariable,
  variableDescription,
  variableReference,
  variableSnippet,
} from '../../lib/templateVariables';
import { sentence } from '../../lib/zodResolver';

const route = getRouteApi('/_app/settings/templates/$key');

type Part = 'subject' | 'body';
type FieldErrors = Partial<Record<Part, string>>;

/** A template error from the server, on the field it names; the list of allowed variables is beside the editor. */
function fieldErrorsOf(error: unknown): FieldErrors {
  if (!isApiError(error) || error.status !== 400) return {};
  const errors: FieldErrors = {};
  const shorten = (message: string) => {
    const [first, rest] = message.split('. This template can use:');
    return rest !== undefined
      ? `${first}. Use one of the variables listed under the body.`
      : sentence(message);
  };
  for (const issue of error.issues) {
    if ((issue.field === 'subject' || issue.field === 'body') && !errors[issue.field]) {
      errors[issue.field] = sentence(issue.message);
    }
  }
  if (error.issues.length === 0 && (error.field === 'subject' || error.field === 'body')) {
    errors[error.field] = shorten(error.message);
  }
  return errors;
}

function VariableList({
  variables,
  editable,
  target,
  onInsert,
}: {
  variables: TemplateVariable[];
  editable: boolean;
  target: Part;
  onInsert: (variable: TemplateVariable) => void;
}) {
  return (
    <Stack
      gap={2}
      component="ul"
      style={{ listStyle: 'none', padding: 0, margin: 0 }}
      data-testid="variables"
    >
      {variables.map((v) => {
        const inLoop = isItemField(v.path);
        const description = variableDescription(v.path) ?? `For example: ${v.example}`;
        const content = (
          <>
            <Text size="sm" ff="monospace" fw={600} c="indigo.8" style={{ overflowWrap: 'anywhere' }}>
              {variableReference(v)}
            </Text>
            <Text size="xs" c="dimmed">
              {description}
              {inLoop ? ' (inside its list’s loop)' : ''}
              {v.kind === 'list' ? '' : ` · e.g. ${v.example}`}
            </Text>
          </>
        );
        return (
          <li key={v.path} style={{ paddingLeft: inLoop ? 16 : 0 }}>
            {editable ? (
              <UnstyledButton
                className="variable-button"
                onClick={() => onInsert(v)}
                aria-label={`Insert ${variableReference(v)} into the ${v.kind === 'list' || inLoop ? 'body' : target}: ${description}`}
              >
                {content}
              </UnstyledButton>
            ) : (
              <Box px={8} py={6}>
                {content}
              </Box>
            )}
          </li>
        );
      })}
    </Stack>
  );
}

function VersionHistory({
  detail,
  editable,
  onCopy,
}: {
  detail: TemplateDetail;
  editable: boolean;
  onCopy: (version: TemplateVersion) => void;
}) {
  const [viewing, setViewing] = useState<TemplateVersion | null>(null);
  const versions: TemplateVersion[] =
    detail.versions.length > 0
      ? detail.versions
      : [
          {
            id: 'default',
            version: 1,
            subject: detail.defaults.subject,
            body: detail.defaults.body,
            createdAt: '',
            createdBy: null,
          },
        ];
  return (
    <Card withBorder padding="md" mt="md" component="section" aria-labelledby="versions-heading">
      <Title order={2} size="h4" id="versions-heading" mb="xs">
        Version history
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Every saved version is kept. Each email records the version it was written with.
      </Text>
      <Table.ScrollContainer minWidth={420}>
        <Table verticalSpacing="xs" data-testid="template-versions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>Saved by</Table.Th>
              <Table.Th>When</Table.Th>
              <Table.Th>
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((v) => (
              <Table.Tr key={v.id} data-testid="template-version">
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={600}>
                      Version {v.version}
                    </Text>
                    {v.version === detail.currentVersion ? (
                      <Badge size="xs" variant="light" color="teal">
                        Current
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>{v.createdBy ? v.createdBy.name : 'Followspot (built-in wording)'}</Table.Td>
                <Table.Td>{v.createdAt ? formatShortDateTime(v.createdAt) : '—'}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    onClick={() => setViewing(v)}
                    aria-label={`View the text of version ${v.version}`}
                  >
                    View
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal
        opened={viewing !== null}
        onClose={() => setViewing(null)}
        title={viewing ? `Version ${viewing.version} of ${detail.name}` : ''}
        size="xl"
      >
        {viewing ? (
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {viewing.createdBy ? `Saved by ${viewing.createdBy.name}` : 'The built-in wording'}
              {viewing.createdAt ? ` on ${formatDate(viewing.createdAt)}` : ''}.
            </Text>
            <div>
              <Text size="xs" c="dimmed" fw={600}>
                Subject
              </Text>
              <Box component="pre" className="email-text" data-testid="version-subject">
                {viewing.subject}
              </Box>
            </div>
            <div>
              <Text size="xs" c="dimmed" fw={600}>
                Body
              </Text>
              <Box component="pre" className="email-text" data-testid="version-body">
                {viewing.body}
              </Box>
            </div>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setViewing(null)}>
                Close
              </Button>
              {editable && viewing.version !== detail.currentVersion ? (
                <Button
                  onClick={() => {
                    onCopy(viewing);
                    setViewing(null);
                  }}
                >
                  Copy into the editor
                </Button>
              ) : null}
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </Card>
  );
}

function ApplicationPicker({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (applicationId: string | null) => void;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const applications = useQuery(recentApplicationsQuery(debounced));
  const data = (applications.data ?? []).map((a) => ({
    value: a.id,
    label: `${a.candidate.name} — ${a.role.title}`,
  }));
  return (
    <Select
      label="Preview with"
      description="A recent application fills in the names, role and venue"
      placeholder="The newest application"
      searchable
      clearable
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      data={data}
      filter={({ options }) => options}
      nothingFoundMessage={applications.isFetching ? 'Searching…' : 'No application matches'}
    />
  );
}

function TemplateEditor({
  detail,
  editable,
  applicationId,
  onApplicationChange,
}: {
  detail: TemplateDetail;
  editable: boolean;
  applicationId: string | null;
  onApplicationChange: (id: string | null) => void;
}) {
  const key = detail.key as TemplateKey;
  const definition = templates[key];
  const usesApplication = definition.audience === 'candidate' || definition.aboutApplication;
  const queryClient = useQueryClient();
  const [subject, setSubject] = useState(detail.subject);
  const [body, setBody] = useState(detail.body);
  const [target, setTarget] = useState<Part>('body');
  const [saveErrors, setSaveErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const targetLabel = useId();
  const dirty = subject !== detail.subject || body !== detail.body;

  // The live preview: the text as typed, after a pause.
  const [debouncedSubject] = useDebouncedValue(subject, 400);
  const [debouncedBody] = useDebouncedValue(body, 400);
  const preview = useQuery({
    queryKey: ['templates', 'preview', key, debouncedSubject, debouncedBody, applicationId],
    queryFn: ({ signal }) =>
      api<TemplatePreview>(`/api/v1/templates/${key}/preview`, {
        method: 'POST',
        body: { subject: debouncedSubject, body: debouncedBody, ...(applicationId && { applicationId }) },
        signal,
      }),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
  });
  const [lastGood, setLastGood] = useState<TemplatePreview | null>(null);
  useEffect(() => {
    if (preview.data) setLastGood(preview.data);
  }, [preview.data]);
  const shown = preview.data ?? lastGood;
  const previewErrors = preview.isError ? fieldErrorsOf(preview.error) : {};
  const previewOtherError =
    preview.isError && Object.keys(previewErrors).length === 0 ? errorMessage(preview.error) : null;
  const errors: FieldErrors = {
    subject: saveErrors.subject ?? previewErrors.subject,
    body: saveErrors.body ?? previewErrors.body,
  };
  const applicationLabel = (() => {
    if (!shown) return null;
    if (shown.source === 'sample') return 'Sample data: there is no application to preview with yet.';
    const chosen = queryClient
      .getQueriesData<{ id: string; candidate: { name: string }; role: { title: string } }[]>({
        queryKey: ['applications', 'recent'],
      })
      .flatMap(([, data]) => data ?? [])
      .find((a) => a.id === shown.applicationId);
    return `${chosen ? `${chosen.candidate.name}'s application for ${chosen.role.title}` : 'A real application'}. Details such as feedback or offer terms are sample text until a real email is written.`;
  })();

  const blocker = useBlocker({
    shouldBlockFn: () => editable && dirty,
    enableBeforeUnload: () => editable && dirty,
    withResolver: true,
  });

  const save = useMutation({
    mutationFn: (input: { subject: string; body: string }) =>
      api<TemplateDetail>(`/api/v1/templates/${key}`, { method: 'PUT', body: input }),
    onMutate: () => {
      setSaveErrors({});
      setFormError(null);
    },
    onSuccess: async (updated) => {
      const created = updated.currentVersion !== detail.currentVersion;
      queryClient.setQueryData(templateQuery(key).queryKey, updated);
      notifications.show({
        color: 'teal',
        message: created
          ? `Saved as version ${updated.currentVersion}: emails written from now on use it`
          : `Nothing changed: version ${updated.currentVersion} already has this text`,
      });
      await refresh(queryClient, 'templates');
    },
    onError: (error) => {
      const fieldErrors = fieldErrorsOf(error);
      setSaveErrors(fieldErrors);
      showFieldErrors(fieldErrors, errorMessage(error));
    },
  });

  /** Says which field to fix above the buttons, and takes the cursor there. */
  function showFieldErrors(fieldErrors: FieldErrors, otherwise: string) {
    const first: Part | undefined = fieldErrors.subject ? 'subject' : fieldErrors.body ? 'body' : undefined;
    if (!first) {
      setFormError(otherwise);
      return;
    }
    setFormError(`Fix the ${first}: the message under it says what is wrong.`);
    (first === 'subject' ? subjectRef.current : bodyRef.current)?.focus();
  }

  function submit() {
    const parsed = templateUpdateSchema.safeParse({ subject, body });
    if (!parsed.success) {
      const fieldErrors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const part = issue.path[0];
        if ((part === 'subject' || part === 'body') && !fieldErrors[part]) {
          fieldErrors[part] = issue.code === 'too_small' ? 'Is required' : sentence(issue.message);
        }
      }
      setSaveErrors(fieldErrors);
      showFieldErrors(fieldErrors, 'Check the subject and body');
      return;
    }
    save.mutate(parsed.data);
  }

  function insert(variable: TemplateVariable) {
    const part: Part = variable.kind === 'list' || isItemField(variable.path) ? 'body' : target;
    const snippet = variableSnippet(variable, detail.variables);
    const element = part === 'subject' ? subjectRef.current : bodyRef.current;
    const value = part === 'subject' ? subject : body;
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? value.length;
    const next = value.slice(0, start) + snippet + value.slice(end);
    if (part === 'subject') setSubject(next);
    else setBody(next);
    setTarget(part);
    setSaveErrors((e) => ({ ...e, [part]: undefined }));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + snippet.length, start + snippet.length);
    });
  }

  return (
    <>
      <Box className="template-layout">
        <Card withBorder padding="md" component="section" aria-labelledby="wording-heading">
          <Title order={2} size="h4" id="wording-heading" mb="sm">
            {editable ? 'Wording' : 'Wording (read only)'}
          </Title>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}
          >
            <Stack gap="sm">
              <TextInput
                ref={subjectRef}
                className="template-subject"
                label="Subject"
                required
                readOnly={!editable}
                value={subject}
                onChange={(event) => {
                  setSubject(event.currentTarget.value);
                  setSaveErrors((e) => ({ ...e, subject: undefined }));
                }}
                onFocus={() => setTarget('subject')}
                error={errors.subject}
                data-testid="template-subject"
              />
              <Textarea
                ref={bodyRef}
                className="template-body"
                label="Body"
                description="Markdown: **bold**, [a link](https://…), - for a list, ## for a heading. Variables in {{ }} are filled in when the email is written."
                required
                readOnly={!editable}
                autosize
                minRows={12}
                maxRows={28}
                value={body}
                onChange={(event) => {
                  setBody(event.currentTarget.value);
                  setSaveErrors((e) => ({ ...e, body: undefined }));
                }}
                onFocus={() => setTarget('body')}
                error={errors.body}
                data-testid="template-body"
              />
              {definition.listUnsubscribe ? (
                <Text size="xs" c="dimmed">
                  This email is sent with an unsubscribe link and a List-Unsubscribe header.
                </Text>
              ) : null}
              <FormAlert message={formError} />
              {editable ? (
                <Group justify="space-between" gap="xs" wrap="wrap" className="action-bar">
                  <Text size="sm" c="dimmed" aria-live="polite">
                    {dirty ? 'Unsaved changes' : `Version ${detail.currentVersion} is current`}
                  </Text>
                  <Group gap="xs">
                    <Button
                      variant="subtle"
                      onClick={() => {
                        setSubject(detail.defaults.subject);
                        setBody(detail.defaults.body);
                        setSaveErrors({});
                      }}
                      disabled={subject === detail.defaults.subject && body === detail.defaults.body}
                    >
                      Use the built-in wording
                    </Button>
                    {dirty ? (
                      <Button
                        variant="default"
                        onClick={() => {
                          setSubject(detail.subject);
                          setBody(detail.body);
                          setSaveErrors({});
                          setFormError(null);
                        }}
                      >
                        Undo changes
                      </Button>
                    ) : null}
                    <Button type="submit" loading={save.isPending} disabled={!dirty}>
                      Save as version {detail.currentVersion + 1}
                    </Button>
                  </Group>
                </Group>
              ) : null}
            </Stack>
          </form>

          <Title order={3} size="h5" mt="lg" mb={4}>
            Variables
          </Title>
          {editable ? (
            <Group gap="xs" mb="xs" wrap="wrap">
              <Text size="xs" c="dimmed" id={targetLabel}>
                Choose one to insert it at the cursor in the
              </Text>
              <SegmentedControl
                size="xs"
                aria-labelledby={targetLabel}
                value={target}
                onChange={(value) => setTarget(value as Part)}
                data={[
                  { value: 'subject', label: 'Subject' },
                  { value: 'body', label: 'Body' },
                ]}
              />
            </Group>
          ) : (
            <Text size="xs" c="dimmed" mb="xs">
              What this template can use:
            </Text>
          )}
          <ScrollArea.Autosize mah={360} type="auto" offsetScrollbars>
            <VariableList
              variables={detail.variables}
              editable={editable}
              target={target}
              onInsert={insert}
            />
          </ScrollArea.Autosize>
        </Card>

        <Card
          withBorder
          padding="md"
          component="section"
          aria-labelledby="preview-heading"
          className="template-preview"
        >
          <Group justify="space-between" align="baseline" mb="sm" gap="xs">
            <Title order={2} size="h4" id="preview-heading">
              Preview
            </Title>
            <Text size="xs" c="dimmed" aria-live="polite" data-testid="preview-status">
              {preview.isFetching
                ? 'Updating…'
                : preview.isError && shown
                  ? 'Showing the last text that worked'
                  : ''}
            </Text>
          </Group>
          <Stack gap="sm">
            {usesApplication ? (
              <ApplicationPicker value={applicationId} onChange={onApplicationChange} />
            ) : null}
            {previewOtherError ? (
              <Alert color="red" title="The preview could not be made">
                {previewOtherError}
              </Alert>
            ) : null}
            {shown ? (
              <>
                {usesApplication && applicationLabel ? (
                  <Text size="xs" c="dimmed" data-testid="preview-source">
                    {applicationLabel}
                  </Text>
                ) : null}
                <div>
                  <Text size="xs" c="dimmed" fw={600}>
                    Subject
                  </Text>
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }} data-testid="preview-subject">
                    {shown.subject}
                  </Text>
                </div>
                <EmailView
                  html={shown.html}
                  text={shown.text}
                  frameTitle={`Preview of the ${detail.name} email`}
                  height={560}
                  testId="template-preview"
                />
              </>
            ) : preview.isError ? null : (
              <LoadingState label="Making the preview…" />
            )}
          </Stack>
        </Card>
      </Box>

      <VersionHistory
        detail={detail}
        editable={editable}
        onCopy={(version) => {
          setSubject(version.subject);
          setBody(version.body);
          setSaveErrors({});
          notifications.show({
            message: `Version ${version.version} is in the editor: save to make it current`,
          });
        }}
      />

      <ConfirmModal
        opened={blocker.status === 'blocked'}
        onClose={() => blocker.reset?.()}
        title="Leave without saving?"
        confirmLabel="Leave and lose changes"
        cancelLabel="Stay here"
        onConfirm={() => blocker.proceed?.()}
      >
        Your changes to {detail.name} are not saved. Save them as a new version first, or leave and lose them.
      </ConfirmModal>
    </>
  );
}

export function TemplatePage() {
  const { key } = route.useParams();
  const me = useMe();
  const admin = isAdmin(me);
  const valid = isTemplateKey(key);
  const detail = useQuery({ ...templateQuery(key), enabled: valid });
  const [applicationId, setApplicationId] = useState<string | null>(null);
  useDocumentTitle(detail.data ? `${detail.data.name} · Email templates` : 'Email template');

  const back = (
    <AnchorLink to="/settings/templates" size="sm">
      ← Email templates
    </AnchorLink>
  );
  if (!valid)
    return (
      <>
        {back}
        <Alert color="red" title="There is no such template" mt="sm">
          Go back to the email templates and choose one from the list.
        </Alert>
      </>
    );
  if (detail.isPending) return <LoadingState label="Loading the template…" />;
  if (detail.isError)
    return (
      <>
        {back}
        <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
      </>
    );

  const d = detail.data;
  return (
    <>
      {back}
      <Group justify="space-between" align="flex-end" mt={4} mb="md" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Title order={2} size="h3">
            {d.name}
          </Title>
          <Text size="sm" c="dimmed">
            {d.description} Sent {audienceLabels[d.audience].toLowerCase()}.
          </Text>
        </div>
        <Group gap="xs">
          <Badge variant="light" color="indigo" radius="sm" data-testid="current-version">
            Version {d.currentVersion}
          </Badge>
          <Badge variant="light" color={d.customised ? 'grape' : 'gray'} radius="sm">
            {d.customised ? 'Your wording' : 'Built-in wording'}
          </Badge>
        </Group>
      </Group>
      {!admin ? (
        <Alert color="gray" mb="md">
          Only admins can change templates. You can read this one and preview it with a real application.
        </Alert>
      ) : null}
      <TemplateEditor
        key={`${d.key}:${d.currentVersion}`}
        detail={d}
        editable={admin}
        applicationId={applicationId}
        onApplicationChange={setApplicationId}
      />
    </>
  );
}
