import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { newId } from '../../ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { type ApiKey, hashToken, insertApiKey, listApiKeys, revokeApiKey } from './api-keys.repository.ts';
import type { ApiKeyView } from './api-keys.schema.ts';

export function presentApiKey(key: ApiKey): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
  };
}

export function apiKeyService(ctx: AppContext) {
  return {
    /** Creates a key; the token is returned once and only its SHA-256 hash is stored. */
    async create(
      organisationId: string,
      name: string,
      actor: Actor | 'system',
    ): Promise<{ apiKey: ApiKey; token: string }> {
      const token = `fsk_${randomBytes(32).toString('base64url')}`;
      const now = ctx.now();
      return ctx.kysely.transaction().execute(async (tx) => {
        const apiKey = await insertApiKey(tx, {
          id: newId(now.getTime()),
          organisationId,
          name,
          prefix: token.slice(0, 12),
          tokenHash: hashToken(token),
          createdBy: actor === 'system' ? null : actor.kind === 'member' ? actor.userId : null,
          createdAt: now.toISOString(),
        });
        await recordAudit(
          tx,
          organisationId,
          actor,
          { action: 'api_key.created', subjectType: 'api_key', subjectId: apiKey.id, detail: { name } },
          now,
        );
        return { apiKey, token };
      });
    },
    list(organisationId: string): Promise<ApiKey[]> {
      return listApiKeys(ctx.kysely, organisationId);
    },
    async revoke(organisationId: string, id: string, actor: Actor | 'system'): Promise<ApiKey> {
      const now = ctx.now();
      return ctx.kysely.transaction().execute(async (tx) => {
        const key = await revokeApiKey(tx, organisationId, id, now);
        if (!key) throw notFound('API key');
        await recordAudit(
          tx,
          organisationId,
          actor,
          { action: 'api_key.revoked', subjectType: 'api_key', subjectId: id },
          now,
        );
        return key;
      });
    },
  };
}
