import { beforeEach, describe, expect, it } from 'vitest';
import { NEW_VISIT, VISIT_STEPS, advance, back, loadVisit, saveVisit } from './firstVisit.ts';

class MemoryStorage {
  private m = new Map<string, string>();
  getItem(k: string): string | null {
    return this.m.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.m.set(k, v);
  }
  removeItem(k: string): void {
    this.m.delete(k);
  }
}

describe('first visit progress', () => {
  beforeEach(() => {
    (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
  });
  it('walks the steps, keeps done/skipped marks, closes after the last, and resumes where it was', () => {
    let v = NEW_VISIT;
    v = advance(v, 'done');
    v = advance(v, 'skipped');
    expect(v.step).toBe(2);
    expect(v.marks).toEqual({ language: 'done', camera: 'skipped' });
    saveVisit(v);
    expect(loadVisit()).toEqual(v);
    v = back(v);
    v = advance(v, 'done'); // a skipped step done later counts as done
    expect(v.marks.camera).toBe('done');
    for (let i = v.step; i < VISIT_STEPS.length; i++) v = advance(v, 'done');
    expect(v.closed).toBe(true);
    expect(v.step).toBe(VISIT_STEPS.length - 1);
  });
  it('a damaged stored value starts afresh instead of failing', () => {
    localStorage.setItem('geste.firstVisit', '{not json');
    expect(loadVisit()).toEqual(NEW_VISIT);
    localStorage.setItem('geste.firstVisit', JSON.stringify({ step: 99, marks: null }));
    expect(loadVisit()).toEqual(NEW_VISIT);
  });
});
