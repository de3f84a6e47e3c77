import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('the response cache settings', () => {
  it('leaves the response cache off with a 32 MiB bound when nothing is set', () => {
    const config = loadConfig({});
    expect(config.RESPONSE_CACHE).toBe(false);
    expect(config.RESPONSE_CACHE_MB).toBe(32);
  });

  it('reads RESPONSE_CACHE as on or off (or true and false, like the other switches)', () => {
    expect(loadConfig({ RESPONSE_CACHE: 'on' }).RESPONSE_CACHE).toBe(true);
    expect(loadConfig({ RESPONSE_CACHE: 'true' }).RESPONSE_CACHE).toBe(true);
    expect(loadConfig({ RESPONSE_CACHE: 'off' }).RESPONSE_CACHE).toBe(false);
  });

  it('refuses a RESPONSE_CACHE that is not a switch and a RESPONSE_CACHE_MB below 1, naming the variable', () => {
    expect(() => loadConfig({ RESPONSE_CACHE: 'sometimes' })).toThrow(/RESPONSE_CACHE:/);
    expect(() => loadConfig({ RESPONSE_CACHE_MB: '0' })).toThrow(/RESPONSE_CACHE_MB:/);
  });
});
