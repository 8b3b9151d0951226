import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the test server received. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A webhook receiver on 127.0.0.1 (ephemeral port) and what it received. */
export interface TestServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** How long /slow waits before answering: far longer than any timeout the tests set. */
const SLOW_MS = 5_000;

/**
 * Answers by the first path segment: /ok 200, /fail 500 with a body, /slow only after SLOW_MS, /slack a
 * Slack Web API answer (ok unless the channel is "missing"). Every request is recorded once its body is in.
 */
export async function startServer(): Promise<TestServer> {
  const received: Received[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const answer = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(text);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // kept as text
      }
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body });
      const route = path.split('/')[1];
      if (route === 'ok') answer(res, 200, 'ok');
      else if (route === 'fail') answer(res, 500, 'internal error\nsecond line');
      else if (route === 'slow') {
        const t = setTimeout(() => {
          timers.delete(t);
          answer(res, 200, 'late');
        }, SLOW_MS);
        timers.add(t);
      } else if (route === 'slack') {
        const channel = (body as { channel?: string }).channel;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(channel === 'missing' ? { ok: false, error: 'channel_not_found' } : { ok: true }),
        );
      } else answer(res, 404, 'no such route');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A URL on 127.0.0.1 where nothing listens: a port that was free a moment ago. */
export async function closedUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return `http://127.0.0.1:${port}/closed`;
}
