// ref: OpenBCI documentation, "Ganglion Data Format" and "Cyton Data Format" (docs.openbci.com):
// samples are big-endian ("MSB first") two's-complement integers; Ganglion deltas pack 18 or 19 bits
// MSB first across byte boundaries, with the sign in bit 0 (LSB).

/** Big-endian signed integer of `nBytes` bytes (≤ 4) at `offset`. */
export function readSignedBE(b: Uint8Array, offset: number, nBytes: number): number {
  let v = 0;
  for (let i = 0; i < nBytes; i++) v = v * 256 + (b[offset + i] ?? 0);
  const bits = nBytes * 8;
  return v >= 2 ** (bits - 1) ? v - 2 ** bits : v;
}

export function writeSignedBE(b: Uint8Array, offset: number, nBytes: number, value: number): void {
  const bits = nBytes * 8;
  let v = value < 0 ? value + 2 ** bits : value;
  for (let i = nBytes - 1; i >= 0; i--) {
    b[offset + i] = v % 256;
    v = Math.floor(v / 256);
  }
}

/** Reads `count` unsigned fields of `width` bits each, MSB first, starting at bit 0 of `b`. */
export function readBitFields(b: Uint8Array, width: number, count: number): number[] {
  const out: number[] = [];
  let bit = 0;
  for (let k = 0; k < count; k++) {
    let v = 0;
    for (let i = 0; i < width; i++, bit++) v = v * 2 + (((b[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1);
    out.push(v);
  }
  return out;
}

/** Writes unsigned fields of `width` bits each, MSB first, from bit 0 of `b`. */
export function writeBitFields(b: Uint8Array, width: number, values: readonly number[]): void {
  let bit = 0;
  for (const value of values) {
    for (let i = width - 1; i >= 0; i--, bit++) {
      const one = Math.floor(value / 2 ** i) % 2;
      if (one) b[bit >> 3] = (b[bit >> 3] ?? 0) | (1 << (7 - (bit & 7)));
      else b[bit >> 3] = (b[bit >> 3] ?? 0) & ~(1 << (7 - (bit & 7)));
    }
  }
}
