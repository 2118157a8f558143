/**
 * A registry in a Git repository, read from a bare mirror (see BareMirror for the safety
 * model and GitRunner for the environment and credential handling).
 *
 * Cost model, after Flux and Argo: `resolveRevision` asks the remote with one `ls-remote`;
 * `prepare` fetches only when that commit is missing locally, so a tick where the branch
 * did not move runs no fetch at all; reads come from the object store (`ls-tree`, `cat-file`).
 * A push webhook (`changeExpected`) skips the asking: the branch is fetched at once and
 * its revision read from the mirror, one git process where a poll that finds a change
 * spends two.
 */
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { decodeUtf8 } from '../manifest/decodeUtf8.js';
import { MAX_MANIFEST_BYTES } from '../manifest/validateManifest.js';
import type {
  ManifestChange,
  ManifestRead,
  RegistryListing,
  RegistrySource,
  ResolveHint,
  Revision,
} from '../sync/ports.js';
import type { MirrorMaintenanceOptions } from './MirrorMaintenance.js';
import { BareMirror, COMMIT_REFS } from './BareMirror.js';
import { BlobReader, ReadOrder } from './BlobReader.js';
import {
  checkGitUrl,
  checkObjectId,
  checkRefName,
  checkRelativePath,
  isObjectId,
} from './checkGitInputs.js';
import { GitRunner, type SourceLogger } from './GitRunner.js';
import {
  ancestorsOf,
  isKeyFolder,
  isManifestPath,
  SYMLINK_MODE,
  type RawChange,
  type TreeEntry,
} from './parseGitOutput.js';
import { toManifestChanges } from './toManifestChanges.js';
import { refuseLinkedKindFolder, SourceError } from './SourceError.js';

/**
 * Options of `SimpleGitSource`: the repository, what to follow (branch, tag or pinned
 * revision), the registry subfolder, credentials and limits. Checked by `checkGitInputs` before
 * any git runs.
 */
export interface SimpleGitSourceOptions {
  /** Registry repository: https (http only to loopback), ssh, scp-style, file:// or an absolute path. */
  url: string;
  /** Branch to follow (a tag of that name if no such branch); default: the remote's HEAD branch. */
  branch?: string;
  /** Tag to follow instead of a branch; resolved once and held. */
  tag?: string;
  /** A full commit sha or a tag name (`REGSYNC_REVISION`); resolved once and held. */
  pinnedRevision?: string;
  /** Folder of the registry inside the repository (`integrations/`, `templates/` live there). */
  subdir?: string;
  /** Token for a private https repository (sent as Basic `x-access-token:<token>`). */
  token?: string;
  /** Folder for the bare mirrors; created if missing. */
  cacheDir: string;
  /** Longest silence from one git process before it is killed; default 60 s. */
  timeoutMs?: number;
  logger?: SourceLogger;
  /** When the mirror's object store is repacked (tests shorten it); see MirrorMaintenance.ts. */
  maintenance?: Omit<MirrorMaintenanceOptions, 'onError'>;
}

type Target =
  | { kind: 'branch'; name: string | undefined }
  | { kind: 'tag'; name: string }
  | { kind: 'commit'; sha: string; branch: string | undefined };

/**
 * RegistrySource over Git. The constructor checks every input (URL, refs, subfolder) and
 * throws a non-retryable SourceError before any process starts or any folder is created.
 */
export class SimpleGitSource implements RegistrySource {
  readonly description: string;
  private readonly mirror: BareMirror;
  private readonly target: Target;
  private readonly subdir: string;
  private readonly logger: SourceLogger | undefined;
  private refsChecked = false;
  /** The remote's default branch, learnt from `ls-remote --symref` when no branch is set. */
  private defaultBranch: string | undefined;
  /** True when the configured branch name turned out to be a tag on the remote. */
  private branchIsTag = false;
  /** A pinned revision (tag or sha) once resolved: it never moves. */
  private held: Revision | undefined;
  private readonly trees = new Map<string, Promise<Tree>>();
  private readonly blobs: BlobReader;
  /**
   * The regular files the last `listChanges` found added or modified at its target, with
   * their blob ids from diff-tree: a read of one of them needs no path lookup (see read).
   */
  private changed:
    { sha: string; files: Map<string, RawChange>; tree?: Promise<Tree | undefined> } | undefined;
  /** True once this process has pruned the commit refs (an earlier process may have left some). */
  private commitRefsPruned = false;

  constructor(options: SimpleGitSourceOptions) {
    const checked = checkGitUrl(options.url);
    const branch =
      options.branch === undefined ? undefined : checkRefName(options.branch, 'branch');
    const tag = options.tag === undefined ? undefined : checkRefName(options.tag, 'tag');
    const pinned = options.pinnedRevision?.trim();
    this.subdir = checkRelativePath(options.subdir ?? '', 'subdir');
    if (pinned) {
      this.target = isObjectId(pinned.toLowerCase())
        ? { kind: 'commit', sha: pinned.toLowerCase(), branch }
        : { kind: 'tag', name: checkRefName(pinned, 'tag') };
    } else if (tag !== undefined) {
      this.target = { kind: 'tag', name: tag };
    } else {
      this.target = { kind: 'branch', name: branch };
    }

    const credential = options.token
      ? { username: 'x-access-token', password: options.token }
      : checked.credential;
    if (credential && checked.transport !== 'https' && checked.transport !== 'http') {
      throw new SourceError(
        'UNSAFE_URL',
        'A token is only used with an https registry URL; ssh uses keys and file needs none',
      );
    }
    const basic = credential
      ? Buffer.from(`${credential.username}:${credential.password}`).toString('base64')
      : undefined;
    // Everything that could be a secret: the token, a password or lone user name from the URL
    // (even when the token wins over it), and the encoded header.
    const fromUrl = checked.credential;
    const secrets = [
      options.token,
      fromUrl?.password,
      fromUrl?.password ? undefined : fromUrl?.username,
      basic,
    ].filter((s): s is string => typeof s === 'string' && s.length > 0);

    const cacheDir = resolve(options.cacheDir);
    const mirrorName = `${createHash('sha256').update(checked.url).digest('hex').slice(0, 24)}.git`;
    // `<cacheDir>/<hash>.git`; earlier builds nested one `git/` too many (the config
    // already names `<dataDir>/git`), and such a mirror is moved here on first use.
    const mirrorPath = join(cacheDir, mirrorName);
    const runner = new GitRunner({
      gitDir: mirrorPath,
      cwd: cacheDir,
      url: checked.url,
      transport: checked.transport,
      ...(basic ? { authorization: `Authorization: Basic ${basic}` } : {}),
      secrets,
      timeoutMs: options.timeoutMs ?? 60_000,
      ...(options.logger ? { logger: options.logger } : {}),
    });
    this.mirror = new BareMirror({
      path: mirrorPath,
      legacyPath: join(cacheDir, 'git', mirrorName),
      runner,
      url: checked.url,
      transport: checked.transport,
      maintenance: {
        ...options.maintenance,
        onError: (error: unknown) =>
          options.logger?.warn?.(
            { mirror: mirrorPath, error: error instanceof Error ? error.message : String(error) },
            'repacking the git mirror failed; the next pass tries again',
          ),
      },
    });
    this.blobs = new BlobReader(this.mirror);
    this.logger = options.logger;
    const ref =
      this.target.kind === 'commit'
        ? `commit ${this.target.sha}`
        : this.target.name
          ? `${this.target.kind} ${this.target.name}`
          : 'default branch';
    this.description = `git ${checked.redacted} (${ref}${this.subdir ? `, subdir ${this.subdir}` : ''})`;
  }

  /** Where the bare mirror lives (for operators and tests). */
  get mirrorPath(): string {
    return this.mirror.path;
  }

  async resolveRevision(hint: ResolveHint = {}): Promise<Revision> {
    if (this.held) return this.held;
    if (hint.changeExpected) {
      const fetched = await this.fetchFollowedBranch();
      if (fetched) return fetched;
    }
    await this.prepareMirror();
    const target = this.target;
    if (target.kind === 'commit') {
      const label = `${target.branch ? `${target.branch}@` : ''}${algo(target.sha)}:${target.sha}`;
      return (this.held = { kind: 'commit', id: target.sha, label });
    }
    if (target.kind === 'tag') {
      const ref = `refs/tags/${target.name}`;
      const { refs } = await this.mirror.lsRemote([ref, `${ref}^{}`]);
      const sha = refs.get(`${ref}^{}`) ?? refs.get(ref);
      if (!sha)
        throw new SourceError(
          'REF_NOT_FOUND',
          `Tag ${target.name} not found at ${this.description}`,
        );
      return (this.held = { kind: 'commit', id: sha, label: `${target.name}@${algo(sha)}:${sha}` });
    }
    if (target.name) {
      // REGSYNC_BRANCH may name a tag (a moving one like `stable`): a branch wins, else the
      // tag is followed, and re-resolved on every call, unlike a pinned tag.
      const head = `refs/heads/${target.name}`;
      const tag = `refs/tags/${target.name}`;
      const { refs } = await this.mirror.lsRemote([head, tag, `${tag}^{}`]);
      const sha = refs.get(head) ?? refs.get(`${tag}^{}`) ?? refs.get(tag);
      if (!sha)
        throw new SourceError(
          'REF_NOT_FOUND',
          `Branch ${target.name} not found at ${this.description}`,
        );
      this.branchIsTag = !refs.has(head);
      return { kind: 'commit', id: sha, label: `${target.name}@${algo(sha)}:${sha}` };
    }
    const { refs, symrefs } = await this.mirror.lsRemote(['HEAD'], true);
    const sha = refs.get('HEAD');
    if (!sha)
      throw new SourceError(
        'REF_NOT_FOUND',
        `The remote has no HEAD (an empty repository?): ${this.description}`,
      );
    const head = symrefs.get('HEAD');
    this.defaultBranch = head?.startsWith('refs/heads/')
      ? head.slice('refs/heads/'.length)
      : undefined;
    return {
      kind: 'commit',
      id: sha,
      label: `${this.defaultBranch ?? 'HEAD'}@${algo(sha)}:${sha}`,
    };
  }

  async prepare(revision: Revision): Promise<void> {
    const sha = checkObjectId(revision.id);
    await this.prepareMirror();
    await this.mirror.useObjectFormat(sha.length === 64 ? 'sha256' : 'sha1');
    if (await this.mirror.hasCommit(sha)) {
      this.logger?.debug?.(
        { revision: revision.label },
        'registry revision already in the mirror; no fetch',
      );
      if (!this.commitRefsPruned) await this.pruneCommitRefs(sha);
      return;
    }
    const started = Date.now();
    await this.fetchTracked();
    if (!(await this.mirror.hasCommit(sha))) {
      // The branch moved (or was force-pushed) between ls-remote and fetch, or a pinned sha
      // is not on the branch: ask for the commit itself (servers allow reachable ids).
      await this.mirror.fetch([`+${sha}:refs/regsync/commits/${sha}`]).catch((error: unknown) => {
        throw error instanceof SourceError && error.code !== 'SOURCE_UNREACHABLE'
          ? new SourceError(
              'REF_NOT_FOUND',
              `Revision ${revision.label} is not on the remote ${this.description}`,
              { cause: error },
            )
          : error;
      });
      if (!(await this.mirror.hasCommit(sha))) {
        throw new SourceError(
          'REF_NOT_FOUND',
          `Revision ${revision.label} is not on the remote ${this.description}`,
        );
      }
      await this.pruneCommitRefs(sha);
    } else if (!this.commitRefsPruned) await this.pruneCommitRefs(sha);
    this.logger?.info?.(
      { revision: revision.label, ms: Date.now() - started },
      'fetched registry revision',
    );
  }

  async listChanges(from: string, to: string): Promise<ManifestChange[] | undefined> {
    const toSha = checkObjectId(to);
    // A previous revision from another kind of source (a folder digest) is simply unknown here.
    if (!isObjectId(from)) return undefined;
    await this.mirror.ensure();
    // Both commits and the target's parents in one round trip through the batch reader.
    const [toParents, fromParents] = await this.mirror.commits([toSha, from]);
    if (!toParents) {
      throw new SourceError(
        'REF_NOT_FOUND',
        `Revision ${toSha} is not in the mirror; call prepare() first`,
      );
    }
    if (!fromParents || !(await this.mirror.isAncestor(from, toSha, toParents))) return undefined;
    if (from === toSha) return [];

    const raw = (await this.mirror.diffTree(from, toSha, this.subdir)).map((change) => ({
      ...change,
      path: this.relative(change.path),
    }));
    this.changed = {
      sha: toSha,
      files: new Map(
        raw
          .filter((c) => c.status !== 'D' && REGULAR_FILE_MODES.has(c.newMode))
          .map((c) => [c.path, c]),
      ),
    };
    return toManifestChanges(raw);
  }

  /**
   * Every manifest path (regular files) and every symlink under the subfolder, like
   * `scanRegistryFolder`. A key folder that is a symlink (`integrations/<key>`) also lists
   * its `manifest.json`, so a full scan reads it (and gets `symlink`) instead of taking the
   * manifest for deleted; a symlinked `manifest.json` itself is in `symlinks` only. When
   * `integrations` or `templates` itself is a symlink, the manifests behind it cannot be
   * named, so `list` throws (`UNSAFE_PATH`) rather than let a full scan delete them all.
   */
  async list(revision: string): Promise<RegistryListing> {
    const { entries } = await this.tree(checkObjectId(revision));
    const manifests = new Set<string>();
    const symlinks: string[] = [];
    for (const [path, entry] of entries) {
      if (entry.mode === SYMLINK_MODE) {
        symlinks.push(path);
        if (isKeyFolder(path)) manifests.add(`${path}/manifest.json`);
      } else if (entry.type === 'blob' && isManifestPath(path)) manifests.add(path);
    }
    refuseLinkedKindFolder(symlinks);
    return { manifests: [...manifests].sort(), symlinks: symlinks.sort() };
  }

  async read(revision: string, path: string): Promise<ManifestRead> {
    const rel = checkRelativePath(path, 'path');
    const sha = checkObjectId(revision);
    // A full scan lists the whole tree first and then reads in tree order (with read-ahead);
    // a sync after `git diff` reads a few files, and listing 10,000 entries for each would
    // make its cost grow with the registry: it lists only the path and its ancestors.
    const { entries, readable } = this.trees.has(sha)
      ? await this.tree(sha)
      : ((await this.changedTree(sha, rel)) ?? (await this.pathTree(sha, rel)));
    const linked = [...ancestorsOf(rel), rel].find((p) => entries.get(p)?.mode === SYMLINK_MODE);
    if (linked !== undefined) {
      return {
        ok: false,
        rule: 'symlink',
        message: `${linked} is a symbolic link; registry files must be regular files`,
      };
    }
    const entry = entries.get(rel);
    if (!entry || entry.type !== 'blob') {
      return {
        ok: false,
        rule: 'file-unreadable',
        message: `${rel} is not a file at revision ${revision}`,
      };
    }
    if ((entry.size ?? 0) > MAX_MANIFEST_BYTES) {
      return {
        ok: false,
        rule: 'file-too-large',
        message: `${rel} is ${entry.size} bytes; the limit is ${MAX_MANIFEST_BYTES}`,
      };
    }
    const bytes = await this.blobs.read(
      { oid: entry.oid, size: entry.size ?? 0 },
      readable.after(rel),
    );
    const text = decodeUtf8(bytes);
    if (text === undefined) {
      return {
        ok: false,
        rule: 'file-unreadable',
        message: `${rel} is not valid UTF-8 text; save it as UTF-8`,
      };
    }
    return { ok: true, text, bytes: bytes.length };
  }

  /**
   * The webhook's shortcut: fetch the followed branch and read where its mirror ref now
   * points, instead of `ls-remote` and then `fetch`. Only for a branch this mirror has
   * fetched before (so its object format, and that the name is a branch, are known; the
   * default branch is the one `ls-remote` last named, and every poll asks again).
   * Undefined for anything else (a tag, a first sync, a branch the remote no longer has):
   * the caller then asks `ls-remote` as usual.
   */
  private async fetchFollowedBranch(): Promise<Revision | undefined> {
    const target = this.target;
    if (target.kind !== 'branch' || this.branchIsTag) return undefined;
    const branch = target.name ?? this.defaultBranch;
    if (!branch) return undefined;
    await this.prepareMirror();
    const ref = `refs/regsync/heads/${branch}`;
    if (!(await this.mirror.refTarget(ref))) return undefined;
    try {
      await this.fetchTracked();
    } catch (error) {
      if (error instanceof SourceError && error.code === 'REF_NOT_FOUND') return undefined;
      throw error;
    }
    const sha = await this.mirror.refTarget(ref);
    if (!sha) return undefined;
    return { kind: 'commit', id: sha, label: `${branch}@${algo(sha)}:${sha}` };
  }

  /**
   * Deletes the refs of commits fetched by id (`prepare`) that nothing needs any more: each
   * such fetch leaves `refs/regsync/commits/<sha>`, and without this they piled up (one per
   * push that raced a poll), each keeping its objects from ever being dropped and each one
   * more tip for every fetch's connectivity check. Kept: the pinned commit, and `current`
   * (the revision being synced, whose objects this run reads). A later run's diff never
   * needs an older one: it diffs only from an ancestor of its target, which the target's
   * own ref (or the followed branch) keeps. Runs after a fetch by id, and once per process
   * for refs an earlier build or process left. A failure is logged, never the sync's.
   */
  private async pruneCommitRefs(current: string): Promise<void> {
    const keep = new Set([`${COMMIT_REFS}${current}`]);
    if (this.target.kind === 'commit') keep.add(`${COMMIT_REFS}${this.target.sha}`);
    try {
      const stale = (await this.mirror.commitRefs()).filter((ref) => !keep.has(ref));
      await this.mirror.deleteCommitRefs(stale);
      this.commitRefsPruned = true;
      if (stale.length > 0)
        this.logger?.info?.(
          { mirror: this.mirror.path, deleted: stale.length },
          'deleted refs of commits fetched by id that no sync needs',
        );
    } catch (error) {
      this.logger?.warn?.(
        { mirror: this.mirror.path, error: error instanceof Error ? error.message : String(error) },
        'could not delete stale commit refs; the next fetch by id tries again',
      );
    }
  }

  /** Creates the mirror and has git confirm the ref names once. */
  private async prepareMirror(): Promise<void> {
    await this.mirror.ensure();
    if (this.refsChecked) return;
    const names = this.target.kind === 'commit' ? [this.target.branch] : [this.target.name];
    for (const name of names) {
      if (name !== undefined && !(await this.mirror.isValidRefName(name))) {
        throw new SourceError('UNSAFE_REF', `git check-ref-format refused ${JSON.stringify(name)}`);
      }
    }
    this.refsChecked = true;
  }

  /** Fetches the followed ref; a broken mirror (stale lock, corruption) is rebuilt once. */
  private async fetchTracked(): Promise<void> {
    try {
      await this.mirror.fetch([this.trackedRefspec()]);
    } catch (error) {
      if (!(error instanceof SourceError) || error.code !== 'LOCAL_IO') throw error;
      this.logger?.warn?.(
        { mirror: this.mirror.path, error: error.message },
        'git mirror is broken; rebuilding it',
      );
      this.trees.clear();
      this.blobs.clear();
      await this.mirror.discard();
      await this.prepareMirror();
      await this.mirror.fetch([this.trackedRefspec()]);
    }
  }

  private trackedRefspec(): string {
    const t = this.target;
    if (t.kind === 'tag' || (t.kind === 'branch' && t.name && this.branchIsTag)) {
      return `+refs/tags/${t.name}:refs/regsync/tags/${t.name}`;
    }
    const branch = t.kind === 'commit' ? t.branch : (t.name ?? this.defaultBranch);
    return branch
      ? `+refs/heads/${branch}:refs/regsync/heads/${branch}`
      : '+HEAD:refs/regsync/HEAD';
  }

  /** Entries under the subfolder at a commit, by registry-relative path; the last few cached. */
  private tree(sha: string): Promise<Tree> {
    let cached = this.trees.get(sha);
    if (!cached) {
      cached = this.loadTree(sha);
      cached.catch(() => this.trees.delete(sha));
      this.trees.set(sha, cached);
      if (this.trees.size > 4) this.trees.delete(this.trees.keys().next().value as string);
    }
    return cached;
  }

  /**
   * The files the last diff found changed at `sha`, as a small Tree, when `rel` is one of
   * them; undefined otherwise (the caller looks the path up). diff-tree named each one's
   * blob and mode at `sha`, so no tree is read: at 100,000 manifests a path lookup walks the
   * 100,000-entry `integrations` tree twice. A regular file at a path means every folder
   * above it is a real folder at that commit, so no symlink can hide on the way. One round
   * trip gives every changed blob's size (and their read-ahead order); a blob that is not
   * there sends the read to the lookup, which names the problem.
   */
  private async changedTree(sha: string, rel: string): Promise<Tree | undefined> {
    const changed = this.changed;
    if (changed?.sha !== sha || !changed.files.has(rel)) return undefined;
    changed.tree ??= (async () => {
      const files = [...changed.files.values()];
      const sizes = await this.mirror.blobSizes(files.map((f) => f.newOid)).catch(() => []);
      const entries = new Map<string, TreeEntry>();
      for (const [i, file] of files.entries()) {
        const size = sizes[i];
        if (size === undefined) return undefined;
        const path = this.subdir ? `${this.subdir}/${file.path}` : file.path;
        entries.set(file.path, { mode: file.newMode, type: 'blob', oid: file.newOid, size, path });
      }
      return { entries, readable: new ReadOrder(entries) };
    })();
    return changed.tree;
  }

  /** The entries along one registry-relative path (and the subfolder), as a small Tree. */
  private async pathTree(sha: string, rel: string): Promise<Tree> {
    await this.mirror.ensure();
    const full = this.subdir ? `${this.subdir}/${rel}` : rel;
    // The usual case from the batch reader; anything unusual from ls-tree, which names it.
    const quick = await this.mirror.lookupPath(sha, full).catch(() => undefined);
    if (quick) {
      const byPath = new Map(quick.map((e) => [this.relative(e.path), e]));
      return { entries: byPath, readable: new ReadOrder(byPath) };
    }
    if (!(await this.mirror.hasCommit(sha))) {
      throw new SourceError(
        'REF_NOT_FOUND',
        `Revision ${sha} is not in the mirror; call prepare() first`,
      );
    }
    const parts = (this.subdir ? `${this.subdir}/${rel}` : rel).split('/');
    const entries = await this.mirror.listPaths(
      sha,
      parts.map((_, i) => parts.slice(0, i + 1).join('/')),
    );
    if (this.subdir) {
      const subdirParts = this.subdir.split('/');
      const onTheWay = subdirParts.map((_, i) => subdirParts.slice(0, i + 1).join('/'));
      if (entries.some((e) => onTheWay.includes(e.path) && e.mode === SYMLINK_MODE)) {
        throw new SourceError(
          'UNSAFE_PATH',
          `The registry subfolder ${this.subdir} is a symbolic link at ${sha}`,
        );
      }
      if (!entries.some((e) => e.path === this.subdir)) {
        throw new SourceError(
          'SUBDIR_NOT_FOUND',
          `The registry subfolder ${this.subdir} does not exist at ${sha}`,
        );
      }
    }
    const byPath = new Map(entries.map((e) => [this.relative(e.path), e]));
    return { entries: byPath, readable: new ReadOrder(byPath) };
  }

  private async loadTree(sha: string): Promise<Tree> {
    await this.mirror.ensure();
    if (!(await this.mirror.hasCommit(sha))) {
      throw new SourceError(
        'REF_NOT_FOUND',
        `Revision ${sha} is not in the mirror; call prepare() first`,
      );
    }
    const entries = await this.mirror.listTree(sha, this.subdir);
    if (
      this.subdir &&
      entries.length === 1 &&
      entries[0]?.path === this.subdir &&
      entries[0].mode === SYMLINK_MODE
    ) {
      throw new SourceError(
        'UNSAFE_PATH',
        `The registry subfolder ${this.subdir} is a symbolic link at ${sha}`,
      );
    }
    if (this.subdir && entries.length === 0) {
      throw new SourceError(
        'SUBDIR_NOT_FOUND',
        `The registry subfolder ${this.subdir} does not exist at ${sha}`,
      );
    }
    const byPath = new Map(entries.map((e) => [this.relative(e.path), e]));
    return { entries: byPath, readable: new ReadOrder(byPath) };
  }

  private relative(path: string): string {
    return this.subdir && path.startsWith(`${this.subdir}/`)
      ? path.slice(this.subdir.length + 1)
      : path;
  }
}

/** The modes of a regular file in a git tree (a symlink is 120000, a submodule 160000). */
const REGULAR_FILE_MODES = new Set(['100644', '100755']);

function algo(sha: string): string {
  return sha.length === 64 ? 'sha256' : 'sha1';
}

interface Tree {
  entries: Map<string, TreeEntry>;
  readable: ReadOrder;
}
