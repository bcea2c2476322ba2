// What the API document says of each operation beyond its schemas: a stable `operationId` made from
// the method and path (so client generators get the same names release after release), and the
// methods each path offers, so a request with another method gets 405 and `Allow` instead of 404.
import type { HTTPMethods, RouteOptions } from 'fastify';

const verbs: Record<string, string> = {
  GET: 'get',
  POST: 'post',
  PUT: 'put',
  PATCH: 'update',
  DELETE: 'delete',
};

const pascal = (segment: string) =>
  segment
    .split(/[-_]/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');

/** "venues" → "venue", "api-keys" → "api-key"; words not ending in a plain "s" stay. */
const singular = (segment: string) => (/[^s]s$/.test(segment) ? segment.slice(0, -1) : segment);

/**
 * `GET /api/v1/venues` → `listVenues`, `POST /api/v1/venues` → `createVenue`, `GET /api/v1/venues/:id`
 * → `getVenue`, `PATCH …/:id` → `updateVenue`, `POST /api/v1/roles/:id/close-the-rest/send` →
 * `postRoleCloseTheRestSend`: a resource followed by its id is named in the singular.
 */
export function operationIdOf(method: string, url: string): string {
  const segments = url
    .replace(/^\/api\/v\d+\//, '')
    .split('/')
    .filter(Boolean);
  const isParam = (s: string | undefined) => s?.startsWith(':') === true;
  const words = segments.flatMap((segment, i) => {
    if (isParam(segment)) return [];
    return [isParam(segments[i + 1]) ? singular(segment) : segment];
  });
  const only = segments.length === 1 && /s$/.test(segments[0]!);
  let verb = verbs[method] ?? method.toLowerCase();
  if (method === 'GET' && only) verb = 'list';
  if (method === 'POST' && only) {
    verb = 'create';
    words[0] = singular(words[0]!);
  }
  return verb + words.map(pascal).join('');
}

/**
 * The onRoute hook: records every route's methods, gives each documented operation its
 * `operationId`, and marks documented routes outside the API (health) as needing no credentials.
 */
export function documentOperations(registry: OperationRegistry) {
  return (route: RouteOptions): void => {
    const methods = ([] as string[]).concat(route.method as string | string[]);
    const schema = (route.schema ?? {}) as { hide?: boolean; operationId?: string; security?: unknown };
    // HEAD routes share their GET's schema object and are not documented.
    const documented = !schema.hide && !methods.every((m) => m === 'HEAD') && route.url !== '*';
    registry.add(route);
    if (!documented) return;
    schema.operationId = registry.claim(route, schema.operationId);
    if (!route.url.startsWith('/api/v1/')) schema.security ??= [];
    route.schema = schema as RouteOptions['schema'];
  };
}

export type OperationRegistry = ReturnType<typeof operationRegistry>;

/** `By` and the path's parameters: `/a/:id/b/:token` → `ByIdToken`. */
const byParams = (url: string) =>
  `By${[...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => pascal(m[1]!.replace(/^./, (c) => c.toUpperCase()))).join('')}`;

interface PathMethods {
  pattern: RegExp;
  methods: Set<string>;
}

/** Every route's path and methods, and the `operationId`s given so far (unique per app). */
export function operationRegistry() {
  const ids = new Map<string, string>();
  const paths = new Map<string, PathMethods>();
  return {
    /** Records the route's path and methods. */
    add(route: Pick<RouteOptions, 'method' | 'url'>): void {
      const methods = ([] as HTTPMethods[]).concat(route.method as HTTPMethods | HTTPMethods[]);
      let entry = paths.get(route.url);
      if (!entry) {
        const source = route.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z0-9_]+/g, '[^/]+');
        entry = { pattern: new RegExp(`^${source}/?$`), methods: new Set() };
        paths.set(route.url, entry);
      }
      for (const m of methods) entry.methods.add(m);
    },
    /** The operationId of a documented route (the schema's own when it sets one), unique per app. */
    claim(route: Pick<RouteOptions, 'method' | 'url'>, given?: string): string {
      const methods = ([] as string[]).concat(route.method as string | string[]);
      const method = methods.find((m) => m !== 'HEAD') ?? methods[0]!;
      const owner = `${methods.join(',')} ${route.url}`;
      let id = given ?? operationIdOf(method, route.url);
      // "network" is its own singular: `GET /network/:candidateId` becomes `getNetworkByCandidateId`.
      if (!given && ids.has(id) && ids.get(id) !== owner) id = `${id}${byParams(route.url)}`;
      const taken = ids.get(id);
      if (taken && taken !== owner) {
        throw new Error(`operationId ${id} of ${owner} is already ${taken}'s: set schema.operationId on one`);
      }
      ids.set(id, owner);
      return id;
    },
    /** The methods offered at a concrete path, e.g. `/api/v1/venues/abc` → GET, PATCH, DELETE. */
    allowed(path: string): string[] {
      const found = new Set<string>();
      for (const { pattern, methods } of paths.values()) {
        if (pattern.test(path)) for (const m of methods) found.add(m);
      }
      if (found.has('GET')) found.add('HEAD');
      return [...found].sort();
    },
  };
}
