/**
 * Login throttling and bounded password hashing (docs/server.md, "Sign-in limits").
 * Fixed windows counted in memory (one server process); the clock is the app's, so tests need not wait.
 *  - per address and account: `loginRateMax` attempts a window (a person mistyping);
 *  - per address: `loginRateIpMax` attempts a window, whatever the emails (spraying from one address);
 *  - per account: `loginRateAccountMax` *failed* attempts a window from any address (distributed
 *    guessing); successes do not count, so one address cannot lock the owner out;
 *  - globally: `loginRateGlobalMax` attempts a window (a flood from many addresses).
 * The client address is the socket's, or the `X-Forwarded-For` hop a configured trusted proxy
 * reports (`GESTE_TRUST_PROXY`): behind a proxy, without it, everybody would share one address.
 * Password hashing (scrypt, ~100 ms and 128 MiB each) runs at most `hashConcurrency` at a time; at
 * most `hashQueueMax` wait; beyond that a request is refused at once (`rate_limited`), so a burst of
 * logins cannot hold the CPU and memory for a minute.
 */
import { ApiError } from '../errors.ts';

export class WindowCounter {
  private readonly windows = new Map<string, { startMs: number; count: number }>();
  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly now: () => number,
    /** Keys kept at most; the oldest are dropped first (a flood of keys cannot exhaust memory). */
    private readonly maxKeys = 50_000,
  ) {}

  private current(key: string): { startMs: number; count: number } {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || t - w.startMs >= this.windowMs) {
      if (w) this.windows.delete(key);
      w = { startMs: t, count: 0 };
      if (this.windows.size >= this.maxKeys) {
        const oldest = this.windows.keys().next();
        if (!oldest.done) this.windows.delete(oldest.value);
      }
      this.windows.set(key, w);
    }
    return w;
  }
  /** Whether `key` has used up its window (does not count). */
  full(key: string): boolean {
    return this.current(key).count >= this.max;
  }
  add(key: string): void {
    this.current(key).count++;
  }
}

const limited = (what: string) => new ApiError('rate_limited', `Too many sign-in attempts ${what}. Wait a minute and try again.`);

export interface ThrottleLimits {
  readonly loginRateMax: number;
  readonly loginRateIpMax: number;
  readonly loginRateAccountMax: number;
  readonly loginRateGlobalMax: number;
  readonly loginRateWindowMs: number;
}

export class LoginThrottle {
  private readonly pair: WindowCounter;
  private readonly ip: WindowCounter;
  private readonly accountFailures: WindowCounter;
  private readonly global: WindowCounter;
  constructor(l: ThrottleLimits, now: () => number) {
    this.pair = new WindowCounter(l.loginRateMax, l.loginRateWindowMs, now);
    this.ip = new WindowCounter(l.loginRateIpMax, l.loginRateWindowMs, now);
    this.accountFailures = new WindowCounter(l.loginRateAccountMax, l.loginRateWindowMs, now);
    this.global = new WindowCounter(l.loginRateGlobalMax, l.loginRateWindowMs, now);
  }
  /** Counts one attempt from `ip` on `account` (an email, a credential id, or '' for none); throws `rate_limited` when a limit is reached. */
  attempt(ip: string, account: string): void {
    const acct = account.toLowerCase();
    if (this.global.full('*')) throw limited('on this server right now');
    if (this.ip.full(ip)) throw limited('from this address');
    if (acct !== '' && this.pair.full(`${ip}|${acct}`)) throw limited('for this account from this address');
    if (acct !== '' && this.accountFailures.full(acct)) throw limited('for this account');
    this.global.add('*');
    this.ip.add(ip);
    if (acct !== '') this.pair.add(`${ip}|${acct}`);
  }
  failed(account: string): void {
    if (account !== '') this.accountFailures.add(account.toLowerCase());
  }
}

/** A counting semaphore with a bounded queue. */
export class HashGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  /** Most hashes seen running at once (for tests and the benchmark). */
  peak = 0;
  constructor(
    readonly concurrency: number,
    readonly queueMax: number,
  ) {}
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queueMax) {
        throw new ApiError('rate_limited', 'The server is busy checking other sign-ins. Wait a few seconds and try again.');
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running++;
    this.peak = Math.max(this.peak, this.running);
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // hand the slot over: `running` stays the same
      else this.running--;
    }
  }
}
