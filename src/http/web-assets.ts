// The built web app: precompressed files, year-long caching for hashed assets, revalidation for the rest.
import { basename, sep } from 'node:path';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Vite names files under assets/ by their content hash, so a changed file gets a new address. */
export const immutable = 'public, max-age=31536000, immutable';

export function cacheControlFor(filePath: string): string {
  return filePath.includes(`${sep}assets${sep}`) && basename(filePath) !== 'index.html'
    ? immutable
    : 'no-cache';
}

/** Brotli or gzip for every response worth it (JSON, HTML, CSS, JS); never for request bodies. */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    globalDecompression: false,
    encodings: ['br', 'gzip'],
    threshold: 1024,
  });
}

/** Files of the built app; `scripts/build.js` wrote a .br and a .gz beside each large one. */
export async function registerWebAssets(app: FastifyInstance, webDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: false,
    // A route per file, not per compressed copy: the .br and .gz beside a file are found when it is
    // sent (preCompressed), and 200 fewer routes is less to build at start-up.
    globIgnore: ['**/*.br', '**/*.gz'],
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', cacheControlFor(filePath));
    },
  });
}
