/**
 * A private Git server on loopback for credential tests: node:http in front of
 * `git http-backend` (CGI), answering 401 with `WWW-Authenticate: Basic` unless the request
 * carries Basic auth whose password is the expected token.
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GitHttpServer {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** Every request seen: method, path and whether it was authorised. */
  requests: Array<{ method: string; url: string; authorised: boolean; user: string | undefined }>;
  close(): Promise<void>;
}

/**
 * Serves every bare repository under `projectRoot` at `/<name>.git`; only a request whose
 * Basic password equals `token` gets through.
 */
export async function startGitHttpServer(options: {
  projectRoot: string;
  token: string;
}): Promise<GitHttpServer> {
  const requests: GitHttpServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const user = checkBasic(req.headers.authorization, options.token);
    requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      authorised: user !== undefined,
      user,
    });
    if (user === undefined) {
      req.resume();
      res.writeHead(401, {
        'WWW-Authenticate': 'Basic realm="regsync-test"',
        'Content-Type': 'text/plain',
      });
      res.end('authentication required\n');
      return;
    }
    runBackend(req, res, options.projectRoot, user);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The user name when the header is Basic auth with the right password, else undefined. */
function checkBasic(header: string | undefined, token: string): string | undefined {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return decoded.slice(colon + 1) === token ? decoded.slice(0, colon) : undefined;
}

function runBackend(
  req: IncomingMessage,
  res: ServerResponse,
  projectRoot: string,
  user: string,
): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const child = spawn('git', ['http-backend'], {
    env: {
      PATH: process.env.PATH,
      GIT_PROJECT_ROOT: projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: '/nonexistent',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: req.method ?? 'GET',
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      ...(req.headers['content-length'] ? { CONTENT_LENGTH: req.headers['content-length'] } : {}),
      ...(req.headers['content-encoding']
        ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] }
        : {}),
      ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
      REMOTE_USER: user,
      REMOTE_ADDR: '127.0.0.1',
    },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  req.pipe(child.stdin);
  let head = Buffer.alloc(0);
  let headersDone = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    headersDone = true;
    let status = 200;
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else res.setHeader(name, value);
    }
    res.writeHead(status);
    res.write(head.subarray(end + 4));
  });
  child.on('close', () => {
    if (!headersDone) res.writeHead(502);
    res.end();
  });
}
