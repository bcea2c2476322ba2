import { Badge } from '@mantine/core';
import { type Stage, stageLabels } from '../../../src/domain/lifecycle.ts';
import { type RoleStatus, roleStatusLabels } from '../../../src/features/roles/roles.schema.ts';
import type { MessageStatus } from '../api/types';
import { messageStatusColours, messageStatusHints, messageStatusShortLabels } from '../lib/message-status';

const stageColours: Record<Stage, string> = {
  applied: 'gray',
  interviewing: 'blue',
  awaiting_decision: 'orange',
  offer: 'grape',
  hired: 'teal',
  offer_declined: 'pink',
  not_progressing: 'red',
  withdrawn: 'dark',
  closed: 'gray',
};

export function StageBadge({ stage }: { stage: Stage }) {
  return (
    <Badge color={stageColours[stage]} variant="light" radius="sm">
      {stageLabels[stage]}
    </Badge>
  );
}

const statusColours: Record<RoleStatus, string> = { open: 'green', filled: 'blue', archived: 'gray' };

export function RoleStatusBadge({ status }: { status: RoleStatus }) {
  return (
    <Badge color={statusColours[status]} variant="light" radius="sm">
      {roleStatusLabels[status]}
    </Badge>
  );
}

export function MessageStatusBadge({ status }: { status: MessageStatus }) {
  return (
    <Badge
      color={messageStatusColours[status]}
      variant="light"
      radius="sm"
      title={messageStatusHints[status]}
      styles={{ root: { flexShrink: 0, maxWidth: 'none' }, label: { overflow: 'visible' } }}
      data-testid="message-status"
    >
      {messageStatusShortLabels[status]}
    </Badge>
  );
}
