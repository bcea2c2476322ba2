import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { newId } from '../../ids.ts';

export interface NewUser {
  id: string;
  name: string;
  email: string;
  passwordHash: string;
}

/** Writes a better-auth user with an email-and-password account, inside the caller's transaction. */
export async function insertUserWithPassword(
  db: Kysely<Database>,
  dialect: DialectName,
  user: NewUser,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('user')
    .values({
      id: user.id,
      name: user.name,
      email: user.email.toLowerCase(),
      // better-auth reads a boolean on PostgreSQL and 0/1 on SQLite.
      emailVerified: dialect === 'postgres' ? false : 0,
      image: null,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  await db
    .insertInto('account')
    .values({
      id: newId(now.getTime()),
      accountId: user.id,
      providerId: 'credential',
      userId: user.id,
      password: user.passwordHash,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
}

export async function findUserByEmail(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('user')
    .select(['id', 'name', 'email'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
}
