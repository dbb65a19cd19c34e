/**
 * Runs duet inside the LAN's server host: certificates from ensureCertificates
 * for this host's own addresses (the real default: machineNames()), the HTTPS
 * server and the plain-HTTP helper, bound to the host's LAN address.
 * argv: certsDir publicDir host httpsPort httpPort [turnEnvJson]; the last, a JSON object of
 * TURN_URLS/TURN_SECRET/STUN_URLS, is read by loadConfig like the real environment.
 */
import { createServer } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config/config.js';
import { certificateNotice } from '../../src/server/lan/banner.js';
import { lanAddresses } from '../../src/server/lan/addresses.js';
import { ensureCertificates } from '../../src/server/lan/certs.js';
import { createHelperServer } from '../../src/server/http/helper.js';
import { silentLogger } from '../../src/server/log/logger.js';
import { serveCalls } from './calls.js';

/** What the server host reports once it listens. */
export interface Ready {
  port: number;
  httpPort: number;
  lanAddresses: string[];
  names: string[];
  caCreated: boolean;
  issued: string | null;
  uncovered: string[];
  caFingerprint: string;
  notice: string[];
}

const [certsDir, publicDir, host, httpsPort, httpPort, turnEnv] = process.argv.slice(2) as [string, string, string, string, string, string | undefined];
const turn = turnEnv ? loadConfig(JSON.parse(turnEnv) as Record<string, string>).turn : undefined;

const certs = await ensureCertificates({ dir: certsDir });
const server = createServer(
  { port: Number(httpsPort), host, turn },
  { logger: silentLogger, tls: { key: certs.key, cert: certs.cert }, ca: certs.ca, publicDir },
);
const { port } = await server.listen();
const helper = createHelperServer({ port: Number(httpPort), host, httpsPort: port }, { logger: silentLogger, ca: certs.ca });
const http = await helper.listen();

const stop = () => void Promise.all([server.close(), helper.close()]).then(() => process.exit(0));
process.on('SIGTERM', stop);
serveCalls({
  /** Remote addresses of the connected Socket.IO clients, as the server sees them. */
  peers: async () => (await server.io.fetchSockets()).map((socket) => socket.handshake.address.replace(/^::ffff:/, '')).sort(),
});
const ready: Ready = {
  port,
  httpPort: http.port,
  lanAddresses: lanAddresses(),
  names: certs.names,
  caCreated: certs.caCreated,
  issued: certs.issued ?? null,
  uncovered: certs.uncovered,
  caFingerprint: certs.caFingerprint,
  notice: certificateNotice(certs),
};
process.send?.({ ready });
