// The two-axis calibration movement of the klt2 experiment (issue 13, session 11 "klt2"), bench-only (in no phantom
// set): rest 2 s, turn to -28 deg, back, to +28 deg, back, chin down +18 deg, chin up -15 deg, back; each leg 1.2-1.6 s,
// slow enough for a stiff neck. Clinical signs (packages/phantom/src/scripts/motion.ts).
import { keyframes, REST_MS, type MotionScript } from '@geste/phantom';

const R = REST_MS;
const rot = keyframes([[R, 0], [R + 1500, -28], [R + 1800, -28], [R + 3300, 0], [R + 4800, 28], [R + 5100, 28], [R + 6600, 0]]);
const flex = keyframes([[R + 6800, 0], [R + 8000, 18], [R + 8300, 18], [R + 9900, -15], [R + 10200, -15], [R + 11400, 0]]);

export const CALIB_TURN_NOD: MotionScript = {
  name: 'calib-turn-nod', seed: 310, durationMs: 14000, sets: [],
  description: 'rest 2 s; turn −28°, back, +28°, back; chin down +18°, up −15°, back (slow two-axis calibration)',
  events: { jerks: [], tremors: [], holds: [{ kind: 'rest', startMs: 0, endMs: R }], tricks: [] },
  poseAt: (t) => ({ rotationDeg: rot(t), tiltDeg: 0, flexionDeg: flex(t), lateralShiftCm: 0, shoulderElevationDeg: 0, handPhase: 0 }),
};

