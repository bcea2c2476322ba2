// `npm start`: build what is missing or stale, then serve (migrations run on start).
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildIsFresh, root } from './build-state.js';

if (!buildIsFresh()) {
  process.stdout.write('Building Followspot (first start, or the sources changed)…\n');
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.js')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const server = spawn(
  process.execPath,
  [join(root, 'dist', 'server', 'cli.js'), 'serve', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
