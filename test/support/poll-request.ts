/**
 * Raw Engine.IO v4 long-polling by hand (no client library): a handshake, POSTs
 * and GETs with chosen headers, to test what the server does per request.
 */
import { request } from 'node:https';
import type { Running } from './server.js';

export interface PollReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function poll(server: Running, method: 'GET' | 'POST', query: string, body = '', headers: Record<string, string> = {}): Promise<PollReply> {
  return new Promise((ok, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path: `/socket.io/?EIO=4&transport=polling${query}`,
        ca: server.ca,
        agent: false,
        timeout: 5000,
        headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${query} timed out`)));
    req.on('error', fail);
    req.end(body);
  });
}

/** Opens a polling session, connects it to the main namespace and returns its sid. */
export async function openPollingSession(server: Running, headers: Record<string, string> = {}): Promise<string> {
  const open = await poll(server, 'GET', '', '', headers);
  if (open.status !== 200) throw new Error(`handshake answered ${open.status}: ${open.body}`);
  const sid = (JSON.parse(open.body.slice(1)) as { sid: string }).sid;
  const connect = await poll(server, 'POST', `&sid=${sid}`, '40', headers);
  if (connect.status !== 200) throw new Error(`connect answered ${connect.status}`);
  await poll(server, 'GET', `&sid=${sid}`, '', headers); // the CONNECT answer
  return sid;
}
