import { Button, Card, Group, Modal, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { outcomeStages, type Stage, stageLabels } from '../../../src/domain/lifecycle.ts';
import { type DecisionRequest, decide, logTold, type ToldRequest } from '../api/closure';
import { feedbackQuery } from '../api/feedback';
import { applicationSummaryQuery, refresh } from '../api/queries';
import type { Application } from '../api/types';
import { formatDateTime, localInputToIso, toLocalInput } from '../lib/dates';
import { decisionAdvice, recommendedOutcome } from '../lib/decision';
import { errorMessage } from '../lib/formErrors';
import { ButtonLink } from './links';
import { FormAlert } from './states';

type Outcome = DecisionRequest['outcome'];
type Dialog = Outcome | 'told';

/** The decisions open to an application in each stage (closing is recorded with "told"). */
function outcomesFrom(stage: Stage): Outcome[] {
  switch (stage) {
    case 'applied':
      return ['not_progressing', 'withdrawn'];
    case 'interviewing':
    case 'awaiting_decision':
      return ['offer', 'not_progressing', 'withdrawn'];
    case 'offer':
      return ['hired', 'offer_declined', 'withdrawn'];
    default:
      return [];
  }
}

const actionLabels: Record<Outcome, string> = {
  offer: 'Make an offer',
  hired: 'Hired',
  offer_declined: 'Offer declined',
  not_progressing: 'Not progressing',
  withdrawn: 'Withdrawn',
};

const dialogTitles: Record<Dialog, string> = {
  offer: 'Make an offer?',
  hired: 'Mark as hired?',
  offer_declined: 'Mark the offer as declined?',
  not_progressing: 'Tell them they are not progressing?',
  withdrawn: 'Mark as withdrawn?',
  told: 'Log how they were told',
};

const withdrawnNoteMin = 5;

function DecisionForm({
  application: a,
  dialog,
  onDone,
  onCancel,
}: {
  application: Application;
  dialog: Dialog;
  onDone: () => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const feedback = useQuery({ ...feedbackQuery(a.id), enabled: dialog === 'not_progressing' });
  const approved = feedback.data?.feedback.status === 'approved';
  const [message, setMessage] = useState('');
  const [note, setNote] = useState('');
  const [sendAt, setSendAt] = useState<'window' | 'now'>('window');
  const [via, setVia] = useState<ToldRequest['via']>('call');
  const [at, setAt] = useState(() => toLocalInput(new Date()));
  const [fieldError, setFieldError] = useState<string | null>(null);
  const name = a.candidate.name;

  const save = useMutation({
    mutationFn: async (): Promise<string> => {
      if (dialog === 'told') {
        await logTold(a.id, { via, toldAt: localInputToIso(at), note: note.trim() });
        return `Logged that ${name} was told by ${via}. The application is closed.`;
      }
      const body: DecisionRequest =
        dialog === 'offer'
          ? { outcome: 'offer', ...(message.trim() ? { message: message.trim() } : {}) }
          : dialog === 'hired'
            ? { outcome: 'hired' }
            : dialog === 'offer_declined'
              ? { outcome: 'offer_declined', ...(note.trim() ? { note: note.trim() } : {}) }
              : dialog === 'not_progressing'
                ? { outcome: 'not_progressing', sendAt }
                : { outcome: 'withdrawn', note: note.trim() };
      const result = await decide(a.id, body);
      return result.messageId
        ? `${name} is now ${stageLabels[result.stage].toLowerCase()}. The email is in the outbox and leaves ${result.sendAfterText ?? "in the venue's sending window"}.`
        : `${name} is now ${stageLabels[result.stage].toLowerCase()}.`;
    },
    onSuccess: async (text) => {
      await refresh(queryClient, 'applications', 'roles', 'messages', 'feedback', 'closure', 'notifications');
      notifications.show({ color: 'teal', message: text });
      onDone();
    },
  });

  function submit() {
    setFieldError(null);
    if (dialog === 'withdrawn' && note.trim().length < withdrawnNoteMin) {
      setFieldError('Say how and why they withdrew (a few words at least)');
      return;
    }
    if (dialog === 'told') {
      const iso = localInputToIso(at);
      if (!iso) return setFieldError('Give the date and time you told them');
      if (new Date(iso).getTime() > Date.now()) return setFieldError('That is in the future');
      if (a.decidedAt && new Date(iso).getTime() < Date.parse(a.decidedAt)) {
        return setFieldError(`That is before the decision, made ${formatDateTime(a.decidedAt)}`);
      }
      if (!note.trim()) return setFieldError('Add a note of what was said');
    }
    save.mutate();
  }

  const danger = dialog === 'not_progressing' || dialog === 'withdrawn';
  const needsApproval = dialog === 'not_progressing' && !approved;

  return (
    <Stack
      component="form"
      gap="sm"
      onSubmit={(e) => {
        e.preventDefault();
        if (!needsApproval) submit();
      }}
    >
      {dialog === 'offer' ? (
        <>
          <Text size="sm">
            {name} will be emailed an offer for {a.role.title} in the venue's sending window. Add anything
            they should know (start date, pay, what happens next); without it the email says the contract
            follows once they accept.
          </Text>
          <Textarea
            label="Message added to the offer (optional)"
            autosize
            minRows={3}
            maxLength={4000}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
          />
        </>
      ) : null}

      {dialog === 'hired' ? (
        <Text size="sm">
          {name} accepted the offer. No email is sent: their acceptance counts as being told, and the
          application closes.
        </Text>
      ) : null}

      {dialog === 'offer_declined' ? (
        <>
          <Text size="sm">
            {name} turned the offer down. No email is sent: their reply counts as being told, and the
            application closes.
          </Text>
          <Textarea
            label="Note (optional)"
            description="Why they declined, if they said"
            autosize
            minRows={2}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
        </>
      ) : null}

      {dialog === 'withdrawn' ? (
        <>
          <Text size="sm">
            {name} pulled out. No email is sent: they told you, and the application closes. Their interviews
            stay on record.
          </Text>
          <Textarea
            label="How and why they withdrew"
            required
            autosize
            minRows={2}
            maxLength={2000}
            value={note}
            error={fieldError}
            onChange={(e) => {
              setNote(e.currentTarget.value);
              setFieldError(null);
            }}
          />
        </>
      ) : null}

      {dialog === 'not_progressing' ? (
        feedback.isPending ? (
          <Text size="sm" c="dimmed">
            Checking the feedback…
          </Text>
        ) : needsApproval ? (
          <>
            <Text size="sm">
              {name} is told with specific feedback, so it must be approved first.{' '}
              {feedback.data
                ? 'The feedback is still a draft: review and approve it in the feedback editor.'
                : 'No feedback is written yet: draft it from the scorecards in the feedback editor.'}
            </Text>
            <Group>
              <ButtonLink to="/applications/$applicationId/feedback" params={{ applicationId: a.id }}>
                {feedback.data ? 'Review and approve the feedback' : 'Write the feedback'}
              </ButtonLink>
            </Group>
          </>
        ) : (
          <>
            <Text size="sm">
              {name} will receive the "not progressing" email with the approved feedback. The application
              closes once it has been sent.
            </Text>
            <Radio.Group
              label="When to send it"
              value={sendAt}
              onChange={(v) => setSendAt(v === 'now' ? 'now' : 'window')}
            >
              <Stack gap={6} mt={6}>
                <Radio value="window" label="In the venue's sending window (recommended)" />
                <Radio value="now" label="Now, as soon as it can go" />
              </Stack>
            </Radio.Group>
          </>
        )
      ) : null}

      {dialog === 'told' ? (
        <>
          <Text size="sm">
            For a candidate told in person or on the phone. No email is sent; the application closes.
          </Text>
          <Radio.Group
            label="How they were told"
            value={via}
            onChange={(v) => setVia(v === 'meeting' ? 'meeting' : 'call')}
          >
            <Group gap="md" mt={6}>
              <Radio value="call" label="Phone call" />
              <Radio value="meeting" label="Meeting" />
            </Group>
          </Radio.Group>
          <TextInput
            type="datetime-local"
            label="When"
            required
            value={at}
            max={toLocalInput(new Date())}
            onChange={(e) => {
              setAt(e.currentTarget.value);
              setFieldError(null);
            }}
          />
          <Textarea
            label="Note"
            description="What you told them, and anything they said"
            required
            autosize
            minRows={2}
            maxLength={2000}
            value={note}
            onChange={(e) => {
              setNote(e.currentTarget.value);
              setFieldError(null);
            }}
          />
          {fieldError ? (
            <Text size="sm" c="red" role="alert">
              {fieldError}
            </Text>
          ) : null}
        </>
      ) : null}

      <FormAlert message={save.isError ? errorMessage(save.error) : null} title="That did not work" />
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel} data-autofocus>
          Cancel
        </Button>
        {needsApproval ? null : (
          <Button type="submit" color={danger ? 'red' : undefined} loading={save.isPending}>
            {dialog === 'told'
              ? 'Log it and close'
              : dialog === 'offer'
                ? 'Send the offer'
                : dialog === 'not_progressing'
                  ? sendAt === 'now'
                    ? 'Send now'
                    : 'Send in the window'
                  : `Mark as ${stageLabels[dialog].toLowerCase()}`}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** The decision on an application: an offer, an outcome, and how the candidate was told. */
export function DecisionActions({ application: a }: { application: Application }) {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const outcomes = outcomesFrom(a.stage);
  const canLogTold = outcomeStages.includes(a.stage) && !a.toldAt;
  const summary = useQuery({ ...applicationSummaryQuery(a.id), enabled: outcomes.length > 0 });
  const tally = summary.data?.recommendations;
  const gaps = summary.data?.gaps.length ?? 0;
  const recommended = recommendedOutcome(tally, outcomes, gaps);
  const advice = decisionAdvice(tally, gaps, recommended ? actionLabels[recommended] : null);
  if (outcomes.length === 0 && !canLogTold && !a.toldAt) return null;

  return (
    <Card withBorder mt="md" data-testid="decision-actions">
      <Title order={2} size="h5" mb="xs">
        Decision
      </Title>
      {outcomes.length > 0 && advice && a.stage !== 'offer' ? (
        <Text size="sm" mb="xs" data-testid="decision-recommended">
          {advice}
        </Text>
      ) : null}
      {outcomes.length > 0 ? (
        <Group gap="xs" role="group" aria-label="Record a decision">
          {outcomes.map((o) => (
            <Button
              key={o}
              size="xs"
              variant={o === recommended ? 'filled' : 'default'}
              color={o === recommended && o === 'not_progressing' ? 'red.8' : undefined}
              data-recommended={o === recommended || undefined}
              onClick={() => setDialog(o)}
            >
              {actionLabels[o]}
            </Button>
          ))}
        </Group>
      ) : null}
      {canLogTold ? (
        <Stack gap="xs">
          <Text size="sm">
            Outcome: {stageLabels[a.stage].toLowerCase()}. If you told {a.candidate.name} by phone or in
            person, log it to close the application.
          </Text>
          <Group>
            <Button size="xs" variant="light" onClick={() => setDialog('told')}>
              Log how they were told
            </Button>
          </Group>
        </Stack>
      ) : null}
      {a.toldAt ? (
        <Text size="sm" c="dimmed">
          Told the outcome {formatDateTime(a.toldAt)}.
        </Text>
      ) : null}
      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        title={dialog ? dialogTitles[dialog] : ''}
        centered
      >
        {dialog ? (
          <DecisionForm
            key={dialog}
            application={a}
            dialog={dialog}
            onDone={() => setDialog(null)}
            onCancel={() => setDialog(null)}
          />
        ) : null}
      </Modal>
    </Card>
  );
}
