import type { AppConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Auth } from './auth.ts';

/** What the app uses of better-auth: its API methods, its HTTP handler and its context (hashing). */
export type AppAuth = Pick<Auth, 'api' | 'handler' | '$context'>;

/**
 * better-auth and its plugins cost ≈ 0.5 s of CPU and ~30 MB to import, so they load at the first
 * sign-in or session read: an idle server, the worker and CLI commands that sign no one in never pay.
 */
export function lazyAuth(db: Db, config: AppConfig): AppAuth {
  let loading: Promise<Auth> | undefined;
  const load = (): Promise<Auth> => {
    loading ??= import('./auth.ts')
      .then(({ createAuth }) => createAuth(db, config))
      .catch((error: unknown) => {
        // A failed import is tried again on the next call rather than remembered.
        loading = undefined;
        throw error;
      });
    return loading;
  };
  const api = new Proxy({} as Auth['api'], {
    get(_target, name) {
      // Not a thenable: `await ctx.auth.api` must not look for a `then` method.
      if (name === 'then' || typeof name === 'symbol') return undefined;
      return async (...args: unknown[]) => {
        const auth = await load();
        const method: unknown = Reflect.get(auth.api, name);
        if (typeof method !== 'function') throw new TypeError(`better-auth has no API method "${name}"`);
        return Reflect.apply(method, auth.api, args);
      };
    },
  });
  return {
    api,
    handler: async (request: Request) => (await load()).handler(request),
    get $context() {
      return load().then((auth) => auth.$context);
    },
  };
}
