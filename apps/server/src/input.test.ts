import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { badTextReason, jsonDepthExceeds, MAX_JSON_DEPTH, parseJsonBody } from './input.ts';

const nest = (n: number): unknown => (n === 0 ? 1 : [nest(n - 1)]);

describe('JSON body parser', () => {
  it('counts depth outside strings only, escaped quotes included', () => {
    expect(jsonDepthExceeds(JSON.stringify(nest(MAX_JSON_DEPTH)), MAX_JSON_DEPTH)).toBe(false);
    expect(jsonDepthExceeds(JSON.stringify(nest(MAX_JSON_DEPTH + 1)), MAX_JSON_DEPTH)).toBe(true);
    expect(jsonDepthExceeds(JSON.stringify({ s: '[[[[{{{{"\\"[[[[' }), 2)).toBe(false);
    expect(jsonDepthExceeds('{"a\\"":[[[1]]]}', 3)).toBe(true);
  });

  it('property: the depth it measures is the real nesting depth', () => {
    const tree: fc.Arbitrary<unknown> = fc.letrec<{ t: unknown }>((tie) => ({
      t: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.array(tie('t'), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 4 }), tie('t'), { maxKeys: 3 })),
    })).t;
    const depth = (v: unknown): number => (typeof v !== 'object' || v === null ? 0 : 1 + Math.max(0, ...Object.values(v as object).map(depth)));
    fc.assert(
      fc.property(tree, (v) => {
        const d = depth(v);
        const text = JSON.stringify(v);
        expect(jsonDepthExceeds(text, d)).toBe(false);
        if (d > 0) expect(jsonDepthExceeds(text, d - 1)).toBe(true);
      }),
    );
  });

  it('refuses NUL and unpaired surrogates in values and keys, takes well-formed text', () => {
    expect(badTextReason('a\u0000')).toMatch(/U\+0000/);
    expect(badTextReason('\ud800x')).toMatch(/surrogate/);
    expect(badTextReason('x\udfff')).toMatch(/surrogate/);
    expect(badTextReason('ok 🙂 é')).toBeNull();
    expect(() => parseJsonBody('{"a":"\\u0000"}')).toThrow(/U\+0000/);
    expect(() => parseJsonBody('{"\\ud800":1}')).toThrow(/surrogate/);
    expect(() => parseJsonBody('{"__proto__":{"x":1}}')).toThrow(/__proto__/);
    expect(() => parseJsonBody('{"constructor":{"prototype":{}}}')).toThrow(/constructor/);
    expect(() => parseJsonBody('{"a":')).toThrow(/could not be parsed/);
    expect(parseJsonBody('{"a":["🙂",{"b":null}]}')).toEqual({ a: ['🙂', { b: null }] });
  });
});
