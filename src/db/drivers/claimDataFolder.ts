/**
 * Keeps a second process off an embedded database: PGlite is one PostgreSQL backend in this
 * process's memory, and two processes writing one data folder corrupt it. The claim is a
 * `pglite.lock` file holding the owner's pid, next to (not inside) the PGlite folder.
 */
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { DatabaseError } from '../DatabaseError.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims `lockPath` for this process and returns the release function. A claim left by a
 * process that is gone (a crash) is taken over; a live owner's is refused with
 * DATABASE_IN_USE. Our own pid in the file is stale too (a container restarted with the same
 * pid): this process's own double opens are refused before this is called.
 */
export async function claimDataFolder(
  lockPath: string,
  what: string,
): Promise<() => Promise<void>> {
  const me = String(process.pid);
  try {
    await writeFile(lockPath, me, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
      throw new DatabaseError(
        'DATABASE_IN_USE',
        `${what} is in use by process ${owner} (${lockPath}); the embedded database serves one process: while "regsync serve" runs, ask it to sync with POST /api/v1/sync, or use PostgreSQL (DATABASE_URL) to run several processes`,
      );
    }
    await writeFile(lockPath, me);
  }
  return async () => {
    const owner = await readFile(lockPath, 'utf8').catch(() => '');
    if (owner === me) await unlink(lockPath).catch(() => undefined);
  };
}
