import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem.js';
import { STATUS_TABLE } from './statusTable.js';

/** Node's parser errors that are the client's fault, as a status, title and code (from the one status table). */
function classify(code: string | undefined): [number, string, string] {
  const ours =
    code === 'HPE_HEADER_OVERFLOW'
      ? 'HEADERS_TOO_LARGE'
      : code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'CLIENT_TIMEOUT'
        : 'MALFORMED_REQUEST';
  const [status, title] = STATUS_TABLE[ours];
  return [status, title, ours];
}

/**
 * Answers a request Node's HTTP parser refuses before any handler sees it (a request target
 * with bytes outside ASCII, headers past 16 KiB, a bad header line, a timeout) with a
 * problem+json body like every other error, instead of Node's bare `400 Bad Request` without
 * a body. The connection is closed afterwards: the parser's state is lost. Errors on a
 * socket that can no longer be written to (a reset, a response already under way) only
 * destroy it.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    const started = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage
      ?.headersSent;
    if (error.code === 'ECONNRESET' || !socket.writable || started) {
      socket.destroy();
      return;
    }
    const [status, title, code] = classify(error.code);
    const body = JSON.stringify({
      type: problemType(code),
      title,
      status,
      detail: `the request could not be read as HTTP/1.1 (${error.code ?? 'parse error'}); nothing was processed`,
      instance: '',
      code,
    });
    // A HEAD request gets the headers only (the refused bytes start with its request line).
    const head =
      (error as Error & { rawPacket?: Buffer }).rawPacket?.toString('latin1', 0, 5) === 'HEAD ';
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Cache-Control: no-store\r\n' +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n\r\n' +
        (head ? '' : body),
    );
  });
}
