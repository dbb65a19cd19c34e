/**
 * The composition root: the only module that reads the environment and files,
 * listens, prints and installs signal handlers.
 */
import { fileURLToPath } from 'node:url';
import { createServer } from './app.js';
import { ensureCertificates, lanAddresses } from './certs.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLog4jsLogger, escapeForLog } from './logger.js';

/** The process exits by then whatever happens (SHUTDOWN_GRACE_MS is at most 4000). */
const SHUTDOWN_DEADLINE_MS = 4500;

const PUBLIC_DIR = fileURLToPath(new URL('../../public', import.meta.url));

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`duet: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

function urlFor(host: string, port: number): string {
  return `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLog4jsLogger({ level: config.logLevel, dir: config.logDir });

  const certs = await ensureCertificates({ dir: config.certsDir });
  if (certs.caCreated) logger.info(`created a local CA in ${escapeForLog(certs.paths.ca, 200)}`);
  if (certs.issued) logger.info(`issued a server certificate: ${certs.issued}`);

  const server = createServer(config, { logger, tls: { key: certs.key, cert: certs.cert }, publicDir: PUBLIC_DIR });
  const { port } = await server.listen();

  const everywhere = config.host === '0.0.0.0' || config.host === '::';
  const urls = everywhere ? ['localhost', ...lanAddresses()].map((h) => urlFor(h, port)) : [urlFor(config.host, port)];
  console.log('\nduet is running. Open one of these in a browser:');
  for (const url of urls) console.log(`  ${url}`);
  console.log(`\nLocal CA (trust it once per device): ${certs.paths.ca}`);
  console.log(`CA fingerprint (SHA-256): ${certs.caFingerprint}`);
  console.log(`ICE servers for browsers: ${config.iceServers.length === 0 ? 'none (LAN only; set ICE_SERVERS to add STUN/TURN)' : config.iceServers.length}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`duet: ${signal} again, exiting now`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    stopping = true;
    logger.info(`${signal}: shutting down (clients are told; closing within ${SHUTDOWN_DEADLINE_MS / 1000} s)`);
    const deadline = setTimeout(() => {
      console.error('duet: shutdown took too long; exiting');
      process.exit(0);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    void server
      .shutdown(config.shutdownGraceMs)
      .then(() => logger.shutdown())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('duet: could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
