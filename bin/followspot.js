#!/usr/bin/env node
// Runs the built CLI when the build is fresh, else the TypeScript sources through tsx.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIsFresh, root } from '../scripts/build-state.js';

if (buildIsFresh()) {
  await import(pathToFileURL(join(root, 'dist', 'server', 'cli.js')).href);
} else {
  const { tsImport } = await import('tsx/esm/api');
  await tsImport(pathToFileURL(join(root, 'src', 'cli.ts')).href, import.meta.url);
}
