/**
 * The local certificate authority and the server certificate, made with the
 * mkcert package. The CA is created once and kept, so devices that trusted it
 * keep trusting; the server certificate is re-issued whenever it no longer
 * covers the machine's names and addresses, is not signed by the CA, or is
 * about to expire.
 */
import { X509Certificate, createHash } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { createCA, createCert } from 'mkcert';
import { hostname } from 'node:os';
import { machineNames } from './addresses.js';

export const CA_VALIDITY_DAYS = 3650;
/** Apple platforms refuse server certificates valid for more than 825 days; stay well under. */
export const CERT_VALIDITY_DAYS = 397;
const RENEW_BEFORE_DAYS = 30;

export interface CertPaths {
  ca: string;
  caKey: string;
  cert: string;
  key: string;
}

export function certPaths(dir: string): CertPaths {
  return {
    ca: join(dir, 'ca.pem'),
    caKey: join(dir, 'ca-key.pem'),
    cert: join(dir, 'cert.pem'),
    key: join(dir, 'key.pem'),
  };
}

export interface CertResult {
  paths: CertPaths;
  /** PEM: the CA certificate. */
  ca: string;
  /** PEM: the server certificate followed by the CA (the chain). */
  cert: string;
  key: string;
  caCreated: boolean;
  /**
   * When a new CA was created although the folder showed an earlier one (a server
   * certificate, or half of the CA pair, was still there): the earlier CA's
   * fingerprint, or 'unknown'. Devices that trusted it must trust the new one.
   */
  caReplaced: string | undefined;
  /** Why the server certificate was (re-)issued, or undefined when the existing one was kept. */
  issued: string | undefined;
  /** SHA-256 fingerprint of the CA, colon-separated hex. */
  caFingerprint: string;
  names: string[];
  /** Names and addresses the previous server certificate did not cover (the machine moved networks). */
  uncovered: string[];
}

/**
 * The fingerprint of the CA that was there before: the orphaned ca.pem, or the CA
 * at the end of the kept server chain (cert.pem holds the certificate, then its CA).
 */
function previousCaFingerprint(chainPem: string | undefined, orphanCa: string | undefined): string {
  const blocks = chainPem?.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const candidate = orphanCa ?? blocks[1];
  try {
    return candidate ? fingerprint(candidate) : 'unknown';
  } catch {
    return 'unknown';
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeAtomic(path: string, content: string, mode: number): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, content, { mode });
  await chmod(tmp, mode);
  await rename(tmp, path);
}

export function fingerprint(pem: string): string {
  const der = new X509Certificate(pem).raw;
  return createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
}

/** The names and addresses among `names` that `cert` does not cover. */
export function uncoveredNames(cert: X509Certificate, names: readonly string[]): string[] {
  return names.filter((name) => (isIP(name) ? !cert.checkIP(name) : !cert.checkHost(name)));
}

/** Why `certPem` is not good for `names` under `caPem`, or undefined when it is. */
export function certProblem(certPem: string, caPem: string, names: string[], now = new Date()): string | undefined {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch {
    return 'the server certificate could not be read';
  }
  const ca = new X509Certificate(caPem);
  if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) return 'the server certificate is not signed by the CA';
  const renewBy = new Date(now.getTime() + RENEW_BEFORE_DAYS * 86_400_000);
  if (new Date(cert.validTo) < renewBy) return 'the server certificate expires soon';
  const missing = uncoveredNames(cert, names);
  if (missing.length > 0) return `the server certificate does not cover ${missing.join(', ')}`;
  return undefined;
}

function serialOf(pem: string): string | undefined {
  try {
    return new X509Certificate(pem).serialNumber;
  } catch {
    return undefined;
  }
}

/**
 * mkcert draws serial numbers from a small range; Firefox refuses a certificate whose
 * issuer and serial match one it has seen, so never re-use the previous serial.
 */
async function issueServerCert(caCert: string, caKey: string, names: string[], previousSerial: string | undefined) {
  for (;;) {
    const made = await createCert({ ca: { key: caKey, cert: caCert }, domains: names, validity: CERT_VALIDITY_DAYS, organization: 'duet' });
    if (serialOf(made.cert) !== previousSerial) return made;
  }
}

export interface EnsureOptions {
  dir: string;
  /** Names and addresses the certificate must cover (default: machineNames()). */
  names?: string[];
}

export async function ensureCertificates(options: EnsureOptions): Promise<CertResult> {
  const paths = certPaths(options.dir);
  const names = options.names ?? machineNames();
  await mkdir(options.dir, { recursive: true });

  let caCert = await readIfExists(paths.ca);
  let caKey = await readIfExists(paths.caKey);
  let caCreated = false;
  let caReplaced: string | undefined;
  if (!caCert || !caKey) {
    const oldChain = await readIfExists(paths.cert);
    if (oldChain || caCert || caKey) caReplaced = previousCaFingerprint(oldChain, caCert);
    const ca = await createCA({
      organization: 'duet local CA',
      countryCode: 'ZZ',
      state: 'Local',
      locality: hostname() || 'duet',
      validity: CA_VALIDITY_DAYS,
    });
    caCert = ca.cert;
    caKey = ca.key;
    await writeAtomic(paths.caKey, caKey, 0o600);
    await writeAtomic(paths.ca, caCert, 0o644);
    caCreated = true;
  }

  let cert = await readIfExists(paths.cert);
  let key = await readIfExists(paths.key);
  let issued: string | undefined;
  let uncovered: string[] = [];
  if (!cert || !key) issued = 'no server certificate yet';
  else {
    issued = certProblem(cert, caCert, names);
    if (issued && !issued.includes('could not be read')) uncovered = uncoveredNames(new X509Certificate(cert), names);
  }
  if (issued) {
    const made = await issueServerCert(caCert, caKey, names, cert ? serialOf(cert) : undefined);
    cert = `${made.cert.trim()}\n${caCert.trim()}\n`;
    key = made.key;
    await writeAtomic(paths.key, key, 0o600);
    await writeAtomic(paths.cert, cert, 0o644);
  }
  return { paths, ca: caCert, cert: cert!, key: key!, caCreated, caReplaced, issued, caFingerprint: fingerprint(caCert), names, uncovered };
}
