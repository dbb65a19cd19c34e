/**
 * Guessing ACCESS_CODE the way a script would, not a browser: one raw Engine.IO v4 WebSocket
 * that sends CONNECT packets (`40{"code":…}`) one after another on the same connection and
 * reads each answer, until the server closes the connection or the codes run out.
 */
import WebSocket from 'ws';

export interface GuessRun {
  /** The answer to each CONNECT, in order: `connected`, or the connect_error message. */
  answers: string[];
  /** True when the server closed the connection before the codes ran out. */
  closed: boolean;
}

export function guessOnOneConnection(port: number, ca: string, codes: readonly string[], localAddress?: string, timeoutMs = 10_000): Promise<GuessRun> {
  const ws = new WebSocket(`wss://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`, { ca, localAddress });
  const answers: string[] = [];
  return new Promise<GuessRun>((ok, fail) => {
    // past the time, what was answered so far counts (a loaded server may be slow to close)
    const timer = setTimeout(() => done(true), timeoutMs);
    const done = (closed: boolean) => (clearTimeout(timer), ws.terminate(), ok({ answers, closed }));
    const send = () => (answers.length < codes.length ? ws.send(`40${JSON.stringify({ code: codes[answers.length] })}`) : done(false));
    ws.on('message', (data) => {
      const text = String(data);
      if (text.startsWith('0')) return send(); // the Engine.IO open packet
      if (text === '2') return ws.send('3'); // ping
      if (text.startsWith('40')) answers.push('connected');
      else if (text.startsWith('44')) answers.push((JSON.parse(text.slice(2)) as { message: string }).message);
      else return;
      if (answers.at(-1) === 'connected') return done(false);
      send();
    });
    ws.on('close', () => done(answers.length < codes.length));
    ws.on('error', (error) => (answers.length > 0 ? done(true) : (clearTimeout(timer), fail(error))));
  });
}
