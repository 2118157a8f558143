/**
 * One strict UTF-8 decoder for every manifest read. A `TextDecoder` is costly to construct
 * (it sets up an ICU converter) and a full scan decodes every blob: one instance per read was
 * a measurable share of the read side. Sharing it is safe because `decode` is only ever called
 * without `{ stream: true }`, so each call starts from a fresh state (a byte-order mark is
 * stripped on every call, and a refused input leaves nothing behind for the next one).
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of `bytes` as strict UTF-8 (a leading byte-order mark removed, as `TextDecoder`
 * does), or undefined when they are not valid UTF-8.
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}
