// Whether the build in dist/ is older than the sources: shared by `npm start` and the `followspot` bin.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const stampFile = join(root, 'dist', '.build-stamp');

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function buildIsFresh() {
  if (!existsSync(stampFile) || !existsSync(join(root, 'dist', 'server', 'cli.js'))) return false;
  if (!existsSync(join(root, 'dist', 'web', 'index.html'))) return false;
  const built = Number(readFileSync(stampFile, 'utf8'));
  const sources = Math.max(
    newestMtime(join(root, 'src')),
    newestMtime(join(root, 'web')),
    statSync(join(root, 'package-lock.json')).mtimeMs,
  );
  return built >= sources;
}
