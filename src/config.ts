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
});

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
    ...overrides,
  };
}
