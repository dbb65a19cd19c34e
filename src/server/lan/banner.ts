/**
 * What duet prints on start: the links to open, a QR code of the first LAN link,
 * the CA downloads and fingerprint, and what happened to the certificates.
 * Pure: returns text for main.ts to print.
 */
import QRCode from 'qrcode';
import type { CertResult } from './certs.js';

/** One or two sentences on the CA and server certificate, for the start-up log. */
export function certificateNotice(certs: Pick<CertResult, 'caCreated' | 'issued' | 'uncovered' | 'names' | 'paths'>): string[] {
  const lines: string[] = [];
  if (certs.caCreated) {
    lines.push(`Created a new local CA in ${certs.paths.ca}: trust it once on each device (open /setup).`);
  }
  if (certs.issued && !certs.caCreated) {
    const why = certs.uncovered.length > 0 ? `this machine's addresses changed (now also ${certs.uncovered.join(', ')})` : certs.issued;
    lines.push(`Re-issued the server certificate from the same CA because ${why}.`);
    lines.push('Devices that already trust the CA keep working without doing anything.');
  } else if (certs.issued) {
    lines.push('Issued a server certificate from the new CA.');
  } else {
    lines.push("The server certificate is current (same CA, covers this machine's addresses).");
  }
  lines.push(`It covers: ${certs.names.join(', ')}`);
  return lines;
}

/**
 * The loud warning when a new CA replaced one that devices may trust: what happened,
 * what every device must do, and both fingerprints. Empty when nothing was replaced.
 */
export function caReplacedWarning(certs: Pick<CertResult, 'caReplaced' | 'caFingerprint' | 'paths'>): string[] {
  if (certs.caReplaced === undefined) return [];
  const bar = '!'.repeat(72);
  return [
    bar,
    `WARNING: duet created a NEW local CA in ${certs.paths.ca}, but this folder held certificates from an earlier CA`,
    '(ca.pem or ca-key.pem was lost, moved or deleted; CERTS_DIR may point at the wrong folder).',
    'Every phone and computer that trusted the old CA now gets a certificate warning: trust the NEW CA on',
    'each of them again (open /setup) and remove the old one. If you still have the old ca.pem and ca-key.pem,',
    'stop duet, put them back in CERTS_DIR and delete cert.pem and key.pem instead.',
    `Old CA fingerprint (SHA-256): ${certs.caReplaced}`,
    `New CA fingerprint (SHA-256): ${certs.caFingerprint}`,
    bar,
  ];
}

/** A QR code of `text` drawn with Unicode half blocks, two modules per character row. */
export function terminalQr(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'utf8', errorCorrectionLevel: 'M', margin: 2 });
}

export interface BannerInput {
  /** Links for this machine itself (localhost or the bound address). */
  localUrl: string;
  /** Links for other LAN devices, best first. */
  lanUrls: string[];
  /** Plain-HTTP helper base for each LAN host (undefined when HTTP_PORT=0). */
  helperUrl: string | undefined;
  caPath: string;
  caFingerprint: string;
  /** The HOST setting when it is a loopback name or address: only this machine can open duet. */
  loopbackHost?: string;
  /** ACCESS_CODE is set: every page and client must give it. */
  accessCode?: boolean;
  /** DIRECTORY: false when DIRECTORY=off (no list of who is online). */
  directory?: boolean;
}

/** The settings that change what a visitor meets, one line each; none by default. */
function activeSettings(input: BannerInput): string[] {
  const lines: string[] = [];
  if (input.accessCode === true) lines.push('ACCESS_CODE is set: the room and people pages ask for it before anyone can join or sign in.');
  if (input.directory === false) lines.push('DIRECTORY=off: no one sees who is online; callers type the exact name.');
  return lines;
}

export async function startupBanner(input: BannerInput): Promise<string> {
  const out: string[] = ['', 'duet is running.', `  On this machine:        ${input.localUrl}`];
  if (input.loopbackHost !== undefined) {
    out.push(`  Only this machine can open duet: HOST=${input.loopbackHost} listens on loopback, which other devices cannot reach.`);
    out.push("  To call another device, leave HOST unset (every address) or set it to this machine's LAN address.");
  } else if (input.lanUrls.length === 0) {
    out.push('  No LAN address found: other devices cannot reach this machine (is Wi-Fi connected?).');
  } else {
    out.push('  From other devices on your network (share one of these, not localhost):');
    for (const url of input.lanUrls) out.push(`    ${url}`);
    out.push('', `Scan to open ${input.lanUrls[0]} on a phone:`, await terminalQr(input.lanUrls[0]!));
  }
  out.push(`First time on a device? Trust the local CA once: open ${input.lanUrls[0] ?? input.localUrl}/setup`);
  if (input.helperUrl) {
    out.push(
      `  or download it over plain HTTP: ${input.helperUrl}/ca.mobileconfig (iPhone, iPad, Mac), ${input.helperUrl}/ca.crt (Android, Windows), ${input.helperUrl}/ca.pem`,
    );
  }
  out.push(`Local CA: ${input.caPath}`, `CA fingerprint (SHA-256): ${input.caFingerprint}`, ...activeSettings(input), '');
  return out.join('\n');
}
