// The one email layout: table-based with inline styles, 600px wide at most and fluid below that, a
// ghost table for Outlook on Windows, and the organisation's name, logo and colour. Reads well in
// Gmail (which drops <style> in many cases), Outlook and Apple Mail. Every value is escaped here.
import { escapeHtml, safeColour, safeUrl } from './escape.ts';
import { fontStack } from './markdown.ts';

export interface Branding {
  /** Shown in the header (as the logo's alt text when there is a logo). */
  name: string;
  logoUrl?: string | null | undefined;
  brandColour?: string | null | undefined;
}

export const defaultBrandColour = '#1c4e80';

export function brandColourOf(branding: Pick<Branding, 'brandColour'>): string {
  return safeColour(branding.brandColour) ?? defaultBrandColour;
}

/** Black or white, whichever reads better on the colour (WCAG relative luminance). */
function textOn(colour: string): string {
  const channel = (i: number) => {
    const c = Number.parseInt(colour.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.4 ? '#111111' : '#ffffff';
}

export interface LayoutInput {
  subject: string;
  /** The body, already HTML (from Markdown). */
  contentHtml: string;
  /** The first words of the text part, shown by inboxes after the subject. */
  preheader: string;
  branding: Branding;
  /** Plain-text lines for the footer. */
  footer: string[];
  unsubscribeUrl?: string | null | undefined;
}

export function renderHtmlLayout(input: LayoutInput): string {
  const colour = brandColourOf(input.branding);
  const onColour = textOn(colour);
  const name = escapeHtml(input.branding.name);
  const logo = safeUrl(input.branding.logoUrl);
  const unsubscribe = safeUrl(input.unsubscribeUrl);
  const header = logo
    ? `<img src="${escapeHtml(logo)}" alt="${name}" height="48" style="display:block;height:48px;width:auto;max-width:240px;border:0;outline:none;text-decoration:none;font-family:${fontStack};font-size:20px;font-weight:bold;color:${onColour};">`
    : `<span style="font-family:${fontStack};font-size:20px;line-height:28px;font-weight:bold;color:${onColour};">${name}</span>`;
  const footerLines = input.footer.map(
    (line) =>
      `<p style="margin:0 0 8px;font-family:${fontStack};font-size:13px;line-height:20px;color:#52606d;">${escapeHtml(line)}</p>`,
  );
  if (unsubscribe) {
    footerLines.push(
      `<p style="margin:0 0 8px;font-family:${fontStack};font-size:13px;line-height:20px;color:#52606d;"><a href="${escapeHtml(unsubscribe)}" style="color:#52606d;text-decoration:underline;">Unsubscribe from these emails</a></p>`,
    );
  }
  return `<!DOCTYPE html>
<html lang="en-GB" xmlns="http://www.w3.org/1999/xhtml" xmlns:o="urn:schemas-microsoft-com:office:office">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="x-apple-disable-message-reformatting">
<meta name="color-scheme" content="light">
<meta name="supported-color-schemes" content="light">
<title>${escapeHtml(input.subject)}</title>
<!--[if mso]><noscript><xml><o:OfficeDocumentSettings><o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml></noscript><![endif]-->
</head>
<body style="margin:0;padding:0;width:100%;background-color:#f3f4f6;-webkit-text-size-adjust:100%;-ms-text-size-adjust:100%;">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;font-size:1px;line-height:1px;color:#f3f4f6;opacity:0;">${escapeHtml(input.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;background-color:#f3f4f6;">
<tr>
<td align="center" style="padding:24px 12px;">
<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" align="center"><tr><td><![endif]-->
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;width:100%;max-width:600px;margin:0 auto;">
<tr>
<td style="background-color:${colour};padding:20px 32px;border-radius:8px 8px 0 0;">${header}</td>
</tr>
<tr>
<td style="background-color:#ffffff;padding:32px;border-radius:0 0 8px 8px;font-family:${fontStack};font-size:16px;line-height:24px;color:#1f2933;">
${input.contentHtml}
</td>
</tr>
<tr>
<td style="padding:20px 32px;">
${footerLines.join('\n')}
</td>
</tr>
</table>
<!--[if mso]></td></tr></table><![endif]-->
</td>
</tr>
</table>
</body>
</html>
`;
}

export function renderTextLayout(input: {
  contentText: string;
  footer: string[];
  unsubscribeUrl?: string | null | undefined;
}): string {
  const lines = [input.contentText.trim(), '', '—', ...input.footer];
  const unsubscribe = safeUrl(input.unsubscribeUrl);
  if (unsubscribe) lines.push(`Unsubscribe: ${unsubscribe}`);
  return `${lines.join('\n')}\n`;
}
