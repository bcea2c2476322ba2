// Builds the server (tsc → dist/server) and the web app (Vite → dist/web), then stamps the build.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, stampFile } from './build-state.js';
import { firstPageJsBytes, precompress } from './precompress.js';

function step(label, command, args) {
  process.stdout.write(`▸ ${label}…\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(
      `✗ ${label} failed (exit ${result.status}). Fix the errors above and run \`npm run build\` again.\n`,
    );
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`✓ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

const started = Date.now();
rmSync(join(root, 'dist', 'server'), { recursive: true, force: true });
step('Compiling the server', process.execPath, [
  join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
  '-p',
  'tsconfig.build.json',
]);
step('Building the web app', process.execPath, [
  join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
  'build',
  '--config',
  'web/vite.config.ts',
  '--logLevel',
  'warn',
]);
const webDir = join(root, 'dist', 'web');
const precompressed = precompress(webDir);
const firstPage = Object.entries(firstPageJsBytes(webDir))
  .map(([page, bytes]) => `${page} ${(bytes / 1000).toFixed(1)} KB`)
  .join(', ');
process.stdout.write(
  `✓ Precompressed ${precompressed} files (brotli, gzip); first pages' JavaScript (gzip): ${firstPage}\n`,
);
mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(stampFile, String(started));
