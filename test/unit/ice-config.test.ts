/**
 * ICE_SERVERS: operators add STUN/TURN servers as a JSON array; bad values are
 * refused with a message that names the variable.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config/config.js';

describe('ICE_SERVERS', () => {
  it('defaults to no ICE servers, which is right on a LAN', () => {
    expect(loadConfig({}).iceServers).toEqual([]);
  });

  it('accepts STUN and TURN servers with credentials', () => {
    const value = JSON.stringify([
      { urls: 'stun:stun.example.org:3478' },
      { urls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349'], username: 'duet', credential: 's3cret' },
    ]);
    expect(loadConfig({ ICE_SERVERS: value }).iceServers).toEqual([
      { urls: 'stun:stun.example.org:3478' },
      { urls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349'], username: 'duet', credential: 's3cret' },
    ]);
  });

  it.each([
    ['not JSON', '{urls: stun:x}', /ICE_SERVERS.*not JSON/],
    ['not an array', '{"urls":"stun:x"}', /ICE_SERVERS.*not an array/],
    ['an entry that is not an object', '["stun:x"]', /ICE_SERVERS.*entry 0 is not an object/],
    ['a URL that is not STUN or TURN', '[{"urls":"http://example.org"}]', /ICE_SERVERS.*entry 0 has bad urls/],
    ['an empty URL list', '[{"urls":[]}]', /ICE_SERVERS.*entry 0 has bad urls/],
    ['a TURN server without credentials', '[{"urls":"turn:t.example.org"}]', /ICE_SERVERS.*TURN server without username/],
    ['an unknown field', '[{"urls":"stun:x","password":"p"}]', /ICE_SERVERS.*unknown field "password"/],
  ])('refuses %s', (_label, value, message) => {
    expect(() => loadConfig({ ICE_SERVERS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ICE_SERVERS: value })).toThrow(message);
  });
});
