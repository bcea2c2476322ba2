// Matching a role against the network and offering it to chosen members: a preview of each email,
// then a background job (network.opportunities) that writes one new_opportunity email per member per
// role (idempotency key `opportunity:<role>:<candidate>`), never to anyone whose consent is not
// current or who unsubscribed. Each email carries a sealed one-click unsubscribe link.
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/schema.ts';
import { type MemberToMatch, type RoleToMatch, rankMembers } from '../../domain/network-matching.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { idSchema } from '../common.schema.ts';
import { resolveRequirements } from '../frameworks/requirements.service.ts';
import { toJob } from '../jobs/jobs.repository.ts';
import type { Job } from '../jobs/jobs.schema.ts';
import { defineJobHandler, jobQueued, startJob } from '../jobs/jobs.service.ts';
import { findMessage } from '../messages/messages.repository.ts';
import { enqueue } from '../messages/outbox.ts';
import { personalPageUrl, sealedUnsubscribeUrl } from '../messages/sealed-links.ts';
import * as repo from './network.repository.ts';
import type { NetworkMatch, OpportunitiesCreate } from './network.schema.ts';
import * as fit from './network-fit.repository.ts';

export const opportunitiesJobKind = 'network.opportunities';

/** Why a member cannot be sent an opportunity now; null when they can. */
export function cannotSend(profile: repo.ProfileRow | undefined, now: Date): string | null {
  if (!profile) return 'Not in the talent network';
  const status = repo.consentStatusOf(profile, now);
  if (status === 'left') return 'Left the talent network';
  if (status === 'expired') return 'Their consent has ended';
  if (profile.unsubscribed_at !== null) return 'Unsubscribed from talent-network emails';
  return null;
}

async function roleOrNotFound(db: Kysely<Database>, organisationId: string, roleId: string) {
  const role = await repo.findRoleForNetwork(db, organisationId, roleId);
  if (!role) throw notFound('Role');
  return role;
}

/**
 * firstPassExtra: members past the limit the first SQL pass reads, so ties at the limit are usually
 * settled; rankingMargin: members past the limit ranked in full, for floating-point noise at a tenth.
 */
const narrowing = { firstPassExtra: 1000, rankingMargin: 50 };
/** Half a rounding step of matchMember's score (0.1 points of 100), with room for noise. */
const bucketSlack = 0.0011;

/**
 * Current members ranked for the role, best first (unsubscribed members left out). SQL scores every
 * member (network_fit keeps their levels); only those that can reach the first `limit` places —
 * everyone scoring within a rounding step of the limit-th, tied ones by name — are ranked in full
 * by rankMembers, which writes the scores and reasons returned.
 */
export async function matchRole(
  ctx: AppContext,
  organisationId: string,
  roleId: string,
  options: { limit: number; skills: string[]; kind: 'permanent' | 'casual' },
  { firstPassExtra, rankingMargin } = narrowing,
): Promise<NetworkMatch[]> {
  const now = ctx.now();
  const role = await roleOrNotFound(ctx.kysely, organisationId, roleId);
  const requirements = await resolveRequirements(ctx.kysely, organisationId, roleId);
  const toMatch: RoleToMatch = {
    criteria: (requirements?.criteria ?? []).map((c) => ({
      key: c.criterionKey,
      name: c.name,
      weight: c.weight,
      requiredLevel: c.requiredLevel,
    })),
    skills: options.skills,
    places: [role.venueRegion, role.venueCity ?? ''],
    kind: options.kind,
  };
  const take = options.limit + firstPassExtra;
  let scored = await fit.scoreMembers(ctx.kysely, organisationId, toMatch, now, { take });
  if (scored.length === take) {
    const floor = scored[options.limit - 1]!.score - bucketSlack;
    // The tie at the limit runs past what was read: read everyone who can still reach it.
    if (scored[take - 1]!.score >= floor)
      scored = await fit.scoreMembers(ctx.kysely, organisationId, toMatch, now, { floor });
  }
  const chosen = scored
    .sort(
      (a, b) =>
        Math.round(b.score * 1000) - Math.round(a.score * 1000) ||
        a.name.localeCompare(b.name) ||
        (a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0),
    )
    .slice(0, options.limit + rankingMargin)
    .map((m) => m.candidateId);
  const profiles = await fit.profilesOf(ctx.kysely, organisationId, chosen);
  const details = await repo.memberDetails(ctx.kysely, organisationId, chosen);
  const members: MemberToMatch[] = profiles.map((p) => {
    const member = repo.toNetworkMember(p, details, now);
    return {
      candidateId: p.candidate_id,
      name: p.name,
      levels: repo.allLevels(details, p.candidate_id),
      assessedAt: member.assessed[0]?.assessedOn ?? null,
      skills: [...member.skills, ...member.certifications],
      permanent: member.availability.permanent,
      freelance: member.availability.freelance,
      casualCrew: member.availability.casualCrew,
      region: member.region,
      travelMiles: member.travelMiles,
      training: member.trainingDone.map((t) => ({
        criterionKey: t.criterionKey,
        title: t.title,
        completedOn: t.completedOn,
      })),
    };
  });
  const offered = await repo.listOfferedCandidateIds(ctx.kysely, organisationId, roleId);
  return rankMembers(toMatch, members, now)
    .slice(0, options.limit)
    .map((m) => ({ ...m, alreadyOffered: offered.has(m.candidateId) }));
}

const opportunityInput = z.object({
  roleId: idSchema,
  candidateIds: z.array(idSchema),
  notes: z.record(z.string(), z.string()).default({}),
});
type OpportunityInput = z.infer<typeof opportunityInput>;

/** Writes one member's opportunity email (or records why not) inside `tx`. */
async function offerTo(
  tx: Kysely<Database>,
  ctx: Pick<AppContext, 'config' | 'now'>,
  organisationId: string,
  input: OpportunityInput,
  candidateId: string,
  jobId: string | null,
  actor: Actor | 'system',
): Promise<{ candidateId: string; sent: boolean; reason: string | null; messageId: string | null }> {
  const now = ctx.now();
  const role = await roleOrNotFound(tx, organisationId, input.roleId);
  const profile = await repo.findProfile(tx, organisationId, candidateId);
  const reason = cannotSend(profile, now);
  if (reason) return { candidateId, sent: false, reason, messageId: null };
  const note = input.notes[candidateId]?.trim() || null;
  const message = await enqueue(tx, ctx, {
    organisationId,
    idempotencyKey: `opportunity:${role.id}:${candidateId}`,
    template: 'new_opportunity',
    to: { kind: 'candidate', candidateId },
    venueId: role.venueId,
    unsubscribeUrl: sealedUnsubscribeUrl(ctx.config.publicUrl),
    sealedLinks: [{ kind: 'network_unsubscribe', candidateId }],
    variables: {
      opportunity: {
        title: role.title,
        venue: role.venueName,
        summary:
          [note, role.description].filter(Boolean).join('\n\n') ||
          `A new ${role.title} role at ${role.venueName}.`,
        closingDate: DateTime.fromJSDate(now, { zone: 'Europe/London' })
          .plus({ weeks: 3 })
          .toFormat('cccc d LLLL yyyy'),
        url: personalPageUrl(ctx.config.publicUrl, `#opportunity-${role.id}`),
      },
    },
    createdBy: actor,
  });
  const recorded = await repo.insertOpportunity(
    tx,
    { organisationId, roleId: role.id, candidateId, note, jobId, messageId: message.id, status: 'sent' },
    now,
  );
  if (recorded) {
    await repo.touchLastContact(tx, organisationId, candidateId, now);
    await repo.insertHistory(
      tx,
      organisationId,
      candidateId,
      { kind: 'opportunity', summary: `Sent the opportunity ${role.title} at ${role.venueName}` },
      now,
    );
  }
  return { candidateId, sent: true, reason: null, messageId: message.id };
}

class PreviewOnly extends Error {
  constructor(readonly preview: { subject: string; text: string }) {
    super('preview');
  }
}

/** Each chosen member's email as it would go (rendered for real, then rolled back), or why it cannot. */
export async function previewOpportunities(
  ctx: AppContext,
  organisationId: string,
  roleId: string,
  body: OpportunitiesCreate,
) {
  await roleOrNotFound(ctx.kysely, organisationId, roleId);
  const input = { roleId, candidateIds: body.candidateIds, notes: body.notes ?? {} };
  const data = [];
  for (const candidateId of [...new Set(body.candidateIds)]) {
    const name = await repo.findCandidateName(ctx.kysely, organisationId, candidateId);
    if (name === undefined)
      throw new AppError('not_found', `Candidate ${candidateId} not found`, { field: 'candidateIds' });
    let preview: { subject: string; text: string } | null = null;
    let reason: string | null = null;
    try {
      await ctx.kysely.transaction().execute(async (tx) => {
        const offered = await offerTo(tx, ctx, organisationId, input, candidateId, null, 'system');
        if (!offered.sent) {
          reason = offered.reason;
          return;
        }
        const message = await findMessage(tx, organisationId, offered.messageId!);
        if (!message) throw new Error('the previewed message was not written');
        throw new PreviewOnly({ subject: message.subject, text: message.text });
      });
    } catch (err) {
      if (!(err instanceof PreviewOnly)) throw err;
      preview = err.preview;
    }
    data.push({
      candidateId,
      name,
      canSend: preview !== null,
      reason,
      subject: preview?.subject ?? null,
      text: preview?.text ?? null,
    });
  }
  return { data };
}

/** Starts the sending job; answers with it. */
export async function startOpportunities(
  ctx: AppContext,
  organisationId: string,
  roleId: string,
  body: OpportunitiesCreate,
  actor: Actor,
): Promise<Job> {
  const now = ctx.now();
  const candidateIds = [...new Set(body.candidateIds)];
  const job = await ctx.kysely.transaction().execute(async (tx) => {
    const role = await roleOrNotFound(tx, organisationId, roleId);
    for (const candidateId of candidateIds) {
      if ((await repo.findCandidateName(tx, organisationId, candidateId)) === undefined) {
        throw new AppError('not_found', `Candidate ${candidateId} not found`, { field: 'candidateIds' });
      }
    }
    const started = await startJob(tx, now, {
      organisationId,
      kind: opportunitiesJobKind,
      input: { roleId, candidateIds, notes: body.notes ?? {} },
      total: candidateIds.length,
      createdBy: actor,
    });
    await recordAudit(
      tx,
      organisationId,
      actor,
      {
        action: 'network.opportunities_started',
        subjectType: 'role',
        subjectId: role.id,
        detail: { jobId: started.job.id, members: candidateIds.length },
      },
      now,
    );
    return started.job;
  });
  jobQueued();
  return toJob(job);
}

export const opportunitiesJob = defineJobHandler({
  kind: opportunitiesJobKind,
  input: opportunityInput,
  async run(run) {
    await run.setTotal(run.input.candidateIds.length);
    const results = [];
    for (const candidateId of run.input.candidateIds) {
      if (run.signal.aborted) break;
      results.push(
        await run.step(`member:${candidateId}`, (tx) =>
          offerTo(tx, run.ctx, run.job.organisationId, run.input, candidateId, run.job.id, 'system'),
        ),
      );
    }
    return {
      sent: results.filter((r) => r.sent).length,
      skipped: results.filter((r) => !r.sent).map((r) => ({ candidateId: r.candidateId, reason: r.reason })),
    };
  },
});
