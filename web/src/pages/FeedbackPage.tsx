import { Alert, Badge, Button, Grid, Group, Modal, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import {
  addPoint,
  maxDevelopmentAreas,
  renderFeedbackMarkdown,
  renderFeedbackMarkdownWithSegments,
  type StructuredFeedback,
} from '../../../src/domain/feedback/document.ts';
import { isApiError } from '../api/client';
import {
  approveFeedback,
  checkFeedback,
  draftFeedback,
  type FeedbackFindingResponse,
  type FeedbackView,
  feedbackQuery,
  overrideReasonMinLength,
  previewFeedback,
  saveFeedback,
} from '../api/feedback';
import { applicationQuery, canManageHiring, refresh, useMe } from '../api/queries';
import { ConfirmModal } from '../components/ConfirmModal';
import { EmailView } from '../components/EmailView';
import { FindingsList } from '../components/feedback/FeedbackCheck';
import { type FieldKey, fieldKey, marksByField, rawValue } from '../components/feedback/fields';
import {
  choicesOf,
  LeftOutCard,
  type LeftOutChoices,
  leftOutList,
  sameChoices,
  shortReason,
} from '../components/feedback/LeftOut';
import { StructuredEditor } from '../components/feedback/StructuredEditor';
import { AnchorLink } from '../components/links';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorState, LoadingState } from '../components/states';
import { formatDate } from '../lib/dates';
import { errorMessage } from '../lib/formErrors';

const route = getRouteApi('/_app/applications/$applicationId/feedback');

const noFeedbackYet = (error: unknown) =>
  isApiError(error) && error.status === 404 && /no feedback yet/i.test(error.message);

export function FeedbackPage() {
  const { applicationId } = route.useParams();
  const me = useMe();
  const application = useQuery(applicationQuery(applicationId));
  const feedback = useQuery({ ...feedbackQuery(applicationId), refetchOnWindowFocus: false });
  const queryClient = useQueryClient();

  const draft = useMutation({
    mutationFn: () => draftFeedback(applicationId),
    onSuccess: async (view) => {
      queryClient.setQueryData(feedbackQuery(applicationId).queryKey, view);
      notifications.show({ color: 'teal', message: 'Drafted from the scorecards' });
      await refresh(queryClient, 'messages');
    },
  });

  const name = application.data?.candidate.name;
  const header = (
    <PageHeader
      eyebrow={
        <AnchorLink to="/applications/$applicationId" params={{ applicationId }} size="sm">
          ← {name ? `${name}’s application` : 'The application'}
        </AnchorLink>
      }
      title={name ? `Feedback for ${name}` : 'Feedback'}
      description={
        application.data
          ? `For ${application.data.role.title} at ${application.data.role.venueName}. Write what went well and where to develop next; the candidate receives it with the “not progressing” email.`
          : undefined
      }
      actions={feedback.data ? <StatusBadge view={feedback.data} /> : undefined}
    />
  );

  if (!canManageHiring(me))
    return (
      <>
        {header}
        <Alert color="gray" title="For managers and admins">
          Feedback to candidates is written by a manager or an admin. Your scorecards feed into it.
        </Alert>
      </>
    );

  if (feedback.isPending) return <LoadingState label="Loading the feedback…" />;

  if (feedback.isError) {
    if (!noFeedbackYet(feedback.error))
      return (
        <>
          {header}
          <ErrorState
            error={feedback.error}
            title="The feedback could not be loaded"
            onRetry={() => void feedback.refetch()}
          />
        </>
      );
    return (
      <>
        {header}
        <Empty
          title="No feedback written yet"
          description="Draft it from the panel’s submitted scorecards: strengths, development areas with training, and a closing line. You can edit every word before approving it."
        >
          <Button onClick={() => draft.mutate()} loading={draft.isPending}>
            Draft from scorecards
          </Button>
        </Empty>
        {draft.isError ? (
          <Alert color="red" title="Could not draft the feedback" role="alert" maw={640} mx="auto">
            {errorMessage(draft.error)}
            {isApiError(draft.error) && draft.error.status === 409 ? (
              <Text size="sm" mt="xs">
                Once an interviewer submits their scorecard, come back and draft again.
              </Text>
            ) : null}
          </Alert>
        ) : null}
      </>
    );
  }

  return (
    <>
      {header}
      <FeedbackEditor
        key={`${feedback.data.feedback.id}-${feedback.data.feedback.updatedAt}`}
        applicationId={applicationId}
        view={feedback.data}
      />
    </>
  );
}

function StatusBadge({ view }: { view: FeedbackView }) {
  const approved = view.feedback.status === 'approved';
  return (
    <Badge
      size="lg"
      radius="sm"
      variant="light"
      color={approved ? 'teal' : 'gray'}
      data-testid="feedback-status"
    >
      {approved ? 'Approved' : 'Draft'}
    </Badge>
  );
}

function useLiveCheck(applicationId: string, text: string) {
  const [settled] = useDebouncedValue(text, 400);
  const query = useQuery({
    queryKey: ['feedback-check', applicationId, settled],
    queryFn: async ({ signal }) => ({
      text: settled,
      check: await checkFeedback(applicationId, settled, signal),
    }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
  const current = query.data?.text === text;
  return {
    check: query.data?.check,
    current,
    checking: !current || query.isFetching,
    error: query.isError ? query.error : null,
  };
}

/** The email the current, unsaved text would send, rendered by the server exactly as it will be sent. */
function useLivePreview(applicationId: string, text: string, enabled: boolean) {
  const [settled] = useDebouncedValue(text, 400);
  const query = useQuery({
    queryKey: ['feedback-preview', applicationId, settled],
    queryFn: async ({ signal }) => ({
      text: settled,
      preview: await previewFeedback(applicationId, settled, signal),
    }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
    enabled,
  });
  return { ...query, current: query.data?.text === text };
}

function FeedbackEditor({ applicationId, view }: { applicationId: string; view: FeedbackView }) {
  const queryClient = useQueryClient();
  const saved = view.feedback;
  const [structured, setStructured] = useState<StructuredFeedback>(saved.structured);
  const { text, segments } = renderFeedbackMarkdownWithSegments(structured);
  const savedText = renderFeedbackMarkdown(saved.structured);
  const [tab, setTab] = useState<string | null>('edit');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [overriding, overrideHandlers] = useDisclosure(false);
  const [recomposing, recomposeHandlers] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const fields = useRef(new Map<FieldKey, HTMLTextAreaElement>());
  const [choices, setChoices] = useState<LeftOutChoices>(() => choicesOf(saved.structured));
  const choicesChanged = !sameChoices(choices, choicesOf(saved.structured));
  const reasonTooShort = shortReason(choices) !== null;
  const dirty = text !== savedText || choicesChanged;
  // The left-out list is sent only when it changed, so a text-only save keeps the stored one as it is.
  const persist = () => saveFeedback(applicationId, text, choicesChanged ? leftOutList(choices) : undefined);
  const approved = saved.status === 'approved';
  const live = useLiveCheck(applicationId, text);
  const passes = live.current && live.check?.pass === true;
  const preview = useLivePreview(applicationId, text, tab === 'preview');

  // Unsaved edits survive an accidental reload or close only with the browser's own warning.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const fieldRef = (key: FieldKey) => (el: HTMLTextAreaElement | null) => {
    if (el) fields.current.set(key, el);
    else fields.current.delete(key);
  };

  /** Selects a finding in the field it falls in (the first field for a finding about the whole text). */
  function selectFinding(finding: FeedbackFindingResponse) {
    setTab('edit');
    const marks = marksByField([finding], segments, (key) => rawValue(structured, key));
    const [key, [mark] = []] = [...marks.entries()][0] ?? [fieldKey('strength', 0), []];
    // The fields are in the edit tab: select once it is shown.
    window.setTimeout(() => {
      const el = fields.current.get(key) ?? fields.current.values().next().value;
      if (!el) return;
      el.focus();
      if (mark) el.setSelectionRange(mark.start, mark.end);
    }, 0);
  }

  const store = (next: FeedbackView) => queryClient.setQueryData(['feedback', applicationId], next);

  const save = useMutation({
    mutationFn: persist,
    onMutate: () => setSaveError(null),
    onSuccess: (next) => {
      store(next);
      notifications.show({ color: 'teal', message: approved ? 'Saved: it is a draft again' : 'Saved' });
    },
    onError: (error) => setSaveError(errorMessage(error)),
  });

  const approve = useMutation({
    mutationFn: async (overrideReason?: string) => {
      if (dirty) await persist();
      return approveFeedback(applicationId, overrideReason);
    },
    onSuccess: async (next) => {
      overrideHandlers.close();
      setReason('');
      store(next);
      notifications.show({
        color: 'teal',
        message: 'Approved: ready to send with the “not progressing” email',
      });
      // The close-the-rest queue counts approvals too.
      await refresh(queryClient, 'messages', 'applications', 'closure');
    },
    onError: (error) => {
      if (isApiError(error) && error.field === 'text') setSaveError(errorMessage(error));
    },
  });

  const recompose = useMutation({
    mutationFn: () => draftFeedback(applicationId, approved),
    onSuccess: (next) => {
      recomposeHandlers.close();
      store(next);
      notifications.show({ color: 'teal', message: 'Drafted again from the scorecards' });
    },
  });

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      if (dirty && !reasonTooShort && !save.isPending) save.mutate();
    }
  }

  return (
    <Stack gap="md" onKeyDown={onKeyDown}>
      {approved ? (
        <Alert color="teal" title="Approved" data-testid="feedback-approved">
          <Text size="sm">
            Approved {saved.approvedAt ? formatDate(saved.approvedAt) : ''}
            {saved.approvedBy?.name ? ` by ${saved.approvedBy.name}` : ''}. It goes to the candidate with the
            “not progressing” email. Saving an edit makes it a draft again.
          </Text>
          {saved.overrideReason ? (
            <Text size="sm" mt="xs">
              Approved although the check did not pass. Reason recorded: “{saved.overrideReason}”
            </Text>
          ) : null}
        </Alert>
      ) : null}

      <Group justify="space-between" gap="xs" wrap="wrap">
        <Group gap="xs" wrap="wrap">
          <Button
            onClick={() => save.mutate()}
            disabled={!dirty || reasonTooShort}
            title={reasonTooShort ? 'Give each left-out criterion a reason first' : undefined}
            loading={save.isPending}
          >
            Save
          </Button>
          {approved && !dirty ? null : passes ? (
            <Button
              color="teal"
              onClick={() => approve.mutate(undefined)}
              disabled={reasonTooShort}
              loading={approve.isPending}
            >
              {dirty ? 'Save and approve' : 'Approve'}
            </Button>
          ) : (
            <Button
              color="red"
              variant="outline"
              onClick={overrideHandlers.open}
              disabled={!live.current || !live.check}
              title={!live.current ? 'Waiting for the check to finish' : undefined}
            >
              Approve anyway…
            </Button>
          )}
          {dirty ? (
            <Text size="sm" c="dimmed">
              Unsaved changes
            </Text>
          ) : null}
        </Group>
        <Button variant="subtle" onClick={recomposeHandlers.open}>
          {approved ? 'Recompose' : 'Draft again from scorecards'}
        </Button>
      </Group>

      {saveError ? (
        <Alert color="red" title="Not saved" role="alert" withCloseButton onClose={() => setSaveError(null)}>
          {saveError}
        </Alert>
      ) : null}
      {approve.isError && !(isApiError(approve.error) && approve.error.field === 'text') ? (
        <Alert color="red" title="Not approved" role="alert">
          {errorMessage(approve.error)}
        </Alert>
      ) : null}

      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="edit">Edit</Tabs.Tab>
          <Tabs.Tab value="preview">What the candidate sees</Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="edit" pt="md">
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 7 }}>
              <StructuredEditor
                applicationId={applicationId}
                structured={structured}
                segments={segments}
                findings={live.check?.findings ?? []}
                stale={!live.current}
                onChange={setStructured}
                fieldRef={fieldRef}
              />
              <Text size="xs" c="dimmed" mt="xs">
                Red marks must be fixed before approval; yellow are worth a look. Ctrl+S saves.
              </Text>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Stack gap="md">
                <LeftOutCard
                  structured={saved.structured}
                  text={text}
                  choices={choices}
                  onChange={setChoices}
                  onPutBack={(gap) => setStructured((s) => addPoint(s, 'development', gap.criterion, gap))}
                  canPutBack={structured.developmentAreas.length < maxDevelopmentAreas}
                />
                {live.error ? <ErrorState error={live.error} title="The check could not run" /> : null}
                <FindingsList check={live.check} checking={live.checking} onSelect={selectFinding} />
              </Stack>
            </Grid.Col>
          </Grid>
        </Tabs.Panel>

        <Tabs.Panel value="preview" pt="md">
          {preview.isError ? (
            <Alert color="red" title="The preview could not be made" role="alert" mb="sm">
              {errorMessage(preview.error)} Fix it in the Edit tab and the preview follows.
            </Alert>
          ) : null}
          {preview.data ? (
            <div
              style={{ opacity: preview.current ? 1 : 0.6 }}
              data-testid="feedback-preview-current"
              data-current={preview.current}
            >
              <Text size="sm" c="dimmed">
                Subject
              </Text>
              <Text fw={600} mb="sm" data-testid="feedback-subject">
                {preview.data.preview.subject}
              </Text>
              <EmailView
                html={preview.data.preview.html}
                text={preview.data.preview.text}
                frameTitle="The feedback email as the candidate receives it"
                testId="feedback-preview"
              />
            </div>
          ) : preview.isPending ? (
            <LoadingState label="Rendering the email…" />
          ) : null}
        </Tabs.Panel>
      </Tabs>

      <Modal
        opened={overriding}
        onClose={overrideHandlers.close}
        title="Approve although the check fails?"
        size="lg"
      >
        <Stack gap="sm">
          <Text size="sm">
            The check found {live.check?.findings.filter((f) => f.severity === 'error').length ?? 0} thing(s)
            to fix. If the feedback is right to send as it is, say why. Your reason is recorded in the audit
            trail with the findings it overrides.
          </Text>
          <Textarea
            label="Why it should be sent as it is"
            description={`At least ${overrideReasonMinLength} characters`}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            autosize
            minRows={3}
            data-autofocus
            error={
              reason.trim().length > 0 && reason.trim().length < overrideReasonMinLength
                ? `${overrideReasonMinLength - reason.trim().length} more characters`
                : undefined
            }
          />
          {approve.isError ? (
            <Alert color="red" role="alert">
              {errorMessage(approve.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={overrideHandlers.close}>
              Keep editing
            </Button>
            <Button
              color="red"
              disabled={reason.trim().length < overrideReasonMinLength || reasonTooShort}
              loading={approve.isPending}
              onClick={() => approve.mutate(reason.trim())}
            >
              {dirty ? 'Save and approve anyway' : 'Approve anyway'}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <ConfirmModal
        opened={recomposing}
        onClose={recomposeHandlers.close}
        title={approved ? 'Recompose the approved feedback?' : 'Draft again from the scorecards?'}
        confirmLabel={approved ? 'Recompose' : 'Draft again'}
        danger
        loading={recompose.isPending}
        onConfirm={() => recompose.mutate()}
        error={recompose.isError ? errorMessage(recompose.error) : null}
      >
        {approved
          ? 'The approval is withdrawn and the text is written again from the current scorecards. Your edits are replaced.'
          : 'The text is written again from the current scorecards. Your edits, saved or not, are replaced.'}
      </ConfirmModal>
    </Stack>
  );
}
