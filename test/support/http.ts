/**
 * One HTTP(S) GET with a timeout and no redirects followed; HTTPS trusts only `ca`.
 */
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export function fetchOnce(url: string, options: { ca?: string; host?: string; ms?: number } = {}): Promise<Reply> {
  const ms = options.ms ?? 5000;
  return new Promise((ok, fail) => {
    const headers = options.host ? { host: options.host } : undefined;
    const onResponse = (res: import('node:http').IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    };
    const req = url.startsWith('https:')
      ? httpsGet(url, { ca: options.ca, headers, timeout: ms, agent: false }, onResponse)
      : httpGet(url, { headers, timeout: ms, agent: false }, onResponse);
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${ms} ms`)));
    req.on('error', fail);
  });
}
