import type { SyncLock } from '../../sync/ports.js';

/**
 * SyncLock for the embedded database: PGlite is opened by one process only (openDatabase
 * refuses a second open), so a flag in that process is a complete mutual exclusion.
 */
export class InProcessSyncLock implements SyncLock {
  #held = false;

  async tryWithLock<T>(
    fn: () => Promise<T>,
  ): Promise<{ acquired: true; value: T } | { acquired: false }> {
    if (this.#held) return { acquired: false };
    this.#held = true;
    try {
      return { acquired: true, value: await fn() };
    } finally {
      this.#held = false;
    }
  }
}
