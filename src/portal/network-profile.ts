// The talent-network member's own profile on their page (issue #12): availability (permanent,
// freelance, casual crew, notice), interests (kinds of role, venues), region and travel distance,
// and "I've done this training" for a training our feedback suggested (optional certificate number
// and date); the invitation to join (one benefit, a choice of interests) for someone not in the
// network, what happened when their membership ended, and whether they want network emails.
// Plain HTML forms, no JavaScript; every POST is checked like the page's other forms.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { AppContext } from '../app-context.ts';
import type { Database } from '../db/schema.ts';
import { approvedFeedbackFor } from '../features/feedback/feedback.service.ts';
import type { NetworkMember, ProfileFields } from '../features/network/network.schema.ts';
import {
  type OfferedRole,
  recordTrainingDone,
  registerInterest,
  setNetworkEmails,
  updateOwnProfile,
} from '../features/network/network.service.ts';
import type { rateLimits } from '../http/rate-limits.ts';
import { html, type SafeHtml } from './html.ts';
import type { ResolvedLink } from './links.ts';
import { ukDate } from './pages.ts';
import * as repo from './portal.repository.ts';

type Form = Record<string, string>;

export interface SuggestedTraining {
  criterionKey: string;
  criterion: string;
  title: string;
}

/** The trainings our approved, already-told feedback suggested to this candidate. */
export async function suggestedTrainings(
  db: Kysely<Database>,
  organisationId: string,
  candidateId: string,
): Promise<SuggestedTraining[]> {
  const out = new Map<string, SuggestedTraining>();
  for (const application of await repo.listApplications(db, organisationId, candidateId)) {
    const stage =
      application.stage === 'closed' && application.outcome ? application.outcome : application.stage;
    if (stage !== 'not_progressing' || application.toldAt === null) continue;
    const feedback = await approvedFeedbackFor(db, organisationId, application.id);
    for (const area of feedback?.structured.developmentAreas ?? []) {
      if (area.criterionKey === null) continue;
      for (const s of area.suggestions) {
        const item = { criterionKey: area.criterionKey, criterion: area.criterion, title: s.name };
        out.set(trainingValue(item), item);
      }
    }
  }
  return [...out.values()];
}

const trainingValue = (t: Pick<SuggestedTraining, 'criterionKey' | 'title'>) =>
  `${t.criterionKey}::${t.title}`;

const checked = (on: boolean) => (on ? html` checked` : html``);
const list = (values: readonly string[]) => values.join(', ');

/** The profile forms inside the page's talent-network section, for a current member. */
export function networkProfileSection(
  token: string,
  csrf: (form: string) => string,
  member: NetworkMember,
  suggestions: readonly SuggestedTraining[],
): SafeHtml {
  const a = member.availability;
  const done = new Set(member.trainingDone.map((t) => trainingValue(t)));
  const open = suggestions.filter((s) => !done.has(trainingValue(s)));
  return html`<h3 id="h-network-profile">Your network profile</h3>
<p>Tell us what work you'd like, so we only tell you about roles that suit you.</p>
<form method="post" action="/c/${token}/network/profile">
<input type="hidden" name="csrf" value="${csrf('network-profile')}">
<fieldset><legend>What work would you like?</legend>
<label><input type="checkbox" name="permanent" value="1"${checked(a.permanent)}> Permanent roles</label>
<label><input type="checkbox" name="freelance" value="1"${checked(a.freelance)}> Freelance shifts</label>
<label><input type="checkbox" name="casualCrew" value="1"${checked(a.casualCrew)}> Casual crew (for example follow-spot or No.2 on sound for a show)</label>
</fieldset>
<label for="np-notice">Notice you need to give, in weeks (optional)</label>
<input type="number" id="np-notice" name="noticeWeeks" min="0" max="52" value="${a.noticeWeeks === null ? '' : String(a.noticeWeeks)}">
<label for="np-kinds">Kinds of role you're interested in (separate with commas)</label>
<input type="text" id="np-kinds" name="roleKinds" maxlength="800" value="${list(member.interests.roleKinds)}" placeholder="For example: Lighting, Sound, Stage management">
<label for="np-venues">Venues you'd like to work at (separate with commas)</label>
<input type="text" id="np-venues" name="venues" maxlength="1200" value="${list(member.interests.venues)}">
<label for="np-region">Where you're based (town or area)</label>
<input type="text" id="np-region" name="region" maxlength="80" value="${member.region ?? ''}">
<label for="np-travel">How far you'll travel, in miles (optional)</label>
<input type="number" id="np-travel" name="travelMiles" min="0" max="1000" value="${member.travelMiles === null ? '' : String(member.travelMiles)}">
<button type="submit">Save my profile</button>
</form>
<h4 id="h-network-emails">Emails about roles</h4>
${
  member.unsubscribed
    ? html`<p>You've stopped talent-network emails: we won't email you about new roles. You're still in the network, and the hiring team can still see your profile.</p>
<form method="post" action="/c/${token}/network/emails"><input type="hidden" name="csrf" value="${csrf('network-emails')}"><input type="hidden" name="receive" value="1"><button type="submit">Email me about roles that suit me again</button></form>`
    : html`<p>We email you when a role that suits you opens. You can stop these emails and stay in the network.</p>
<form method="post" action="/c/${token}/network/emails"><input type="hidden" name="csrf" value="${csrf('network-emails')}"><input type="hidden" name="receive" value="0"><button type="submit" class="secondary">Stop emails about roles</button></form>`
}
${
  member.trainingDone.length > 0
    ? html`<h4>Training you've done</h4><ul>${member.trainingDone.map(
        (t) =>
          html`<li>${t.title}${t.completedOn ? html`, ${ukDate(t.completedOn)}` : ''}${t.certificateNumber ? html` (certificate ${t.certificateNumber})` : ''}</li>`,
      )}</ul>`
    : ''
}
${
  open.length > 0
    ? html`<details><summary>I've done a training you suggested</summary>
<form method="post" action="/c/${token}/network/training">
<input type="hidden" name="csrf" value="${csrf('network-training')}">
<label for="nt-training">Which training</label>
<select id="nt-training" name="training" required>${open.map(
        (s) => html`<option value="${trainingValue(s)}">${s.title} (${s.criterion})</option>`,
      )}</select>
<label for="nt-date">When you finished it (optional)</label>
<input type="date" id="nt-date" name="completedOn">
<label for="nt-cert">Certificate number (optional)</label>
<input type="text" id="nt-cert" name="certificateNumber" maxlength="80">
<button type="submit">Tell the hiring team</button>
</form></details>`
    : ''
}`;
}

/** The roles we sent the member as opportunities, each at `#opportunity-<role>` (the email's link). */
export function opportunitiesSection(
  token: string,
  csrf: (form: string) => string,
  roles: readonly OfferedRole[],
): SafeHtml {
  if (roles.length === 0) return html``;
  return html`<section class="card" aria-labelledby="h-opportunities">
<h2 id="h-opportunities">Roles we thought of you for</h2>
${roles.map(
  (r) => html`<article id="opportunity-${r.roleId}">
<h3>${r.title}, ${r.venueName}</h3>
<p class="muted">Sent on ${ukDate(r.sentAt)}</p>
${r.note ? html`<p><strong>Why we thought of you:</strong> ${r.note}</p>` : ''}
${r.description ? html`<p>${r.description}</p>` : ''}
${
  r.open
    ? html`<form method="post" action="/c/${token}/network/opportunity/${r.roleId}/interested"><input type="hidden" name="csrf" value="${csrf(`network-interest:${r.roleId}`)}"><button type="submit">I'm interested: please get in touch</button></form>`
    : html`<p class="muted">This role is no longer open.</p>`
}
</article>`,
)}
</section>`;
}

/** The kinds of role a candidate can tick when they join (saved as their interests). */
export const joinRoleKinds = [
  ['sound', 'Sound'],
  ['lighting', 'Lighting'],
  ['video', 'Video and projection'],
  ['rigging', 'Rigging'],
  ['stage', 'Stage and crew'],
] as const;

/**
 * The invitation on the page of someone not in the network: one clear benefit, what joining means,
 * and their choice of interests (kinds of work and of role), saved with their consent.
 */
export function networkJoinSection(
  token: string,
  csrf: (form: string) => string,
  months: number,
  ended: { reason: 'expired' | 'left'; on: string } | null,
): SafeHtml {
  return html`${
    ended?.reason === 'expired'
      ? html`<p class="notice" id="network-ended">Your talent-network membership ended on ${ukDate(ended.on)} because it wasn't renewed. We no longer email you about roles. You're welcome to join again below.</p>`
      : ended
        ? html`<p class="notice" id="network-ended">You left the talent network on ${ukDate(ended.on)}. You're welcome to join again below.</p>`
        : ''
  }
<p><strong>Join and hear about roles that suit you directly:</strong> when one opens at our venues, the hiring manager can email you about it and say why they thought of you.</p>
<form method="post" action="/c/${token}/network/join">
<input type="hidden" name="csrf" value="${csrf('network-join')}">
<fieldset><legend>What work would you like to hear about? (you can change this later)</legend>
<label><input type="checkbox" name="permanent" value="1" checked> Permanent roles</label>
<label><input type="checkbox" name="freelance" value="1"> Freelance shifts</label>
<label><input type="checkbox" name="casualCrew" value="1"> Casual crew (for example follow-spot or No.2 on sound for a show)</label>
</fieldset>
<fieldset><legend>Which kinds of role?</legend>
${joinRoleKinds.map(([value, label]) => html`<label><input type="checkbox" name="kind-${value}" value="1"> ${label}</label>`)}
</fieldset>
<p class="hint">We'll keep your details for ${String(months)} months and ask before then whether you'd like to stay.</p>
<button type="submit">Join the talent network</button>
</form>`;
}

/** The interests ticked on the invitation's form. */
export function joinInterestsOf(form: Form): ProfileFields {
  return {
    permanent: form.permanent === '1',
    freelance: form.freelance === '1',
    casualCrew: form.casualCrew === '1',
    roleKinds: joinRoleKinds.filter(([value]) => form[`kind-${value}`] === '1').map(([, label]) => label),
  };
}

const tags = (raw: string | undefined, max: number, limit: number) =>
  (raw ?? '')
    .split(',')
    .map((v) => v.trim().slice(0, max))
    .filter((v) => v.length > 0)
    .slice(0, limit);

function whole(raw: string | undefined, max: number): number | null {
  const value = (raw ?? '').trim();
  if (!/^\d{1,4}$/.test(value)) return null;
  const n = Number(value);
  return n <= max ? n : null;
}

/** The profile form as fields (every field given: an unticked box is "no"). */
export function profileFieldsOf(form: Form): ProfileFields {
  const region = (form.region ?? '').trim().slice(0, 80);
  return {
    permanent: form.permanent === '1',
    freelance: form.freelance === '1',
    casualCrew: form.casualCrew === '1',
    noticeWeeks: whole(form.noticeWeeks, 52),
    travelMiles: whole(form.travelMiles, 1000),
    region: region || null,
    roleKinds: tags(form.roleKinds, 80, 20),
    venues: tags(form.venues, 120, 20),
  };
}

export interface ProfileRouteHelpers {
  linkOf(request: FastifyRequest, reply: FastifyReply): Promise<ResolvedLink | undefined>;
  formAllowed(
    request: FastifyRequest,
    reply: FastifyReply,
    link: ResolvedLink,
    formName: string,
  ): Promise<boolean>;
  back(request: FastifyRequest, done: string, anchor?: string): string;
  recordCandidateAudit: typeof repo.recordCandidateAudit;
  rateLimit: typeof rateLimits.portalPerAddress;
}

export function networkProfileRoutes(portal: FastifyInstance, ctx: AppContext, h: ProfileRouteHelpers) {
  const db = ctx.kysely;
  const config = { rateLimit: h.rateLimit };

  portal.post('/c/:token/network/profile', { config }, async (request, reply) => {
    const link = await h.linkOf(request, reply);
    if (!link || !(await h.formAllowed(request, reply, link, 'network-profile'))) return reply;
    const fields = profileFieldsOf((request.body ?? {}) as Form);
    const now = ctx.now();
    const saved = await db
      .transaction()
      .execute((tx) => updateOwnProfile(tx, link.organisationId, link.candidateId, fields, now));
    return reply.redirect(h.back(request, saved ? 'profile' : 'not-member', 'h-network'), 303);
  });

  portal.post('/c/:token/network/emails', { config }, async (request, reply) => {
    const link = await h.linkOf(request, reply);
    if (!link || !(await h.formAllowed(request, reply, link, 'network-emails'))) return reply;
    const receive = ((request.body ?? {}) as Form).receive === '1';
    const now = ctx.now();
    const changed = await db.transaction().execute(async (tx) => {
      const done = await setNetworkEmails(tx, link.organisationId, link.candidateId, receive, now);
      if (done) {
        await h.recordCandidateAudit(
          tx,
          link.organisationId,
          link.candidateId,
          {
            action: receive ? 'portal.network_resubscribed' : 'portal.network_unsubscribed',
            subjectType: 'candidate',
            subjectId: link.candidateId,
            detail: {},
          },
          now,
        );
      }
      return done;
    });
    const done = changed ? (receive ? 'emails-on' : 'emails-off') : 'profile';
    return reply.redirect(h.back(request, done, 'h-network-emails'), 303);
  });

  portal.post('/c/:token/network/opportunity/:roleId/interested', { config }, async (request, reply) => {
    const { roleId } = request.params as { roleId: string };
    const link = await h.linkOf(request, reply);
    if (!link || !(await h.formAllowed(request, reply, link, `network-interest:${roleId}`))) return reply;
    const now = ctx.now();
    const known = await db.transaction().execute(async (tx) => {
      const ok = await registerInterest(tx, link.organisationId, link.candidateId, roleId, now);
      if (ok) {
        await h.recordCandidateAudit(
          tx,
          link.organisationId,
          link.candidateId,
          {
            action: 'portal.network_interest',
            subjectType: 'role',
            subjectId: roleId,
            detail: {},
          },
          now,
        );
      }
      return ok;
    });
    return reply.redirect(
      h.back(request, known ? 'interested' : 'opportunity-closed', `opportunity-${roleId}`),
      303,
    );
  });

  portal.post('/c/:token/network/training', { config }, async (request, reply) => {
    const link = await h.linkOf(request, reply);
    if (!link || !(await h.formAllowed(request, reply, link, 'network-training'))) return reply;
    const form = (request.body ?? {}) as Form;
    const suggestions = await suggestedTrainings(db, link.organisationId, link.candidateId);
    const chosen = suggestions.find((s) => trainingValue(s) === form.training);
    if (!chosen) return reply.redirect(h.back(request, 'training-unknown', 'h-network'), 303);
    const date = (form.completedOn ?? '').trim();
    const now = ctx.now();
    const completedOn =
      /^\d{4}-\d{2}-\d{2}$/.test(date) &&
      !Number.isNaN(Date.parse(date)) &&
      date <= now.toISOString().slice(0, 10)
        ? date
        : null;
    const certificate = (form.certificateNumber ?? '').trim().slice(0, 80) || null;
    const id = await db.transaction().execute(async (tx) => {
      const trainingId = await recordTrainingDone(
        tx,
        link.organisationId,
        link.candidateId,
        {
          criterionKey: chosen.criterionKey,
          title: chosen.title,
          certificateNumber: certificate,
          completedOn,
        },
        now,
      );
      if (trainingId) {
        await h.recordCandidateAudit(
          tx,
          link.organisationId,
          link.candidateId,
          {
            action: 'portal.network_training_done',
            subjectType: 'candidate',
            subjectId: link.candidateId,
            detail: { trainingId, criterionKey: chosen.criterionKey },
          },
          now,
        );
      }
      return trainingId;
    });
    return reply.redirect(h.back(request, id ? 'training' : 'not-member', 'h-network'), 303);
  });
}

/** The page's notices for these forms. */
export const networkProfileNotices: Record<string, string> = {
  profile: 'Thank you: your network profile is saved.',
  interested: "Thank you: we've told the hiring manager, who will get in touch with you.",
  'opportunity-closed': 'That role is no longer open, so we have not passed this on.',
  'emails-on': "We'll email you again when a role that suits you opens.",
  'emails-off': "We won't email you about roles any more. You're still in the talent network.",
  training: "Thank you: we've told the hiring team about your training.",
  'training-unknown': 'Please choose one of the trainings we suggested.',
  'not-member': 'Only talent-network members have a network profile. Join below to keep one.',
};
