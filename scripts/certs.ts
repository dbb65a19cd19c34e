/**
 * npm run certs: create the local CA (once) and a server certificate for this
 * machine's names and addresses in CERTS_DIR (default: the project's certs/).
 */
import { caReplacedWarning } from '../src/server/lan/banner.js';
import { ensureCertificates } from '../src/server/lan/certs.js';
import { ConfigError, loadConfig } from '../src/server/config/config.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const result = await ensureCertificates({ dir: config.certsDir });
  for (const line of caReplacedWarning(result)) console.error(line);
  console.log(result.caCreated ? `Created a new local CA: ${result.paths.ca}` : `Kept the existing local CA: ${result.paths.ca}`);
  console.log(`CA fingerprint (SHA-256): ${result.caFingerprint}`);
  if (result.issued) console.log(`Issued a server certificate (${result.issued}): ${result.paths.cert}`);
  else console.log(`The server certificate is current: ${result.paths.cert}`);
  console.log(`It covers: ${result.names.join(', ')}`);
  console.log('Trust the CA on each device once (see README, "Trusting the CA", or open /setup on duet).');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
