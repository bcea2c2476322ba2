// "Your contact details" on a network member's page (issue #12): email and phone, with errors that
// name the field (a summary linking to each, the field marked invalid). A new email waits for the
// link we send to it (src/features/candidates/contact-details.service.ts); the confirmation page
// asks for a button press, so a mail scanner opening the link changes nothing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.ts';
import {
  checkContactForm,
  confirmEmailChange,
  type FieldProblem,
  findChangeForPage,
  pendingEmailChange,
  updateContactDetails,
} from '../features/candidates/contact-details.service.ts';
import type { rateLimits } from '../http/rate-limits.ts';
import { html, type SafeHtml } from './html.ts';
import type { ResolvedLink } from './links.ts';
import { neutralNotFoundPage, ukDate } from './pages.ts';

type Form = Record<string, string>;

const labels = { email: 'Email address', phone: 'Phone number (optional)' } as const;

/** The form, with the values given and the problems found (none on the page itself). */
export function contactDetailsForm(
  token: string,
  csrf: (form: string) => string,
  values: { email: string; phone: string },
  problems: readonly FieldProblem[],
  pending: { newEmail: string; sentAt: string } | null,
): SafeHtml {
  const problemOf = (field: FieldProblem['field']) => problems.find((p) => p.field === field);
  const field = (name: FieldProblem['field'], type: string, autocomplete: string, max: number) => {
    const problem = problemOf(name);
    return html`<label for="cd-${name}">${labels[name]}</label>
${problem ? html`<p class="error" id="cd-${name}-error"><span class="visually-hidden">Error:</span> ${problem.message}</p>` : ''}
<input type="${type}" id="cd-${name}" name="${name}" autocomplete="${autocomplete}" maxlength="${String(max)}" value="${values[name]}"${problem ? html` aria-invalid="true" aria-describedby="cd-${name}-error"` : ''}>`;
  };
  return html`${
    problems.length > 0
      ? html`<div class="error-summary" role="alert" aria-labelledby="h-contact-problems">
<h2 id="h-contact-problems">Please check your contact details</h2>
<ul>${problems.map((p) => html`<li><a href="#cd-${p.field}">${labels[p.field]}: ${p.message}</a></li>`)}</ul>
</div>`
      : ''
  }
${
  pending
    ? html`<p class="notice" id="email-pending">We sent a link to ${pending.newEmail} on ${ukDate(pending.sentAt)}. Your email changes to it when you open that link; until then we use the address below.</p>`
    : ''
}
<form method="post" action="/c/${token}/contact" novalidate>
<input type="hidden" name="csrf" value="${csrf('contact-details')}">
${field('email', 'email', 'email', 254)}
<p class="hint">If you change it, we'll email a link to the new address to check it's yours.</p>
${field('phone', 'tel', 'tel', 32)}
<button type="submit">Save my contact details</button>
</form>`;
}

/** The section on a member's page. */
export async function contactDetailsSection(
  ctx: AppContext,
  token: string,
  csrf: (form: string) => string,
  link: { organisationId: string; candidateId: string },
  contact: { email: string; phone: string | null },
): Promise<SafeHtml> {
  const pending = await pendingEmailChange(ctx.kysely, link.organisationId, link.candidateId, ctx.now());
  return html`<h3 id="h-contact">Your contact details</h3>
<p>So the hiring team can reach you about roles.</p>
${contactDetailsForm(
  token,
  csrf,
  { email: contact.email, phone: contact.phone ?? '' },
  [],
  pending ? { newEmail: pending.new_email, sentAt: pending.created_at } : null,
)}`;
}

export interface ContactRouteHelpers {
  linkOf(request: FastifyRequest, reply: FastifyReply): Promise<ResolvedLink | undefined>;
  formAllowed(
    request: FastifyRequest,
    reply: FastifyReply,
    link: ResolvedLink,
    formName: string,
  ): Promise<boolean>;
  csrfFor(link: ResolvedLink): (form: string) => string;
  back(request: FastifyRequest, done: string, anchor?: string): string;
  render(
    reply: FastifyReply,
    status: number,
    organisationId: string,
    title: string,
    body: SafeHtml,
  ): Promise<unknown>;
  foreignOrigin(request: FastifyRequest): boolean;
  refused(reply: FastifyReply): unknown;
  send(reply: FastifyReply, status: number, page: string): unknown;
  rateLimit: typeof rateLimits.portalPerAddress;
}

export function contactDetailsRoutes(portal: FastifyInstance, ctx: AppContext, h: ContactRouteHelpers) {
  const db = ctx.kysely;
  const config = { rateLimit: h.rateLimit };

  portal.post('/c/:token/contact', { config }, async (request, reply) => {
    const link = await h.linkOf(request, reply);
    if (!link || !(await h.formAllowed(request, reply, link, 'contact-details'))) return reply;
    const form = (request.body ?? {}) as Form;
    const values = { email: (form.email ?? '').slice(0, 400), phone: (form.phone ?? '').slice(0, 100) };
    const checked = checkContactForm(values);
    const { token } = request.params as { token: string };
    if ('problems' in checked) {
      const body = html`<h1>Your contact details</h1>
${contactDetailsForm(token, h.csrfFor(link), values, checked.problems, null)}
<p><a href="/c/${token}#h-contact">Back to your page without saving</a></p>`;
      return h.render(reply, 400, link.organisationId, 'Please check your contact details', body);
    }
    const now = ctx.now();
    const outcome = await db
      .transaction()
      .execute((tx) => updateContactDetails(tx, ctx, link.organisationId, link.candidateId, checked, now));
    const done = !outcome ? 'not-member' : outcome.emailPending ? 'email-pending' : 'contact';
    return reply.redirect(h.back(request, done, 'h-contact'), 303);
  });

  portal.get('/c/email-change/:token', { config }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const change = await findChangeForPage(db, token, ctx.now());
    if (!change) return h.send(reply, 404, neutralNotFoundPage());
    const body = html`<h1>Confirm your new email address</h1>
<p>Use <strong>${change.new_email}</strong> for your applications and our talent network?</p>
<form method="post" action="/c/email-change/${token}"><button type="submit">Yes, use this email address</button></form>
<p class="muted">If you didn't ask for this, close this page: nothing changes.</p>`;
    return h.render(reply, 200, change.organisation_id, 'Confirm your new email address', body);
  });

  portal.post('/c/email-change/:token', { config }, async (request, reply) => {
    if (h.foreignOrigin(request)) return h.refused(reply);
    const { token } = request.params as { token: string };
    const now = ctx.now();
    const change = await findChangeForPage(db, token, now);
    if (!change) return h.send(reply, 404, neutralNotFoundPage());
    const outcome = await db.transaction().execute((tx) => confirmEmailChange(tx, ctx, token, now));
    switch (outcome.status) {
      case 'unknown':
        return h.send(reply, 404, neutralNotFoundPage());
      case 'taken':
        return h.render(
          reply,
          409,
          change.organisation_id,
          'This email address is already in use',
          html`<h1>This email address is already in use</h1>
<p>Another of our candidate records already uses ${change.new_email}, so we have kept your email as it was. Please reply to one of our emails and the hiring team will sort it out with you.</p>`,
        );
      case 'changed':
        return h.render(
          reply,
          200,
          change.organisation_id,
          'Your email address is changed',
          html`<h1>Your email address is changed</h1>
<p>We'll use ${outcome.email} from now on. The link to your page in our earlier emails still works.</p>`,
        );
      default:
        return outcome satisfies never;
    }
  });
}

export const contactNotices: Record<string, string> = {
  contact: 'Thank you: your contact details are saved.',
  'email-pending':
    "We've emailed a link to your new address. Your email changes when you open it; until then we keep using the one we had.",
};
