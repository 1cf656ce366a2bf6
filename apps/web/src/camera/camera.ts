/**
 * Camera access: device list, opening a stream, and the closed set of camera errors the UI words.
 * Video stays in this page: the stream goes to a <video> element and the detector, nowhere else.
 */

export const CAMERA_ERROR_CODES = ['permission-denied', 'no-camera', 'camera-in-use', 'unsupported', 'camera-ended', 'unknown'] as const;
export type CameraErrorCode = (typeof CAMERA_ERROR_CODES)[number];

export class CameraError extends Error {
  override readonly name = 'CameraError';
  constructor(
    readonly code: CameraErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Maps a getUserMedia DOMException to a CameraError (what came → which code). */
export function cameraErrorFrom(e: unknown): CameraError {
  if (e instanceof CameraError) return e;
  const name = (e as { name?: string } | null)?.name ?? '';
  const msg = (e as { message?: string } | null)?.message ?? String(e);
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return new CameraError('permission-denied', `Camera permission was refused (${name}: ${msg}).`);
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return new CameraError('no-camera', `No camera was found (${name}: ${msg}).`);
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return new CameraError('camera-in-use', `The camera could not be started (${name}: ${msg}).`);
    case 'TypeError':
      return new CameraError('unsupported', `This browser cannot open a camera here (${msg}).`);
    default:
      return new CameraError('unknown', `The camera failed (${name || 'error'}: ${msg}).`);
  }
}

export interface CameraChoice {
  readonly deviceId: string;
  readonly label: string;
}

export async function listCameras(): Promise<CameraChoice[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((d) => d.kind === 'videoinput')
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
}

export interface OpenCamera {
  readonly stream: MediaStream;
  readonly track: MediaStreamTrack;
  readonly label: string;
  /** Stops the camera. Safe to call twice. */
  close(): void;
}

export const CAMERA_SIZE = { widthPx: 640, heightPx: 480 } as const;

export async function openCamera(deviceId?: string): Promise<OpenCamera> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new CameraError('unsupported', 'This browser has no camera access here (it needs https or localhost).');
  }
  const video: MediaTrackConstraints = { width: { ideal: CAMERA_SIZE.widthPx }, height: { ideal: CAMERA_SIZE.heightPx }, frameRate: { ideal: 30 } };
  if (deviceId) video.deviceId = { exact: deviceId };
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video, audio: false });
  } catch (e) {
    throw cameraErrorFrom(e);
  }
  const track = stream.getVideoTracks()[0];
  if (!track) throw new CameraError('no-camera', 'The camera stream has no video track.');
  let closed = false;
  return {
    stream,
    track,
    label: track.label,
    close() {
      if (closed) return;
      closed = true;
      for (const t of stream.getTracks()) t.stop();
    },
  };
}
