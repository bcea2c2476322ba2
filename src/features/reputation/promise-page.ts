// The public response promise: a server-rendered page with no JavaScript and an SVG badge. Every
// value is escaped (HTML and SVG share the XML escaping of src/portal/html.ts).
import { escapeText, html } from '../../portal/html.ts';

export interface PublicPromise {
  name: string;
  slug: string;
  lines: string[];
}

export function promisePage(p: PublicPromise, publicUrl: string): string {
  const badge = `${publicUrl}/p/${encodeURIComponent(p.slug)}/badge.svg`;
  return html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Our response promise — ${p.name}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1b1e}li{margin:.5rem 0;font-size:1.15rem}small{color:#495057}</style>
</head>
<body>
<main>
<h1>${p.name}: our response promise</h1>
<p>Everyone we interview hears back, with feedback they can use. These are our live figures for the last 12 months.</p>
<ul>${p.lines.map((line) => html`<li>${line}</li>`)}</ul>
<p><small>Figures count closed applications and anonymous survey answers only; nothing here identifies a person.</small></p>
<p><img src="${badge}" alt="${p.lines.join(' · ')}"></p>
</main>
</body>
</html>
`.value;
}

export function badgeSvg(p: PublicPromise): string {
  const text = p.lines.length > 0 ? p.lines.join(' · ') : 'We answer every candidate';
  const title = `${p.name}: ${text}`;
  const width = Math.min(1400, 24 + Math.round(text.length * 6.6));
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="40" role="img" aria-label="${escapeText(title)}">
<title>${escapeText(title)}</title>
<rect width="${width}" height="40" rx="6" fill="#1c7ed6"/>
<text x="12" y="25" font-family="Verdana,sans-serif" font-size="12" fill="#fff">${escapeText(text)}</text>
</svg>
`;
}
