import { Button, Divider, Group, Loader, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { CandidateCreate } from '../../../src/features/candidates/candidates.schema.ts';
import { ApiError, api, isApiError } from '../api/client';
import { candidateSearchQuery, refresh } from '../api/queries';
import type { Application, Candidate, Role } from '../api/types';
import { CandidateForm } from '../forms/CandidateForm';
import { errorMessage } from '../lib/formErrors';
import { FormAlert } from './states';

/** Adds a candidate to a role: one already known (searched by name or email) or someone new. */
export function AddCandidateModal({
  role,
  existing,
  opened,
  onClose,
}: {
  role: Role;
  existing: Application[];
  opened: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const results = useQuery({ ...candidateSearchQuery(debounced), enabled: opened && debounced.length > 0 });
  const [pickError, setPickError] = useState<string | null>(null);
  const alreadyIn = new Set(existing.map((a) => a.candidate.id));

  async function addToRole(candidateId: string, name: string) {
    await api<Application>('/api/v1/applications', {
      method: 'POST',
      body: { candidateId, roleId: role.id },
    });
    await refresh(queryClient, 'applications', 'roles', 'candidates');
    notifications.show({ color: 'teal', message: `${name} added to ${role.title}` });
    setSearch('');
    setPickError(null);
    onClose();
  }

  const pick = useMutation({
    mutationFn: (candidate: Candidate) => addToRole(candidate.id, candidate.name),
    onError: (error) => setPickError(errorMessage(error)),
  });

  async function createAndAdd(body: CandidateCreate) {
    let candidate: Candidate;
    try {
      candidate = await api<Candidate>('/api/v1/candidates', { method: 'POST', body });
    } catch (error) {
      if (isApiError(error) && error.status === 409) {
        // Already known: show them in the search above, ready to add.
        setSearch(body.email);
        const message = errorMessage(error);
        throw new ApiError(
          error.status,
          error.code,
          `${message}. They are listed under “Someone already in Followspot” above.`,
          undefined,
          [{ field: 'email', message }],
        );
      }
      throw error;
    }
    try {
      await addToRole(candidate.id, candidate.name);
    } catch (error) {
      await refresh(queryClient, 'candidates');
      throw new Error(
        `${candidate.name} was saved as a candidate but not added to this role: ${errorMessage(error)} Search for them above to try again.`,
      );
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={`Add a candidate to ${role.title}`} size="lg">
      <Stack gap="md">
        <section aria-labelledby="find-candidate-heading">
          <Title order={2} size="h5" id="find-candidate-heading" mb="xs">
            Someone already in Followspot
          </Title>
          <TextInput
            label="Find a candidate"
            placeholder="Name or email"
            type="search"
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            rightSection={results.isFetching ? <Loader size="xs" aria-hidden /> : null}
          />
          {debounced && results.data ? (
            results.data.data.length === 0 ? (
              <Text size="sm" c="dimmed" mt="xs" role="status">
                Nobody matches “{debounced}”. Add them as someone new below.
              </Text>
            ) : (
              <Stack gap={6} mt="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {results.data.data.map((candidate) => {
                  const added = alreadyIn.has(candidate.id);
                  return (
                    <Paper component="li" withBorder p="xs" key={candidate.id}>
                      <Group justify="space-between" wrap="nowrap" gap="xs">
                        <div style={{ minWidth: 0 }}>
                          <Text size="sm" fw={600} truncate="end">
                            {candidate.name}
                          </Text>
                          <Text size="xs" c="dimmed" truncate="end">
                            {candidate.email}
                          </Text>
                        </div>
                        <Button
                          size="xs"
                          variant="light"
                          disabled={added}
                          loading={pick.isPending && pick.variables?.id === candidate.id}
                          onClick={() => pick.mutate(candidate)}
                          aria-label={
                            added ? `${candidate.name} is already on this role` : `Add ${candidate.name}`
                          }
                        >
                          {added ? 'Already added' : 'Add'}
                        </Button>
                      </Group>
                    </Paper>
                  );
                })}
              </Stack>
            )
          ) : null}
          {results.isError ? <FormAlert message={errorMessage(results.error)} title="Search failed" /> : null}
          <FormAlert message={pickError} title="Not added" />
        </section>

        <Divider label="or" labelPosition="center" />

        <section aria-labelledby="new-candidate-heading">
          <Title order={2} size="h5" id="new-candidate-heading" mb="xs">
            Someone new
          </Title>
          <CandidateForm
            key={opened ? 'open' : 'closed'}
            submitLabel="Add to role"
            errorTitle="Not added"
            onSubmit={createAndAdd}
            onCancel={onClose}
          />
        </section>
      </Stack>
    </Modal>
  );
}
