/**
 * The Geste exercise library: text written for this project (not copied from any leaflet), the camera
 * targets for each exercise, and avatar keyframes. These are the kinds of exercises a physiotherapist may
 * give for cervical dystonia — stretches and strengthening for the neck and shoulders, range-of-motion work
 * toward the side opposite the pull, posture holds and breathing/relaxation — and Geste only guides and
 * counts them. Nothing here is a prescription. Every entry is checked by `library.test.ts` (parity).
 *
 * Avatar keyframes show a direction 'away-from-pull' toward the person's LEFT (negative angle) only as an
 * example; the session screen mirrors it to the person's own side.
 */
import { exerciseSchema, EXERCISE_SAFETY_LINE, type AvatarKeyframe, type Exercise, type ExerciseInput } from './schema.ts';

const SAFE = `A physiotherapist may give this exercise. Move slowly and only as far as is comfortable. ${EXERCISE_SAFETY_LINE}`;

type K = Partial<AvatarKeyframe> & { atMs: number };
const k = (x: K): AvatarKeyframe => ({ rotationDeg: 0, tiltDeg: 0, flexionDeg: 0, shoulderLift: 0, hand: 'none', handSide: 'right', breath: 0.5, ...x });

/** out-and-back loop on one axis: rest, out to `peakDeg`, pause, back. */
function outAndBack(axis: 'rotationDeg' | 'tiltDeg' | 'flexionDeg', peakDeg: number, pauseMs = 800, extra: Partial<AvatarKeyframe> = {}): AvatarKeyframe[] {
  return [
    k({ atMs: 0, ...extra }),
    k({ atMs: 1500, [axis]: peakDeg, ...extra }),
    k({ atMs: 1500 + pauseMs, [axis]: peakDeg, ...extra }),
    k({ atMs: 3000 + pauseMs, ...extra }),
    k({ atMs: 3800 + pauseMs, ...extra }),
  ];
}

const RAW: ExerciseInput[] = [
  {
    id: 'turn-away-from-pull',
    title: 'Turn away from the pull',
    category: 'range-of-motion',
    summary: 'Slow turns of the head toward the side your neck does not pull to, then back to the middle. It keeps the turn you find hardest in use.',
    steps: [
      'Sit tall with both feet on the floor and your shoulders loose.',
      'Turn your chin slowly toward the shoulder on the side opposite the pull.',
      'Pause for a moment where it feels a gentle stretch, not pain.',
      'Come back slowly to the middle and breathe out.',
    ],
    cues: { start: 'Turn slowly away from the pull.', further: 'A little further, if it is comfortable.', back: 'Now come back to the middle.', done: 'Well done. That set is finished.' },
    safety: SAFE,
    tracking: { kind: 'reps', axis: 'rotationDeg', direction: 'away-from-pull', targetDeg: 30, returnDeg: 8, dwellMs: 500, reps: 8, restMs: 3000 },
    avatar: outAndBack('rotationDeg', -34),
  },
  {
    id: 'turn-both-sides',
    title: 'Look left, look right',
    category: 'range-of-motion',
    summary: 'Alternate easy turns to each side, passing through the middle each time. Each turn that reaches the target and comes back counts once.',
    steps: [
      'Sit tall and look straight ahead.',
      'Turn your head to one side as far as is easy, then back to the middle.',
      'Turn to the other side, then back to the middle.',
      'Keep the movement smooth and your shoulders still.',
    ],
    cues: { start: 'Turn to one side, then the other.', further: 'Turn a little more, gently.', back: 'Back through the middle.', done: 'Good. You can rest now.' },
    safety: SAFE,
    tracking: { kind: 'reps', axis: 'rotationDeg', direction: 'both', targetDeg: 25, returnDeg: 8, dwellMs: 300, reps: 10, restMs: 2000 },
    avatar: [k({ atMs: 0 }), k({ atMs: 1400, rotationDeg: 29 }), k({ atMs: 2000, rotationDeg: 29 }), k({ atMs: 3400 }), k({ atMs: 4800, rotationDeg: -29 }), k({ atMs: 5400, rotationDeg: -29 }), k({ atMs: 6800 })],
  },
  {
    id: 'side-bend-stretch',
    title: 'Side-bend stretch',
    category: 'stretch',
    summary: 'Let the ear drop toward the shoulder on the side opposite the pull and stay there while the side of the neck lengthens.',
    steps: [
      'Sit tall and let both shoulders drop.',
      'Tip your ear toward the shoulder opposite the pull; keep your nose facing forward.',
      'Stay there and breathe slowly while the timer runs.',
      'Lift your head back to the middle before the next hold.',
    ],
    cues: { start: 'Tip your ear away from the pull and stay there.', further: 'Let the ear drop a little more.', back: 'Slowly bring your head up to the middle.', done: 'Stretch finished. Well done.' },
    safety: SAFE,
    tracking: { kind: 'hold', posture: 'target', axis: 'tiltDeg', direction: 'away-from-pull', targetDeg: 15, toleranceDeg: 4, holdMs: 20_000, reps: 3, restMs: 10_000 },
    avatar: [k({ atMs: 0 }), k({ atMs: 1800, tiltDeg: -19 }), k({ atMs: 5000, tiltDeg: -19 }), k({ atMs: 6800 }), k({ atMs: 7600 })],
  },
  {
    id: 'upper-shoulder-stretch',
    title: 'Upper shoulder stretch',
    category: 'stretch',
    summary: 'A longer side-bend with the opposite shoulder held low, for the muscle that runs from the neck to the top of the shoulder.',
    steps: [
      'Sit on your hand on the side you are stretching, or let that arm hang, so the shoulder stays down.',
      'Tip your ear toward the other shoulder until you feel a mild stretch.',
      'Hold and breathe; keep the chin level.',
      'Come back to the middle slowly.',
    ],
    cues: { start: 'Shoulder down, tip your head away.', further: 'A little more tip, only if it is easy.', back: 'Back to the middle, slowly.', done: 'That stretch is done.' },
    safety: SAFE,
    tracking: { kind: 'hold', posture: 'target', axis: 'tiltDeg', direction: 'away-from-pull', targetDeg: 18, toleranceDeg: 5, holdMs: 30_000, reps: 2, restMs: 15_000 },
    avatar: [k({ atMs: 0 }), k({ atMs: 2000, tiltDeg: -22 }), k({ atMs: 6000, tiltDeg: -22 }), k({ atMs: 8000 }), k({ atMs: 8800 })],
  },
  {
    id: 'turn-and-hold',
    title: 'Turn and hold',
    category: 'range-of-motion',
    summary: 'Turn away from the pull and hold the position, so the muscles on that side get used to working there.',
    steps: [
      'Sit tall and look straight ahead.',
      'Turn your chin toward the side opposite the pull until you reach the marked target.',
      'Hold while the timer counts; breathe normally.',
      'Turn back to the middle and rest.',
    ],
    cues: { start: 'Turn away from the pull and hold.', further: 'Turn a little more to reach the target.', back: 'Now rest in the middle.', done: 'All holds done. Well done.' },
    safety: SAFE,
    tracking: { kind: 'hold', posture: 'target', axis: 'rotationDeg', direction: 'away-from-pull', targetDeg: 25, toleranceDeg: 5, holdMs: 10_000, reps: 4, restMs: 8000 },
    avatar: [k({ atMs: 0 }), k({ atMs: 1600, rotationDeg: -29 }), k({ atMs: 4600, rotationDeg: -29 }), k({ atMs: 6200 }), k({ atMs: 7000 })],
  },
  {
    id: 'gentle-nod',
    title: 'Gentle nod',
    category: 'range-of-motion',
    summary: 'A small, slow nod: chin down toward the chest and back up to level. It loosens the back of the neck.',
    steps: ['Sit tall and look straight ahead.', 'Lower your chin slowly toward your chest.', 'Pause, then lift back to level.', 'Keep your shoulders still and relaxed.'],
    cues: { start: 'Slowly lower your chin.', further: 'A little lower, if it is easy.', back: 'Lift back to level.', done: 'Nods finished.' },
    safety: SAFE,
    tracking: { kind: 'reps', axis: 'flexionDeg', direction: 'positive', targetDeg: 15, returnDeg: 5, dwellMs: 300, reps: 10, restMs: 2000 },
    avatar: outAndBack('flexionDeg', 19),
  },
  {
    id: 'look-up-and-back',
    title: 'Look up and back',
    category: 'range-of-motion',
    summary: 'Lift the chin a little as if looking at a shelf above eye level, then come back to level.',
    steps: ['Sit tall with your back supported.', 'Lift your chin slowly to look a little upward.', 'Pause briefly, without tipping too far back.', 'Return to looking straight ahead.'],
    cues: { start: 'Look up slowly.', further: 'A little higher, gently.', back: 'Back to level.', done: 'Set finished.' },
    safety: SAFE,
    tracking: { kind: 'reps', axis: 'flexionDeg', direction: 'negative', targetDeg: 12, returnDeg: 4, dwellMs: 300, reps: 8, restMs: 2000 },
    avatar: outAndBack('flexionDeg', -16),
  },
  {
    id: 'side-bend-both',
    title: 'Ear to shoulder, both sides',
    category: 'range-of-motion',
    summary: 'Alternate small side-bends, ear toward each shoulder, passing through the middle. Each side that reaches the target and comes back counts once.',
    steps: ['Sit tall with both shoulders low.', 'Tip one ear toward its shoulder, then come back up.', 'Tip the other ear toward its shoulder, then come back up.', 'Keep your nose pointing forward.'],
    cues: { start: 'Tip to one side, then the other.', further: 'A little more tip.', back: 'Up to the middle.', done: 'Good, that is the set.' },
    safety: SAFE,
    tracking: { kind: 'reps', axis: 'tiltDeg', direction: 'both', targetDeg: 12, returnDeg: 4, dwellMs: 300, reps: 10, restMs: 2000 },
    avatar: [k({ atMs: 0 }), k({ atMs: 1400, tiltDeg: 16 }), k({ atMs: 2000, tiltDeg: 16 }), k({ atMs: 3400 }), k({ atMs: 4800, tiltDeg: -16 }), k({ atMs: 5400, tiltDeg: -16 }), k({ atMs: 6800 })],
  },
  {
    id: 'press-into-hand-side',
    title: 'Press into your hand (turn)',
    category: 'strengthen',
    summary: 'A still-strength exercise: the hand rests on the cheek and the head presses gently into it without moving. The camera checks that the head stays in the middle.',
    steps: [
      'Sit tall and look straight ahead.',
      'Place your palm on the cheek on the side opposite the pull.',
      'Press your head gently into your hand as if starting to turn, while the hand stops any movement.',
      'Hold, breathe, then relax fully before the next press.',
    ],
    cues: { start: 'Press gently into your hand; keep the head still.', further: 'Keep the head in the middle.', back: 'Bring the head back to the middle.', done: 'Presses finished. Relax.' },
    safety: SAFE,
    tracking: { kind: 'hold', posture: 'neutral', axis: 'rotationDeg', direction: 'both', targetDeg: 0, toleranceDeg: 6, holdMs: 6000, reps: 5, restMs: 8000 },
    avatar: [k({ atMs: 0, hand: 'cheek', handSide: 'left' }), k({ atMs: 1500, rotationDeg: -2, hand: 'cheek', handSide: 'left' }), k({ atMs: 4500, rotationDeg: -2, hand: 'cheek', handSide: 'left' }), k({ atMs: 6000, hand: 'cheek', handSide: 'left' })],
  },
  {
    id: 'press-into-hand-tilt',
    title: 'Press into your hand (side)',
    category: 'strengthen',
    summary: 'The hand rests above the ear and the head pushes gently sideways into it without moving, to build strength on that side.',
    steps: [
      'Sit tall with your shoulders low.',
      'Place your palm flat above the ear on the side opposite the pull.',
      'Push your head gently sideways into the hand; the hand keeps it from moving.',
      'Hold, breathe, then relax.',
    ],
    cues: { start: 'Push gently sideways into your hand.', further: 'Keep the head still in the middle.', back: 'Bring the head back to the middle.', done: 'Finished. Let the arm rest.' },
    safety: SAFE,
    tracking: { kind: 'hold', posture: 'neutral', axis: 'tiltDeg', direction: 'both', targetDeg: 0, toleranceDeg: 6, holdMs: 6000, reps: 5, restMs: 8000 },
    avatar: [k({ atMs: 0, hand: 'side-of-head', handSide: 'left' }), k({ atMs: 1500, tiltDeg: -2, hand: 'side-of-head', handSide: 'left' }), k({ atMs: 4500, tiltDeg: -2, hand: 'side-of-head', handSide: 'left' }), k({ atMs: 6000, hand: 'side-of-head', handSide: 'left' })],
  },
  {
    id: 'press-forehead',
    title: 'Forehead press',
    category: 'strengthen',
    summary: 'The palm rests on the forehead and the head presses forward into it without moving, for the muscles at the front of the neck.',
    steps: ['Sit tall and look straight ahead.', 'Place your palm on your forehead.', 'Press your forehead gently into the palm; the head stays still.', 'Hold, breathe, then relax.'],
    cues: { start: 'Press gently into your palm.', further: 'Keep your head still.', back: 'Bring the head back to the middle.', done: 'Presses done. Relax your arm.' },
    safety: SAFE,
    tracking: { kind: 'hold', posture: 'neutral', axis: 'flexionDeg', direction: 'both', targetDeg: 0, toleranceDeg: 6, holdMs: 6000, reps: 5, restMs: 8000 },
    avatar: [k({ atMs: 0, hand: 'forehead' }), k({ atMs: 1500, flexionDeg: 2, hand: 'forehead' }), k({ atMs: 4500, flexionDeg: 2, hand: 'forehead' }), k({ atMs: 6000, hand: 'forehead' })],
  },
  {
    id: 'tall-middle-hold',
    title: 'Sit tall in the middle',
    category: 'posture',
    summary: 'Find your straight, resting position and stay there. The timer runs only while your head is inside the middle zone.',
    steps: [
      'Sit with your back supported and your feet flat.',
      'Imagine a thread lifting the top of your head; let the shoulders drop.',
      'Bring your head to the middle and keep it there while the timer runs.',
      'If the head drifts, come back calmly; the timer continues when you are back.',
    ],
    cues: { start: 'Sit tall and find the middle.', further: 'Stay in the middle.', back: 'Come back gently to the middle.', done: 'Posture holds finished.' },
    safety: SAFE,
    tracking: { kind: 'hold', posture: 'neutral', axis: 'rotationDeg', direction: 'both', targetDeg: 0, toleranceDeg: 8, holdMs: 30_000, reps: 3, restMs: 15_000 },
    avatar: [k({ atMs: 0, rotationDeg: 3 }), k({ atMs: 2000, rotationDeg: 0 }), k({ atMs: 5000, rotationDeg: 0 }), k({ atMs: 6000, rotationDeg: 3 })],
  },
  {
    id: 'shoulder-roll-breath',
    title: 'Shoulder lift and let go',
    category: 'relaxation',
    summary: 'Lift the shoulders toward the ears as you breathe in, and let them drop as you breathe out. It releases tension that stress adds.',
    steps: ['Sit comfortably with your arms loose.', 'Breathe in and lift both shoulders toward your ears.', 'Breathe out and let them drop completely.', 'Keep the head easy and in the middle.'],
    cues: { start: 'Breathe in and lift the shoulders.', further: 'Let them drop as you breathe out.', back: 'Keep your head easy in the middle.', done: 'Finished. Notice how your shoulders feel.' },
    safety: SAFE,
    tracking: { kind: 'paced', inhaleMs: 3000, holdBreathMs: 1000, exhaleMs: 4000, cycles: 6 },
    avatar: [k({ atMs: 0, breath: 0, shoulderLift: 0 }), k({ atMs: 3000, breath: 1, shoulderLift: 1 }), k({ atMs: 4000, breath: 1, shoulderLift: 1 }), k({ atMs: 8000, breath: 0, shoulderLift: 0 })],
  },
  {
    id: 'slow-breathing',
    title: 'Slow breathing',
    category: 'relaxation',
    summary: 'A few minutes of slow breathing with a longer breath out than in, to settle stress, which often makes the pull stronger.',
    steps: ['Sit or lie comfortably and let your hands rest.', 'Breathe in through the nose while the circle grows.', 'Breathe out slowly while the circle shrinks.', 'If you feel light-headed, breathe normally and stop.'],
    cues: { start: 'Breathe in slowly.', further: 'And breathe out, slowly.', back: 'Let your head rest easy.', done: 'Breathing session finished.' },
    safety: SAFE,
    tracking: { kind: 'paced', inhaleMs: 4000, holdBreathMs: 0, exhaleMs: 6000, cycles: 10 },
    avatar: [k({ atMs: 0, breath: 0 }), k({ atMs: 4000, breath: 1 }), k({ atMs: 10_000, breath: 0 })],
  },
];

/** The validated library. Parsing at load time turns a typo in the data into an immediate, named error. */
export const EXERCISES: readonly Exercise[] = RAW.map((x) => exerciseSchema.parse(x));

export function findExercise(id: string): Exercise | undefined {
  return EXERCISES.find((e) => e.id === id);
}
