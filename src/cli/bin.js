#!/usr/bin/env node
// Entry point of the `regsync` binary: runs the compiled JavaScript in dist/, which `npm ci`
// builds (the `prepare` script) and `npm run build` refreshes. Nothing is compiled at run
// time, so the CLI answers at once and tsx stays a development tool; to run the TypeScript
// sources directly, use `npm run dev -- <verb>` (node --import tsx src/cli/main.ts).
import { existsSync, readdirSync, statSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const built = join(root, 'dist', 'src', 'cli', 'main.js');
/**
 * In a Git checkout (a contributor's, never an installed package, which ships no sources),
 * the first TypeScript source or manifest JSON Schema edited or pulled after the last build:
 * dist/ then runs old code (or the validators the build generated from the old schemas),
 * silently, which is worse than a slower start. The scan costs about 5 ms over some 400
 * files; an installed package skips it (it has no .git).
 */
const SOURCES = [
  ['src', '.ts'],
  ['migrations', '.ts'],
  ['schemas', '.json'],
];

function newerSource(builtAt) {
  if (!existsSync(join(root, '.git'))) return undefined;
  for (const [folder, extension] of SOURCES) {
    if (!existsSync(join(root, folder))) continue;
    for (const entry of readdirSync(join(root, folder), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith(extension) || entry.name.endsWith('.test.ts'))
        continue;
      const path = join(entry.parentPath, entry.name);
      if (statSync(path).mtimeMs > builtAt) return path;
    }
  }
  return undefined;
}

if (existsSync(built)) {
  const stale = newerSource(statSync(built).mtimeMs);
  if (stale !== undefined) {
    process.stderr.write(
      `regsync: warning: ${stale.slice(root.length + 1)} changed after the last build, so dist/ runs older code; run \`npm run build\` (or \`npm run dev -- <verb>\` to run the sources)\n`,
    );
  }
  await import(pathToFileURL(built).href);
} else {
  process.stderr.write(
    `regsync: the compiled build is missing (${built}); run \`npm run build\` (npm ci runs it)\n`,
  );
  process.exitCode = 1;
}
