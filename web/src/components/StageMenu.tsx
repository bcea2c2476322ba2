import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { nextStages, type Stage, stageLabels } from '../../../src/domain/lifecycle.ts';
import { api } from '../api/client';
import { refresh } from '../api/queries';
import type { Application } from '../api/types';
import { errorMessage } from '../lib/formErrors';

/**
 * The process moves an application can make here (interviewing, awaiting decision). Outcomes are
 * decisions, made on the application page, so each one carries the email that tells the candidate.
 */
const processStages: readonly Stage[] = ['interviewing', 'awaiting_decision'];
export function movesFrom(stage: Stage): Stage[] {
  return nextStages(stage).filter((s) => processStages.includes(s));
}

export function useMoveStage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ application, stage }: { application: Application; stage: Stage }) =>
      api<Application>(`/api/v1/applications/${application.id}`, { method: 'PATCH', body: { stage } }),
    onSuccess: async (updated) => {
      await refresh(queryClient, 'applications', 'roles', 'interviews');
      notifications.show({
        color: 'teal',
        message: `${updated.candidate.name} moved to ${stageLabels[updated.stage].toLowerCase()}`,
      });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Stage not changed', message: errorMessage(error) }),
  });
}

/** A small "Move" menu on a pipeline card: keyboard-operable, one item per allowed next stage. */
export function StageMenu({ application }: { application: Application }) {
  const move = useMoveStage();
  const moves = movesFrom(application.stage);
  if (moves.length === 0) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          size="compact-xs"
          variant="subtle"
          style={{ flexShrink: 0 }}
          loading={move.isPending}
          aria-label={`Move ${application.candidate.name} to another stage`}
        >
          Move
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Move to</Menu.Label>
        {moves.map((stage) => (
          <Menu.Item
            key={stage}
            color={stage === 'not_progressing' || stage === 'withdrawn' ? 'red' : undefined}
            onClick={() => move.mutate({ application, stage })}
          >
            {stageLabels[stage]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
