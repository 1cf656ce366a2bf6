import { describe, expect, it } from 'vitest';
import { CueScheduler } from './cues.ts';

const cue = (key: string, priority = 1, text = 'Turn a little more.') => ({ key, text, priority });

describe('CueScheduler', () => {
  it('speaks one cue at a time and waits the cooldown after it', () => {
    const s = new CueScheduler({ cooldownMs: 2000, repeatCooldownMs: 0, msPerChar: 0, minSpeakMs: 1000 });
    expect(s.offer(cue('a'), 0)).not.toBeNull();
    expect(s.offer(cue('b'), 500)).toBeNull(); // speaking
    expect(s.offer(cue('c'), 2500)).toBeNull(); // cooldown (1000 + 2000)
    expect(s.poll(2999)).toBeNull();
    expect(s.poll(3000)?.key).toBe('c'); // the pending one, once free
    expect(s.spoken.map((x) => x.cue.key)).toEqual(['a', 'c']);
  });

  it('keeps the highest-priority pending cue', () => {
    const s = new CueScheduler({ cooldownMs: 1000, repeatCooldownMs: 0, minSpeakMs: 500, msPerChar: 0 });
    s.offer(cue('a'), 0);
    s.offer(cue('done', 5), 100);
    s.offer(cue('further', 1), 200);
    expect(s.poll(1500)?.key).toBe('done');
    expect(s.poll(5000)).toBeNull();
  });

  it('does not repeat the same cue within its repeat cooldown', () => {
    const s = new CueScheduler({ cooldownMs: 0, repeatCooldownMs: 8000, minSpeakMs: 100, msPerChar: 0 });
    expect(s.offer(cue('further'), 0)).not.toBeNull();
    expect(s.offer(cue('further'), 1000)).toBeNull();
    expect(s.offer(cue('further'), 7999)).toBeNull();
    expect(s.offer(cue('further'), 8000)).not.toBeNull();
  });

  it('never has two cues overlapping over a long random stream', () => {
    const s = new CueScheduler();
    for (let t = 0; t < 120_000; t += 33) {
      if (t % 99 === 0) s.offer(cue(['a', 'b', 'c', 'd'][(t / 99) % 4] as string, (t / 99) % 3), t);
      s.poll(t);
    }
    const starts = s.spoken.map((x) => x.atMs);
    for (let i = 1; i < starts.length; i++) expect((starts[i] as number) - (starts[i - 1] as number)).toBeGreaterThanOrEqual(1000 + 2500);
    expect(s.spoken.length).toBeGreaterThan(5);
  });

  it('starts the cooldown early when the engine reports the end', () => {
    const s = new CueScheduler({ cooldownMs: 1000, repeatCooldownMs: 0, msPerChar: 100, minSpeakMs: 0 });
    s.offer(cue('a', 1, 'x'.repeat(50)), 0); // estimated 5 s
    s.ended(1200);
    expect(s.busy(2199)).toBe(true);
    expect(s.busy(2200)).toBe(false);
  });

  it('rejects a negative option', () => {
    expect(() => new CueScheduler({ cooldownMs: -1 })).toThrow(/cooldownMs/);
  });
});
