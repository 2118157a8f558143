/**
 * Keeps a bare mirror's object store bounded. Fetches run with `--no-auto-maintenance` (a gc
 * started inside a poll would put seconds on that one sync), and a fetch of fewer than
 * `fetch.unpackLimit` (100) objects is stored as loose objects: every one-manifest sync adds
 * a commit, the changed blob and the rewritten trees, and at 100,000 manifests the rewritten
 * `integrations` tree alone is about 2.3 MB a fetch. Without this nothing ever packed them,
 * so the mirror grew without bound.
 *
 * Every `every` fetches, after the fetch has returned (so off the sync's path), one
 * `git count-objects -v` decides: more than `looseLimit` loose objects packs them
 * incrementally (`repack -d -l`: one new pack, the packed loose objects removed); more than
 * `packLimit` packs consolidates them (`repack -a -d -l`). Both are git's own safe
 * operations against concurrent readers (the long-lived `cat-file --batch-command` re-scans
 * the pack folder when an object is not where it looked). The mirror waits for a running
 * pass before its next fetch, so a repack and a fetch never race for the mirror's refs.
 */
import type { GitRunner } from './GitRunner.js';

/** When a pass runs and what it does; the defaults suit a registry of any size. */
export interface MirrorMaintenanceOptions {
  /** Fetches between two `count-objects` checks. Default 20. */
  every?: number;
  /** Loose objects above which they are packed. Default 1,000. */
  looseLimit?: number;
  /** Packs above which they are consolidated into one. Default 30. */
  packLimit?: number;
  /** Told about a pass that failed (the mirror keeps working; the next pass tries again). */
  onError?: (error: unknown) => void;
}

/** What `git count-objects -v` reports that a pass decides on. */
export interface ObjectCounts {
  loose: number;
  packs: number;
}

/** Parses `git count-objects -v` (`count: N`, `packs: N`, ... one per line). */
export function parseCountObjects(text: string): ObjectCounts {
  const field = (name: string): number => {
    const match = new RegExp(`^${name}: (\\d+)$`, 'm').exec(text);
    return match ? Number(match[1]) : 0;
  };
  return { loose: field('count'), packs: field('packs') };
}

/**
 * Counts a mirror's fetches and runs a maintenance pass in the background every `every`
 * of them. `idle()` resolves when no pass is running (the mirror awaits it before fetching,
 * discarding or closing).
 */
export class MirrorMaintenance {
  private fetches = 0;
  private running: Promise<void> | undefined;
  private readonly every: number;
  private readonly looseLimit: number;
  private readonly packLimit: number;

  constructor(
    private readonly runner: GitRunner,
    private readonly options: MirrorMaintenanceOptions = {},
  ) {
    this.every = Math.max(1, options.every ?? 20);
    this.looseLimit = options.looseLimit ?? 1_000;
    this.packLimit = options.packLimit ?? 30;
  }

  /** Called after each successful fetch; starts a pass (not awaited) every `every` fetches. */
  afterFetch(): void {
    this.fetches += 1;
    if (this.fetches < this.every || this.running) return;
    this.fetches = 0;
    this.running = this.pass().finally(() => {
      this.running = undefined;
    });
  }

  /** Resolves once no pass is running; never rejects (a pass reports its failure to onError). */
  async idle(): Promise<void> {
    await this.running;
  }

  /** One pass: count, then pack loose objects and/or consolidate packs when over the limits. */
  private async pass(): Promise<void> {
    try {
      const counts = parseCountObjects(await this.runner.run(['count-objects', '-v']));
      if (counts.packs > this.packLimit) await this.runner.run(['repack', '-a', '-d', '-l', '-q']);
      else if (counts.loose > this.looseLimit) await this.runner.run(['repack', '-d', '-l', '-q']);
    } catch (error) {
      this.options.onError?.(error);
    }
  }
}
