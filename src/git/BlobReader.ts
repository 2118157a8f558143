/**
 * Reads manifest blobs with read-ahead: a miss loads the wanted blob together with the next
 * ones the caller is likely to ask for (the following manifests in sorted order) in one round
 * trip through the mirror's batch reader, so a full scan of N manifests costs about N/64 round
 * trips instead of N. Sizes come from `ls-tree -l` and bound a batch; each blob's bytes are
 * checked against its size. Prefetched blobs wait in
 * a bounded buffer (oldest evicted first) and are handed out once. A scan that reads them in
 * order has the next batch requested when half of the current one is left, so reading overlaps
 * the caller's work.
 */
import { MAX_MANIFEST_BYTES } from '../manifest/validateManifest.js';
import type { BareMirror } from './BareMirror.js';
import { isManifestPath, SYMLINK_MODE, type TreeEntry } from './parseGitOutput.js';

/**
 * A blob to read: its object id and its size in bytes (from `ls-tree -l`, which splits the
 * batched output).
 */
export interface BlobRef {
  oid: string;
  size: number;
}

/**
 * Bounds of one `BlobReader`: one git process loads at most `maxBlobs` blobs and
 * `maxBatchBytes` bytes, and prefetched bytes never exceed `maxPendingBytes`.
 */
export interface BlobReaderLimits {
  /** Blobs loaded by one process. */
  maxBlobs: number;
  /** Bytes loaded by one process. */
  maxBatchBytes: number;
  /** Bytes of prefetched, not yet read blobs kept at once. */
  maxPendingBytes: number;
}

const DEFAULT_LIMITS: BlobReaderLimits = {
  maxBlobs: 64,
  maxBatchBytes: 8 * 1024 * 1024,
  maxPendingBytes: 32 * 1024 * 1024,
};

/**
 * Hands out manifest blobs of one tree, loading a miss together with the next `upcoming` blobs
 * in one git process (see the file header). Each prefetched blob is handed out once; `clear()`
 * drops what is pending. Not shared between trees.
 */
export class BlobReader {
  private readonly pending = new Map<string, { size: number; bytes: Promise<Buffer> }>();
  private pendingBytes = 0;

  constructor(
    private readonly mirror: BareMirror,
    private readonly limits: BlobReaderLimits = DEFAULT_LIMITS,
  ) {}

  /** The bytes of `blob`; `upcoming` are blobs worth loading with it (read lazily). */
  async read(blob: BlobRef, upcoming: Iterable<BlobRef>): Promise<Buffer> {
    const hit = this.pending.has(blob.oid);
    if (!hit) this.load(blob, upcoming);
    const slot = this.pending.get(blob.oid);
    if (slot) {
      this.pending.delete(blob.oid);
      this.pendingBytes -= slot.size;
      // A hit means a sequential scan: once half a batch is left, ask git for the next one
      // so that it arrives while the caller validates these (a full scan otherwise waited
      // one round trip every maxBlobs manifests). A lone read (a miss) never reads ahead.
      if (hit && this.pending.size <= this.limits.maxBlobs / 2) this.readAhead(upcoming);
      const bytes = await slot.bytes.catch(() => undefined);
      if (bytes) return bytes;
    }
    // The batch failed (or was evicted meanwhile): read this one blob on its own.
    return this.mirror.blob(blob.oid);
  }

  /** Drops every prefetched blob (e.g. when the revision changes). */
  clear(): void {
    this.pending.clear();
    this.pendingBytes = 0;
  }

  /** Loads the first of `upcoming` not already pending, with the ones after it. */
  private readAhead(upcoming: Iterable<BlobRef>): void {
    for (const next of upcoming) {
      if (this.pending.has(next.oid)) continue;
      this.load(next, upcoming);
      return;
    }
  }

  private load(first: BlobRef, upcoming: Iterable<BlobRef>): void {
    const batch = [first];
    const seen = new Set([first.oid]);
    let total = first.size;
    for (const next of upcoming) {
      if (batch.length >= this.limits.maxBlobs) break;
      if (seen.has(next.oid) || this.pending.has(next.oid)) continue;
      if (total + next.size > this.limits.maxBatchBytes) break;
      batch.push(next);
      seen.add(next.oid);
      total += next.size;
    }
    this.evict(total);
    const all = this.mirror.blobs(batch.map((b) => b.oid));
    batch.forEach((blob, index) => {
      const bytes = all.then((out) => {
        const one = out[index];
        if (one?.length !== blob.size)
          throw new Error(
            `git returned ${one?.length ?? 0} bytes for ${blob.oid}, expected ${blob.size}`,
          );
        return one;
      });
      bytes.catch(() => undefined);
      this.pending.set(blob.oid, { size: blob.size, bytes });
      this.pendingBytes += blob.size;
    });
  }

  private evict(incoming: number): void {
    for (const [oid, slot] of this.pending) {
      if (this.pendingBytes + incoming <= this.limits.maxPendingBytes) break;
      this.pending.delete(oid);
      this.pendingBytes -= slot.size;
    }
  }
}

/** Readable manifests (regular blobs within the size limit) in path order, for read-ahead. */
export class ReadOrder {
  private readonly order: Array<BlobRef & { path: string }>;
  private readonly index = new Map<string, number>();

  constructor(entries: Map<string, TreeEntry>) {
    this.order = [...entries]
      .filter(
        ([path, e]) =>
          e.type === 'blob' &&
          e.mode !== SYMLINK_MODE &&
          isManifestPath(path) &&
          (e.size ?? 0) <= MAX_MANIFEST_BYTES,
      )
      .map(([path, e]) => ({ path, oid: e.oid, size: e.size ?? 0 }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    this.order.forEach((e, i) => this.index.set(e.path, i));
  }

  /** The readable manifests after `path`, in order (a lazy sequence). */
  *after(path: string): Generator<BlobRef> {
    const from = this.index.get(path);
    if (from === undefined) return;
    for (let i = from + 1; i < this.order.length; i++) yield this.order[i] as BlobRef;
  }
}
