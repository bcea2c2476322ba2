import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../http/actor.ts';
import { newId } from '../../ids.ts';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string | null;
  detail?: Record<string, unknown>;
}

function actorFields(actor: Actor | 'system'): { actor_type: string; actor_id: string | null } {
  if (actor === 'system') return { actor_type: 'system', actor_id: null };
  return actor.kind === 'member'
    ? { actor_type: 'member', actor_id: actor.userId }
    : { actor_type: 'api_key', actor_id: actor.apiKeyId };
}

/** Records a sensitive action; call it in the same transaction as the change it describes. */
export async function recordAudit(
  db: Kysely<Database>,
  organisationId: string,
  actor: Actor | 'system',
  entry: AuditEntry,
  now: Date,
): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({
      id: newId(now.getTime()),
      organisation_id: organisationId,
      ...actorFields(actor),
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      created_at: now.toISOString(),
    })
    .execute();
}
