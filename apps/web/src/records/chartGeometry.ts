/** Pure geometry for the SVG charts: scales and polyline paths (tested without a browser). */
export interface Scale { (v: number): number }
export function linear(d0: number, d1: number, r0: number, r1: number): Scale {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}
/** SVG path "M x y L x y …" through the points, broken at nulls (not measurable / no entry). */
export function pathOf(points: ReadonlyArray<{ x: number; y: number | null }>, sx: Scale, sy: Scale): string {
  let out = '';
  let pen = false;
  for (const p of points) {
    if (p.y === null || !Number.isFinite(p.y)) { pen = false; continue; }
    out += `${pen ? 'L' : 'M'}${sx(p.x).toFixed(1)} ${sy(p.y).toFixed(1)} `;
    pen = true;
  }
  return out.trim();
}
