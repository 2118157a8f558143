/**
 * A migrated, empty embedded database made by `npm run build` (dist/pglite-template/, with
 * its stamp in dist/pglite-template.json, `<template>.json`), so a new data folder starts as a copy of it
 * instead of running PGlite's initdb and every migration (most of `regsync serve`'s time to
 * ready on a new folder: docs/performance.md, "CLI start-up"). The template is used only
 * when its stamp equals the running code's (templateStamp: the PGlite version and every
 * migration's name and compiled code); anything else opens the folder the slow way. It is
 * looked up beside the compiled tree only, so running from the sources never uses it.
 */
import { createHash } from 'node:crypto';
import { chmod, cp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationObject } from '@mikro-orm/core';

/** The template folder: `<root>/dist/pglite-template` from the build (`<root>/pglite-template` from the sources, never made). */
export const PGLITE_TEMPLATE_DIR = fileURLToPath(
  new URL('../../../pglite-template', import.meta.url),
);

/** The version of the installed @electric-sql/pglite (its data folder format follows it). */
async function pgliteVersion(): Promise<string> {
  // The package's exports do not include package.json: walk up from its entry.
  let dir = dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')));
  for (;;) {
    const manifest = JSON.parse(
      await readFile(join(dir, 'package.json'), 'utf8').catch(() => '{}'),
    ) as {
      name?: string;
      version?: string;
    };
    if (manifest.name === '@electric-sql/pglite' && manifest.version) return manifest.version;
    if (dirname(dir) === dir) return 'unknown';
    dir = dirname(dir);
  }
}

/**
 * What a template must have been made with to stand in for initdb and `migrations`: the
 * PGlite version and each migration's name and code (a migration edited in place changes
 * it), as a sha256.
 */
export async function templateStamp(migrations: readonly MigrationObject[]): Promise<string> {
  const hash = createHash('sha256').update(`pglite ${await pgliteVersion()}\n`);
  for (const m of migrations) hash.update(`${m.name}\n${String(m.class)}\n`);
  return `sha256:${hash.digest('hex')}`;
}

/**
 * Fills the new, empty data folder `dir` with a copy of the template (by default the
 * build's) when the template's stamp is `stamp`; resolves to whether it did. A folder with anything in it is left alone,
 * and so is one the copy fails for (it is removed again, and the caller creates it the
 * slow way). The copy is made beside `dir` and renamed into place, so a crash mid-copy
 * never leaves a half database where the next start would look.
 */
export async function copyTemplateInto(
  dir: string,
  stamp: string,
  template: string = PGLITE_TEMPLATE_DIR,
): Promise<boolean> {
  const entries = await readdir(dir).catch(() => undefined);
  if (entries === undefined || entries.length > 0) return false;
  const recorded = await readFile(`${template}.json`, 'utf8').catch(() => undefined);
  if (recorded?.trim() !== stamp) return false;
  const partial = `${dir}.from-template`;
  try {
    await rm(partial, { recursive: true, force: true });
    await cp(template, partial, { recursive: true });
    await rm(dir, { recursive: true, force: true });
    await rename(partial, dir);
    return true;
  } catch {
    await rm(partial, { recursive: true, force: true }).catch(() => undefined);
    return false;
  }
}

/**
 * Makes the template readable by every user (folders 0755, files 0644): the build runs as
 * one user, and the service (the Docker image's `node`) copies it as another.
 */
export async function openTemplateToAll(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    await chmod(join(entry.parentPath, entry.name), entry.isDirectory() ? 0o755 : 0o644);
  }
}
