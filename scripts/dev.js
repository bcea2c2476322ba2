// `npm run dev`: the API with reload (tsx watch) on :3000 and Vite's dev server on :5173.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root } from './build-state.js';

const bin = (name) => join(root, 'node_modules', '.bin', name);
const children = [
  spawn(bin('tsx'), ['watch', '--clear-screen=false', 'src/cli.ts', 'serve'], {
    cwd: root,
    stdio: 'inherit',
  }),
  spawn(bin('vite'), ['--config', 'web/vite.config.ts'], { cwd: root, stdio: 'inherit' }),
];
process.stdout.write('API on http://localhost:3000 — web app with hot reload on http://localhost:5173\n');
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', (code) => code && code !== 0 && stop());
