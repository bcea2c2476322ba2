import { createPublicKey, type KeyObject, randomBytes } from 'node:crypto';
import { z } from 'zod';

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().default('./data/followspot.sqlite'),
  PUBLIC_URL: z.url().optional(),
  SECRET: z.string().min(32, 'SECRET must be at least 32 characters').optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Followspot <no-reply@followspot.local>'),
  NODE_ENV: z.string().default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.string().optional(),
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  MAILGUN_WEBHOOK_SIGNING_KEY: z.string().optional(),
  BOUNCE_WEBHOOK_TOKEN: z.string().min(16, 'BOUNCE_WEBHOOK_TOKEN must be at least 16 characters').optional(),
  SES_SNS_TOPIC_ARN: z
    .string()
    .regex(
      /^(arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]+)(,arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]+)*$/,
      'SES_SNS_TOPIC_ARN must be SNS topic ARNs (arn:aws:sns:<region>:<account>:<topic>), comma-separated',
    )
    .optional(),
  SENDGRID_WEBHOOK_PUBLIC_KEY: z
    .string()
    .refine(isPublicKey, 'SENDGRID_WEBHOOK_PUBLIC_KEY must be the verification key SendGrid shows (base64)')
    .optional(),
  RETENTION_SWEEP_MINUTES: z.coerce
    .number()
    .int()
    .min(1, 'RETENTION_SWEEP_MINUTES must be a whole number of minutes from 1 to 1440')
    .max(1440, 'RETENTION_SWEEP_MINUTES must be a whole number of minutes from 1 to 1440')
    .default(60),
  BOUNCE_VERP_ADDRESS: z
    .string()
    .regex(
      /^[A-Za-z0-9._-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/,
      'BOUNCE_VERP_ADDRESS must be the bounce mailbox’s address without a plus part, e.g. bounces@venue.example',
    )
    .optional(),
  BOUNCE_IMAP_URL: z
    .url({
      protocol: /^imaps?$/,
      error: 'BOUNCE_IMAP_URL must be imaps://user:password@host[:port][/mailbox]',
    })
    .optional(),
  BOUNCE_IMAP_HOST: z.string().optional(),
  BOUNCE_IMAP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  BOUNCE_IMAP_USER: z.string().optional(),
  BOUNCE_IMAP_PASSWORD: z.string().optional(),
  BOUNCE_IMAP_TLS: z.enum(['true', 'false'], 'BOUNCE_IMAP_TLS must be true or false').default('true'),
  BOUNCE_IMAP_MAILBOX: z.string().min(1).default('INBOX'),
  BOUNCE_IMAP_PROCESSED_FOLDER: z.string().min(1).default('Processed'),
  BOUNCE_IMAP_POLL_SECONDS: z.coerce
    .number()
    .int()
    .min(5, 'BOUNCE_IMAP_POLL_SECONDS must be a whole number of seconds from 5 to 3600')
    .max(3600, 'BOUNCE_IMAP_POLL_SECONDS must be a whole number of seconds from 5 to 3600')
    .default(60),
});

type ParsedEnv = z.infer<typeof configSchema>;

/** The bounce mailbox's address, split for VERP return paths (`local+token@domain`). */
export interface VerpAddress {
  local: string;
  domain: string;
}

/** Where the worker reads bounces from over IMAP. */
export interface BounceMailboxConfig {
  host: string;
  port: number;
  /** TLS from the start (imaps); otherwise STARTTLS, required unless the host is loopback. */
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
  processedFolder: string;
  pollSeconds: number;
}

const bad = (message: string) => new Error(`Invalid configuration: ${message}`);

function verpAddressOf(e: ParsedEnv, secretGiven: boolean): VerpAddress | undefined {
  if (!e.BOUNCE_VERP_ADDRESS) return undefined;
  if (!secretGiven) {
    throw bad(
      'BOUNCE_VERP_ADDRESS needs SECRET: return-path tokens are signed with it and must still check after a restart',
    );
  }
  const [local = '', domain = ''] = e.BOUNCE_VERP_ADDRESS.toLowerCase().split('@');
  return { local, domain };
}

/** BOUNCE_IMAP_URL, or BOUNCE_IMAP_HOST with its user and password; undefined when neither is set. */
function bounceMailboxOf(e: ParsedEnv, verp: VerpAddress | undefined): BounceMailboxConfig | undefined {
  if (!e.BOUNCE_IMAP_URL && !e.BOUNCE_IMAP_HOST) return undefined;
  if (e.BOUNCE_IMAP_URL && e.BOUNCE_IMAP_HOST) throw bad('set BOUNCE_IMAP_URL or BOUNCE_IMAP_HOST, not both');
  if (!verp) {
    throw bad(
      'the bounce mailbox (BOUNCE_IMAP_URL or BOUNCE_IMAP_HOST) needs BOUNCE_VERP_ADDRESS, its address',
    );
  }
  const shared = { processedFolder: e.BOUNCE_IMAP_PROCESSED_FOLDER, pollSeconds: e.BOUNCE_IMAP_POLL_SECONDS };
  if (e.BOUNCE_IMAP_URL) {
    const url = new URL(e.BOUNCE_IMAP_URL);
    const secure = url.protocol === 'imaps:';
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    if (!user || !password) throw bad('BOUNCE_IMAP_URL must include user:password@ (URL-encoded)');
    const path = decodeURIComponent(url.pathname.replace(/^\//, ''));
    return {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : secure ? 993 : 143,
      secure,
      user,
      password,
      mailbox: path || e.BOUNCE_IMAP_MAILBOX,
      ...shared,
    };
  }
  if (!e.BOUNCE_IMAP_USER || !e.BOUNCE_IMAP_PASSWORD) {
    throw bad('BOUNCE_IMAP_HOST needs BOUNCE_IMAP_USER and BOUNCE_IMAP_PASSWORD');
  }
  const secure = e.BOUNCE_IMAP_TLS === 'true';
  return {
    host: e.BOUNCE_IMAP_HOST ?? '',
    port: e.BOUNCE_IMAP_PORT ?? (secure ? 993 : 143),
    secure,
    user: e.BOUNCE_IMAP_USER,
    password: e.BOUNCE_IMAP_PASSWORD,
    mailbox: e.BOUNCE_IMAP_MAILBOX,
    ...shared,
  };
}

/** A public key as providers show it: base64 DER (SubjectPublicKeyInfo), or PEM. Throws if neither. */
export function publicKeyOf(value: string): KeyObject {
  return value.includes('BEGIN PUBLIC KEY')
    ? createPublicKey(value)
    : createPublicKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'spki' });
}

function isPublicKey(value: string): boolean {
  try {
    publicKeyOf(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Which proxies may report the client's address (X-Forwarded-For): none unless configured, as a hop
 * count ("1": the one proxy in front) or the proxies' addresses ("10.0.0.5, 10.1.0.0/16"). Trusting
 * everyone would let any caller choose its address and step around every rate limit.
 */
export function parseTrustProxy(value: string | undefined): false | number | string[] {
  const v = (value ?? '').trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (/^\d+$/.test(v)) return Number(v);
  if (v === 'true' || v === '*') {
    throw new Error(
      'Invalid configuration: TRUST_PROXY must be a hop count (e.g. 1) or the proxies\' addresses, not "true"',
    );
  }
  const addresses = v
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const named = ['loopback', 'linklocal', 'uniquelocal'];
  const bad = addresses.find((a) => !named.includes(a) && !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(a));
  if (bad) throw new Error(`Invalid configuration: TRUST_PROXY: "${bad}" is not an address or CIDR range`);
  return addresses;
}

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string;
  publicUrl: string;
  secret: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  production: boolean;
  logLevel: string;
  /** Bearer token for GET /metrics (Prometheus); without one the endpoint does not exist. */
  metricsToken: string | undefined;
  trustProxy: false | number | string[];
  /** Mailgun's webhook signing key: without one, POST /api/v1/bounces/mailgun refuses every call. */
  mailgunWebhookSigningKey: string | undefined;
  /** The password of the bounce webhook for Postmark (HTTP basic auth); without one it refuses. */
  bounceWebhookToken: string | undefined;
  /** The SNS topics SES publishes bounces to; without any, POST /api/v1/bounces/ses answers 404. */
  sesSnsTopicArns: string[];
  /** SendGrid's Event Webhook verification key; without one, POST /api/v1/bounces/sendgrid answers 404. */
  sendgridWebhookPublicKey: string | undefined;
  /** How often the retention sweep runs, across all workers together (default 60 minutes). */
  retentionSweepMinutes: number;
  /** The bounce mailbox's address: when set, every email's envelope sender is `local+<token>@domain`. */
  bounceVerpAddress: VerpAddress | undefined;
  /** The bounce mailbox the worker reads over IMAP; undefined: not read. */
  bounceMailbox: BounceMailboxConfig | undefined;
}

/** Reads the environment once; a bad value stops start-up with a message that names the variable. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<AppConfig> = {},
): AppConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${issues}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && !e.SECRET)
    throw new Error('Invalid configuration: SECRET is required when NODE_ENV=production');
  const port = overrides.port ?? e.PORT;
  const bounceVerpAddress = verpAddressOf(e, Boolean(e.SECRET));
  return {
    port,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    // Development without SECRET gets a per-process secret: sessions simply end on restart.
    secret: e.SECRET ?? randomBytes(32).toString('hex'),
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    production,
    logLevel: e.LOG_LEVEL,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    metricsToken: e.METRICS_TOKEN || undefined,
    mailgunWebhookSigningKey: e.MAILGUN_WEBHOOK_SIGNING_KEY || undefined,
    bounceWebhookToken: e.BOUNCE_WEBHOOK_TOKEN || undefined,
    sesSnsTopicArns: e.SES_SNS_TOPIC_ARN ? e.SES_SNS_TOPIC_ARN.split(',') : [],
    sendgridWebhookPublicKey: e.SENDGRID_WEBHOOK_PUBLIC_KEY || undefined,
    retentionSweepMinutes: e.RETENTION_SWEEP_MINUTES,
    bounceVerpAddress,
    bounceMailbox: bounceMailboxOf(e, bounceVerpAddress),
    ...overrides,
  };
}
