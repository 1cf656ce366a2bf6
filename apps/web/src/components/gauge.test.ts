/**
 * Session 12 (webpolish), seen on the live view with a head turned past the tracker's range: each dial said "not
 * measurable" twice ("not measurable" and "? not measurable"). It says it once, with its "?" mark; a measured
 * value keeps its words and its zone state.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Gauge } from './Gauge.tsx';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('a dial', () => {
  it('not measurable: said once, with its mark', () => {
    const html = renderToStaticMarkup(createElement(Gauge, { axis: 'rotationDeg', valueDeg: null, zoneDeg: 10 }));
    expect(text(html).match(/not measurable/g)).toHaveLength(1);
    expect(text(html)).toContain('? not measurable');
    expect(html).toContain('aria-label="Turn (rotation): not measurable"');
  });

  it('measured: the angle in words and whether it is inside the zone', () => {
    const t = text(renderToStaticMarkup(createElement(Gauge, { axis: 'rotationDeg', valueDeg: 25, zoneDeg: 10 })));
    expect(t).toMatch(/25°/);
    expect(t).toContain('! outside the zone');
    expect(t).not.toContain('not measurable');
  });

  it('a value that rounds to zero reads 0°, never -0° (seen on the live view after a camera restart)', () => {
    const t = text(renderToStaticMarkup(createElement(Gauge, { axis: 'tiltDeg', valueDeg: -0.3, zoneDeg: 10 })));
    expect(t).toMatch(/(^| )0°/);
    expect(t).not.toMatch(/[-−]0°/);
  });
});
