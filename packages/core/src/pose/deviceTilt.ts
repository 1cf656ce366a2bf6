/**
 * A phone's or tablet's front camera against gravity, from the W3C DeviceOrientation angles.
 *
 * The device frame is x to the right of the screen, y up along the screen, z out of the screen (toward
 * the person, which is where the front camera looks). The orientation angles (alpha about z, beta about
 * x, gamma about y; intrinsic Z-X'-Y'') rotate the earth frame (Z up) onto the device frame, so the
 * screen normal in earth coordinates is Rz(α)·Rx(β)·Ry(γ)·[0,0,1]; its upward component is cos β·cos γ,
 * whatever alpha (compass heading) and whatever the screen orientation (portrait or landscape).
 * ref: W3C DeviceOrientation Event Specification, §4 "Device Orientation" and Annex A (rotation matrix).
 *
 * cameraElevationDeg = asin(cos β · cos γ): 0 = the front camera looks horizontally (device upright),
 * > 0 = it looks up (device leaning back, e.g. propped on a table below the face), < 0 = it looks down.
 */

/** Device readings whose elevation is more than this from horizontal cannot film a seated person's face usefully. */
export const MAX_USEFUL_CAMERA_ELEVATION_DEG = 45;

/** Front-camera elevation above the horizon, deg, from DeviceOrientation beta and gamma (deg); null on bad input. */
export function frontCameraElevationDeg(betaDeg: number | null | undefined, gammaDeg: number | null | undefined): number | null {
  if (typeof betaDeg !== 'number' || typeof gammaDeg !== 'number' || !Number.isFinite(betaDeg) || !Number.isFinite(gammaDeg)) return null;
  const rad = Math.PI / 180;
  const up = Math.cos(betaDeg * rad) * Math.cos(gammaDeg * rad);
  return Math.asin(Math.max(-1, Math.min(1, up))) / rad;
}
