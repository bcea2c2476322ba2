import { Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import {
  type Region,
  regionLabels,
  regions,
  type VenueCreate,
  venueCreateSchema,
} from '../../../src/features/venues/venues.schema.ts';
import type { Venue } from '../api/types';
import { FormAlert } from '../components/states';
import { applyApiError } from '../lib/formErrors';
import { zodResolver } from '../lib/zodResolver';

interface VenueFormValues {
  name: string;
  region: Region;
  timezone: string;
  city: string;
  postcode: string;
  workingHours: { start: string; end: string };
}

/** Blank hours mean the default window (09:00–17:30). */
function toBody(values: VenueFormValues) {
  const { start, end } = values.workingHours;
  return { ...values, workingHours: start || end ? { start, end } : null };
}

export function VenueForm({
  venue,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  venue?: Venue;
  submitLabel: string;
  onSubmit: (body: VenueCreate) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const form = useForm<VenueFormValues>({
    mode: 'controlled',
    initialValues: {
      name: venue?.name ?? '',
      region: venue?.region ?? 'england-and-wales',
      timezone: venue?.timezone ?? 'Europe/London',
      city: venue?.city ?? '',
      postcode: venue?.postcode ?? '',
      workingHours: { start: venue?.workingHours?.start ?? '', end: venue?.workingHours?.end ?? '' },
    },
    validate: (values) => zodResolver(venueCreateSchema)(toBody(values)),
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        setFormError(null);
        setSubmitting(true);
        try {
          await onSubmit(venueCreateSchema.parse(toBody(values)));
        } catch (error) {
          setFormError(applyApiError(form, error));
        } finally {
          setSubmitting(false);
        }
      })}
    >
      <Stack gap="sm">
        <TextInput label="Venue name" required data-autofocus {...form.getInputProps('name')} />
        <NativeSelect
          label="Nation"
          description="Decision deadlines count working days on this nation's bank holidays"
          data={regions.map((r) => ({ value: r, label: regionLabels[r] }))}
          {...form.getInputProps('region')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput label="City" {...form.getInputProps('city')} />
          <TextInput label="Postcode" {...form.getInputProps('postcode')} />
        </SimpleGrid>
        <TextInput
          label="Time zone"
          description="An IANA time zone; Europe/London for every UK venue"
          {...form.getInputProps('timezone')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput
            type="time"
            label="Emails to candidates from"
            description="Blank: 09:00"
            {...form.getInputProps('workingHours.start')}
          />
          <TextInput
            type="time"
            label="Emails to candidates until"
            description="Blank: 17:30, on working days"
            {...form.getInputProps('workingHours.end')}
          />
        </SimpleGrid>
        <FormAlert message={formError} />
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
