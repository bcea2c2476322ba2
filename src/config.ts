import { randomBytes } from 'node:crypto';
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
});

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
    ...overrides,
  };
}
