import { betterAuth } from 'better-auth';
import { organization } from 'better-auth/plugins';
import type { AppConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { accessControl, authRoles } from './roles.ts';

export function createAuth(db: Db, config: AppConfig) {
  return betterAuth({
    appName: 'Followspot',
    baseURL: config.publicUrl,
    basePath: '/api/auth',
    secret: config.secret,
    database: { db: db.authKysely, type: db.dialect },
    telemetry: { enabled: false },
    trustedOrigins: [config.publicUrl],
    // People join through setup or an invitation, never by signing themselves up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 128 },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    rateLimit: { enabled: config.production, window: 60, max: 100 },
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
