import { describe, expect, it } from 'vitest';
import { clientKey } from '../../src/server/limits/client-address.js';

describe('the key per-address limits count by', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(clientKey('127.0.0.5')).toBe('127.0.0.5');
    expect(clientKey('203.0.113.9')).toBe('203.0.113.9');
  });

  it('counts an IPv4-mapped IPv6 address as its IPv4 address', () => {
    expect(clientKey('::ffff:127.0.0.5')).toBe('127.0.0.5');
    expect(clientKey('::FFFF:203.0.113.9')).toBe('203.0.113.9');
  });

  it('groups every IPv6 address of one /64 under one key', () => {
    const keys = ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::9', '2001:0db8:0001:0002:ffff:ffff:ffff:ffff', '2001:DB8:1:2:a::1'].map(clientKey);
    expect(new Set(keys)).toEqual(new Set(['2001:db8:1:2::/64']));
  });

  it('tells neighbouring /64 networks apart', () => {
    expect(clientKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(clientKey('2001:db8:1:2::1')).not.toBe(clientKey('2001:db8:1:3::1'));
  });

  it('drops a zone index and reads loopback and link-local like any other address', () => {
    expect(clientKey('::1')).toBe('::/64');
    expect(clientKey('fe80::1%eth0')).toBe('fe80::/64');
  });

  it('keeps what is not an address, and names a missing one', () => {
    expect(clientKey(undefined)).toBe('unknown');
    expect(clientKey('not an address')).toBe('not an address');
  });
});
