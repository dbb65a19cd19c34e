/**
 * Readiness as a pure module: draining at shutdown and registered checks decide it.
 */
import { describe, expect, it } from 'vitest';
import { createHealth } from '../../src/server/health/health.js';

describe('readiness', () => {
  it('is ready with no checks and while every check passes', () => {
    const health = createHealth(() => false);
    expect(health.failing()).toEqual([]);
    health.addReadinessCheck('redis', () => true);
    expect(health.failing()).toEqual([]);
  });

  it('names the checks that fail, and a check that throws fails', () => {
    let up = false;
    const health = createHealth(() => false);
    health.addReadinessCheck('redis', () => up);
    health.addReadinessCheck('broken', () => {
      throw new Error('boom');
    });
    expect(health.failing()).toEqual(['redis', 'broken']);
    up = true;
    expect(health.failing()).toEqual(['broken']);
  });

  it('is not ready while draining, whatever the checks say', () => {
    let draining = false;
    const health = createHealth(() => draining);
    health.addReadinessCheck('redis', () => true);
    draining = true;
    expect(health.failing()).toEqual(['draining']);
  });

  it('refuses a repeated, reserved or unsafe check name', () => {
    const health = createHealth(() => false);
    health.addReadinessCheck('redis', () => true);
    expect(() => health.addReadinessCheck('redis', () => true)).toThrow(/already registered/);
    expect(() => health.addReadinessCheck('draining', () => true)).toThrow(/names are/);
    expect(() => health.addReadinessCheck('<b>', () => true)).toThrow(/names are/);
    expect(() => health.addReadinessCheck('', () => true)).toThrow(/names are/);
  });
});
