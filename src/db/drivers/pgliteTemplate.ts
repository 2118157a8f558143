/**
 * Embedded databases made by `npm run build`, so a new data folder starts as a copy of one
 * instead of running PGlite's initdb and every migration (most of `regsync serve`'s time to
 * ready on a new folder: docs/performance.md, "CLI start-up"):
 * - the **migrated** template (dist/pglite-template/, its stamp in dist/pglite-template.json,
 *   `<template>.json`): migrated and empty, for any configuration;
 * - the **synced** template (dist/pglite-template-synced/): the migrated one after a sync of
 *   the bundled registry, for an instance that serves only that registry, so a new folder is
 *   ready without a first sync (src/cli/syncedTemplate.ts says when it applies).
 * A template is used only when its stamp equals the one the running code expects
 * (templateStamp: the PGlite version and every migration's name and compiled code; for the
 * synced one also what was synced, syncedTemplateStamp); anything else opens the folder the
 * next way down, and at last the slow way. They are looked up beside the compiled tree only,
 * so running from the sources never uses them.
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

/** The synced template: `<root>/dist/pglite-template-synced` from the build (never made from the sources). */
export const PGLITE_SYNCED_TEMPLATE_DIR = fileURLToPath(
  new URL('../../../pglite-template-synced', import.meta.url),
);

/** A template a new data folder may start from, with the stamp it must carry to be used. */
export interface TemplateCandidate {
  /** `migrated` (empty) or `synced` (holds a sync of the bundled registry). */
  kind: 'migrated' | 'synced';
  dir: string;
  stamp: string;
}

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
 * The stamp of a synced template: the migrated template's stamp it started from and
 * `content`, what was synced into it (the source's name and revision: a registry edited
 * after the build has another revision, so its template is refused).
 */
export function syncedTemplateStamp(migratedStamp: string, content: string): string {
  return `sha256:${createHash('sha256').update(`${migratedStamp}\n${content}\n`).digest('hex')}`;
}

/**
 * Fills the new, empty data folder `dir` with the first of `candidates` whose recorded stamp
 * matches (copyTemplateInto); resolves to the one used, or undefined. `candidates` is asked
 * only when the folder is new, so a restart never computes a stamp.
 */
export async function copyFirstTemplateInto(
  dir: string,
  candidates: () => Promise<readonly TemplateCandidate[]>,
): Promise<TemplateCandidate | undefined> {
  const entries = await readdir(dir).catch(() => undefined);
  if (entries === undefined || entries.length > 0) return undefined;
  for (const candidate of await candidates())
    if (await copyTemplateInto(dir, candidate.stamp, candidate.dir)) return candidate;
  return undefined;
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
