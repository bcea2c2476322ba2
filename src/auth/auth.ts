import { betterAuth } from 'better-auth';
import { organization } from 'better-auth/plugins';
import type { AppConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { accessControl, authRoles } from './roles.ts';

/** The public URL; in development also its localhost/127.0.0.1 twin and Vite's dev server. */
function trustedOrigins(config: AppConfig): string[] {
  if (config.production) return [config.publicUrl];
  const port = String(config.port);
  return [
    config.publicUrl,
    `http://localhost:${port}`,
    `http://127.0.0.1:${port}`,
    'http://localhost:5173',
    'http://127.0.0.1:5173',
  ];
}

export function createAuth(db: Db, config: AppConfig) {
  return betterAuth({
    appName: 'Followspot',
    baseURL: config.publicUrl,
    basePath: '/api/auth',
    secret: config.secret,
    database: { db: db.authKysely, type: db.dialect },
    telemetry: { enabled: false },
    trustedOrigins: trustedOrigins(config),
    // People join through setup or an invitation, never by signing themselves up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 128 },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    // Our own limits (src/http/rate-limits.ts) key by the real client address; better-auth's would
    // read X-Forwarded-For from anyone.
    rateLimit: { enabled: false },
    plugins: [
      organization({
        ac: accessControl,
        roles: authRoles,
        creatorRole: 'admin',
        allowUserToCreateOrganization: false,
        invitationExpiresIn: 60 * 60 * 24 * 7,
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
