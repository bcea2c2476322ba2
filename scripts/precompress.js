// Writes a .br and a .gz beside every compressible file of the built web app, at the strongest settings
// (done once at build, so the server sends them without compressing per request).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const compressible = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/;
const smallest = 1024;

function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

/** Returns how many files were precompressed. */
export function precompress(dir) {
  let count = 0;
  for (const path of filesUnder(dir)) {
    if (!compressible.test(path) || statSync(path).size < smallest) continue;
    const body = readFileSync(path);
    writeFileSync(
      `${path}.br`,
      brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      }),
    );
    writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
    count += 1;
  }
  return count;
}

// The first pages a browser opens: sign-in, and the roles list (every member's list; an interviewer's
// home) inside the signed-in layout. Each is the entry, its lazy route chunks and what they import.
export const firstPages = {
  'sign-in': ['SignInPage.tsx'],
  'roles list': ['AppLayout.tsx', 'RolesPage.tsx'],
};

/** Gzip bytes sent for each first page's JavaScript (the precompressed .gz, or the file when too small). */
export function firstPageJsBytes(dir, pages = firstPages) {
  const manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8'));
  const sent = (file) => {
    const path = join(dir, file);
    return existsSync(`${path}.gz`) ? statSync(`${path}.gz`).size : statSync(path).size;
  };
  const sizes = {};
  for (const [name, modules] of Object.entries(pages)) {
    const seen = new Set();
    const walk = (key) => {
      if (seen.has(key) || !manifest[key]) return;
      seen.add(key);
      for (const imported of manifest[key].imports ?? []) walk(imported);
    };
    for (const key of Object.keys(manifest)) if (manifest[key].isEntry) walk(key);
    for (const module of modules) {
      const key = Object.keys(manifest).find((k) => k.endsWith(`/${module}`));
      if (!key) throw new Error(`${module} is not in the build manifest: update firstPages`);
      walk(key);
    }
    let bytes = 0;
    for (const key of seen) if (manifest[key].file.endsWith('.js')) bytes += sent(manifest[key].file);
    sizes[name] = bytes;
  }
  return sizes;
}
