import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sayAmount } from './say';
import { flowOf, runFlow } from './testing/ivr-test-kit';

let server: Server;
let base: string;
const seen: { url: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', body });
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/slow') {
        // Far beyond the lookup's 300 ms timeout, so only a working timeout takes the error branch.
        setTimeout(() => res.end('{"data":{"points":1}}'), 5000).unref();
        return;
      }
      if (url.pathname === '/points' && url.searchParams.get('card') === '6222 0000') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: { items: [{ points: '12345.67' }] } }));
        return;
      }
      if (url.pathname === '/post') {
        res.end(JSON.stringify({ echo: (JSON.parse(body) as { who: string }).who }));
        return;
      }
      if (url.pathname === '/broken') {
        res.statusCode = 500;
        res.end('oops');
        return;
      }
      res.statusCode = 404;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const flowFor = (source: object) =>
  flowOf(
    {
      s: { type: 'set', assign: { card: "'6222 0000'" }, next: 'l' },
      l: { type: 'lookup', source: source as never, into: 'r', next: 'say', notFound: 'none', onError: 'err' },
      say: { type: 'say', as: 'amount', value: 'r.value', next: 'ok' },
      ok: { type: 'hangup', cause: 'ok' },
      none: { type: 'hangup', cause: 'none' },
      err: { type: 'hangup', cause: 'err' },
    },
    {},
  );

describe('HTTP lookup against a real local server', () => {
  it('GETs with URL-encoded placeholders and picks the JSON path', async () => {
    const { channel, session } = await runFlow(flowFor({ kind: 'http', url: `${base}/points?card={{card}}`, path: '$.data.items[0].points' }), []);
    expect(seen.at(-1)?.url).toBe('/points?card=6222%200000');
    expect(session.variables()['r.value']).toBe('12345.67');
    expect(channel.clips()).toEqual(sayAmount('12345.67').clips);
    expect(channel.hangupCause).toBe('ok');
  });

  it('POSTs a JSON body built from expressions', async () => {
    const { session } = await runFlow(flowFor({ kind: 'http', method: 'POST', url: `${base}/post`, body: { who: "'c-' + card" }, path: '$.echo' }), []);
    expect(JSON.parse(seen.at(-1)?.body ?? '{}')).toEqual({ who: 'c-6222 0000' });
    expect(session.variables()['r.value']).toBe('c-6222 0000');
  });

  it('gives up after the timeout and takes onError', async () => {
    const started = Date.now();
    const { channel, session, events } = await runFlow(flowFor({ kind: 'http', url: `${base}/slow`, timeoutMs: 300, path: '$.data.points' }), []);
    expect(Date.now() - started).toBeLessThan(5000); // gave up before the server answered
    expect(channel.hangupCause).toBe('err');
    expect(session.variables()['r.error']).toBe('timeout');
    expect(events.find((e) => e.type === 'lookup')).toMatchObject({ source: 'http', outcome: 'error' });
  });

  it('maps 404 and a missing path to notFound, 5xx and unreachable hosts to onError', async () => {
    expect((await runFlow(flowFor({ kind: 'http', url: `${base}/nothing`, path: '$.a' }), [])).channel.hangupCause).toBe('none');
    expect((await runFlow(flowFor({ kind: 'http', url: `${base}/points?card={{card}}`, path: '$.data.missing' }), [])).channel.hangupCause).toBe('none');
    expect((await runFlow(flowFor({ kind: 'http', url: `${base}/broken`, path: '$.a' }), [])).session.variables()['r.error']).toBe('http-500');
    const closed = await runFlow(flowFor({ kind: 'http', url: 'http://127.0.0.1:1/x', path: '$.a' }), []);
    expect(closed.channel.hangupCause).toBe('err');
    expect(closed.session.variables()['r.error']).toBe('unreachable');
  });
});
