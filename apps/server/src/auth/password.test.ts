import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_LOG2_N, hashPassword, verifyPassword } from './password.ts';

describe('password hashing', () => {
  it('defaults to strong scrypt parameters (N = 2^17, r = 8, p = 1)', async () => {
    expect(DEFAULT_SCRYPT_LOG2_N).toBe(17);
    const h = await hashPassword('correct horse battery staple');
    expect(h).toMatch(/^scrypt\$17\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('correct horse battery staple', h)).toBe(true);
  });

  it('salts, refuses wrong passwords and tampered or malformed hashes', async () => {
    const a = await hashPassword('same password here', 12);
    const b = await hashPassword('same password here', 12);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password here', b)).toBe(true);
    expect(await verifyPassword('same password herE', a)).toBe(false);
    const parts = a.split('$');
    parts[5] = `${(parts[5] ?? '').slice(0, -2)}AA`;
    expect(await verifyPassword('same password here', parts.join('$'))).toBe(false);
    expect(await verifyPassword('x', 'plaintext')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$30$8$1$AA$AA')).toBe(false);
  });
});
