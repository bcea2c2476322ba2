// `npm start`: build what is missing or stale, then serve (migrations run on start). The server runs
// in this process (not a child), so `npm start` is one Node process: its signals are the server's.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIsFresh, root } from './build-state.js';

if (!buildIsFresh()) {
  process.stdout.write('Building Followspot (first start, or the sources changed)…\n');
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.js')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const cli = join(root, 'dist', 'server', 'cli.js');
process.argv = [process.argv[0], cli, 'serve', ...process.argv.slice(2)];
await import(pathToFileURL(cli).href);
