import { Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { type FormErrors, useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  type InterviewCreate,
  type InterviewKind,
  interviewCreateSchema,
  interviewKindLabels,
  interviewKinds,
  maxInterviewers,
} from '../../../src/features/interviews/interviews.schema.ts';
import { membersQuery, useMe } from '../api/queries';
import type { Interview } from '../api/types';
import { FormAlert } from '../components/states';
import { addMinutesToLocalInput, localInputToIso, toLocalInput } from '../lib/dates';
import { applyApiError } from '../lib/formErrors';
import { zodResolver } from '../lib/zodResolver';

export interface InterviewFormValues {
  kind: InterviewKind;
  startsAt: string;
  endsAt: string;
  location: string;
  interviewerIds: string[];
}

/** Tomorrow at 10:00, local time: a sensible first suggestion. */
function tomorrowAtTen(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(10, 0, 0, 0);
  return toLocalInput(d);
}

export function InterviewForm({
  applicationId,
  interview,
  onSubmit,
  onCancel,
}: {
  applicationId: string;
  interview?: Interview;
  onSubmit: (body: InterviewCreate) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const me = useMe();
  const members = useQuery(membersQuery);
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [filter, setFilter] = useState('');

  const toInput = (values: InterviewFormValues) => ({
    applicationId,
    kind: values.kind,
    startsAt: localInputToIso(values.startsAt),
    endsAt: localInputToIso(values.endsAt),
    location: values.location,
    interviewerIds: values.interviewerIds,
  });
  const resolve = zodResolver(interviewCreateSchema, toInput);

  const start = interview ? toLocalInput(interview.startsAt) : tomorrowAtTen();
  const form = useForm<InterviewFormValues>({
    mode: 'controlled',
    initialValues: {
      kind: interview?.kind ?? 'in_person',
      startsAt: start,
      endsAt: interview ? toLocalInput(interview.endsAt) : addMinutesToLocalInput(start, 60),
      location: interview?.location ?? '',
      interviewerIds: interview?.interviewers.map((i) => i.id) ?? [me.user.id],
    },
    validate: (values) => {
      const errors: FormErrors = resolve(values);
      if (typeof errors.endsAt === 'string') errors.endsAt = errors.endsAt.replace('startsAt', 'the start');
      return errors;
    },
  });

  const memberOptions = (members.data ?? []).map((m) => ({
    value: m.userId,
    label: m.userId === me.user.id ? `${m.name} (you)` : m.name,
  }));
  // Interviewers already on the interview stay listed even if they have since left.
  for (const person of interview?.interviewers ?? []) {
    if (!memberOptions.some((o) => o.value === person.id))
      memberOptions.push({ value: person.id, label: person.name });
  }
  if (!memberOptions.some((o) => o.value === me.user.id))
    memberOptions.unshift({ value: me.user.id, label: `${me.user.name} (you)` });

  const startsProps = form.getInputProps('startsAt');
  // Chosen interviewers stay visible whatever the filter says.
  const chosen = form.getValues().interviewerIds;
  const needle = filter.trim().toLowerCase();
  const shownOptions = needle
    ? memberOptions.filter((o) => chosen.includes(o.value) || o.label.toLowerCase().includes(needle))
    : memberOptions;

  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        setFormError(null);
        setSubmitting(true);
        try {
          await onSubmit(interviewCreateSchema.parse(toInput(values)));
        } catch (error) {
          setFormError(applyApiError(form, error));
        } finally {
          setSubmitting(false);
        }
      })}
    >
      <Stack gap="sm">
        <NativeSelect
          label="Kind"
          data={interviewKinds.map((k) => ({ value: k, label: interviewKindLabels[k] }))}
          {...form.getInputProps('kind')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput
            label="Starts"
            type="datetime-local"
            required
            description="Your local time"
            {...startsProps}
            onChange={(event) => {
              const previous = form.getValues().startsAt;
              const next = event.currentTarget.value;
              startsProps.onChange(event);
              // Moving the start moves the end with it, keeping the length.
              const { endsAt } = form.getValues();
              const length =
                previous && endsAt
                  ? (new Date(endsAt).getTime() - new Date(previous).getTime()) / 60_000
                  : 60;
              if (next) form.setFieldValue('endsAt', addMinutesToLocalInput(next, length > 0 ? length : 60));
            }}
          />
          <TextInput
            label="Ends"
            type="datetime-local"
            required
            description="At most 12 hours after the start"
            {...form.getInputProps('endsAt')}
          />
        </SimpleGrid>
        <TextInput
          label="Location"
          placeholder="Main House stage, or a video link"
          description="A room, an address or a video link"
          {...form.getInputProps('location')}
        />
        <Checkbox.Group
          label="Interviewers"
          description={
            members.isError
              ? 'The member list could not be loaded: you can still choose yourself'
              : `Tick one to ${maxInterviewers} members of your organisation`
          }
          maxSelectedValues={maxInterviewers}
          {...form.getInputProps('interviewerIds')}
        >
          {memberOptions.length > 12 ? (
            <TextInput
              label="Filter members"
              size="xs"
              type="search"
              mt="xs"
              maw={280}
              value={filter}
              onChange={(event) => setFilter(event.currentTarget.value)}
            />
          ) : null}
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing={8} mt="xs">
            {shownOptions.map((option) => (
              <Checkbox key={option.value} value={option.value} label={option.label} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <FormAlert message={formError} />
        <Group justify="flex-end" gap="sm">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" loading={submitting}>
            Save interview
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
