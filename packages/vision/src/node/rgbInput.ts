/**
 * RGB bytes → the int32 tensor Human takes, through one reused Int32Array per detector. tfjs converts a
 * Uint8Array to a fresh Int32Array on every call (3.7 MB per 640×480 frame), and that garbage kept V8's
 * collector threads busy (bench/vision-fps.ts, CPU by thread). The WASM backend copies the values into
 * its own heap when the tensor is made, so reusing the array is safe.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { RgbFrame } from '../frames.ts';

export class RgbInput {
  private buf = new Int32Array(0);

  tensor(rgb: RgbFrame): tf.Tensor3D {
    const n = rgb.widthPx * rgb.heightPx * 3;
    if (this.buf.length !== n) this.buf = new Int32Array(n);
    this.buf.set(rgb.data);
    return tf.tensor3d(this.buf, [rgb.heightPx, rgb.widthPx, 3], 'int32');
  }
}
