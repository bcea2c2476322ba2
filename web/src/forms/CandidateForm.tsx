import { Button, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { type ReactNode, useId, useState } from 'react';
import {
  type CandidateCreate,
  candidateCreateSchema,
  sourceSuggestions,
} from '../../../src/features/candidates/candidates.schema.ts';
import type { Candidate } from '../api/types';
import { FormAlert } from '../components/states';
import { applyApiError } from '../lib/formErrors';
import { zodResolver } from '../lib/zodResolver';

export interface CandidateFormValues {
  name: string;
  email: string;
  phone: string;
  location: string;
  source: string;
}

export function CandidateForm({
  candidate,
  submitLabel,
  onSubmit,
  onCancel,
  errorTitle,
  extra,
}: {
  candidate?: Candidate;
  submitLabel: string;
  onSubmit: (body: CandidateCreate) => Promise<unknown>;
  onCancel?: () => void;
  errorTitle?: string;
  extra?: ReactNode;
}) {
  const sourceListId = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const form = useForm<CandidateFormValues>({
    mode: 'controlled',
    initialValues: {
      name: candidate?.name ?? '',
      email: candidate?.email ?? '',
      phone: candidate?.phone ?? '',
      location: candidate?.location ?? '',
      source: candidate?.source ?? '',
    },
    validate: zodResolver(candidateCreateSchema),
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        setFormError(null);
        setSubmitting(true);
        try {
          await onSubmit(candidateCreateSchema.parse(values));
        } catch (error) {
          setFormError(applyApiError(form, error));
        } finally {
          setSubmitting(false);
        }
      })}
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Name" required autoComplete="off" {...form.getInputProps('name')} />
          <TextInput
            label="Email"
            type="email"
            required
            autoComplete="off"
            {...form.getInputProps('email')}
          />
          <TextInput label="Phone" type="tel" autoComplete="off" {...form.getInputProps('phone')} />
          <TextInput
            label="Location"
            placeholder="Town or city"
            autoComplete="off"
            {...form.getInputProps('location')}
          />
        </SimpleGrid>
        {/* A native list of suggestions: free text stays possible, and the input is one plain textbox. */}
        <TextInput
          label="Source"
          description="Where they heard about the role: pick a suggestion or type your own"
          list={sourceListId}
          autoComplete="off"
          {...form.getInputProps('source')}
        />
        <datalist id={sourceListId}>
          {sourceSuggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        {extra}
        <FormAlert message={formError} title={errorTitle} />
        <Group justify="flex-end" gap="sm">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" loading={submitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
