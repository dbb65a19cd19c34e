import { describe, expect, it } from 'vitest';
import { httpsUrl, isCaPath, lanUrls, redirectLocation } from '../../src/server/lan/lan.js';

describe('where the HTTP helper redirects', () => {
  it('sends a path to the same host on the HTTPS port, query kept', () => {
    expect(redirectLocation('192.168.1.20:8080', '/r/kitchen?x=1', 8443)).toBe('https://192.168.1.20:8443/r/kitchen?x=1');
  });

  it('works for a host name without a port', () => {
    expect(redirectLocation('laptop.local', '/', 8443)).toBe('https://laptop.local:8443/');
  });

  it('keeps IPv6 addresses in brackets', () => {
    expect(redirectLocation('[fd00::2]:8080', '/setup', 8443)).toBe('https://[fd00::2]:8443/setup');
  });

  it('leaves the port out when HTTPS is on 443', () => {
    expect(redirectLocation('10.0.0.5', '/a', 443)).toBe('https://10.0.0.5/a');
  });

  it('keeps a path that looks like another host on this host', () => {
    expect(redirectLocation('10.0.0.5:8080', '//evil.example/x', 8443)).toBe('https://10.0.0.5:8443//evil.example/x');
  });

  it.each([undefined, '', 'evil.example/x', 'a b', 'host:port', '[not-ipv6]:80', 'x@evil.example'])('refuses the Host header %j', (host) => {
    expect(redirectLocation(host, '/', 8443)).toBeUndefined();
  });
});

describe('which paths the HTTP helper serves itself', () => {
  it.each(['/ca.pem', '/ca.crt', '/ca.mobileconfig', '/ca.pem?download=1'])('serves %s', (path) => {
    expect(isCaPath(path)).toBe(true);
  });

  it.each(['/', '/setup', '/ca.pem/x', '/ca-key.pem', '/key.pem', '/CA.PEM'])('redirects %s', (path) => {
    expect(isCaPath(path)).toBe(false);
  });
});

describe('the LAN links shown to other devices', () => {
  it('lists every address when listening dual-stack, IPv4 first', () => {
    expect(lanUrls('::', 8443, ['fd00::2', '192.168.1.20', '10.0.0.7'])).toEqual([
      'https://192.168.1.20:8443',
      'https://10.0.0.7:8443',
      'https://[fd00::2]:8443',
    ]);
  });

  it('lists no IPv6 link when listening on IPv4 only', () => {
    expect(lanUrls('0.0.0.0', 8443, ['fd00::2', '192.168.1.20'])).toEqual(['https://192.168.1.20:8443']);
  });

  it('shows only the bound address when bound to one', () => {
    expect(lanUrls('10.0.0.7', 8443, ['192.168.1.20', '10.0.0.7'])).toEqual(['https://10.0.0.7:8443']);
  });

  it('shows nothing when bound to loopback', () => {
    expect(lanUrls('127.0.0.1', 8443, ['192.168.1.20'])).toEqual([]);
  });

  it('writes IPv6 hosts in brackets', () => {
    expect(httpsUrl('fd00::2', 8443)).toBe('https://[fd00::2]:8443');
  });
});
