/**
 * The composition root: the only module that reads the environment and files,
 * listens, prints and installs signal handlers.
 */
import { fileURLToPath } from 'node:url';
import { createServer } from './app.js';
import { caReplacedWarning, certificateNotice, startupBanner } from './lan/banner.js';
import { lanAddresses } from './lan/addresses.js';
import { ensureCertificates } from './lan/certs.js';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { createHelperServer, type HelperInstance } from './http/helper.js';
import { lanUrls, localUrl } from './lan/lan.js';
import { openFileLimit } from './admission/file-limit.js';
import { createLog4jsLogger } from './log/logger.js';
import { certsDirProblem, isLoopbackHost, listenProblem, metricsListenProblem } from './startup-errors.js';
import { collectProcessMetrics } from './metrics/metrics.js';
import { createMetricsServer, type MetricsServer } from './http/metrics-server.js';
import { iceSummary } from './turn/client-config.js';
import { redactUrl } from './config/redis-url.js';

/** The process exits by then whatever happens (SHUTDOWN_GRACE_MS is at most 4000). */
const SHUTDOWN_DEADLINE_MS = 4500;

const PUBLIC_DIR = fileURLToPath(new URL('../../public', import.meta.url));

/** Stops start-up with one plain sentence and exit code 1 (no stack trace). */
function fail(sentence: string): never {
  console.error(`duet: ${sentence}`);
  process.exit(1);
}

/** Runs one start-up step; an error `explain` recognises ends start-up with its sentence. */
async function step<T>(run: () => Promise<T>, explain: (error: unknown) => string | undefined): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const sentence = explain(error);
    if (sentence !== undefined) fail(sentence);
    throw error;
  }
}

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  // colour codes only for a terminal: a log redirected to a file or read by journald stays plain text
  const color = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
  const logger = createLog4jsLogger({ level: config.logLevel, dir: config.logDir, color });

  const certs = await step(
    () => ensureCertificates({ dir: config.certsDir }),
    (error) => certsDirProblem(error, config.certsDir),
  );
  for (const line of caReplacedWarning(certs)) logger.warn(line);
  for (const line of certificateNotice(certs)) logger.info(line);

  const fileLimit = openFileLimit();
  const server = createServer(config, { logger, tls: { key: certs.key, cert: certs.cert }, ca: certs.ca, publicDir: PUBLIC_DIR, openFileLimit: fileLimit });
  const { port, host: boundHost } = await step(
    () => server.listen(),
    (error) => listenProblem(error, config),
  );
  let helper: HelperInstance | undefined;
  if (config.httpPort !== 0) {
    helper = createHelperServer(
      { port: config.httpPort, host: boundHost, httpsPort: port, maxConnections: fileLimit ? Math.max(16, Math.floor(fileLimit * 0.1)) : 0 },
      { logger, ca: certs.ca },
    );
    try {
      await helper.listen();
    } catch (error) {
      // the helper only eases trusting the CA; duet works without it
      logger.warn(
        `the plain-HTTP helper could not listen on port ${config.httpPort} (${(error as NodeJS.ErrnoException).code ?? String(error)}); CA downloads over plain HTTP are off. Set HTTP_PORT to a free port, or 0.`,
      );
      helper = undefined;
    }
  }

  let metricsServer: MetricsServer | undefined;
  if (config.metrics) {
    collectProcessMetrics(server.metrics.registry);
    metricsServer = createMetricsServer(config.metrics, { registry: server.metrics.registry, logger });
    const { url } = await step(
      () => metricsServer!.listen(),
      (error) => metricsListenProblem(error, config.metrics!),
    );
    logger.info(`Prometheus metrics at ${url}`);
  }

  const lan = lanUrls(boundHost, port, lanAddresses());
  const firstLanHost = lan[0] ? new URL(lan[0]).hostname : undefined;
  const localHttps = localUrl('https', boundHost, port);
  console.log(
    await startupBanner({
      localUrl: localHttps,
      lanUrls: lan,
      helperUrl: helper ? `http://${firstLanHost ?? new URL(localHttps).hostname}:${config.httpPort}` : undefined,
      caPath: certs.paths.ca,
      caFingerprint: certs.caFingerprint,
      loopbackHost: isLoopbackHost(config.host) ? config.host : undefined,
      accessCode: config.people.accessCode !== undefined,
      directory: config.people.directory,
    }),
  );
  if (server.cluster) console.log(`Sharing rooms with other duet nodes through Redis ${redactUrl(config.redisUrl ?? '')} as node ${server.cluster.node}`);
  console.log(`ICE servers for browsers: ${iceSummary(config.iceServers, config.turn)}\n`);

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
    void Promise.all([server.shutdown(config.shutdownGraceMs), helper?.close(), metricsServer?.close()])
      .then(() => logger.info('duet stopped.'))
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
