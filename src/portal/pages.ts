// The portal's pages: server-rendered, no JavaScript, phone first, in the organisation's branding.
import MarkdownIt from 'markdown-it';
import type { StructuredFeedback } from '../domain/feedback/document.ts';
import { safeColour, safeUrl } from '../mail/escape.ts';
import { html, type SafeHtml, trusted } from './html.ts';
import type { PortalApplication } from './portal.repository.ts';

// Candidate-facing Markdown: raw HTML off (written as text), markdown-it's link validation on.
const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false, breaks: true });
// No remote images from text: an image in feedback or a template would be a tracking pixel.
md.disable('image');
// Feedback sits under the page's h3 "Your feedback": its own headings start at h4.
md.core.ruler.push('nest_headings', (state) => {
  for (const token of state.tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 2)}`;
    }
  }
});

export function renderMarkdown(source: string): SafeHtml {
  return trusted(md.render(source));
}

export interface Branding {
  organisationName: string;
  logoUrl: string | null;
  brandColour: string | null;
}

/** "26 November 2026" in UK time. */
export function ukDate(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso) : iso;
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  }).format(date);
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function header(branding: Branding | null): SafeHtml {
  if (!branding) return html`<header class="brand"><p>Your application</p></header>`;
  const colour = safeColour(branding.brandColour);
  const hex = colour && /^#[0-9a-f]{6}$/i.test(colour) ? colour : undefined;
  // White text on dark brand colours, dark text on light ones (WCAG contrast).
  const dark = hex !== undefined && luminance(hex) > 0.179;
  const logo = safeUrl(branding.logoUrl);
  return html`<header class="brand${dark ? ' dark-text' : ''}"${hex ? html` style="background:${hex}"` : ''}>
${logo?.startsWith('https:') ? html`<img src="${logo}" alt="${branding.organisationName}">` : ''}
<p>${branding.organisationName}</p>
</header>`;
}

export function layout(
  title: string,
  branding: Branding | null,
  body: SafeHtml,
  footer = "This page is personal to you. Please don't share its address.",
): string {
  return html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title}${branding ? ` — ${branding.organisationName}` : ''}</title>
<link rel="stylesheet" href="/c/assets/portal.css">
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
${header(branding)}
<main id="main" tabindex="-1">
${body}
</main>
<footer><p>${footer}</p></footer>
</body>
</html>
`.value;
}

/** The same page for every link that does not work: no hint whether the link or the email existed. */
export function neutralNotFoundPage(): string {
  return layout(
    'This link does not work',
    null,
    html`<h1>This link does not work</h1>
<p>It may have expired, or part of it may be missing. Links in our emails work for 90 days.</p>
<p><a href="/c/fresh-link">Ask for a fresh link</a></p>`,
  );
}

export function simplePage(title: string, message: string, back?: string): string {
  return layout(
    title,
    null,
    html`<h1>${title}</h1><p>${message}</p>${back ? html`<p><a href="${back}">Go back</a></p>` : ''}`,
  );
}

export function freshLinkPage(csrf: string, sent: boolean): string {
  return layout(
    'Get a fresh link',
    null,
    html`<h1>Get a fresh link</h1>
${sent ? html`<div class="notice" role="status"><p>If we have your email, a fresh link is on its way.</p></div>` : ''}
<p>Enter the email address you applied with. If we have it, we'll email you a new link to your page.</p>
<form method="post" action="/c/fresh-link">
<input type="hidden" name="csrf" value="${csrf}">
<label for="email">Email address</label>
<input type="email" id="email" name="email" autocomplete="email" required maxlength="320">
<button type="submit">Send me a fresh link</button>
</form>`,
  );
}

/** What happened, in plain words. */
export function outcomeText(application: PortalApplication, hasFeedback: boolean): string {
  const role = application.roleTitle;
  switch (application.stage) {
    case 'applied':
      return `We've received your application for ${role}. We'll be in touch about the next steps.`;
    case 'interviewing':
      return `You're interviewing for ${role}. We'll tell you the outcome as soon as we've decided.`;
    case 'awaiting_decision':
      return application.decisionDueDate
        ? `Thank you for interviewing for ${role}. We're making our decision and will tell you by ${ukDate(application.decisionDueDate)}.`
        : `Thank you for interviewing for ${role}. We're making our decision and will tell you soon.`;
    case 'offer':
      return `We've offered you the role of ${role}. The details are in our email.`;
    case 'hired':
      return `You've joined us as ${role}. Welcome!`;
    case 'offer_declined':
      return `You decided not to accept our offer for ${role}. Thank you for letting us know.`;
    case 'not_progressing':
    case 'closed':
      if (application.stage === 'closed' && !hasFeedback) return `Your application for ${role} is closed.`;
      return hasFeedback
        ? `We've decided not to progress your application for ${role}. Here is what we saw and how to develop it.`
        : `We've decided not to progress your application for ${role}.`;
    case 'withdrawn':
      return `You withdrew your application for ${role}.`;
    default:
      return `Your application for ${role}.`;
  }
}

export function trainingList(structured: StructuredFeedback): SafeHtml {
  const items = structured.developmentAreas.flatMap((area) =>
    area.suggestions.map((s) => {
      const url = safeUrl(s.url);
      const label = `${s.name} (${s.provider})`;
      return html`<li>${url ? html`<a href="${url}" rel="noopener noreferrer">${label}</a>` : label}</li>`;
    }),
  );
  if (items.length === 0) return html``;
  return html`<h4>Training we suggest</h4><ul>${items}</ul>`;
}
