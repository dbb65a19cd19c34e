import { X509Certificate } from 'node:crypto';
import { parse } from 'plist';
import { describe, expect, it } from 'vitest';
import { CA_CONTENT_TYPES, caDer, caMobileconfig, stableUuid } from '../../src/server/lan/ca-files.js';
import { testTls } from '../support/server.js';

type Dict = Record<string, unknown>;
const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;

function profile(): { top: Dict; payload: Dict } {
  const top = parse(caMobileconfig(testTls().ca)) as Dict;
  const payload = (top.PayloadContent as Dict[])[0]!;
  return { top, payload };
}

describe('the CA as DER (/ca.crt, for Android and Windows)', () => {
  it('is the same certificate as ca.pem, in binary form', () => {
    const { ca } = testTls();
    const der = caDer(ca);
    expect(der[0]).toBe(0x30); // an ASN.1 SEQUENCE, not PEM text
    const parsed = new X509Certificate(der);
    expect(parsed.fingerprint256).toBe(new X509Certificate(ca).fingerprint256);
    expect(parsed.ca).toBe(true);
  });

  it('is served as application/x-x509-ca-cert', () => {
    expect(CA_CONTENT_TYPES.der).toBe('application/x-x509-ca-cert');
    expect(CA_CONTENT_TYPES.mobileconfig).toBe('application/x-apple-aspen-config');
  });
});

describe('the iOS configuration profile (/ca.mobileconfig)', () => {
  it('is a property list of type Configuration holding exactly one root-certificate payload', () => {
    const { top, payload } = profile();
    expect(top.PayloadType).toBe('Configuration');
    expect(top.PayloadVersion).toBe(1);
    expect(top.PayloadContent).toHaveLength(1);
    expect(payload.PayloadType).toBe('com.apple.security.root');
    expect(payload.PayloadVersion).toBe(1);
  });

  it('carries the CA certificate itself as DER data', () => {
    const { payload } = profile();
    const data = payload.PayloadContent;
    expect(data).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(data as Uint8Array).equals(caDer(testTls().ca))).toBe(true);
  });

  it('has distinct, well-formed UUIDs and identifiers that stay the same for the same CA', () => {
    const first = profile();
    const again = profile();
    expect(first.top.PayloadUUID).toMatch(UUID);
    expect(first.payload.PayloadUUID).toMatch(UUID);
    expect(first.top.PayloadUUID).not.toBe(first.payload.PayloadUUID);
    expect(again.top.PayloadUUID).toBe(first.top.PayloadUUID);
    expect(String(first.payload.PayloadIdentifier).startsWith(String(first.top.PayloadIdentifier))).toBe(true);
    expect(first.payload.PayloadIdentifier).not.toBe(first.top.PayloadIdentifier);
  });

  it('gives a different CA different UUIDs', () => {
    const der = caDer(testTls().ca);
    const other = Buffer.from(der);
    other[other.length - 1] = other.at(-1)! ^ 0xff;
    expect(stableUuid(other, 'profile')).not.toBe(stableUuid(der, 'profile'));
  });

  it('escapes a display name so the property list stays valid', () => {
    const top = parse(caMobileconfig(testTls().ca, { displayName: 'Tom & <Jerry>' })) as Dict;
    expect(top.PayloadDisplayName).toBe('Tom & <Jerry>');
  });

  it('is not signed: plain XML a device can read as is', () => {
    expect(caMobileconfig(testTls().ca).startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });
});
