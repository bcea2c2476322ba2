import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Group,
  List,
  Loader,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { submissionProblems } from '../../../src/domain/scorecards.ts';
import {
  type InterviewKind,
  interviewKindLabels,
} from '../../../src/features/interviews/interviews.schema.ts';
import { api, isApiError } from '../api/client';
import { refresh, scorecardQuery, useMe } from '../api/queries';
import type { ScorecardContent, ScorecardDetail, ScorecardView } from '../api/types';
import { LevelChip, RecommendationBadge } from '../components/assessment';
import { type Choice, ChoiceGroup } from '../components/ChoiceGroup';
import { ConfirmModal } from '../components/ConfirmModal';
import { AnchorLink } from '../components/links';
import { PageHeader } from '../components/PageHeader';
import { CriterionField, type RatingState } from '../components/scorecard/CriterionField';
import { ErrorState, LoadingState } from '../components/states';
import {
  type CriterionProblem,
  descriptorOf,
  evidenceRequiredFor,
  hasProblems,
  isOverdue,
  levelName,
  problemsFromChecks,
  problemsFromError,
  type Recommendation,
  recommendationLabels,
  recommendations,
  type ScorecardProblems,
} from '../lib/assessment';
import { formatDate, formatDateTime, formatSlot, formatTime } from '../lib/dates';
import { errorMessage } from '../lib/formErrors';
import { type SaveState, useAutosave } from '../lib/useAutosave';

const route = getRouteApi('/_app/scorecards/$scorecardId');

interface DraftState {
  ratings: Record<string, RatingState>;
  recommendation: Recommendation | null;
  privateNotes: string;
}

function draftFrom(scorecard: ScorecardView): DraftState {
  return {
    ratings: Object.fromEntries(
      scorecard.ratings.map((r) => [
        r.criterionKey,
        { rating: r.rating, evidence: r.evidence ?? '', notAssessed: r.notAssessed },
      ]),
    ),
    recommendation: scorecard.recommendation,
    privateNotes: scorecard.privateNotes ?? '',
  };
}

function contentOf(draft: DraftState, keys: readonly string[]): ScorecardContent {
  return {
    ratings: keys.map((criterionKey) => {
      const r = draft.ratings[criterionKey];
      return {
        criterionKey,
        rating: r?.notAssessed ? null : (r?.rating ?? null),
        evidence: r?.evidence.trim() ? r.evidence : null,
        notAssessed: r?.notAssessed ?? false,
      };
    }),
    recommendation: draft.recommendation,
    privateNotes: draft.privateNotes.trim() ? draft.privateNotes : null,
  };
}

/** Puts what the server returned into the cached scorecard, keeping its guide. */
function storeView(queryClient: QueryClient, view: ScorecardView) {
  queryClient.setQueryData<ScorecardDetail>(scorecardQuery(view.id).queryKey, (old) =>
    old ? { ...old, ...view } : old,
  );
}

function kindLabel(kind: string): string {
  return interviewKindLabels[kind as InterviewKind] ?? kind;
}

const recommendationChoices: Choice<Recommendation>[] = recommendations.map((r) => ({
  value: r,
  label: recommendationLabels[r],
}));

export function ScorecardPage() {
  const { scorecardId } = route.useParams();
  const scorecard = useQuery(scorecardQuery(scorecardId));
  const [amending, setAmending] = useState(false);
  const [justChanged, setJustChanged] = useState(false);

  if (scorecard.isPending) return <LoadingState label="Loading the scorecard…" />;
  if (scorecard.isError) {
    const independent = isApiError(scorecard.error) && scorecard.error.status === 403;
    return (
      <>
        <PageHeader title="Scorecard" />
        {independent ? (
          <Alert color="indigo" title="Submit your own scorecard to see everyone's" role="alert">
            <Text size="sm">
              Scorecards are independent: you can read the other interviewers' ratings and evidence once you
              have submitted your own scorecard for this candidate.
            </Text>
          </Alert>
        ) : (
          <ErrorState error={scorecard.error} onRetry={() => void scorecard.refetch()} />
        )}
        <AnchorLink to="/interviews" mt="md" display="inline-block">
          Go to My interviews
        </AnchorLink>
      </>
    );
  }

  const s = scorecard.data;
  const editable = s.status === 'draft' && s.permissions.edit;
  return (
    <Box maw={860}>
      <ScorecardHeader scorecard={s} />
      {editable ? (
        <ScorecardEditor
          key={`draft-${s.id}`}
          scorecard={s}
          mode="draft"
          onDone={() => setJustChanged(true)}
        />
      ) : s.status === 'submitted' && amending && s.permissions.amend ? (
        <ScorecardEditor
          key={`amend-${s.id}`}
          scorecard={s}
          mode="amend"
          onDone={() => {
            setAmending(false);
            setJustChanged(true);
          }}
          onCancel={() => setAmending(false)}
        />
      ) : (
        <ScorecardReadOnly scorecard={s} onAmend={() => setAmending(true)} focusOnMount={justChanged} />
      )}
    </Box>
  );
}

function ScorecardHeader({ scorecard: s }: { scorecard: ScorecardDetail }) {
  const me = useMe();
  const mine = s.interviewer.id === me.user.id;
  return (
    <PageHeader
      eyebrow={
        <AnchorLink to="/interviews" size="sm">
          ← My interviews
        </AnchorLink>
      }
      title={`Scorecard: ${s.candidate.name}`}
      description={
        <Stack gap={4}>
          <Group gap="xs" wrap="wrap">
            {s.status === 'submitted' ? (
              <Badge color="teal" variant="light">
                {s.amendedAt ? 'Submitted, amended' : 'Submitted'}
              </Badge>
            ) : (
              <Badge color="gray" variant="light">
                Draft
              </Badge>
            )}
            {s.status === 'draft' && isOverdue(s.dueSince) ? (
              <Badge color="orange" variant="filled">
                Overdue
              </Badge>
            ) : null}
            <span>
              {kindLabel(s.interview.kind)} interview, {formatSlot(s.interview.startsAt, s.interview.endsAt)}
            </span>
          </Group>
          <span>
            For{' '}
            <AnchorLink
              to="/applications/$applicationId"
              params={{ applicationId: s.applicationId }}
              size="sm"
            >
              {s.role.title}
            </AnchorLink>
            {mine ? '' : ` · by ${s.interviewer.name ?? 'a former member'}`} · rated against{' '}
            {s.framework.name}, version {s.framework.version}
          </span>
        </Stack>
      }
    />
  );
}

function SaveStatus({
  state,
  updatedAt,
  onRetry,
}: {
  state: SaveState;
  updatedAt: string;
  onRetry: () => void;
}) {
  let body: React.ReactNode;
  switch (state.status) {
    case 'saving':
      body = (
        <Group gap={6} wrap="nowrap">
          <Loader size={14} aria-hidden />
          <Text size="sm">Saving…</Text>
        </Group>
      );
      break;
    case 'pending':
      body = (
        <Text size="sm" c="dimmed">
          Unsaved changes…
        </Text>
      );
      break;
    case 'saved':
      body = <Text size="sm">Saved {state.savedAt ? formatTime(state.savedAt) : ''}</Text>;
      break;
    case 'error':
      body = (
        <Group gap={6} wrap="wrap">
          <Text size="sm" c="red.8" fw={600}>
            Not saved: {errorMessage(state.error)}
          </Text>
          <Button size="compact-xs" variant="light" color="red" onClick={onRetry}>
            Try again
          </Button>
        </Group>
      );
      break;
    default:
      body = (
        <Text size="sm" c="dimmed">
          Saved {formatTime(updatedAt)}
        </Text>
      );
  }
  return (
    <div role="status" aria-live="polite" data-testid="save-status" data-status={state.status}>
      {body}
    </div>
  );
}

function ProblemSummary({
  problems,
  names,
  onJump,
}: {
  problems: ScorecardProblems;
  names: Record<string, string>;
  onJump: (target: string) => void;
}) {
  const items: { target: string; text: string }[] = [];
  for (const [key, p] of Object.entries(problems.byCriterion)) {
    if (p.rating) items.push({ target: `rating:${key}`, text: `${names[key] ?? key}: ${p.rating}` });
    if (p.evidence) items.push({ target: `evidence:${key}`, text: `${names[key] ?? key}: ${p.evidence}` });
  }
  if (problems.recommendation)
    items.push({ target: 'recommendation', text: `Recommendation: ${problems.recommendation}` });
  const count = items.length + problems.other.length;
  return (
    <Alert
      color="red"
      role="alert"
      mt="lg"
      title={count === 1 ? 'One thing to finish first' : `${count} things to finish first`}
      data-testid="scorecard-problems"
    >
      <List size="sm" spacing={2}>
        {items.map((item) => (
          <List.Item key={item.target}>
            <Button
              variant="subtle"
              color="red"
              size="compact-sm"
              px={2}
              onClick={() => onJump(item.target)}
              style={{ whiteSpace: 'normal', height: 'auto', textAlign: 'left' }}
            >
              {item.text}
            </Button>
          </List.Item>
        ))}
        {problems.other.map((text) => (
          <List.Item key={text}>{text}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

function focusTarget(target: string) {
  const [kind, key] = target.split(':');
  let element: HTMLElement | null = null;
  if (kind === 'rating' && key) {
    element =
      document.querySelector<HTMLInputElement>(`input[name="rating-${key}"]:checked`) ??
      document.querySelector<HTMLInputElement>(`input[name="rating-${key}"]`);
  } else if (kind === 'evidence' && key) {
    element = document.getElementById(`evidence-${key}`);
  } else if (kind === 'recommendation') {
    element =
      document.querySelector<HTMLInputElement>('input[name="recommendation"]:checked') ??
      document.querySelector<HTMLInputElement>('input[name="recommendation"]');
  }
  element?.scrollIntoView({ block: 'center' });
  element?.focus({ preventScroll: true });
}

function firstProblem(problems: ScorecardProblems, keys: readonly string[]): string | null {
  for (const key of keys) {
    const p = problems.byCriterion[key];
    if (p?.rating) return `rating:${key}`;
    if (p?.evidence) return `evidence:${key}`;
  }
  return problems.recommendation ? 'recommendation' : null;
}

function ScorecardEditor({
  scorecard,
  mode,
  onDone,
  onCancel,
}: {
  scorecard: ScorecardDetail;
  mode: 'draft' | 'amend';
  onDone: () => void;
  onCancel?: () => void;
}) {
  const queryClient = useQueryClient();
  const keys = scorecard.ratings.map((r) => r.criterionKey);
  const names = Object.fromEntries(scorecard.ratings.map((r) => [r.criterionKey, r.name]));
  const guides = new Map(scorecard.guide.map((g) => [g.key, g]));
  const [draft, setDraft] = useState<DraftState>(() => draftFrom(scorecard));
  const draftRef = useRef(draft);
  const [problems, setProblems] = useState<ScorecardProblems | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const id = scorecard.id;

  const autosave = useAutosave<ScorecardContent>(
    async (content, { keepalive }) => {
      if (keepalive) {
        // Leaving the page: the cached copy shows these edits at once if they come straight back.
        queryClient.setQueryData<ScorecardDetail>(scorecardQuery(id).queryKey, (old) =>
          old
            ? {
                ...old,
                recommendation: content.recommendation ?? null,
                privateNotes: content.privateNotes ?? null,
                ratings: old.ratings.map((r) => {
                  const next = content.ratings.find((c) => c.criterionKey === r.criterionKey);
                  return next
                    ? {
                        ...r,
                        rating: next.rating,
                        evidence: next.evidence ?? null,
                        notAssessed: next.notAssessed ?? false,
                      }
                    : r;
                }),
              }
            : old,
        );
      }
      try {
        const view = await api<ScorecardView>(`/api/v1/scorecards/${id}`, {
          method: 'PUT',
          body: content,
          // Browsers refuse keepalive bodies over 64 kB; a long scorecard goes as a normal request.
          keepalive: keepalive && JSON.stringify(content).length < 60_000,
        });
        storeView(queryClient, view);
        return view;
      } catch (error) {
        // Submitted meanwhile (another tab): show it as it now is.
        if (isApiError(error) && error.status === 409) {
          void queryClient.invalidateQueries({ queryKey: scorecardQuery(id).queryKey });
        }
        throw error;
      }
    },
    {
      // Retry a lost connection or a server hiccup; a refusal needs the person, not a loop.
      retryable: (error) =>
        !isApiError(error) || error.status === 0 || error.status === 429 || error.status >= 500,
    },
  );

  function update(change: (current: DraftState) => DraftState, clear?: (p: ScorecardProblems) => void) {
    const next = change(draftRef.current);
    draftRef.current = next;
    setDraft(next);
    if (mode === 'draft') autosave.change(contentOf(next, keys));
    if (problems && clear) {
      const copy: ScorecardProblems = {
        byCriterion: { ...problems.byCriterion },
        other: [...problems.other],
        ...(problems.recommendation !== undefined && { recommendation: problems.recommendation }),
      };
      clear(copy);
      setProblems(hasProblems(copy) ? copy : null);
    }
  }

  function check(): ScorecardProblems | null {
    const found = problemsFromChecks(
      submissionProblems(
        keys.map((key) => ({
          criterionKey: key,
          criterionName: names[key] ?? key,
          rating: draftRef.current.ratings[key]?.rating ?? null,
          evidence: draftRef.current.ratings[key]?.evidence.trim() || null,
          notAssessed: draftRef.current.ratings[key]?.notAssessed ?? false,
        })),
        draftRef.current.recommendation,
      ),
      keys,
    );
    return hasProblems(found) ? found : null;
  }

  function showProblems(found: ScorecardProblems) {
    setProblems(found);
    const target = firstProblem(found, keys);
    if (target) window.setTimeout(() => focusTarget(target), 0);
  }

  function requestSubmit() {
    const found = check();
    if (found) return showProblems(found);
    setProblems(null);
    setConfirming(true);
  }

  async function submit() {
    setBusy(true);
    try {
      const saved = await autosave.flush();
      if (!saved) {
        setConfirming(false);
        setProblems({
          byCriterion: {},
          other: ['Your latest changes could not be saved, so the scorecard was not submitted: try again.'],
        });
        return;
      }
      const view = await api<ScorecardView>(`/api/v1/scorecards/${id}/submit`, { method: 'POST' });
      setConfirming(false);
      storeView(queryClient, view);
      notifications.show({ color: 'teal', message: `Scorecard for ${scorecard.candidate.name} submitted` });
      onDone();
      await refresh(queryClient, 'scorecards', 'interviews');
    } catch (error) {
      setConfirming(false);
      showProblems(problemsFromError(error, keys));
      if (isApiError(error) && error.status === 409) await refresh(queryClient, 'scorecards');
    } finally {
      setBusy(false);
    }
  }

  async function saveAmendment() {
    const found = check();
    const missingReason = reason.trim() ? null : 'Say why the submitted scorecard changes';
    setReasonError(missingReason);
    if (found) return showProblems(found);
    if (missingReason) {
      document.getElementById('amend-reason')?.focus();
      return;
    }
    setProblems(null);
    setBusy(true);
    try {
      const view = await api<ScorecardView>(`/api/v1/scorecards/${id}/amend`, {
        method: 'POST',
        body: { ...contentOf(draftRef.current, keys), reason: reason.trim() },
      });
      storeView(queryClient, view);
      notifications.show({ color: 'teal', message: 'Amendment saved, with your reason' });
      onDone();
      await refresh(queryClient, 'scorecards');
    } catch (error) {
      showProblems(problemsFromError(error, keys));
    } finally {
      setBusy(false);
    }
  }

  // Leaving a field saves at once rather than after the pause (moving within a rating does not).
  const containerRef = useRef<HTMLDivElement>(null);
  const flushRef = useRef(autosave);
  flushRef.current = autosave;
  useEffect(() => {
    const container = containerRef.current;
    if (!container || mode !== 'draft') return;
    const onFocusOut = (event: FocusEvent) => {
      const save = flushRef.current;
      if (!save.hasUnsaved()) return;
      const from = event.target;
      const to = event.relatedTarget;
      const withinGroup =
        from instanceof HTMLInputElement &&
        from.type === 'radio' &&
        to instanceof HTMLInputElement &&
        to.name === from.name;
      if (!withinGroup) void save.flush();
    };
    container.addEventListener('focusout', onFocusOut);
    return () => container.removeEventListener('focusout', onFocusOut);
  }, [mode]);

  const rated = keys.filter((k) => draft.ratings[k]?.rating != null || draft.ratings[k]?.notAssessed).length;

  return (
    <div ref={containerRef}>
      {mode === 'amend' ? (
        <Alert color="yellow" title="Amending a submitted scorecard" mb="md">
          <Text size="sm">
            Nothing changes until you save the amendment with a reason. The change and your reason are kept in
            the audit trail.
          </Text>
        </Alert>
      ) : (
        <Text size="sm" c="dimmed" mb="md">
          Rate each criterion on what you saw or heard. Your draft saves as you type; nobody else sees it
          until you submit. In a rating, use the arrow keys or press 1–4.
        </Text>
      )}

      <Stack gap="md">
        {keys.map((key, index) => (
          <CriterionField
            key={key}
            index={index}
            total={keys.length}
            criterionKey={key}
            name={names[key] ?? key}
            guide={guides.get(key)}
            value={draft.ratings[key] ?? { rating: null, evidence: '', notAssessed: false }}
            problem={problems?.byCriterion[key]}
            onChange={(value) =>
              update(
                (d) => ({ ...d, ratings: { ...d.ratings, [key]: value } }),
                (p) => {
                  const current = p.byCriterion[key];
                  if (!current) return;
                  const next: CriterionProblem = {};
                  if (current.rating && value.rating === null) next.rating = current.rating;
                  if (
                    current.evidence &&
                    !value.evidence.trim() &&
                    value.rating !== null &&
                    evidenceRequiredFor.includes(value.rating)
                  )
                    next.evidence = current.evidence;
                  if (next.rating || next.evidence) p.byCriterion[key] = next;
                  else delete p.byCriterion[key];
                },
              )
            }
          />
        ))}

        <Card withBorder component="section" aria-labelledby="recommendation-heading" padding="md">
          <Title order={2} size="h4" id="recommendation-heading">
            Overall recommendation
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            On what you saw, should they get this role? There is no neutral.
          </Text>
          <ChoiceGroup
            name="recommendation"
            label="Overall recommendation"
            choices={recommendationChoices}
            value={draft.recommendation}
            onChange={(recommendation) =>
              update(
                (d) => ({ ...d, recommendation }),
                (p) => {
                  delete p.recommendation;
                },
              )
            }
            error={problems?.recommendation}
            columns={{ base: 2, sm: 4 }}
            testId="recommendation"
          />
        </Card>

        <Card withBorder component="section" padding="md" bg="yellow.0">
          <Textarea
            label="Private notes — never shown to the candidate"
            description="For you, hiring managers and admins only. Never in the summary, feedback or any email."
            autosize
            minRows={2}
            maxRows={12}
            value={draft.privateNotes}
            onChange={(event) => {
              const privateNotes = event.currentTarget.value;
              update((d) => ({ ...d, privateNotes }));
            }}
          />
        </Card>

        {mode === 'amend' ? (
          <Textarea
            id="amend-reason"
            label="Reason for the amendment"
            description="Why the submitted scorecard changes, for the audit trail."
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              if (event.currentTarget.value.trim()) setReasonError(null);
            }}
            error={reasonError}
          />
        ) : null}
      </Stack>

      {problems ? <ProblemSummary problems={problems} names={names} onJump={focusTarget} /> : null}

      <div className="action-bar">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Stack gap={0} style={{ minWidth: 0, flex: '1 1 7.5rem' }}>
            {mode === 'draft' ? (
              <SaveStatus
                state={autosave.state}
                updatedAt={scorecard.updatedAt}
                onRetry={() => void autosave.flush()}
              />
            ) : (
              <Text size="sm" c="dimmed">
                Not saved until you save the amendment
              </Text>
            )}
            <Text size="xs" c="dimmed" data-testid="rated-count">
              {rated} of {keys.length} rated
              {draft.recommendation ? ` · ${recommendationLabels[draft.recommendation]}` : ''}
            </Text>
          </Stack>
          {mode === 'draft' ? (
            <Button onClick={requestSubmit} loading={busy}>
              Submit scorecard
            </Button>
          ) : (
            <Group gap="xs">
              <Button variant="default" onClick={onCancel}>
                Cancel
              </Button>
              <Button onClick={() => void saveAmendment()} loading={busy}>
                Save amendment
              </Button>
            </Group>
          )}
        </Group>
      </div>

      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title="Submit your scorecard?"
        confirmLabel="Submit"
        cancelLabel="Keep editing"
        danger={false}
        loading={busy}
        onConfirm={() => void submit()}
      >
        <Text size="sm">
          You rated {keys.length} criteria and recommend{' '}
          <strong>
            {draft.recommendation ? recommendationLabels[draft.recommendation].toLowerCase() : '—'}
          </strong>
          . Once submitted the scorecard is locked: a later change is an amendment with a reason. The other
          interviewers see your ratings and evidence once they have submitted theirs.
        </Text>
      </ConfirmModal>
    </div>
  );
}

function ScorecardReadOnly({
  scorecard: s,
  onAmend,
  focusOnMount,
}: {
  scorecard: ScorecardDetail;
  onAmend: () => void;
  focusOnMount: boolean;
}) {
  const statusRef = useRef<HTMLDivElement>(null);
  const guides = new Map(s.guide.map((g) => [g.key, g]));
  useEffect(() => {
    if (focusOnMount) statusRef.current?.focus();
  }, [focusOnMount]);

  return (
    <Stack gap="md">
      <div ref={statusRef} tabIndex={-1} data-testid="scorecard-status">
        {s.status === 'submitted' ? (
          <Alert color="teal" title={`Submitted ${formatDateTime(s.submittedAt)}`}>
            <Stack gap="xs">
              {s.amendedAt ? <Text size="sm">Last amended {formatDateTime(s.amendedAt)}.</Text> : null}
              <Text size="sm">
                It is locked. {s.permissions.amend ? 'To change it, amend it and say why.' : ''}
              </Text>
              {s.permissions.amend ? (
                <Group>
                  <Button size="xs" variant="white" color="teal" onClick={onAmend}>
                    Amend
                  </Button>
                </Group>
              ) : null}
            </Stack>
          </Alert>
        ) : (
          <Alert color="gray" title="Draft: not submitted yet">
            <Text size="sm">
              {s.interviewer.name ?? 'The interviewer'} has not submitted this scorecard. It was last saved{' '}
              {formatDate(s.updatedAt)}.
            </Text>
          </Alert>
        )}
      </div>

      {s.ratings.map((r) => {
        const guide = guides.get(r.criterionKey);
        return (
          <Card withBorder key={r.criterionKey} component="section" padding="md" data-testid="criterion-read">
            <Group justify="space-between" align="flex-start" gap="xs">
              <Title order={2} size="h5">
                {r.name}
              </Title>
              <LevelChip level={r.rating} />
            </Group>
            {guide && r.rating ? (
              <Text size="xs" c="dimmed" mt={4}>
                {levelName(r.rating)}: {descriptorOf(guide.descriptors, r.rating)}
              </Text>
            ) : null}
            <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }} c={r.evidence ? undefined : 'dimmed'}>
              {r.evidence ?? 'No evidence noted.'}
            </Text>
          </Card>
        );
      })}

      <Card withBorder padding="md">
        <Group justify="space-between">
          <Title order={2} size="h5">
            Overall recommendation
          </Title>
          <RecommendationBadge value={s.recommendation} />
        </Group>
      </Card>

      {s.privateNotes !== undefined ? (
        <Card withBorder padding="md" bg="yellow.0">
          <Title order={2} size="h5">
            Private notes — never shown to the candidate
          </Title>
          <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }} c={s.privateNotes ? undefined : 'dimmed'}>
            {s.privateNotes || 'None.'}
          </Text>
        </Card>
      ) : null}

      <AnchorLink to="/applications/$applicationId" params={{ applicationId: s.applicationId }}>
        Open {s.candidate.name}'s application
      </AnchorLink>
    </Stack>
  );
}
