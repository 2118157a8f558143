import type { ChangeNotifier } from '../../sync/ports.js';

/**
 * ChangeNotifier for the embedded database, whose only process is this one. Delivery is
 * asynchronous (after publish resolves) and a failing subscriber does not stop the others,
 * as with LISTEN/NOTIFY. PGlite's own LISTEN is not used: it shares the ORM's single session,
 * so a LISTEN issued while a transaction is open would join (and roll back with) it.
 */
export class InProcessChangeNotifier implements ChangeNotifier {
  readonly #listeners = new Set<(revision: string) => void>();
  readonly #onError: ((error: Error) => void) | undefined;

  constructor(options: { onSubscriberError?: (error: Error) => void } = {}) {
    this.#onError = options.onSubscriberError;
  }

  async publish(revision: string): Promise<void> {
    const listeners = [...this.#listeners];
    setImmediate(() => {
      for (const listener of listeners) {
        try {
          listener(revision);
        } catch (error) {
          this.#onError?.(error as Error);
        }
      }
    });
  }

  async subscribe(onChange: (revision: string) => void): Promise<() => Promise<void>> {
    this.#listeners.add(onChange);
    return async () => {
      this.#listeners.delete(onChange);
    };
  }

  /** Drops every subscriber (called by the database handle's close()). */
  async close(): Promise<void> {
    this.#listeners.clear();
  }
}
