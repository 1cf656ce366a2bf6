/**
 * What a new password must be: 12 to 256 characters (the route's schema), not a commonly used
 * password, not one character or a short pattern repeated. The list of common passwords is the one
 * shipped in the npm package `@zxcvbn-ts/language-common` (49 233 passwords from public breach
 * corpora, lower case); nothing is looked up over the network.
 * // ref: NIST SP 800-63B §5.1.1.2 (compare against commonly used and compromised passwords)
 */
import { dictionary } from '@zxcvbn-ts/language-common';

const COMMON = new Set<string>((dictionary as Record<string, readonly string[]>)['passwords-common'] ?? []);
if (COMMON.size < 10_000) throw new Error('The common-password list from @zxcvbn-ts/language-common is missing or truncated.');

/** At least this many different characters. */
export const MIN_DISTINCT_CHARS = 5;

/** Why `password` is refused, in words for the person, or null when it is acceptable. */
export function weakPasswordReason(password: string): string | null {
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'it is on a list of commonly used passwords';
  // A common password with digits or punctuation stuck on ("password2024!") is still a common password.
  const stem = lower.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  if (stem.length >= 4 && stem !== lower && COMMON.has(stem)) return `it is a commonly used password ("${stem}") with characters added`;
  if (new Set(password).size < MIN_DISTINCT_CHARS) return `it uses fewer than ${MIN_DISTINCT_CHARS} different characters`;
  // A short block repeated: "abcabcabcabc", "12121212…".
  for (let n = 1; n <= 4; n++) if (password.length % n === 0 && password.slice(0, n).repeat(password.length / n) === password) return 'it is a short pattern repeated';
  return null;
}

export const commonPasswordCount = (): number => COMMON.size;
