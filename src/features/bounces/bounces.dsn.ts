// Delivery status notifications (RFC 3464) as they arrive in the bounce mailbox: a multipart/report
// with a message/delivery-status part (Action, Status, Final-Recipient, Diagnostic-Code per recipient)
// and, usually, the original message or its headers. Read without trusting any of it: the caller
// checks the VERP token before anything is applied.

type Headers = Map<string, string[]>;

interface Part {
  headers: Headers;
  body: string;
}

export interface DsnRecipient {
  finalRecipient: string | null;
  /** failed | delayed | delivered | relayed | expanded (lower case). */
  action: string;
  /** e.g. 5.1.1; null when the report gives none. */
  status: string | null;
  diagnostic: string | null;
}

export interface Dsn {
  /** The report's own Message-ID (without brackets), when it has one. */
  reportId: string | null;
  recipients: DsnRecipient[];
  /** Where a VERP token may be: the report's To, Delivered-To and X-Original-To, then the original's Return-Path and token header. */
  tokenPlaces: string[];
}

// Parsing is bounded: a mailbox can hold anything, and a huge message is read only this far.
const maxChars = 2_000_000;
const maxDepth = 4;

function splitHead(text: string): { head: string; body: string } {
  const at = text.indexOf('\n\n');
  return at < 0 ? { head: text, body: '' } : { head: text.slice(0, at), body: text.slice(at + 2) };
}

function parseHeaders(head: string): Headers {
  const headers: Headers = new Map();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers.set(name, [...(headers.get(name) ?? []), value]);
  }
  return headers;
}

const first = (headers: Headers, name: string) => headers.get(name)?.[0];

function contentType(headers: Headers): { type: string; params: Map<string, string> } {
  const [type = 'text/plain', ...rest] = (first(headers, 'content-type') ?? 'text/plain').split(';');
  const params = new Map<string, string>();
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq > 0) {
      params.set(
        param.slice(0, eq).trim().toLowerCase(),
        param
          .slice(eq + 1)
          .trim()
          .replace(/^"|"$/g, ''),
      );
    }
  }
  return { type: type.trim().toLowerCase(), params };
}

function decodeBody(part: Part): string {
  const encoding = (first(part.headers, 'content-transfer-encoding') ?? '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    return part.body
      .replace(/=\n/g, '')
      .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  }
  return part.body;
}

function parsePart(text: string): Part {
  const { head, body } = splitHead(text);
  return { headers: parseHeaders(head), body };
}

function childrenOf(part: Part): Part[] {
  const boundary = contentType(part.headers).params.get('boundary');
  if (!boundary) return [];
  const children: Part[] = [];
  const pieces = `\n${part.body}`.split(`\n--${boundary}`);
  for (const piece of pieces.slice(1)) {
    if (piece.startsWith('--')) break;
    children.push(parsePart(piece.replace(/^[ \t]*\n/, '')));
  }
  return children;
}

function findReport(part: Part, depth: number): Part | undefined {
  const { type, params } = contentType(part.headers);
  if (type === 'multipart/report' && params.get('report-type')?.toLowerCase() === 'delivery-status') {
    return part;
  }
  if (!type.startsWith('multipart/') || depth >= maxDepth) return undefined;
  for (const child of childrenOf(part)) {
    const found = findReport(child, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** `rfc822; sam@example.org` → `sam@example.org`; `smtp; 550 …` → `550 …`. */
const typedValue = (value: string | undefined) => value?.replace(/^[A-Za-z0-9-]+;\s*/, '').trim() || null;

function recipientsOf(statusText: string): DsnRecipient[] {
  const groups = statusText
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .split('\n\n')
    .map(parseHeaders);
  return groups
    .slice(1)
    .filter((g) => g.has('action'))
    .map((g) => ({
      finalRecipient: typedValue(first(g, 'final-recipient') ?? first(g, 'original-recipient')),
      action: (first(g, 'action') ?? '').toLowerCase().split(/\s/)[0] ?? '',
      status: /^[245]\.\d{1,3}\.\d{1,3}/.exec(first(g, 'status') ?? '')?.[0] ?? null,
      diagnostic: typedValue(first(g, 'diagnostic-code')),
    }));
}

/** The delivery status notification in a raw message; undefined when it is not one (e.g. an auto-reply). */
export function readDsn(raw: string): Dsn | undefined {
  const message = parsePart(raw.slice(0, maxChars).replace(/\r\n?/g, '\n'));
  const report = findReport(message, 0);
  if (!report) return undefined;
  const parts = childrenOf(report);
  const status = parts.find((p) =>
    ['message/delivery-status', 'message/global-delivery-status'].includes(contentType(p.headers).type),
  );
  if (!status) return undefined;
  const recipients = recipientsOf(decodeBody(status).replace(/\r\n?/g, '\n'));
  if (recipients.length === 0) return undefined;
  const original = parts.find((p) =>
    ['message/rfc822', 'text/rfc822-headers', 'message/global', 'message/global-headers'].includes(
      contentType(p.headers).type,
    ),
  );
  const originalHeaders = original ? parsePart(decodeBody(original)).headers : new Map<string, string[]>();
  const addresses = (headers: Headers, name: string) =>
    (headers.get(name) ?? []).flatMap((v) => v.match(/[^\s<>,;"]+@[^\s<>,;"]+/g) ?? []);
  const tokenPlaces = [
    ...addresses(message.headers, 'delivered-to'),
    ...addresses(message.headers, 'x-original-to'),
    ...addresses(message.headers, 'to'),
    ...addresses(originalHeaders, 'return-path'),
    ...(originalHeaders.get('x-followspot-bounce-token') ?? []),
  ];
  return {
    reportId: first(message.headers, 'message-id')?.replace(/^<|>$/g, '').slice(0, 300) || null,
    recipients,
    tokenPlaces,
  };
}
