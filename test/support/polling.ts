/**
 * Raw Engine.IO v4 polling over HTTPS (no socket.io-client), for attacks that put
 * several packets in one POST: a handshake, then one POST carrying them all.
 */
import { Agent, request } from 'node:https';

/** Engine.IO v4 separates the packets of one polling payload with this character. */
export const SEPARATOR = '\x1e';

export interface PollingClient {
  /** Opens a session and returns its id. */
  open(): Promise<string>;
  /** POSTs `packets` (joined with the separator) to session `sid`; resolves with the status. */
  post(sid: string, packets: string[]): Promise<number>;
  destroy(): void;
}

export function pollingClient(port: number, ca: string, localAddress?: string): PollingClient {
  const agent = new Agent({ keepAlive: true, maxSockets: 4, ca, localAddress });
  function send(method: 'GET' | 'POST', query: string, body?: string): Promise<{ status: number; text: string }> {
    return new Promise((ok, fail) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method,
          path: `/socket.io/?EIO=4&transport=polling${query}`,
          agent,
          timeout: 5000,
          headers: body === undefined ? {} : { 'content-type': 'text/plain;charset=UTF-8' },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => ok({ status: res.statusCode ?? 0, text }));
          res.on('error', fail);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer to ${method} within 5 s`)));
      req.on('error', fail);
      req.end(body);
    });
  }
  return {
    async open() {
      const { status, text } = await send('GET', '');
      const match = /"sid":"([^"]+)"/.exec(text);
      if (status !== 200 || !match) throw new Error(`handshake refused: ${status} ${text.slice(0, 80)}`);
      return match[1]!;
    },
    async post(sid, packets) {
      return (await send('POST', `&sid=${encodeURIComponent(sid)}`, packets.join(SEPARATOR))).status;
    },
    destroy: () => agent.destroy(),
  };
}
