/**
 * The plain tutorial page's server (bench/baseline-sio.ts) inside a namespace host for the thin-link
 * part: the same certificate duet's server host made (argv: certsDir host port).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSioRelay } from './baseline-sio.js';

const [certsDir, host, port] = process.argv.slice(2) as [string, string, string];
const relay = createSioRelay({ key: readFileSync(join(certsDir, 'key.pem'), 'utf8'), cert: readFileSync(join(certsDir, 'cert.pem'), 'utf8') });
relay.server.listen(Number(port), host, () => process.send?.({ ready: true }));
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
