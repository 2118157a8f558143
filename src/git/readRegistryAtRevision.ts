/**
 * Reads every manifest of a registry at one git revision of a local repository, without a
 * checkout: `rev-parse` resolves the revision to a commit, `ls-tree` lists the tree and one
 * `cat-file --batch` process reads every manifest's bytes. The working tree and index are never touched,
 * so it is safe to run in a CI checkout or beside other work.
 *
 * A revision that starts with `-` (git would read it as an option) or holds control
 * characters is refused before git runs (`UNSAFE_REF`); one that does not name a commit is
 * `REF_NOT_FOUND`. The subfolder goes through checkRelativePath and is given to git after
 * `--` with literal pathspecs.
 */
import { execFile, spawn } from 'node:child_process';
import { decodeUtf8 } from '../manifest/decodeUtf8.js';
import { MAX_MANIFEST_BYTES } from '../manifest/validateManifest.js';
import { checkRelativePath } from './checkGitInputs.js';
import { isManifestPath, parseLsTree, SYMLINK_MODE } from './parseGitOutput.js';
import { SourceError } from './SourceError.js';

/**
 * What `readRegistryAtRevision` reads: a local repository, a revision of it, and the registry
 * folder inside it.
 */
export interface ReadRegistryAtRevisionOptions {
  /** A folder inside the work tree (or the git dir) of the repository. */
  repoDir: string;
  /** Anything `git rev-parse` resolves to a commit: a branch, `origin/main`, a tag, a sha, `HEAD~1`. */
  revision: string;
  /** Registry folder relative to the repository root (`registry`); "" for the root. */
  subdir?: string;
}

/** One `integrations/<key>/manifest.json` or `templates/<key>/manifest.json` at the revision. */
export type RevisionFile =
  | { path: string; text: string; bytes: number }
  /** Present but not readable as a manifest (a symlink, too large, not UTF-8). */
  | { path: string; problem: string };

/** Every manifest file of the registry folder at one commit, as `regsync diff` compares them. */
export interface RegistryAtRevision {
  /** The full commit id the revision resolved to. */
  commit: string;
  /** False when the subfolder does not exist at this revision (then `files` is empty). */
  subdirFound: boolean;
  /** Sorted by path; paths are registry-relative. */
  files: RevisionFile[];
}

/** True when `text` holds a C0 control character or DEL. */
const hasControl = (text: string): boolean =>
  [...text].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);

/** Refuses a revision git could read as an option, or one with control characters. */
function checkRevision(revision: string): void {
  if (
    revision === '' ||
    revision.startsWith('-') ||
    hasControl(revision) ||
    revision.length > 1024
  ) {
    throw new SourceError(
      'UNSAFE_REF',
      `Refused revision ${JSON.stringify(revision.slice(0, 100))}: it is empty, starts with "-" or holds control characters`,
    );
  }
}

/** Resolves `revision` and reads every manifest under `subdir` at it. */
export async function readRegistryAtRevision(
  options: ReadRegistryAtRevisionOptions,
): Promise<RegistryAtRevision> {
  const { repoDir, revision } = options;
  checkRevision(revision);
  const subdir = checkRelativePath(options.subdir ?? '', 'subdir');
  const commit = await resolveCommit(repoDir, revision);
  const prefix = subdir === '' ? '' : `${subdir}/`;
  const listing = await git(repoDir, [
    'ls-tree',
    '-r',
    '-l',
    '-z',
    '--full-tree',
    commit,
    '--',
    ...(subdir === '' ? [] : [subdir]),
  ]);
  const entries = parseLsTree(listing.toString('utf8')).filter((e) => e.path.startsWith(prefix));
  const files: RevisionFile[] = [];
  const wanted: Array<{ path: string; oid: string }> = [];
  for (const entry of entries) {
    const path = entry.path.slice(prefix.length);
    if (!isManifestPath(path)) continue;
    if (entry.mode === SYMLINK_MODE) {
      files.push({ path, problem: 'it is a symbolic link; the registry never follows links' });
    } else if (entry.type !== 'blob') {
      files.push({ path, problem: 'it is not a regular file' });
    } else if ((entry.size ?? 0) > MAX_MANIFEST_BYTES) {
      files.push({
        path,
        problem: `it is ${entry.size} bytes; manifests may be at most ${MAX_MANIFEST_BYTES} bytes (1 MiB)`,
      });
    } else {
      wanted.push({ path, oid: entry.oid });
    }
  }
  const blobs = await readBlobs(
    repoDir,
    wanted.map((w) => w.oid),
  );
  for (const { path, oid } of wanted) {
    const bytes = blobs.get(oid) ?? Buffer.alloc(0);
    const text = decodeUtf8(bytes);
    files.push(
      text === undefined
        ? { path, problem: 'it is not valid UTF-8' }
        : { path, text, bytes: bytes.length },
    );
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { commit, subdirFound: subdir === '' || entries.length > 0, files };
}

/** Files `readFileAtRevision` reads at most (an OpenAPI document is far smaller). */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * The text of one file at a revision (`openapi/openapi.json` at `origin/main`), without a
 * checkout, or undefined when the revision has no such file. The same revision checks as
 * readRegistryAtRevision; the path goes through checkRelativePath. A symbolic link, a folder,
 * a file over 8 MiB or one that is not UTF-8 is `UNSAFE_PATH` naming `revision:path`.
 */
export async function readFileAtRevision(options: {
  repoDir: string;
  revision: string;
  path: string;
}): Promise<string | undefined> {
  const { repoDir, revision } = options;
  checkRevision(revision);
  const path = checkRelativePath(options.path, 'path');
  const commit = await resolveCommit(repoDir, revision);
  const listing = await git(repoDir, ['ls-tree', '-l', '-z', '--full-tree', commit, '--', path]);
  const entry = parseLsTree(listing.toString('utf8')).find((e) => e.path === path);
  if (!entry) return undefined;
  const where = `${revision}:${path}`;
  if (entry.mode === SYMLINK_MODE || entry.type !== 'blob')
    throw new SourceError('UNSAFE_PATH', `${where} is not a regular file`);
  if ((entry.size ?? 0) > MAX_FILE_BYTES)
    throw new SourceError('UNSAFE_PATH', `${where} is ${entry.size} bytes, more than 8 MiB`);
  const bytes = (await readBlobs(repoDir, [entry.oid])).get(entry.oid) ?? Buffer.alloc(0);
  const text = decodeUtf8(bytes);
  if (text === undefined) throw new SourceError('UNSAFE_PATH', `${where} is not valid UTF-8`);
  return text;
}

async function resolveCommit(repoDir: string, revision: string): Promise<string> {
  try {
    const out = await git(repoDir, [
      'rev-parse',
      '--verify',
      '--quiet',
      '--end-of-options',
      `${revision}^{commit}`,
    ]);
    return out.toString('utf8').trim();
  } catch (error) {
    if (
      error instanceof SourceError &&
      error.code === 'GIT_FAILED' &&
      /exit code 1\b/.test(error.message)
    ) {
      throw new SourceError(
        'REF_NOT_FOUND',
        `Unknown revision ${JSON.stringify(revision)}: it names no commit in this repository (fetch it first, e.g. git fetch origin)`,
      );
    }
    throw error;
  }
}

/**
 * The bytes of each blob, from one `git cat-file --batch` process: it answers every
 * `<oid>` line with `<oid> blob <size>`, the bytes and a newline.
 */
function readBlobs(cwd: string, oids: string[]): Promise<Map<string, Buffer>> {
  const unique = [...new Set(oids)];
  if (unique.length === 0) return Promise.resolve(new Map());
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], {
      cwd,
      env: gitEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error) =>
      reject(
        new SourceError('LOCAL_IO', `git could not run in ${cwd}: ${error.message}`, {
          cause: error,
        }),
      ),
    );
    child.on('close', (code) => {
      if (code !== 0)
        return reject(
          new SourceError(
            'GIT_FAILED',
            `git cat-file failed (exit code ${code}): ${stderr.trim()}`,
          ),
        );
      const out = Buffer.concat(chunks);
      const blobs = new Map<string, Buffer>();
      let at = 0;
      for (const oid of unique) {
        const eol = out.indexOf(0x0a, at);
        const header = out.subarray(at, eol).toString('utf8').split(' ');
        const size = Number(header[2]);
        if (eol < 0 || header[0] !== oid || header[1] !== 'blob' || !Number.isSafeInteger(size)) {
          return reject(
            new SourceError(
              'GIT_FAILED',
              `git cat-file --batch answered ${JSON.stringify(header.join(' '))} for ${oid}`,
            ),
          );
        }
        blobs.set(oid, out.subarray(eol + 1, eol + 1 + size));
        at = eol + 1 + size + 1;
      }
      resolve(blobs);
    });
    child.stdin.end(unique.map((oid) => `${oid}\n`).join(''));
  });
}

/** Environment for git: the host's, without prompts, with literal pathspecs and C messages. */
function gitEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_LITERAL_PATHSPECS: '1',
    GIT_NO_REPLACE_OBJECTS: '1',
    LC_ALL: 'C',
  };
}

function git(cwd: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, env: gitEnv(), encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const code = typeof error.code === 'number' ? error.code : undefined;
        const detail =
          stderr.toString('utf8').trim().split('\n').slice(-3).join(' | ') || error.message;
        if (code === undefined)
          return reject(
            new SourceError('LOCAL_IO', `git could not run in ${cwd}: ${detail}`, { cause: error }),
          );
        if (/not a git repository/i.test(detail))
          return reject(
            new SourceError('LOCAL_IO', `${cwd} is not a git repository`, { cause: error }),
          );
        reject(
          new SourceError('GIT_FAILED', `git ${args[0]} failed (exit code ${code}): ${detail}`, {
            cause: error,
          }),
        );
      },
    );
  });
}
