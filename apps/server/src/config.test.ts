import { describe, expect, it } from 'vitest';
import { configFromEnv, LOCAL_APP_ORIGINS } from './config.ts';

describe('server configuration from the environment', () => {
  it('out of the box, the app served by `npm start` on this machine may call the server and use passkeys', () => {
    const c = configFromEnv({});
    expect(c.corsOrigins).toEqual([...LOCAL_APP_ORIGINS]);
    expect(c.webauthnOrigins).toContain('http://localhost:5173');
    expect(c.rpId).toBe('localhost');
    expect(c.host).toBe('127.0.0.1');
  });

  it('a configured list replaces the defaults; an empty one allows no cross-origin access', () => {
    expect(configFromEnv({ GESTE_CORS_ORIGINS: 'https://geste.clinic.example' }).corsOrigins).toEqual(['https://geste.clinic.example']);
    expect(configFromEnv({ GESTE_CORS_ORIGINS: '' }).corsOrigins).toEqual([]);
    expect(configFromEnv({ GESTE_WEBAUTHN_ORIGINS: 'https://a.example,https://b.example' }).webauthnOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('no proxy is trusted unless configured; sign-in limits and hashing bounds have safe defaults', () => {
    const c = configFromEnv({});
    expect(c.trustProxy).toEqual([]);
    expect([c.loginRateMax, c.loginRateIpMax, c.loginRateAccountMax, c.loginRateGlobalMax]).toEqual([10, 30, 50, 600]);
    expect([c.hashConcurrency, c.hashQueueMax]).toEqual([2, 16]);
    expect(configFromEnv({ GESTE_TRUST_PROXY: '10.0.0.1, 192.168.0.0/16' }).trustProxy).toEqual(['10.0.0.1', '192.168.0.0/16']);
    expect(configFromEnv({ GESTE_HASH_CONCURRENCY: '0' }).hashConcurrency).toBe(1);
    expect(() => configFromEnv({ GESTE_LOGIN_RATE_IP_MAX: 'many' })).toThrow(/GESTE_LOGIN_RATE_IP_MAX must be a non-negative integer/);
  });
});
