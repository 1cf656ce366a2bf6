/**
 * Text for the PDF's standard fonts: they encode WinAnsi (CP1252) only, so anything else is mapped
 * to a close ASCII form or '?'. Wrapping by measured width.
 */
import type { PDFFont } from 'pdf-lib';

const EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const MAP: Record<string, string> = { '≥': '>=', '≤': '<=', '−': '-', '→': '->', '←': '<-', '×': 'x', '✓': 'v', '·': '·', '\t': ' ' };

export function winAnsi(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || EXTRA.has(ch)) out += ch;
    else if (ch === '\n' || ch === '\r') out += ' ';
    else out += MAP[ch] ?? '?';
  }
  return out;
}

/** Wraps text already encoded for `font` (see the report's pen). */
export function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line === '' ? w : `${line} ${w}`;
    if (font.widthOfTextAtSize(next, size) <= maxWidth || line === '') line = next;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const fmt = (v: number | null | undefined, digits = 1): string => (v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits));
