/**
 * The local CA in the forms devices install: PEM, DER (Android, Windows) and an
 * iOS/macOS configuration profile with the CA as a root-certificate payload.
 * Pure functions of the CA's PEM text.
 */
import { X509Certificate, createHash } from 'node:crypto';

export const CA_CONTENT_TYPES = Object.freeze({
  pem: 'application/x-pem-file',
  der: 'application/x-x509-ca-cert',
  mobileconfig: 'application/x-apple-aspen-config',
});

/** The CA certificate in binary DER form. */
export function caDer(caPem: string): Buffer {
  return new X509Certificate(caPem).raw;
}

/** A stable UUID (RFC 4122 version 5 layout) derived from the certificate and a label,
 * so the same CA always yields the same profile and a re-install replaces it. */
export function stableUuid(der: Buffer, label: string): string {
  const bytes = createHash('sha256').update(label).update(der).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function xml(text: string): string {
  return text.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Base64 in lines of 52 characters, as Apple's own profiles write `<data>`. */
function wrappedBase64(der: Buffer, indent: string): string {
  return (der.toString('base64').match(/.{1,52}/g) ?? []).map((line) => `${indent}${line}`).join('\n');
}

export interface ProfileOptions {
  /** Shown on the device while installing (default "duet local CA"). */
  displayName?: string;
}

/**
 * An unsigned configuration profile (XML property list) whose one payload is the CA
 * as a `com.apple.security.root` certificate. After installing it, iOS still needs
 * full trust switched on in Settings > General > About > Certificate Trust Settings.
 */
export function caMobileconfig(caPem: string, options: ProfileOptions = {}): string {
  const der = caDer(caPem);
  const name = xml(options.displayName ?? 'duet local CA');
  const id = `local.duet.ca.${createHash('sha256').update(der).digest('hex').slice(0, 16)}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>PayloadContent</key>
  <array>
    <dict>
      <key>PayloadCertificateFileName</key>
      <string>duet-ca.crt</string>
      <key>PayloadContent</key>
      <data>
${wrappedBase64(der, '        ')}
      </data>
      <key>PayloadDescription</key>
      <string>Adds the duet local certificate authority as a trusted root.</string>
      <key>PayloadDisplayName</key>
      <string>${name}</string>
      <key>PayloadIdentifier</key>
      <string>${id}.root</string>
      <key>PayloadType</key>
      <string>com.apple.security.root</string>
      <key>PayloadUUID</key>
      <string>${stableUuid(der, 'root')}</string>
      <key>PayloadVersion</key>
      <integer>1</integer>
    </dict>
  </array>
  <key>PayloadDescription</key>
  <string>Lets this device open duet on your home network over HTTPS without warnings.</string>
  <key>PayloadDisplayName</key>
  <string>${name}</string>
  <key>PayloadIdentifier</key>
  <string>${id}</string>
  <key>PayloadRemovalDisallowed</key>
  <false/>
  <key>PayloadType</key>
  <string>Configuration</string>
  <key>PayloadUUID</key>
  <string>${stableUuid(der, 'profile')}</string>
  <key>PayloadVersion</key>
  <integer>1</integer>
</dict>
</plist>
`;
}
