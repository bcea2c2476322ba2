// From a template version and its variables to the three parts of an email: subject, HTML, text.
import { type TemplateContext, type TemplateKey, templates } from './catalogue.ts';
import { renderTemplate, type TemplateSource } from './engine.ts';
import { singleLine } from './escape.ts';
import { type Branding, brandColourOf, renderHtmlLayout, renderTextLayout } from './layout.ts';
import { markdownToHtml, markdownToText, parseMarkdown } from './markdown.ts';

export interface RenderedMessage {
  subject: string;
  html: string;
  text: string;
}

export interface RenderMessageInput<K extends TemplateKey> {
  key: K;
  source: TemplateSource;
  context: TemplateContext<K>;
  branding: Branding;
  unsubscribeUrl?: string | null | undefined;
  /** A paragraph added after the template's body (the referral ask), Markdown. */
  appendMarkdown?: string | undefined;
}

export function renderMessage<K extends TemplateKey>(input: RenderMessageInput<K>): RenderedMessage {
  const rendered = renderTemplate(input.source, input.context);
  const subject = singleLine(rendered.subject, 250);
  const markdown = input.appendMarkdown
    ? `${rendered.markdown.trimEnd()}\n\n${input.appendMarkdown}\n`
    : rendered.markdown;
  const tokens = parseMarkdown(markdown);
  const contentText = markdownToText(tokens);
  const contentHtml = markdownToHtml(tokens, brandColourOf(input.branding));
  const footer = [
    templates[input.key].footerReason.replace('{organisation}', input.context.organisation.name),
  ];
  const html = renderHtmlLayout({
    subject,
    contentHtml,
    preheader: singleLine(contentText, 140),
    branding: input.branding,
    footer,
    unsubscribeUrl: input.unsubscribeUrl,
  });
  const text = renderTextLayout({ contentText, footer, unsubscribeUrl: input.unsubscribeUrl });
  return { subject, html, text };
}
