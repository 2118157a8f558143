/**
 * A minimal Server-Sent-Events client over fetch for tests and the feed benchmark: parses
 * frames as the EventSource spec does (`id`, `event`, `data` lines, `:` comments), and
 * waits for the next frame or comment with a timeout.
 */

export interface SseFrame {
  id?: string;
  event: string;
  data: string;
  /** When the frame was parsed (performance.now()). */
  at: number;
}

export interface SseClient {
  status: number;
  headers: Headers;
  /** Every frame parsed so far. */
  frames: SseFrame[];
  /** Comment lines seen so far (`: heartbeat`). */
  comments: string[];
  /** Resolves with the first frame matching `match` (from the start of the stream). */
  waitFor(match: (frame: SseFrame) => boolean, timeoutMs?: number): Promise<SseFrame>;
  /** Resolves once the server ended the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens `url` with Accept: text/event-stream (and `headers`); resolves once headers arrived. */
export async function openSse(
  url: string,
  headers: Record<string, string> = {},
): Promise<SseClient> {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { Accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const frames: SseFrame[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of [...waiters]) waiter();
  };
  let done = false;
  const ended = (async () => {
    if (!res.body) return;
    const decoder = new TextDecoder();
    let text = '';
    try {
      for await (const chunk of res.body) {
        text += decoder.decode(chunk as Uint8Array, { stream: true });
        let cut: number;
        while ((cut = text.indexOf('\n\n')) >= 0) {
          const block = text.slice(0, cut);
          text = text.slice(cut + 2);
          const frame: SseFrame = { event: 'message', data: '', at: performance.now() };
          const data: string[] = [];
          let isFrame = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else {
              const colon = line.indexOf(':');
              const field = colon < 0 ? line : line.slice(0, colon);
              const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
              if (field === 'data') data.push(value);
              else if (field === 'event') frame.event = value;
              else if (field === 'id') frame.id = value;
              else continue;
              isFrame = true;
            }
          }
          if (isFrame && (data.length > 0 || frame.id !== undefined)) {
            frame.data = data.join('\n');
            frames.push(frame);
          }
          notify();
        }
      }
    } catch {
      // Aborted by close(), or the connection dropped: the stream is over either way.
    } finally {
      done = true;
      notify();
    }
  })();
  return {
    status: res.status,
    headers: res.headers,
    frames,
    comments,
    ended,
    waitFor(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = frames.find(match);
          if (found) {
            cleanup();
            resolve(found);
          } else if (done) {
            cleanup();
            reject(
              new Error(
                `stream ended; frames: ${JSON.stringify(frames.map((f) => f.event + ':' + (f.id ?? '')))}`,
              ),
            );
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `no matching frame within ${timeoutMs} ms; frames: ${JSON.stringify(frames.map((f) => f.event + ':' + (f.id ?? '')))}`,
            ),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close() {
      controller.abort();
    },
  };
}
