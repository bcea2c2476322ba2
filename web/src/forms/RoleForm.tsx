import { Button, Group, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import {
  type RoleLevel,
  type RoleStatus,
  roleCreateSchema,
  roleLevelLabels,
  roleLevels,
  roleStatuses,
  roleStatusLabels,
} from '../../../src/features/roles/roles.schema.ts';
import { membersQuery, venuesQuery } from '../api/queries';
import type { Role } from '../api/types';
import { AnchorLink } from '../components/links';
import { FormAlert } from '../components/states';
import { applyApiError } from '../lib/formErrors';
import { zodResolver } from '../lib/zodResolver';

export interface RoleFormValues {
  title: string;
  venueId: string;
  level: RoleLevel;
  hiringManagerId: string;
  description: string;
  status: RoleStatus;
  /** Blank follows the organisation's deadline. */
  decisionWorkingDays: string;
}

function toInput(values: RoleFormValues) {
  const days = values.decisionWorkingDays.trim();
  return {
    ...values,
    hiringManagerId: values.hiringManagerId || null,
    decisionWorkingDays: days === '' ? null : Number(days),
  };
}

export type RoleRequest = ReturnType<typeof roleCreateSchema.parse>;

export function RoleForm({
  role,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  role?: Role;
  submitLabel: string;
  onSubmit: (body: RoleRequest) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const venues = useQuery(venuesQuery(false));
  const members = useQuery(membersQuery);
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const form = useForm<RoleFormValues>({
    mode: 'controlled',
    initialValues: {
      title: role?.title ?? '',
      venueId: role?.venueId ?? '',
      level: role?.level ?? 'technician',
      hiringManagerId: role?.hiringManager?.id ?? '',
      description: role?.description ?? '',
      status: role?.status ?? 'open',
      decisionWorkingDays: role?.decisionWorkingDays != null ? String(role.decisionWorkingDays) : '',
    },
    validate: zodResolver(roleCreateSchema, toInput),
  });

  // With one venue (the usual case for a single site) it is chosen already.
  const firstVenue = venues.data?.[0]?.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the venues arrive
  useEffect(() => {
    if (!form.getValues().venueId && firstVenue && venues.data?.length === 1) {
      form.setFieldValue('venueId', firstVenue);
    }
  }, [firstVenue]);

  const venueOptions = [
    { value: '', label: venues.isPending ? 'Loading venues…' : 'Choose a venue' },
    ...(venues.data ?? []).map((v) => ({ value: v.id, label: v.name })),
  ];
  // The current venue stays choosable even when archived since.
  if (role && !venues.data?.some((v) => v.id === role.venueId)) {
    venueOptions.push({ value: role.venueId, label: `${role.venue.name} (archived)` });
  }

  const managers = (members.data ?? []).filter((m) => m.role === 'admin' || m.role === 'manager');
  const managerOptions = [
    { value: '', label: 'No hiring manager yet' },
    ...managers.map((m) => ({ value: m.userId, label: `${m.name} (${m.email})` })),
  ];
  if (role?.hiringManager && !managers.some((m) => m.userId === role.hiringManager?.id)) {
    managerOptions.push({ value: role.hiringManager.id, label: role.hiringManager.name });
  }

  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        setFormError(null);
        setSubmitting(true);
        try {
          await onSubmit(roleCreateSchema.parse(toInput(values)));
        } catch (error) {
          setFormError(applyApiError(form, error));
        } finally {
          setSubmitting(false);
        }
      })}
    >
      <Stack gap="sm">
        <TextInput
          label="Title"
          placeholder="AV Technician — Main House"
          required
          data-autofocus
          {...form.getInputProps('title')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label="Venue"
            required
            data={venueOptions}
            description={
              venues.isError ? (
                'Venues could not be loaded: close this and try again'
              ) : venues.data?.length === 0 ? (
                <>
                  No venues yet: <AnchorLink to="/settings/venues">add one in Settings</AnchorLink>
                </>
              ) : undefined
            }
            {...form.getInputProps('venueId')}
          />
          <NativeSelect
            label="Level"
            required
            data={roleLevels.map((l) => ({ value: l, label: roleLevelLabels[l] }))}
            {...form.getInputProps('level')}
          />
        </SimpleGrid>
        <NativeSelect
          label="Hiring manager"
          description={
            members.isError
              ? 'The member list is for admins; an admin can set the hiring manager later'
              : 'Decides on candidates and is reminded before each decision is due'
          }
          data={managerOptions}
          {...form.getInputProps('hiringManagerId')}
        />
        {role ? (
          <NativeSelect
            label="Status"
            description="A role can be filled or archived once every candidate has an outcome"
            data={roleStatuses.map((s) => ({ value: s, label: roleStatusLabels[s] }))}
            {...form.getInputProps('status')}
          />
        ) : null}
        <TextInput
          label="Decision deadline (working days)"
          description="From the last interview to telling the candidate; blank follows your organisation's setting"
          inputMode="numeric"
          {...form.getInputProps('decisionWorkingDays')}
        />
        <Textarea
          label="Description"
          description="Optional: what the job involves, for your team"
          autosize
          minRows={3}
          maxRows={10}
          {...form.getInputProps('description')}
        />
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
