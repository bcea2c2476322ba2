// The candidate's own page (issue #7 items 6–7), reached from the personal link in every candidate
// email: `/c/<token>`. Server-rendered HTML forms (POST + redirect), no JavaScript, no account.
// Every POST carries a CSRF token bound to the link and the form, and a foreign Origin/Referer is
// refused. Every link problem (expired, altered, another candidate's application) is the same 404.
import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.ts';
import { approvedFeedbackFor } from '../features/feedback/feedback.service.ts';
import { enqueue } from '../features/messages/outbox.ts';
import { findOrganisationName } from '../features/messages/outbox-context.ts';
import {
  consentMonthsOf,
  endedMembership,
  joinNetwork,
  leaveNetwork,
  networkConsentVersion,
  offeredRoles,
  ownProfile,
} from '../features/network/network.service.ts';
import { insertNotification } from '../features/notifications/notifications.repository.ts';
import { findBranding } from '../features/templates/templates.repository.ts';
import { hashedKey, keyedLimit, rateLimits } from '../http/rate-limits.ts';
import type { ApiApp } from '../http/types.ts';
import { newId } from '../ids.ts';
import { safeUrl } from '../mail/escape.ts';
import { contactDetailsRoutes, contactDetailsSection, contactNotices } from './contact-details.ts';
import { candidateDataExport, decidedStages, feedbackStages } from './data-export.ts';
import { html, type SafeHtml } from './html.ts';
import { csrfMatches, csrfToken, type ResolvedLink, resolveCandidateLink } from './links.ts';
import {
  joinInterestsOf,
  networkJoinSection,
  networkProfileNotices,
  networkProfileRoutes,
  networkProfileSection,
  opportunitiesSection,
  suggestedTrainings,
} from './network-profile.ts';
import {
  type Branding,
  freshLinkPage,
  layout,
  neutralNotFoundPage,
  outcomeText,
  renderMarkdown,
  simplePage,
  trainingList,
  ukDate,
} from './pages.ts';
import { portalCss } from './portal.css.ts';
import * as repo from './portal.repository.ts';
import { privacyPageRoutes } from './privacy-pages.ts';
import { referralNotices, referralPageRoutes, referralSection } from './referral-section.ts';

/** The version of the talent-network consent text below; recorded with every join. */
export { networkConsentVersion };

/**
 * The stage the candidate sees: an offer or a not-progressing decision stays "awaiting decision"
 * on the page until its email has gone (told), so the page never tells them before we do.
 */
function visible<T extends { stage: string; toldAt: string | null; outcome: string | null }>(
  application: T,
): T {
  // A closed application reads as the outcome it closed with (hired, not progressing…).
  const stage =
    application.stage === 'closed' && application.outcome ? application.outcome : application.stage;
  const untold = (stage === 'not_progressing' || stage === 'offer') && !application.toldAt;
  return { ...application, stage: untold ? 'awaiting_decision' : stage };
}

type Form = Record<string, string>;

export interface PortalOptions {
  /** The fresh-link form answers no sooner than this, known email or not (default 400 ms). */
  freshLinkMinimumMs?: number;
}

/**
 * The pages' own Content-Security-Policy: no script at all, styles from us, forms only to us, and
 * images only from us and the organisation's logo — so nothing in a page can call out to a tracker.
 */
function contentSecurityPolicy(imageOrigins: string[]): string {
  return [
    "default-src 'none'",
    "style-src 'self' 'unsafe-inline'",
    `img-src ${["'self'", 'data:', ...imageOrigins].join(' ')}`,
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The origin of the organisation's logo, the one remote image a page may show. */
function logoOrigins(branding: Branding): string[] {
  const logo = safeUrl(branding.logoUrl);
  if (!logo) return [];
  try {
    return [new URL(logo).origin];
  } catch {
    return [];
  }
}

function send(reply: FastifyReply, status: number, page: string, imageOrigins: string[] = []) {
  return (
    reply
      .status(status)
      .header('content-security-policy', contentSecurityPolicy(imageOrigins))
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('x-robots-tag', 'noindex, nofollow')
      // Same-origin form posts then carry a real Origin header (helmet's default is no-referrer).
      .header('referrer-policy', 'same-origin')
      .send(page)
  );
}

const notFound = (reply: FastifyReply) => send(reply, 404, neutralNotFoundPage());

/** A cross-site POST: its Origin (or, without one, its Referer) is not this site. */
function foreignOrigin(request: FastifyRequest, publicUrl: string): boolean {
  const ours = new URL(publicUrl).origin;
  const origin = request.headers.origin;
  // Browsers send "Origin: null" for a same-site form under a strict referrer policy; the fetch
  // metadata then says whether it really came from this site. The CSRF token is checked as well.
  if (origin === 'null') return request.headers['sec-fetch-site'] !== 'same-origin';
  if (origin !== undefined) return origin !== ours;
  const referer = request.headers.referer;
  if (referer === undefined) return false;
  try {
    return new URL(referer).origin !== ours;
  } catch {
    return true;
  }
}

function refused(reply: FastifyReply) {
  return send(
    reply,
    403,
    simplePage(
      'This form could not be sent',
      'For your security, this form only works from your own page. Please open your page again from the link in our email and try once more.',
    ),
  );
}

function text(form: Form, name: string, max: number): string | null {
  const value = (form[name] ?? '').replace(/\r\n?/g, '\n').trim();
  return value ? value.slice(0, max) : null;
}

function integer(form: Form, name: string, min: number, max: number): number | undefined {
  const raw = form[name];
  if (raw === undefined || !/^\d{1,2}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= min && n <= max ? n : undefined;
}

const notices: Record<string, string> = {
  call: "Thank you. We've asked the hiring manager to arrange a feedback call with you.",
  joined: "You've joined the talent network. You can leave at any time on this page.",
  left: "You've left the talent network. We won't contact you about future roles.",
  renewed: "Thank you: you're in the talent network for longer. The new end date is below.",
  survey: 'Thank you for rating your experience.',
  'survey-done': "You've already rated your experience for this application. Thank you.",
  'deletion-held':
    "We've received your request to delete your data. We must keep it for now because of a legal claim, and will act on it by the date below.",
  ...networkProfileNotices,
  ...contactNotices,
  ...referralNotices,
};

export function portalRoutes(app: ApiApp, ctx: AppContext, options: PortalOptions = {}): void {
  // Its own encapsulated context, so form bodies are accepted here and nowhere in the API.
  app.register(async (portal: FastifyInstance) => portalPlugin(portal, ctx, options));
}

async function portalPlugin(portal: FastifyInstance, ctx: AppContext, options: PortalOptions) {
  const db = ctx.kysely;
  const secret = ctx.config.secret;
  const minimumMs = options.freshLinkMinimumMs ?? 400;
  const perEmail = new Map<string, number[]>();
  const rateLimit = rateLimits.portalPerAddress;
  // One link reached from many addresses is limited too.
  const perLink = keyedLimit(portal, 'portal-link', rateLimits.portalPerLink, (request) => {
    const token = (request.params as { token?: unknown } | undefined)?.token;
    return typeof token === 'string' ? hashedKey('link', token) : undefined;
  });
  portal.addHook('preHandler', perLink);

  portal.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 32 * 1024 },
    (_request, body, done) => {
      const form: Form = {};
      for (const [key, value] of new URLSearchParams(body as string)) form[key] = value;
      done(null, form);
    },
  );

  async function brandingOf(organisationId: string): Promise<Branding> {
    const [organisationName, branding] = await Promise.all([
      findOrganisationName(db, organisationId),
      findBranding(db, organisationId),
    ]);
    return { organisationName, logoUrl: branding.logoUrl, brandColour: branding.brandColour };
  }

  /** The link of the request, or a 404 already sent. */
  async function linkOf(request: FastifyRequest, reply: FastifyReply): Promise<ResolvedLink | undefined> {
    const { token } = request.params as { token: string };
    const link = await resolveCandidateLink(db, token, ctx.now());
    if (!link) await notFound(reply);
    return link;
  }

  /** Checks the Origin and the form's CSRF token; false when the refusal was sent. */
  async function formAllowed(
    request: FastifyRequest,
    reply: FastifyReply,
    link: ResolvedLink,
    formName: string,
  ): Promise<boolean> {
    const form = (request.body ?? {}) as Form;
    if (
      foreignOrigin(request, ctx.config.publicUrl) ||
      !csrfMatches(secret, link.tokenHash, formName, form.csrf)
    ) {
      await refused(reply);
      return false;
    }
    return true;
  }

  const tokenOf = (request: FastifyRequest) => (request.params as { token: string }).token;
  const back = (request: FastifyRequest, done: string, anchor = '') =>
    `/c/${tokenOf(request)}?done=${done}${anchor ? `#${anchor}` : ''}`;

  portal.get('/c/assets/portal.css', { config: { rateLimit } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(portalCss),
  );

  // --- A fresh link -----------------------------------------------------------------------------
  // The form's CSRF token cannot be bound to a link (there is none yet): it is bound to the hour.
  const hour = (offset = 0) => Math.floor(ctx.now().getTime() / 3_600_000) + offset;
  const freshCsrf = (h: number) => createHmac('sha256', secret).update(`fresh-link:${h}`).digest('base64url');

  portal.get('/c/fresh-link', { config: { rateLimit } }, async (request, reply) => {
    const sent = (request.query as { sent?: string }).sent === '1';
    return send(reply, 200, freshLinkPage(freshCsrf(hour()), sent));
  });

  portal.post(
    '/c/fresh-link',
    { config: { rateLimit: rateLimits.freshLinkPerAddress } },
    async (request, reply) => {
      const started = Date.now();
      const form = (request.body ?? {}) as Form;
      if (
        foreignOrigin(request, ctx.config.publicUrl) ||
        ![freshCsrf(hour()), freshCsrf(hour(-1))].includes(form.csrf ?? '')
      ) {
        return refused(reply);
      }
      const email = (form.email ?? '').trim().toLowerCase().slice(0, 320);
      if (email.includes('@')) {
        const now = Date.now();
        const recent = (perEmail.get(email) ?? []).filter((t) => now - t < 3_600_000); // the limit's hour
        if (recent.length < rateLimits.freshLinkPerEmail.max) {
          recent.push(now);
          perEmail.set(email, recent);
          const candidates = await repo.findCandidatesByEmail(db, email);
          for (const candidate of candidates) {
            await db.transaction().execute((tx) =>
              enqueue(tx, ctx, {
                organisationId: candidate.organisation_id,
                idempotencyKey: `fresh-link:${candidate.id}:${newId()}`,
                template: 'fresh_link',
                variables: {},
                to: { kind: 'candidate', candidateId: candidate.id },
                send: 'now',
                // Asking again retires the links sent before, once the new one has gone.
                replacesOlderLinks: true,
                createdBy: 'system',
              }),
            );
          }
        }
      }
      // The same answer, after the same minimum time, whether or not we know the email.
      const wait = minimumMs - (Date.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      return reply.redirect('/c/fresh-link?sent=1', 303);
    },
  );

  // --- The page ---------------------------------------------------------------------------------
  portal.get('/c/:token', { config: { rateLimit } }, async (request, reply) => {
    const link = await linkOf(request, reply);
    if (!link) return reply;
    const { organisationId, candidateId, tokenHash } = link;
    const candidate = await repo.findCandidate(db, organisationId, candidateId);
    if (!candidate) return notFound(reply);
    const [branding, applications, calls, memberships, surveys, requests] = await Promise.all([
      brandingOf(organisationId),
      repo.listApplications(db, organisationId, candidateId),
      repo.listFeedbackCallRequests(db, organisationId, candidateId),
      repo.listNetworkMemberships(db, organisationId, candidateId),
      repo.listSurveyResponses(db, organisationId, candidateId),
      repo.listDataRequests(db, organisationId, candidateId),
    ]);
    const token = tokenOf(request);
    const csrf = (form: string) => csrfToken(secret, tokenHash, form);
    const now = ctx.now();
    const done = notices[(request.query as { done?: string }).done ?? ''];

    const sections: SafeHtml[] = [];
    for (const application of applications.map(visible)) {
      const feedback = feedbackStages.includes(application.stage)
        ? await approvedFeedbackFor(db, organisationId, application.id)
        : undefined;
      const call = calls.find((c) => c.application_id === application.id);
      const surveyed = surveys.some((s) => s.application_id === application.id);
      const base = `/c/${token}/applications/${application.id}`;
      sections.push(html`<section class="card" id="app-${application.id}" aria-labelledby="h-${application.id}">
<h2 id="h-${application.id}">${application.roleTitle}</h2>
<p class="muted">${application.venueName} · applied ${ukDate(application.appliedAt)}</p>
<p><strong>${outcomeText(application, feedback !== undefined)}</strong></p>
${
  feedback
    ? html`<h3>Your feedback</h3>${renderMarkdown(feedback.text)}${trainingList(feedback.structured)}
${
  call
    ? html`<p class="notice">You asked for a feedback call on ${ukDate(call.created_at)}. The hiring manager will be in touch.</p>`
    : html`<details><summary>Ask for a feedback call</summary>
<form method="post" action="${base}/feedback-call">
<input type="hidden" name="csrf" value="${csrf(`feedback-call:${application.id}`)}">
<label for="note-${application.id}">Anything you'd like to talk about (optional)</label>
<textarea id="note-${application.id}" name="note" maxlength="2000"></textarea>
<label for="times-${application.id}">Good times to call you (optional)</label>
<input type="text" id="times-${application.id}" name="preferredTimes" maxlength="300" placeholder="For example: weekday mornings">
<button type="submit">Ask for a call</button>
</form></details>`
}`
    : ''
}
${
  decidedStages.includes(application.stage)
    ? surveyed
      ? html`<p class="muted">You rated your experience for this application. Thank you.</p>`
      : html`<details><summary>Rate your experience (optional)</summary>
<form method="post" action="${base}/survey">
<input type="hidden" name="csrf" value="${csrf(`survey:${application.id}`)}">
<fieldset><legend>How likely are you to recommend applying here to a friend? (0 = not at all, 10 = extremely likely)</legend>
<div class="scale">${Array.from({ length: 11 }, (_, n) => html`<label><input type="radio" name="recommend" value="${n}" required> ${n}</label>`)}</div></fieldset>
${[
  ['toldWhenPromised', 'I was told the outcome when promised'],
  ['feedbackUseful', 'The feedback was specific and useful'],
  ['treatedWithRespect', 'I was treated with respect'],
].map(
  ([name, question]) => html`<fieldset><legend>${question}</legend>
<p class="hint">1 = strongly disagree, 5 = strongly agree</p>
<div class="scale">${[1, 2, 3, 4, 5].map((n) => html`<label><input type="radio" name="${name}" value="${n}" required> ${n}</label>`)}</div></fieldset>`,
)}
<label for="comment-${application.id}">Anything else you'd like to tell us (optional)</label>
<textarea id="comment-${application.id}" name="comment" maxlength="2000"></textarea>
<button type="submit">Send my rating</button>
</form></details>`
    : ''
}
</section>`);
    }

    const current = memberships.find(
      (m) => m.left_at === null && new Date(m.expires_at).getTime() > now.getTime(),
    );
    const deletion = requests.find((r) => r.kind === 'deletion' && r.status === 'open');
    const member = current ? await ownProfile(db, organisationId, candidateId, now) : null;
    const networkConsentMonths = await consentMonthsOf(db, organisationId);
    const ended = current ? null : await endedMembership(db, organisationId, candidateId, now);
    const profile = member
      ? html`${networkProfileSection(token, csrf, member, await suggestedTrainings(db, organisationId, candidateId))}
${await contactDetailsSection(ctx, token, csrf, link, candidate)}`
      : '';
    const refer = await referralSection(ctx, {
      token,
      organisationId,
      candidateId,
      organisationName: branding.organisationName,
      csrf,
      message: (request.query as { message?: string }).message,
    });
    const body = html`<h1>Hello ${candidate.name}</h1>
${done ? html`<div class="notice" role="status"><p>${done}</p></div>` : ''}
<p>This is your page with ${branding.organisationName}: your applications, your feedback and your choices.</p>
${applications.length === 0 ? html`<p>We have no applications from you.</p>` : sections}
${current ? opportunitiesSection(token, csrf, await offeredRoles(db, organisationId, candidateId)) : ''}
<section class="card" aria-labelledby="h-network">
<h2 id="h-network">Our talent network</h2>
<p>If you join, we'll keep your name, contact details, applications and feedback for ${networkConsentMonths} months so that we can tell you about roles that suit you. We won't share them with anyone else. A month before the ${networkConsentMonths} months are up we'll ask whether you'd like to stay; if you don't answer, we'll delete your details. You can leave at any time on this page or from any of our emails.</p>
${
  current
    ? html`<p class="notice">You joined on ${ukDate(current.joined_at)}. Your membership lasts until ${ukDate(current.expires_at)}.</p>
<form method="post" action="/c/${token}/network/renew"><input type="hidden" name="csrf" value="${csrf('network-renew')}"><button type="submit">Yes, keep me in the network for another ${networkConsentMonths} months</button></form>
${profile}
<form method="post" action="/c/${token}/network/leave"><input type="hidden" name="csrf" value="${csrf('network-leave')}"><button type="submit" class="secondary">Leave the talent network</button></form>`
    : networkJoinSection(token, csrf, networkConsentMonths, ended)
}
</section>
${refer}
<section class="card" aria-labelledby="h-data">
<h2 id="h-data">Your data</h2>
<p><a href="/c/${token}/my-data">See everything we hold about you</a>, or <a href="/c/${token}/my-data.json" download="my-data.json">download it</a> (a JSON file).</p>
${
  deletion
    ? html`<p class="warning">You asked us to delete your data on ${ukDate(deletion.requested_at)}. We must act on it by ${ukDate(deletion.due_at)}.</p>`
    : html`<p>You can delete your data at any time: we will tell you exactly what happens before you confirm.</p>
<p><a href="/c/${token}/delete-my-data">Delete my data</a></p>`
}
</section>`;
    return send(reply, 200, layout('Your applications', branding, body), logoOrigins(branding));
  });

  // --- Actions ----------------------------------------------------------------------------------
  /** The link and one of its candidate's applications, or a 404 already sent. */
  async function applicationOf(request: FastifyRequest, reply: FastifyReply) {
    const link = await linkOf(request, reply);
    if (!link) return undefined;
    const { id } = request.params as { id: string };
    const application = await repo.findApplication(db, link.organisationId, link.candidateId, id);
    if (!application) {
      await notFound(reply);
      return undefined;
    }
    return { link, application };
  }

  portal.post(
    '/c/:token/applications/:id/feedback-call',
    { config: { rateLimit } },
    async (request, reply) => {
      const found = await applicationOf(request, reply);
      if (!found) return reply;
      const { link, application } = found;
      if (!(await formAllowed(request, reply, link, `feedback-call:${application.id}`))) return reply;
      if (!feedbackStages.includes(application.stage)) {
        return send(
          reply,
          409,
          simplePage(
            'Not available yet',
            'You can ask for a feedback call once we have told you our decision.',
            `/c/${tokenOf(request)}`,
          ),
        );
      }
      const form = request.body as Form;
      const now = ctx.now();
      await db.transaction().execute(async (tx) => {
        const created = await repo.insertFeedbackCallRequest(
          tx,
          {
            organisationId: link.organisationId,
            candidateId: link.candidateId,
            applicationId: application.id,
            note: text(form, 'note', 2000),
            preferredTimes: text(form, 'preferredTimes', 300),
          },
          now,
        );
        if (!created) return;
        const candidate = await repo.findCandidate(tx, link.organisationId, link.candidateId);
        const recipients = application.hiringManagerId
          ? [application.hiringManagerId]
          : await repo.listAdminIds(tx, link.organisationId);
        for (const userId of recipients) {
          await insertNotification(
            tx,
            {
              organisationId: link.organisationId,
              userId,
              kind: 'feedback_call_request',
              title: `${candidate?.name ?? 'A candidate'} asked for a feedback call`,
              body: feedbackCallNotificationBody(
                application.roleTitle,
                text(form, 'note', 2000),
                text(form, 'preferredTimes', 300),
              ),
              linkPath: `/applications/${application.id}`,
              dedupeKey: `feedback-call:${application.id}:${userId}`,
            },
            now,
          );
        }
        await repo.recordCandidateAudit(
          tx,
          link.organisationId,
          link.candidateId,
          {
            action: 'portal.feedback_call_requested',
            subjectType: 'application',
            subjectId: application.id,
            detail: {},
          },
          now,
        );
      });
      return reply.redirect(back(request, 'call', `app-${application.id}`), 303);
    },
  );

  portal.post('/c/:token/applications/:id/survey', { config: { rateLimit } }, async (request, reply) => {
    const found = await applicationOf(request, reply);
    if (!found) return reply;
    const { link, application } = found;
    if (!(await formAllowed(request, reply, link, `survey:${application.id}`))) return reply;
    const form = request.body as Form;
    const answers = {
      recommend: integer(form, 'recommend', 0, 10),
      toldWhenPromised: integer(form, 'toldWhenPromised', 1, 5),
      feedbackUseful: integer(form, 'feedbackUseful', 1, 5),
      treatedWithRespect: integer(form, 'treatedWithRespect', 1, 5),
    };
    if (Object.values(answers).some((v) => v === undefined)) {
      return send(
        reply,
        400,
        simplePage(
          'Please answer every question',
          'Each question needs one answer. The comment is optional.',
          `/c/${tokenOf(request)}#app-${application.id}`,
        ),
      );
    }
    const created = await repo.insertSurveyResponse(
      db,
      link.organisationId,
      application.id,
      { ...(answers as Record<keyof typeof answers, number>), comment: text(form, 'comment', 2000) },
      ctx.now(),
    );
    return reply.redirect(back(request, created ? 'survey' : 'survey-done', `app-${application.id}`), 303);
  });

  portal.post('/c/:token/network/join', { config: { rateLimit } }, async (request, reply) => {
    const link = await linkOf(request, reply);
    if (!link || !(await formAllowed(request, reply, link, 'network-join'))) return reply;
    const now = ctx.now();
    await db.transaction().execute(async (tx) => {
      const memberships = await repo.listNetworkMemberships(tx, link.organisationId, link.candidateId);
      if (memberships.some((m) => m.left_at === null && new Date(m.expires_at).getTime() > now.getTime()))
        return;
      const { expiresAt, membershipId } = await joinNetwork(
        tx,
        link.organisationId,
        link.candidateId,
        'candidate_page',
        now,
        { interests: joinInterestsOf((request.body ?? {}) as Form) },
      );
      const id = membershipId ?? '';
      await repo.recordCandidateAudit(
        tx,
        link.organisationId,
        link.candidateId,
        {
          action: 'portal.network_joined',
          subjectType: 'talent_network_member',
          subjectId: id,
          detail: { consentVersion: networkConsentVersion, expiresAt },
        },
        now,
      );
    });
    return reply.redirect(back(request, 'joined'), 303);
  });

  // Renewing from the re-consent email's link (the page's #h-network section): extends the consent.
  portal.post('/c/:token/network/renew', { config: { rateLimit } }, async (request, reply) => {
    const link = await linkOf(request, reply);
    if (!link || !(await formAllowed(request, reply, link, 'network-renew'))) return reply;
    const now = ctx.now();
    await db.transaction().execute(async (tx) => {
      const { expiresAt } = await joinNetwork(tx, link.organisationId, link.candidateId, 'email', now);
      await repo.recordCandidateAudit(
        tx,
        link.organisationId,
        link.candidateId,
        {
          action: 'portal.network_renewed',
          subjectType: 'candidate',
          subjectId: link.candidateId,
          detail: { consentVersion: networkConsentVersion, expiresAt },
        },
        now,
      );
    });
    return reply.redirect(back(request, 'renewed', 'h-network'), 303);
  });

  portal.post('/c/:token/network/leave', { config: { rateLimit } }, async (request, reply) => {
    const link = await linkOf(request, reply);
    if (!link || !(await formAllowed(request, reply, link, 'network-leave'))) return reply;
    const now = ctx.now();
    await db.transaction().execute(async (tx) => {
      if (await leaveNetwork(tx, link.organisationId, link.candidateId, 'left', now)) {
        await repo.recordCandidateAudit(
          tx,
          link.organisationId,
          link.candidateId,
          {
            action: 'portal.network_left',
            subjectType: 'candidate',
            subjectId: link.candidateId,
            detail: {},
          },
          now,
        );
      }
    });
    return reply.redirect(back(request, 'left'), 303);
  });

  privacyPageRoutes(portal, ctx, {
    linkOf,
    formAllowed,
    render: async (reply, status, organisationId, title, body) => {
      const branding = await brandingOf(organisationId);
      return send(reply, status, layout(title, branding, body), logoOrigins(branding));
    },
    rateLimit,
  });

  networkProfileRoutes(portal, ctx, {
    linkOf,
    formAllowed,
    back,
    recordCandidateAudit: repo.recordCandidateAudit,
    rateLimit,
  });

  contactDetailsRoutes(portal, ctx, {
    linkOf,
    formAllowed,
    csrfFor: (link) => (form) => csrfToken(secret, link.tokenHash, form),
    back,
    render: async (reply, status, organisationId, title, body) => {
      const branding = await brandingOf(organisationId);
      return send(reply, status, layout(title, branding, body), logoOrigins(branding));
    },
    foreignOrigin: (request) => foreignOrigin(request, ctx.config.publicUrl),
    refused,
    send: (reply, status, page) => send(reply, status, page),
    rateLimit,
  });

  referralPageRoutes(portal, ctx, {
    linkOf,
    formAllowed,
    back,
    send,
    foreignOrigin: (request) => foreignOrigin(request, ctx.config.publicUrl),
    refused,
    brandingOf,
    logoOrigins,
    recordCandidateAudit: repo.recordCandidateAudit,
    rateLimit,
  });

  // The old one-tap POST /c/:token/deletion-request is gone: deleting asks first, at
  // /c/:token/delete-my-data (src/portal/privacy-pages.ts); nothing links to the old address.

  // --- My data ----------------------------------------------------------------------------------
  portal.get('/c/:token/my-data.json', { config: { rateLimit } }, async (request, reply) => {
    const link = await linkOf(request, reply);
    if (!link) return reply;
    const data = await candidateDataExport(ctx, link.organisationId, link.candidateId);
    if (!data) return notFound(reply);
    return reply
      .type('application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="my-data.json"')
      .send(JSON.stringify(data, null, 2));
  });

  // Anything else under /c/: the same neutral page (no hint of what exists).
  portal.all('/c/:token/*', { config: { rateLimit } }, async (_request, reply) => notFound(reply));
}

/** What the hiring manager reads in the notification: the role, the candidate's own question, good times. */
export function feedbackCallNotificationBody(
  roleTitle: string,
  note: string | null | undefined,
  preferredTimes: string | null | undefined,
): string {
  return [
    `About ${roleTitle}.`,
    note ? `Their question: “${note}”` : 'No question given.',
    preferredTimes ? `Good times: ${preferredTimes}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
