/**
 * The local bare mirror of one registry repository: created once in the cache folder, then
 * only fetched into. There is never a work tree, so no file of the registry is ever written
 * to disk (a symlink in the registry stays a blob in the object store), and no checkout,
 * merge or filter ever runs.
 *
 * The mirror's own config, written by us when it is created, pins what matters whatever the
 * host's global config says: `core.hooksPath=/dev/null` (no hook runs, e.g.
 * reference-transaction on fetch or pre-auto-gc), `protocol.allow=never` except the one
 * transport of the URL, no submodule recursion, gc in the foreground. simple-git refuses to
 * set `core.hooksPath` or `protocol.*.allow` through `-c` (its `unsafe` guard, which we keep),
 * so the file is written directly; it is ours, created a line above.
 *
 * The remote URL is never stored in the mirror: every fetch names it on the command line, and
 * that URL has no user info. Fetched refs live under `refs/regsync/`.
 */
import { appendFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { GitTransport } from './checkGitInputs.js';
import type { GitRunner } from './GitRunner.js';
import {
  parseDiffTreeRaw,
  parseLsRemote,
  parseLsTree,
  type RawChange,
  type RemoteRefs,
  type TreeEntry,
} from './parseGitOutput.js';
import { commitParents, parseRawTree } from './CatFileBatch.js';
import { MirrorMaintenance, type MirrorMaintenanceOptions } from './MirrorMaintenance.js';
import { SourceError } from './SourceError.js';

/**
 * Commits `isAncestor` walks through the batch reader before it asks `git merge-base`: a
 * sync usually follows a few new commits; a long gap or a merge-heavy history goes to git.
 */
const ANCESTRY_WALK = 64;

/** Where a commit fetched by id is kept: `refs/regsync/commits/<sha>`. */
export const COMMIT_REFS = 'refs/regsync/commits/';
const COMMIT_REF = /^refs\/regsync\/commits\/(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** Written last when a mirror is created: without it the folder is a half-made mirror. */
const READY_MARKER = 'regsync-mirror.json';

/**
 * Options of `BareMirror`: where the mirror lives, how git is run and reached, and the layout
 * of an older release to adopt.
 */
export interface BareMirrorOptions {
  path: string;
  runner: GitRunner;
  /** The URL git fetches from (no user info). */
  url: string;
  transport: GitTransport;
  /**
   * Where an older release kept this mirror (`<dataDir>/git/git/<hash>.git`): a finished
   * mirror found there is moved to `path` instead of cloning again.
   */
  legacyPath?: string;
  /** When the object store is repacked (MirrorMaintenance.ts); the defaults suit any size. */
  maintenance?: MirrorMaintenanceOptions;
}

/** The hash function of a repository's object ids: SHA-1 (40 hex) or SHA-256 (64 hex). */
export type ObjectFormat = 'sha1' | 'sha256';

/**
 * One bare mirror folder: `ensure` creates it (or adopts one an older release left at
 * `legacyPath`), the other methods run git against it. Never has a work tree.
 */
export class BareMirror {
  private ready: Promise<void> | undefined;
  /** The mirror's object format once it exists; the one a new mirror is created with before. */
  private format: ObjectFormat = 'sha1';
  private readonly maintenance: MirrorMaintenance;

  constructor(private readonly options: BareMirrorOptions) {
    this.maintenance = new MirrorMaintenance(options.runner, options.maintenance);
  }

  get path(): string {
    return this.options.path;
  }

  /** Creates the mirror if it is not there (or was left half-made); idempotent. */
  ensure(): Promise<void> {
    this.ready ??= this.create().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  /**
   * Makes the mirror's object format the remote's (git cannot fetch SHA-256 objects into a
   * SHA-1 repository: "mismatched algorithms"). The format is learnt from the length of the
   * ids `ls-remote` answered; a mirror of the other format is discarded and created anew
   * (only fetched objects are lost, and a mirror meeting a new format has none it can use).
   */
  async useObjectFormat(format: ObjectFormat): Promise<void> {
    await this.ensure();
    if (this.format === format) return;
    await this.discard();
    this.format = format;
    await this.ensure();
  }

  private async create(): Promise<void> {
    const { path, runner, transport, legacyPath } = this.options;
    const marker = join(path, READY_MARKER);
    if (await exists(marker)) {
      this.format = await readObjectFormat(marker);
      return;
    }
    if (legacyPath && (await exists(join(legacyPath, READY_MARKER)))) {
      try {
        await rm(path, { recursive: true, force: true });
        await mkdir(dirname(path), { recursive: true });
        // Same data folder, so a rename: atomic, and the fetched objects are kept.
        await rename(legacyPath, path);
      } catch (error) {
        throw new SourceError('LOCAL_IO', `Cannot move the git mirror ${legacyPath} to ${path}`, {
          cause: error,
        });
      }
      this.format = await readObjectFormat(marker);
      return;
    }
    try {
      await rm(path, { recursive: true, force: true });
      await mkdir(path, { recursive: true });
    } catch (error) {
      throw new SourceError('LOCAL_IO', `Cannot create the git mirror folder ${path}`, {
        cause: error,
      });
    }
    await runner.run([
      'init',
      '--bare',
      '--quiet',
      ...(this.format === 'sha256' ? ['--object-format=sha256'] : []),
    ]);
    const config = [
      '[core]',
      '\thooksPath = /dev/null',
      '\tfsmonitor = false',
      '[gc]',
      '\tautoDetach = false',
      '[fetch]',
      '\trecurseSubmodules = false',
      '[protocol]',
      '\tallow = never',
      `[protocol "${transport}"]`,
      '\tallow = always',
      '',
    ].join('\n');
    try {
      await appendFile(join(path, 'config'), config);
      // Sample hooks are inert, but a mirror with no hooks folder says so plainly.
      await rm(join(path, 'hooks'), { recursive: true, force: true });
      await writeFile(
        join(path, READY_MARKER),
        `${JSON.stringify({ createdAt: new Date().toISOString(), objectFormat: this.format })}\n`,
      );
    } catch (error) {
      throw new SourceError('LOCAL_IO', `Cannot configure the git mirror ${path}`, {
        cause: error,
      });
    }
  }

  /**
   * Deletes the mirror so the next `ensure()` makes a fresh one: the way out of a mirror a
   * killed git left locked or a disk error left corrupt. Only objects are lost; they are
   * fetched again.
   */
  async discard(): Promise<void> {
    await this.maintenance.idle();
    this.ready = undefined;
    // The batch reader holds the old object store open; a new mirror needs a new reader.
    this.options.runner.closeBatch();
    try {
      await rm(this.options.path, { recursive: true, force: true });
    } catch (error) {
      throw new SourceError(
        'LOCAL_IO',
        `Cannot delete the broken git mirror ${this.options.path}`,
        { cause: error },
      );
    }
  }

  /** Asks the remote for refs (no fetch); `symref` also asks where HEAD points. */
  async lsRemote(patterns: string[], symref = false): Promise<RemoteRefs> {
    const args = [
      'ls-remote',
      ...(symref ? ['--symref'] : []),
      '--',
      this.options.url,
      ...patterns,
    ];
    return parseLsRemote(await this.options.runner.remote(args));
  }

  /**
   * Fetches refspecs (forced with `+`, so a force-push replaces the ref) and prunes refs that
   * vanished upstream. No tags beyond those named, no submodules. `--verbose`, not `--quiet`:
   * see SILENT_COMMAND_DELAY below.
   */
  async fetch(refspecs: string[]): Promise<void> {
    // A repack of ours and this fetch would race for the mirror's refs and packs.
    await this.maintenance.idle();
    await this.options.runner.remote([
      'fetch',
      '--verbose',
      '--no-tags',
      '--no-recurse-submodules',
      '--prune',
      '--no-auto-maintenance',
      '--',
      this.options.url,
      ...refspecs,
    ]);
    this.maintenance.afterFetch();
  }

  /**
   * The refs that hold commits fetched by id (`refs/regsync/commits/<sha>`, see
   * SimpleGitSource.prepare), by full ref name.
   */
  async commitRefs(): Promise<string[]> {
    const out = await this.options.runner.run(['for-each-ref', '--format=%(refname)', COMMIT_REFS]);
    return out.split('\n').filter((ref) => COMMIT_REF.test(ref));
  }

  /**
   * Deletes commit refs (`commitRefs` names) in one `update-ref --stdin` transaction: their
   * objects become unreachable unless a followed ref still reaches them, and the next
   * consolidating repack drops them.
   */
  async deleteCommitRefs(refs: readonly string[]): Promise<void> {
    const doomed = refs.filter((ref) => COMMIT_REF.test(ref));
    if (doomed.length === 0) return;
    await this.options.runner.runWithInput(
      ['update-ref', '--stdin'],
      doomed.map((ref) => `delete ${ref}\n`).join(''),
    );
  }

  /** Resolves once no background repack of this mirror is running (for a clean shutdown). */
  idle(): Promise<void> {
    return this.maintenance.idle();
  }

  /**
   * SILENT_COMMAND_DELAY: simple-git waits 50 ms more for a process that wrote nothing to
   * stdout or stderr (its completion plugin, with no option to turn that off). A one-manifest
   * sync runs a handful of such checks, and at 50 ms each they were most of its cost, so
   * the checks below use forms of the same git commands that print their answer.
   */

  /**
   * True when the commit is in the mirror: one lookup through the long-lived batch reader
   * (`info <sha>^{commit}`), no process. A reader that fails answers false, as a missing
   * commit does; the caller then fetches, and a real problem surfaces there.
   */
  async hasCommit(sha: string): Promise<boolean> {
    const [answer] = await this.options.runner.batch
      .request([{ op: 'info', object: `${sha}^{commit}` }])
      .catch(() => [{ found: false as const }]);
    return answer?.found === true && answer.type === 'commit';
  }

  /**
   * The commit a mirror ref (`refs/regsync/...`) points at, or undefined when the mirror
   * has no such ref: one round trip through the batch reader, which reads the ref anew on
   * every lookup (a fetch by another process moves it).
   */
  async refTarget(ref: string): Promise<string | undefined> {
    const [answer] = await this.options.runner.batch
      .request([{ op: 'info', object: `${ref}^{commit}` }])
      .catch(() => [{ found: false as const }]);
    return answer?.found === true && answer.type === 'commit' ? answer.oid : undefined;
  }

  /**
   * The parents of each commit in `shas`, or undefined for one not in the mirror: one round
   * trip through the batch reader for all of them.
   */
  async commits(shas: readonly string[]): Promise<Array<string[] | undefined>> {
    const answers = await this.options.runner.batch.request(
      shas.map((sha) => ({ op: 'contents' as const, object: `${sha}^{commit}` })),
    );
    return answers.map((a) =>
      a.found && a.type === 'commit' && a.bytes ? commitParents(a.bytes) : undefined,
    );
  }

  /**
   * True when `ancestor` is reachable from `descendant`. The usual case (a few new commits
   * on top of the last synced one) is answered by walking parents through the batch reader,
   * at most ANCESTRY_WALK commits; beyond that `git merge-base A B` decides (it prints the
   * merge base; `--is-ancestor` answers by exit code alone, silently: see
   * SILENT_COMMAND_DELAY). `descendantParents` saves the first lookup when the caller has it.
   */
  async isAncestor(
    ancestor: string,
    descendant: string,
    descendantParents?: string[],
  ): Promise<boolean> {
    if (ancestor === descendant) return true;
    const seen = new Set([descendant]);
    let frontier = descendantParents ?? (await this.commits([descendant]))[0] ?? [];
    let walked = 1;
    while (frontier.length > 0 && walked + frontier.length <= ANCESTRY_WALK) {
      if (frontier.includes(ancestor)) return true;
      const next = frontier.filter((sha) => !seen.has(sha));
      next.forEach((sha) => seen.add(sha));
      walked += next.length;
      const parents = await this.commits(next);
      if (parents.some((p) => p === undefined)) break;
      frontier = [...new Set(parents.flatMap((p) => p ?? []))].filter((sha) => !seen.has(sha));
      // The whole history was walked without meeting `ancestor`.
      if (frontier.length === 0) return false;
    }
    if (frontier.includes(ancestor)) return true;
    const { exitCode, stdout } = await this.options.runner.test([
      'merge-base',
      ancestor,
      descendant,
    ]);
    return exitCode === 0 && stdout.trim() === ancestor;
  }

  /** Every entry under `subdir` at `rev` (`ls-tree -r -l -z`), paths from the repository root. */
  async listTree(rev: string, subdir: string): Promise<TreeEntry[]> {
    return parseLsTree(
      await this.options.runner.run([
        'ls-tree',
        '-r',
        '-l',
        '-z',
        '--full-tree',
        rev,
        '--',
        ...(subdir ? [subdir] : []),
      ]),
    );
  }

  /**
   * The entries named by `paths` (full paths from the repository root) and every tree on the
   * way to them (`ls-tree -t -l -z`, not recursive): O(depth), whatever the registry's size.
   */
  async listPaths(rev: string, paths: string[]): Promise<TreeEntry[]> {
    return parseLsTree(
      await this.options.runner.run([
        'ls-tree',
        '-t',
        '-l',
        '-z',
        '--full-tree',
        rev,
        '--',
        ...paths,
      ]),
    );
  }

  /** Changed entries under `subdir` between two commits, renames split into delete + add. */
  async diffTree(from: string, to: string, subdir: string): Promise<RawChange[]> {
    const out = await this.options.runner.run([
      'diff-tree',
      '-r',
      '--raw',
      '-z',
      '--no-renames',
      '--no-commit-id',
      '--abbrev=40',
      from,
      to,
      '--',
      ...(subdir ? [subdir] : []),
    ]);
    return parseDiffTreeRaw(out);
  }

  /** The bytes of a blob. */
  blob(oid: string): Promise<Buffer> {
    return this.options.runner.blob(oid);
  }

  /**
   * The bytes of several blobs, one buffer each in the order asked: one round trip through the
   * batch reader. Rejects when one of them is not a blob in the mirror.
   */
  async blobs(oids: string[]): Promise<Buffer[]> {
    const answers = await this.options.runner.batch.request(
      oids.map((oid) => ({ op: 'contents' as const, object: oid })),
    );
    // Each answer is already its own copy (CatFileBatch), so they are handed out as they are:
    // concatenating them for the caller to slice again copied every byte of a full scan once
    // more, and was a tenth of the scan's CPU in a profile.
    return answers.map((a, i) => {
      if (!a.found || a.type !== 'blob' || !a.bytes)
        throw new SourceError('GIT_FAILED', `Blob ${oids[i] ?? ''} is not in the mirror`);
      return a.bytes;
    });
  }

  /**
   * The entries on the way to `path` at commit `sha` (each folder above it, and the file),
   * as `listPaths` gives them, from two round trips through the batch reader instead of an
   * `ls-tree` process: `info` of each folder and of the file, and the raw tree of the
   * file's folder (for the file's mode: a symlink is a blob too). Undefined when anything
   * is out of the ordinary (the commit or a folder missing, a folder that is not a tree):
   * the caller then asks `listPaths`, whose answer names the problem.
   */
  async lookupPath(sha: string, path: string): Promise<TreeEntry[] | undefined> {
    const parts = path.split('/');
    const folders = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
    const parent = folders.at(-1);
    const batch = this.options.runner.batch;
    const answers = await batch.request([
      { op: 'info', object: `${sha}^{commit}` },
      ...folders.map((folder) => ({ op: 'info' as const, object: `${sha}:${folder}` })),
      { op: 'contents', object: parent === undefined ? `${sha}^{tree}` : `${sha}:${parent}` },
    ]);
    const [commit, ...rest] = answers;
    const tree = rest.pop();
    if (!commit?.found || commit.type !== 'commit' || !tree?.found || !tree.bytes) return undefined;
    const entries: TreeEntry[] = [];
    for (const [i, folder] of folders.entries()) {
      const answer = rest[i];
      if (!answer?.found || answer.type !== 'tree') return undefined;
      entries.push({
        mode: '040000',
        type: 'tree',
        oid: answer.oid,
        size: undefined,
        path: folder,
      });
    }
    const name = parts.at(-1) ?? '';
    const raw = parseRawTree(tree.bytes, this.format === 'sha256' ? 32 : 20).find(
      (e) => e.name === name,
    );
    // Not there: an entry list without it says "not a file", as ls-tree's would.
    if (!raw) return entries;
    const type = raw.mode === '040000' ? 'tree' : raw.mode === '160000' ? 'commit' : 'blob';
    let size: number | undefined;
    if (type === 'blob') {
      const [info] = await batch.request([{ op: 'info', object: raw.oid }]);
      if (!info?.found) return undefined;
      size = info.size;
    }
    entries.push({ mode: raw.mode, type, oid: raw.oid, size, path });
    return entries;
  }

  /**
   * The size of each blob in `oids`, or undefined for one that is not a blob in the mirror:
   * one round trip through the batch reader, no tree read.
   */
  async blobSizes(oids: readonly string[]): Promise<Array<number | undefined>> {
    const answers = await this.options.runner.batch.request(
      oids.map((oid) => ({ op: 'info' as const, object: oid })),
    );
    return answers.map((a) => (a.found && a.type === 'blob' ? a.size : undefined));
  }

  /** git's own verdict on a branch or tag name (`check-ref-format --branch`). */
  async isValidRefName(name: string): Promise<boolean> {
    return (
      (
        await this.options.runner
          .test(['check-ref-format', '--branch', name])
          .catch(() => ({ exitCode: 128 }))
      ).exitCode === 0
    );
  }
}

/** The format a ready marker records; mirrors made before it was recorded are SHA-1. */
async function readObjectFormat(marker: string): Promise<ObjectFormat> {
  try {
    const parsed = JSON.parse(await readFile(marker, 'utf8')) as { objectFormat?: unknown };
    return parsed.objectFormat === 'sha256' ? 'sha256' : 'sha1';
  } catch {
    return 'sha1';
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
