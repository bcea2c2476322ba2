import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { nextStages, outcomeStages, type Stage, stageLabels } from '../../../src/domain/lifecycle.ts';
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

/** Close the rest for the chosen applications only (CloseTheRestPage reads `ids`). */
export function closeTheRestHref(roleId: string, applicationIds: readonly string[]): string {
  return `/roles/${roleId}/close-the-rest?ids=${applicationIds.join(',')}`;
}

/** Every stage the application may move to next (the lifecycle's rule), closing aside. */
export function allMovesFrom(stage: Stage): Stage[] {
  return nextStages(stage).filter((s) => s !== 'closed');
}

/** Whether a move is a decision the candidate hears of (made where its email is written). */
export function isOutcomeMove(stage: Stage): boolean {
  return stage === 'offer' || outcomeStages.includes(stage);
}

/**
 * A small "Move" menu on a pipeline card: keyboard-operable, one item per allowed next stage. Process
 * moves happen at once; "Not progressing" opens close-the-rest for this candidate, and the other
 * outcomes open the application, where the decision and its email are made.
 */
export function StageMenu({ application }: { application: Application }) {
  const move = useMoveStage();
  const navigate = useNavigate();
  const moves = allMovesFrom(application.stage);
  if (moves.length === 0) return null;
  function choose(stage: Stage) {
    if (!isOutcomeMove(stage)) return move.mutate({ application, stage });
    if (stage === 'not_progressing')
      return void navigate({ href: closeTheRestHref(application.role.id, [application.id]) });
    return void navigate({ to: '/applications/$applicationId', params: { applicationId: application.id } });
  }
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
            color={stage === 'not_progressing' || stage === 'withdrawn' ? 'red.8' : undefined}
            onClick={() => choose(stage)}
          >
            {stageLabels[stage]}
            {isOutcomeMove(stage) ? '…' : ''}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
