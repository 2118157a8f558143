#!/usr/bin/env node
// Entry point of the `regsync` binary: runs the compiled JavaScript in dist/, which `npm ci`
// builds (the `prepare` script) and `npm run build` refreshes. Nothing is compiled at run
// time, so the CLI answers at once and tsx stays a development tool; to run the TypeScript
// sources directly, use `npm run dev -- <verb>` (node --import tsx src/cli/main.ts).
import { existsSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const built = join(root, 'dist', 'src', 'cli', 'main.js');
if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  process.stderr.write(
    `regsync: the compiled build is missing (${built}); run \`npm run build\` (npm ci runs it)\n`,
  );
  process.exitCode = 1;
}
