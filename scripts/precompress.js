// Writes a .br and a .gz beside every compressible file of the built web app, at the strongest settings
// (done once at build, so the server sends them without compressing per request).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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

/** Gzip bytes of the JavaScript a browser loads for the first page (the entry and the roles list). */
export function firstPageJsBytes(dir, page = 'RolesPage.tsx') {
  const manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8'));
  const seen = new Set();
  const walk = (key) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const imported of manifest[key].imports ?? []) walk(imported);
  };
  for (const key of Object.keys(manifest)) if (manifest[key].isEntry) walk(key);
  const pageKey = Object.keys(manifest).find((key) => key.endsWith(page));
  if (pageKey) walk(pageKey);
  let bytes = 0;
  for (const key of seen) bytes += gzipSync(readFileSync(join(dir, manifest[key].file))).length;
  return bytes;
}
