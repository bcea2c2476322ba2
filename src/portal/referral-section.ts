// Referrals on the candidate-facing pages (issue #13). The venue never writes to someone who has
// not come forward: a candidate gets a personal referral link on their own page and shares it
// themselves (copy, email, WhatsApp, LinkedIn), in their own words. The colleague's page
// `/r/<code>` shows who recommended them (first name only, if allowed), the organisation and its
// open roles, and two forms: express interest in a role, or join the talent network. Every form is
// a plain HTML POST with a CSRF token bound to the link and the form; a foreign Origin is refused.
// Unknown, expired and revoked codes all get the same neutral page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.ts';
import { AppError } from '../errors.ts';
import { defaultConsentMonths } from '../features/network/network.service.ts';
import {
  colleagueView,
  createReferralLink,
  currentReferralLink,
  expressInterest,
  hashReferralCode,
  joinNetworkByReferral,
  type ReferralLink,
  resolveReferralCode,
  revokeReferralLink,
  setReferrerFirstNameShown,
} from '../features/referrals/referrals.service.ts';
import { hashedKey, keyedLimit, type Limit, rateLimits } from '../http/rate-limits.ts';
import { html, type SafeHtml } from './html.ts';
import { csrfMatches, csrfToken, type ResolvedLink } from './links.ts';
import { type Branding, layout } from './pages.ts';
import type * as portalRepo from './portal.repository.ts';

type Form = Record<string, string>;

const colleagueFooter = 'We use the details you give on this page only to reply to you about work with us.';

/** The ready message a referrer starts from; they can change every word. */
export function defaultReferralMessage(organisationName: string): string {
  return `Hi! I applied for AV work with ${organisationName} and thought of you. They have roles that might suit you, and you can see them and get in touch here:`;
}

/** The share links for a message; the link goes at its end unless the referrer put it in. */
export function shareLinks(organisationName: string, url: string, message: string) {
  const text = message.includes(url) ? message : `${message.trim()} ${url}`;
  return {
    text,
    mailto: `mailto:?subject=${encodeURIComponent(`AV work at ${organisationName}`)}&body=${encodeURIComponent(text)}`,
    whatsapp: `https://wa.me/?text=${encodeURIComponent(text)}`,
    linkedin: `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(url)}`,
  };
}

export const referralNotices: Record<string, string> = {
  'referral-link': 'Here is your link to share. Thank you for thinking of a colleague.',
  'referral-name': 'Saved: your choice about showing your first name.',
  'referral-new': 'Your old link no longer works. Here is a new one.',
};

/** The "Recommend a colleague" section of the candidate's page. */
export async function referralSection(
  ctx: AppContext,
  input: {
    token: string;
    organisationId: string;
    candidateId: string;
    organisationName: string;
    csrf: (form: string) => string;
    /** The referrer's own edit of the message, from the page's "update" form. */
    message?: string | undefined;
  },
): Promise<SafeHtml> {
  const { token, csrf } = input;
  const current = await currentReferralLink(
    ctx.kysely,
    ctx.config.secret,
    input.organisationId,
    input.candidateId,
    ctx.now(),
  );
  const intro = html`<p>Good technicians tend to know other good technicians. If you know someone who would enjoy working with us, you can send them your own link: they'll see our open roles and can get in touch or join our talent network. We won't contact anyone you don't send it to.</p>`;
  if (!current) {
    return html`<section class="card" id="refer" aria-labelledby="h-refer">
<h2 id="h-refer">Recommend a colleague</h2>
${intro}
<form method="post" action="/c/${token}/referral/link">
<input type="hidden" name="csrf" value="${csrf('referral-link')}">
<label><input type="checkbox" name="showFirstName" value="yes" checked> Show my first name to the people I send it to</label>
<button type="submit">Get my link to share</button>
</form>
</section>`;
  }
  const url = `${ctx.config.publicUrl}/r/${current.code}`;
  const message = (input.message ?? '').replace(/\r\n?/g, '\n').trim().slice(0, 1000);
  // The message in the form never holds the link, so the page's address never carries it.
  const words = message.replaceAll(url, '').trim() || defaultReferralMessage(input.organisationName);
  const share = shareLinks(input.organisationName, url, words);
  return html`<section class="card" id="refer" aria-labelledby="h-refer">
<h2 id="h-refer">Recommend a colleague</h2>
${intro}
<label for="referral-url">Your link</label>
<input type="text" id="referral-url" readonly value="${url}">
<p class="hint">Copy it into a message, or use one of the buttons below.</p>
<form method="get" action="/c/${token}#refer">
<label for="referral-message">Your message (change it as you like; your link goes at the end)</label>
<textarea id="referral-message" name="message" maxlength="1000">${words}</textarea>
<button type="submit" class="secondary">Use my words in the links below</button>
</form>
<ul class="share">
<li><a href="${share.mailto}">Send by email</a></li>
<li><a href="${share.whatsapp}" rel="noopener noreferrer">Share on WhatsApp</a></li>
<li><a href="${share.linkedin}" rel="noopener noreferrer">Share on LinkedIn</a></li>
</ul>
<p class="muted">${current.link.viewCount === 1 ? 'Opened once so far.' : `Opened ${current.link.viewCount} times so far.`} The link works until ${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(new Date(current.link.expiresAt))}.</p>
<form method="post" action="/c/${token}/referral/name">
<input type="hidden" name="csrf" value="${csrf('referral-name')}">
<label><input type="checkbox" name="showFirstName" value="yes"${current.link.showFirstName ? ' checked' : ''}> Show my first name to the people I send it to</label>
<button type="submit" class="secondary">Save</button>
</form>
<form method="post" action="/c/${token}/referral/new">
<input type="hidden" name="csrf" value="${csrf('referral-new')}">
<button type="submit" class="secondary">Stop this link and make a new one</button>
</form>
</section>`;
}

export interface ReferralRouteHelpers {
  linkOf(request: FastifyRequest, reply: FastifyReply): Promise<ResolvedLink | undefined>;
  formAllowed(
    request: FastifyRequest,
    reply: FastifyReply,
    link: ResolvedLink,
    formName: string,
  ): Promise<boolean>;
  back(request: FastifyRequest, done: string, anchor?: string): string;
  send(reply: FastifyReply, status: number, page: string, imageOrigins?: string[]): FastifyReply;
  foreignOrigin(request: FastifyRequest): boolean;
  refused(reply: FastifyReply): FastifyReply;
  brandingOf(organisationId: string): Promise<Branding>;
  logoOrigins(branding: Branding): string[];
  recordCandidateAudit: typeof portalRepo.recordCandidateAudit;
  rateLimit: Limit;
}

/** The page for every referral code that does not work: no hint whether it ever existed. */
export function neutralReferralPage(): string {
  return layout(
    'This link does not work',
    null,
    html`<h1>This link does not work</h1>
<p>It may have expired or been withdrawn, or part of it may be missing. Please ask the person who sent it for a fresh one.</p>`,
    colleagueFooter,
  );
}

const colleagueNotices: Record<string, string> = {
  interest: "Thank you. We've passed your details to the hiring team, who will be in touch by email.",
  network: "Thank you: you've joined our talent network. We'll tell you about roles that suit you.",
};

function colleaguePage(
  code: string,
  secret: string,
  branding: Branding,
  view: Awaited<ReturnType<typeof colleagueView>>,
  done: string | undefined,
): string {
  const codeHash = hashReferralCode(code);
  const csrf = (form: string) => csrfToken(secret, codeHash, form);
  const who = view.referrerFirstName
    ? `${view.referrerFirstName} thought you'd like to work with ${branding.organisationName}`
    : `Someone who knows ${branding.organisationName} thought you'd like to work with us`;
  const months = defaultConsentMonths;
  const body = html`<h1>${who}</h1>
${done ? html`<div class="notice" role="status"><p>${done}</p></div>` : ''}
<p>${branding.organisationName} hires AV technicians for its venues. ${view.referrerFirstName ? `${view.referrerFirstName} has` : 'They have'} sent you this page so you can see our open roles and, if you like, get in touch. We'll only contact you if you ask us to below.</p>
<section class="card" aria-labelledby="h-roles">
<h2 id="h-roles">Open roles</h2>
${
  view.roles.length === 0
    ? html`<p>We have no open roles right now. Join our talent network below and we'll tell you when one suits you.</p>`
    : html`<ul>${view.roles.map((r) => html`<li><strong>${r.title}</strong> <span class="muted">· ${r.venueName}</span></li>`)}</ul>
<h3>Tell us you're interested</h3>
<form method="post" action="/r/${code}/interest">
<input type="hidden" name="csrf" value="${csrf('referral-interest')}">
<label for="role">The role</label>
<select id="role" name="roleId" required>${view.roles.map((r) => html`<option value="${r.id}">${r.title} (${r.venueName})</option>`)}</select>
<label for="i-name">Your name</label>
<input type="text" id="i-name" name="name" autocomplete="name" required maxlength="200">
<label for="i-email">Your email address</label>
<input type="email" id="i-email" name="email" autocomplete="email" required maxlength="320">
<label for="i-phone">Your phone number (optional)</label>
<input type="text" id="i-phone" name="phone" autocomplete="tel" maxlength="40">
<button type="submit">Tell the hiring team I'm interested</button>
</form>`
}
</section>
<section class="card" aria-labelledby="h-network">
<h2 id="h-network">Join our talent network</h2>
<p>If you join, we'll keep your name and contact details for ${months} months so that we can tell you about roles that suit you. We won't share them with anyone else. A month before the ${months} months are up we'll ask whether you'd like to stay; if you don't answer, we'll delete your details. You can leave at any time from any of our emails.</p>
<form method="post" action="/r/${code}/network">
<input type="hidden" name="csrf" value="${csrf('referral-network')}">
<label for="n-name">Your name</label>
<input type="text" id="n-name" name="name" autocomplete="name" required maxlength="200">
<label for="n-email">Your email address</label>
<input type="email" id="n-email" name="email" autocomplete="email" required maxlength="320">
<label><input type="checkbox" name="consent" value="yes" required> I agree to you keeping my details as described above</label>
<button type="submit">Join the talent network</button>
</form>
</section>`;
  return layout('Work with us', branding, body, colleagueFooter);
}

/** "name: give your name" → "Give your name." */
function sentence(message: string): string {
  const text = message.replace(/^[A-Za-z]+: /, '');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

export function referralPageRoutes(portal: FastifyInstance, ctx: AppContext, h: ReferralRouteHelpers) {
  const db = ctx.kysely;
  const secret = ctx.config.secret;
  const config = { rateLimit: h.rateLimit };
  const formConfig = { rateLimit: rateLimits.referralFormPerAddress };
  // One code reached from many addresses is limited too.
  const perCode = keyedLimit(portal, 'referral-code', rateLimits.referralPerCode, (request) => {
    const code = (request.params as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' ? hashedKey('referral', code) : undefined;
  });

  // --- The referrer's own page ---------------------------------------------------------------
  const showFirstName = (request: FastifyRequest) => ((request.body ?? {}) as Form).showFirstName === 'yes';

  portal.post('/c/:token/referral/link', { config }, async (request, reply) => {
    const link = await h.linkOf(request, reply);
    if (!link || !(await h.formAllowed(request, reply, link, 'referral-link'))) return reply;
    const now = ctx.now();
    await db.transaction().execute(async (tx) => {
      if (await currentReferralLink(tx, secret, link.organisationId, link.candidateId, now)) return;
      const created = await createReferralLink(
        tx,
        link.organisationId,
        link.candidateId,
        { secret, showFirstName: showFirstName(request) },
        now,
      );
      await h.recordCandidateAudit(
        tx,
        link.organisationId,
        link.candidateId,
        { action: 'portal.referral_link_created', subjectType: 'referral_link', subjectId: created.link.id },
        now,
      );
    });
    return reply.redirect(h.back(request, 'referral-link', 'refer'), 303);
  });

  portal.post('/c/:token/referral/name', { config }, async (request, reply) => {
    const link = await h.linkOf(request, reply);
    if (!link || !(await h.formAllowed(request, reply, link, 'referral-name'))) return reply;
    await setReferrerFirstNameShown(db, link.organisationId, link.candidateId, showFirstName(request));
    return reply.redirect(h.back(request, 'referral-name', 'refer'), 303);
  });

  portal.post('/c/:token/referral/new', { config }, async (request, reply) => {
    const link = await h.linkOf(request, reply);
    if (!link || !(await h.formAllowed(request, reply, link, 'referral-new'))) return reply;
    const now = ctx.now();
    await db.transaction().execute(async (tx) => {
      const current = await currentReferralLink(tx, secret, link.organisationId, link.candidateId, now);
      if (current) await revokeReferralLink(tx, link.organisationId, link.candidateId, current.link.id, now);
      const created = await createReferralLink(
        tx,
        link.organisationId,
        link.candidateId,
        { secret, showFirstName: current?.link.showFirstName ?? true },
        now,
      );
      await h.recordCandidateAudit(
        tx,
        link.organisationId,
        link.candidateId,
        {
          action: 'portal.referral_link_replaced',
          subjectType: 'referral_link',
          subjectId: created.link.id,
          detail: { revoked: current?.link.id ?? null },
        },
        now,
      );
    });
    return reply.redirect(h.back(request, 'referral-new', 'refer'), 303);
  });

  // --- The colleague's page ------------------------------------------------------------------
  const neutral = (reply: FastifyReply) => h.send(reply, 404, neutralReferralPage());

  async function referralOf(request: FastifyRequest, reply: FastifyReply): Promise<ReferralLink | undefined> {
    const { code } = request.params as { code: string };
    const link = await resolveReferralCode(db, code, ctx.now());
    if (!link) await neutral(reply);
    return link;
  }

  /** Origin and CSRF of a colleague's form; false when the refusal was sent. */
  async function colleagueFormAllowed(request: FastifyRequest, reply: FastifyReply, form: string) {
    const { code } = request.params as { code: string };
    const body = (request.body ?? {}) as Form;
    if (h.foreignOrigin(request) || !csrfMatches(secret, hashReferralCode(code), form, body.csrf)) {
      await h.refused(reply);
      return false;
    }
    return true;
  }

  /** A form that could not be accepted: the reason, and the way back. */
  function problem(reply: FastifyReply, code: string, error: unknown) {
    if (!(error instanceof AppError) || error.status !== 400) throw error;
    return h.send(
      reply,
      400,
      layout(
        'Please check the form',
        null,
        html`<h1>Please check the form</h1><p>${sentence(error.message)}</p><p><a href="/r/${code}">Go back</a></p>`,
        colleagueFooter,
      ),
    );
  }

  portal.get('/r/:code', { config, preHandler: perCode }, async (request, reply) => {
    const link = await referralOf(request, reply);
    if (!link) return reply;
    const { code } = request.params as { code: string };
    const done = colleagueNotices[(request.query as { done?: string }).done ?? ''];
    // The page a form returns to is not another opening of the link.
    const [view, branding] = await Promise.all([
      colleagueView(db, link, ctx.now(), { countOpen: done === undefined }),
      h.brandingOf(link.organisationId),
    ]);
    return h.send(reply, 200, colleaguePage(code, secret, branding, view, done), h.logoOrigins(branding));
  });

  portal.post('/r/:code/interest', { config: formConfig, preHandler: perCode }, async (request, reply) => {
    const link = await referralOf(request, reply);
    if (!link || !(await colleagueFormAllowed(request, reply, 'referral-interest'))) return reply;
    const { code } = request.params as { code: string };
    const form = (request.body ?? {}) as Form;
    try {
      const result = await expressInterest(ctx, link, {
        name: form.name ?? '',
        email: form.email ?? '',
        phone: form.phone ?? null,
        roleId: form.roleId ?? '',
      });
      await h.recordCandidateAudit(
        db,
        link.organisationId,
        result.candidateId,
        {
          action: 'portal.referral_interest',
          subjectType: 'application',
          subjectId: result.applicationId,
          detail: { referralId: result.referralId },
        },
        ctx.now(),
      );
    } catch (error) {
      return problem(reply, code, error);
    }
    return reply.redirect(`/r/${code}?done=interest`, 303);
  });

  portal.post('/r/:code/network', { config: formConfig, preHandler: perCode }, async (request, reply) => {
    const link = await referralOf(request, reply);
    if (!link || !(await colleagueFormAllowed(request, reply, 'referral-network'))) return reply;
    const { code } = request.params as { code: string };
    const form = (request.body ?? {}) as Form;
    if (form.consent !== 'yes') {
      return problem(
        reply,
        code,
        new AppError('validation_failed', 'tick the box to agree to us keeping your details', {
          field: 'consent',
        }),
      );
    }
    try {
      const result = await joinNetworkByReferral(ctx, link, {
        name: form.name ?? '',
        email: form.email ?? '',
      });
      await h.recordCandidateAudit(
        db,
        link.organisationId,
        result.candidateId,
        {
          action: 'portal.network_joined',
          subjectType: 'candidate',
          subjectId: result.candidateId,
          detail: { consentVersion: result.consentVersion, referralId: result.referralId },
        },
        ctx.now(),
      );
    } catch (error) {
      return problem(reply, code, error);
    }
    return reply.redirect(`/r/${code}?done=network`, 303);
  });

  portal.all('/r/:code/*', { config }, async (_request, reply) => neutral(reply));
}
