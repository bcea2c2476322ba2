// The candidate's privacy pages: "my data" in plain words (everything held about them, beside the
// JSON download), and deleting their data, which asks first, says what happens and when, and then
// anonymises them at once (src/features/privacy) unless a legal hold makes it wait. No JavaScript.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import type { AppContext } from '../app-context.ts';
import { isStage, stageLabels } from '../domain/lifecycle.ts';
import { approvedFeedbackFor } from '../features/feedback/feedback.service.ts';
import { insertNotification } from '../features/notifications/notifications.repository.ts';
import { anonymiseCandidate, flushErasedPages, isOnLegalHold } from '../features/privacy/privacy.service.ts';
import { emitEvent } from '../features/webhooks/webhooks.events.ts';
import type { rateLimits } from '../http/rate-limits.ts';
import { html, type SafeHtml } from './html.ts';
import { csrfToken, type ResolvedLink } from './links.ts';
import { renderMarkdown, ukDate } from './pages.ts';
import * as repo from './portal.repository.ts';

export interface PrivacyPageHelpers {
  linkOf(request: FastifyRequest, reply: FastifyReply): Promise<ResolvedLink | undefined>;
  formAllowed(
    request: FastifyRequest,
    reply: FastifyReply,
    link: ResolvedLink,
    formName: string,
  ): Promise<boolean>;
  /** Sends a page in the organisation's branding. */
  render(
    reply: FastifyReply,
    status: number,
    organisationId: string,
    title: string,
    body: SafeHtml,
  ): Promise<unknown>;
  rateLimit: typeof rateLimits.portalPerAddress;
}

const deleteForm = 'delete-my-data';

/** The outcome of an application in plain words (a closed one reads as the outcome it closed with). */
function statusWords(stage: string, outcome: string | null): string {
  const shown = stage === 'closed' && outcome ? outcome : stage;
  return isStage(shown) ? stageLabels[shown] : shown;
}

const interviewKinds: Record<string, string> = {
  phone: 'Phone call',
  video: 'Video call',
  in_person: 'In person',
  practical: 'Practical test',
};

const dateOr = (iso: string | null, otherwise = '—') => (iso ? ukDate(iso) : otherwise);

export function privacyPageRoutes(portal: FastifyInstance, ctx: AppContext, h: PrivacyPageHelpers): void {
  const db = ctx.kysely;
  const secret = ctx.config.secret;

  portal.get('/c/:token/my-data', { config: { rateLimit: h.rateLimit } }, async (request, reply) => {
    const link = await h.linkOf(request, reply);
    if (!link) return reply;
    const { organisationId, candidateId } = link;
    const { token } = request.params as { token: string };
    const candidate = await repo.findCandidate(db, organisationId, candidateId);
    if (!candidate) return reply;
    const [applications, interviews, messages, calls, memberships, surveys, requests] = await Promise.all([
      repo.listApplications(db, organisationId, candidateId),
      repo.listInterviews(db, organisationId, candidateId),
      repo.listMessages(db, organisationId, candidateId),
      repo.listFeedbackCallRequests(db, organisationId, candidateId),
      repo.listNetworkMemberships(db, organisationId, candidateId),
      repo.listSurveyResponses(db, organisationId, candidateId),
      repo.listDataRequests(db, organisationId, candidateId),
    ]);
    const roleOf = new Map(applications.map((a) => [a.id, `${a.roleTitle} at ${a.venueName}`]));
    const applicationItems: SafeHtml[] = [];
    for (const a of applications) {
      const told = a.toldAt !== null || !['not_progressing', 'offer'].includes(a.outcome ?? a.stage);
      const feedback = told ? await approvedFeedbackFor(db, organisationId, a.id) : undefined;
      const own = interviews.filter((i) => i.application_id === a.id);
      applicationItems.push(html`<li><h3>${a.roleTitle} at ${a.venueName}</h3>
<dl>
<dt>Applied</dt><dd>${ukDate(a.appliedAt)}</dd>
<dt>Where it stands</dt><dd>${told ? statusWords(a.stage, a.outcome) : 'Awaiting decision'}</dd>
${told && a.decidedAt ? html`<dt>Decided</dt><dd>${ukDate(a.decidedAt)}</dd>` : ''}
${a.toldAt ? html`<dt>We told you</dt><dd>${ukDate(a.toldAt)}</dd>` : ''}
<dt>Interviews</dt><dd>${
        own.length === 0
          ? 'None'
          : html`<ul>${own.map((i) => html`<li>${interviewKinds[i.kind] ?? i.kind}, ${ukDate(i.starts_at)}</li>`)}</ul>`
      }</dd>
</dl>
${feedback ? html`<h4>The feedback we gave you (${ukDate(feedback.approvedAt)})</h4><div class="feedback">${renderMarkdown(feedback.text)}</div>` : ''}
</li>`);
    }
    const body = html`<h1>Everything we hold about you</h1>
<p>This is all the information we keep about you, in plain words. You can also <a href="/c/${token}/my-data.json" download="my-data.json">download it as a file</a> (JSON, for use in other programs).</p>
<section class="card" aria-labelledby="h-you"><h2 id="h-you">About you</h2>
<dl>
<dt>Name</dt><dd>${candidate.name}</dd>
<dt>Email address</dt><dd>${candidate.email}</dd>
<dt>Phone number</dt><dd>${candidate.phone ?? 'We do not have one'}</dd>
<dt>Where you are based</dt><dd>${candidate.location ?? 'We do not have this'}</dd>
<dt>How you found us</dt><dd>${candidate.source ?? 'Not recorded'}</dd>
<dt>On our records since</dt><dd>${ukDate(candidate.createdAt)}</dd>
</dl></section>
<section class="card" aria-labelledby="h-apps"><h2 id="h-apps">Your applications</h2>
${applications.length === 0 ? html`<p>None.</p>` : html`<ul class="plain">${applicationItems}</ul>`}</section>
<section class="card" aria-labelledby="h-emails"><h2 id="h-emails">Emails we wrote to you</h2>
${
  messages.length === 0
    ? html`<p>None.</p>`
    : html`<ul>${messages.map(
        (m) =>
          html`<li>“${m.subject}”${m.application_id && roleOf.has(m.application_id) ? html` about ${roleOf.get(m.application_id)}` : ''}: ${m.sent_at ? html`sent ${ukDate(m.sent_at)}` : m.status === 'cancelled' ? 'not sent' : 'not sent yet'}</li>`,
      )}</ul>`
}</section>
<section class="card" aria-labelledby="h-calls"><h2 id="h-calls">Feedback calls you asked for</h2>
${
  calls.length === 0
    ? html`<p>None.</p>`
    : html`<ul>${calls.map(
        (c) =>
          html`<li>${ukDate(c.created_at)}${c.application_id && roleOf.has(c.application_id) ? html`, about ${roleOf.get(c.application_id)}` : ''}${c.note ? html`. Your question: “${c.note}”` : ''}${c.preferred_times ? html`. Good times: ${c.preferred_times}` : ''}</li>`,
      )}</ul>`
}</section>
<section class="card" aria-labelledby="h-net"><h2 id="h-net">Our talent network</h2>
${
  memberships.length === 0
    ? html`<p>You have not joined it.</p>`
    : html`<ul>${memberships.map(
        (m) =>
          html`<li>Joined ${ukDate(m.joined_at)} (agreeing to version ${m.consent_version} of our wording); ${m.left_at ? html`left ${ukDate(m.left_at)}` : html`lasts until ${ukDate(m.expires_at)}`}</li>`,
      )}</ul>`
}</section>
<section class="card" aria-labelledby="h-survey"><h2 id="h-survey">Your ratings of our process</h2>
${
  surveys.length === 0
    ? html`<p>None.</p>`
    : html`<ul>${surveys.map(
        (s) =>
          html`<li>${ukDate(s.created_at)}: ${Number(s.recommend)} out of 10 for recommending us; told when promised ${Number(s.told_when_promised)}/5, useful feedback ${Number(s.feedback_useful)}/5, treated with respect ${Number(s.treated_with_respect)}/5${s.comment ? html`. Your comment: “${s.comment}”` : ''}</li>`,
      )}</ul>`
}</section>
<section class="card" aria-labelledby="h-req"><h2 id="h-req">Your requests about your data</h2>
${
  requests.length === 0
    ? html`<p>None.</p>`
    : html`<ul>${requests.map(
        (r) =>
          html`<li>Deletion asked for ${ukDate(r.requested_at)}: ${r.status === 'open' ? html`we must act by ${ukDate(r.due_at)}` : html`${r.status} ${dateOr(r.closed_at, '')}`}</li>`,
      )}</ul>`
}</section>
<p><a href="/c/${token}">Back to your page</a></p>`;
    return h.render(reply, 200, organisationId, 'Everything we hold about you', body);
  });

  portal.get('/c/:token/delete-my-data', { config: { rateLimit: h.rateLimit } }, async (request, reply) => {
    const link = await h.linkOf(request, reply);
    if (!link) return reply;
    const { token } = request.params as { token: string };
    const onHold = await isOnLegalHold(db, link.organisationId, link.candidateId);
    const open = (await repo.listApplications(db, link.organisationId, link.candidateId)).filter((a) =>
      ['applied', 'interviewing', 'awaiting_decision', 'offer'].includes(a.stage),
    );
    const body = html`<h1>Delete your data</h1>
<section class="card" aria-labelledby="h-what"><h2 id="h-what">What will happen</h2>
${
  onHold
    ? html`<p>We have to keep your details for now because of a legal claim. If you confirm, we record your request today and delete your data as soon as the claim is over, and in any case tell you by ${ukDate(DateTime.fromJSDate(ctx.now(), { zone: 'utc' }).plus({ months: 1 }).toJSDate())}.</p>`
    : html`<p>As soon as you confirm, straight away:</p>
<ul>
<li>we delete your name, email address, phone number and where you are based;</li>
<li>we delete your feedback, any notes about you, your comments and the emails we wrote to you;</li>
<li>you leave our talent network, and we will not contact you again;</li>
<li>this page and the link to it stop working.</li>
</ul>
<p>We keep only figures that no longer say who you are (for example that an application was not progressed, on which date, and the ratings you gave our process), so that our statistics stay correct. We keep a record that you asked and that we did it, without your name.</p>
${open.length > 0 ? html`<p class="warning">You still have an open application (${open.map((a) => a.roleTitle).join(', ')}). Once your data is deleted we can no longer contact you about it.</p>` : ''}
<p><strong>This cannot be undone.</strong> You may want to <a href="/c/${token}/my-data">see your data</a> or <a href="/c/${token}/my-data.json" download="my-data.json">download it</a> first.</p>`
}
</section>
<form method="post" action="/c/${token}/delete-my-data">
<input type="hidden" name="csrf" value="${csrfToken(secret, link.tokenHash, deleteForm)}">
<input type="hidden" name="confirm" value="yes">
<button type="submit">Yes, delete my data</button>
</form>
<p><a href="/c/${token}">No, keep my data and go back</a></p>`;
    return h.render(reply, 200, link.organisationId, 'Delete your data', body);
  });

  portal.post('/c/:token/delete-my-data', { config: { rateLimit: h.rateLimit } }, async (request, reply) => {
    const link = await h.linkOf(request, reply);
    if (!link || !(await h.formAllowed(request, reply, link, deleteForm))) return reply;
    const { token } = request.params as { token: string };
    if ((request.body as Record<string, string> | undefined)?.confirm !== 'yes') {
      return reply.redirect(`/c/${token}/delete-my-data`, 303);
    }
    const now = ctx.now();
    const { organisationId, candidateId } = link;
    const outcome = await db.transaction().execute(async (tx) => {
      const requests = await repo.listDataRequests(tx, organisationId, candidateId);
      const open = requests.find((r) => r.kind === 'deletion' && r.status === 'open');
      const dueAt =
        open?.due_at ?? DateTime.fromJSDate(now, { zone: 'utc' }).plus({ months: 1 }).toISO() ?? '';
      const requestId =
        open?.id ?? (await repo.insertDataRequest(tx, { organisationId, candidateId, dueAt }, now));
      await repo.recordCandidateAudit(
        tx,
        organisationId,
        candidateId,
        {
          action: 'portal.deletion_requested',
          subjectType: 'data_request',
          subjectId: requestId,
          detail: { dueAt, confirmed: true },
        },
        now,
      );
      // Meets the request too (kept as proof, without personal data); false while a legal hold is on.
      const erased = await anonymiseCandidate(
        tx,
        organisationId,
        candidateId,
        'system',
        'erasure_request',
        now,
      );
      // After the anonymisation (which empties earlier events about them): this one holds ids only.
      if (!open) {
        const data = { dataRequestId: requestId, candidateId, kind: 'deletion', dueAt };
        await emitEvent(tx, organisationId, 'data_request.received', data, now);
      }
      // Admins are told without the candidate's name: the request is kept as proof only.
      for (const userId of await repo.listAdminIds(tx, organisationId)) {
        await insertNotification(
          tx,
          {
            organisationId,
            userId,
            kind: 'data_request',
            title: erased
              ? 'A candidate deleted their data from their page'
              : 'A candidate on legal hold asked us to delete their data',
            body: erased
              ? 'Their details were anonymised at once; the figures stay counted.'
              : `UK GDPR: we must act by ${ukDate(dueAt)}. Release the legal hold when the claim is over.`,
            linkPath: '/settings/data-requests',
            dedupeKey: `data-request:${requestId}:${userId}`,
          },
          now,
        );
      }
      return { erased, dueAt };
    });
    if (outcome.erased) {
      await flushErasedPages(db);
      return h.render(
        reply,
        200,
        organisationId,
        'Your data has been deleted',
        html`<h1>Your data has been deleted</h1>
<div class="notice" role="status"><p>We deleted your details on ${ukDate(now)}. We will not contact you again.</p></div>
<p>We kept only figures that no longer say who you are, and a record that you asked and that we did it. The link to your page no longer works.</p>`,
      );
    }
    return reply.redirect(`/c/${token}?done=deletion-held`, 303);
  });
}
