// The ask in decision emails (issue #13): candidate emails sent after a decision or about the
// talent network end with one short line pointing to the "Recommend a colleague" section of the
// candidate's page. Worded for after a good experience and never pushy; each organisation can turn
// it off per template. Read by the outbox when it writes one of these emails.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import * as repo from './referrals.repository.ts';
import { type ReferralAskTemplate, referralAskTemplates, referralAskText } from './referrals.schema.ts';

export { referralAskTemplates };

export function isReferralAskTemplate(key: string): key is ReferralAskTemplate {
  return (referralAskTemplates as readonly string[]).includes(key);
}

/** The line itself (Markdown), linking to the section of the candidate's page. */
export function referralAskMarkdown(sectionUrl: string): string {
  const { before, link, after } = referralAskText;
  return `${before}[${link}](${sectionUrl})${after}`;
}

/** Whether this organisation's email of this template carries the ask. */
export async function referralAskOn(
  db: Kysely<Database>,
  organisationId: string,
  templateKey: string,
): Promise<boolean> {
  if (!isReferralAskTemplate(templateKey)) return false;
  return !(await repo.isAskOff(db, organisationId, templateKey));
}

export async function referralAskSettings(
  db: Kysely<Database>,
  organisationId: string,
): Promise<Record<ReferralAskTemplate, boolean>> {
  const off = new Set(await repo.listAskOff(db, organisationId));
  return Object.fromEntries(referralAskTemplates.map((k) => [k, !off.has(k)])) as Record<
    ReferralAskTemplate,
    boolean
  >;
}

export async function setReferralAsk(
  db: Kysely<Database>,
  organisationId: string,
  changes: Partial<Record<ReferralAskTemplate, boolean>>,
  now: Date,
): Promise<void> {
  for (const key of referralAskTemplates) {
    const on = changes[key];
    if (on !== undefined) await repo.setAskOff(db, organisationId, key, !on, now);
  }
}
