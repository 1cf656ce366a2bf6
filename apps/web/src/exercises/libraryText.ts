/**
 * The exercise library's words in the person's language. Core keeps the library's English (it is the
 * data the schema checks and the CLI prints); the web app adds a Spanish table keyed by exercise id.
 * `libraryText.test.ts` checks that every exercise in core has a complete Spanish entry (same number of
 * steps, every cue) and that the table has no entry for an exercise core does not have.
 */
import type { Exercise, Trick } from '@geste/core';
import { translate, type Lang } from '../i18n/i18n.tsx';

export interface ExerciseText {
  readonly title: string;
  readonly summary: string;
  readonly steps: readonly string[];
  readonly cues: { readonly start: string; readonly further: string; readonly back: string; readonly done: string };
}

/** The safety line every library entry carries (core library.ts `SAFE`), in Spanish. */
export const SAFETY_ES = 'Un fisioterapeuta puede indicar este ejercicio. Muévase despacio y solo hasta donde le resulte cómodo. Pare si le duele y siga el programa de su profesional.';

export const EXERCISES_ES: Readonly<Record<string, ExerciseText>> = {
  'turn-away-from-pull': {
    title: 'Girar en contra del tirón',
    summary: 'Giros lentos de la cabeza hacia el lado al que su cuello no tira, y vuelta al centro. Mantiene en uso el giro que más le cuesta.',
    steps: [
      'Siéntese erguido, con los dos pies en el suelo y los hombros sueltos.',
      'Gire la barbilla despacio hacia el hombro del lado contrario al tirón.',
      'Pare un momento donde note un estiramiento suave, no dolor.',
      'Vuelva despacio al centro y suelte el aire.',
    ],
    cues: { start: 'Gire despacio en contra del tirón.', further: 'Un poco más, si le resulta cómodo.', back: 'Ahora vuelva al centro.', done: 'Muy bien. Esta serie ha terminado.' },
  },
  'turn-both-sides': {
    title: 'Mirar a la izquierda, mirar a la derecha',
    summary: 'Giros suaves alternos hacia cada lado, pasando cada vez por el centro. Cada giro que llega al objetivo y vuelve cuenta una vez.',
    steps: [
      'Siéntese erguido y mire al frente.',
      'Gire la cabeza hacia un lado hasta donde le resulte fácil, y vuelva al centro.',
      'Gire hacia el otro lado y vuelva al centro.',
      'Haga el movimiento suave y mantenga quietos los hombros.',
    ],
    cues: { start: 'Gire hacia un lado y luego hacia el otro.', further: 'Gire un poco más, con suavidad.', back: 'Vuelva pasando por el centro.', done: 'Bien. Ya puede descansar.' },
  },
  'side-bend-stretch': {
    title: 'Estiramiento con inclinación lateral',
    summary: 'Deje caer la oreja hacia el hombro del lado contrario al tirón y quédese así mientras se alarga el lado del cuello.',
    steps: [
      'Siéntese erguido y deje caer los dos hombros.',
      'Incline la oreja hacia el hombro contrario al tirón, con la nariz mirando al frente.',
      'Quédese así y respire despacio mientras corre el temporizador.',
      'Suba la cabeza al centro antes del siguiente mantenimiento.',
    ],
    cues: { start: 'Incline la oreja en contra del tirón y quédese así.', further: 'Deje caer la oreja un poco más.', back: 'Suba la cabeza despacio al centro.', done: 'Estiramiento terminado. Muy bien.' },
  },
  'upper-shoulder-stretch': {
    title: 'Estiramiento de la parte alta del hombro',
    summary: 'Una inclinación lateral más larga con el hombro contrario abajo, para el músculo que va del cuello a la parte alta del hombro.',
    steps: [
      'Siéntese sobre la mano del lado que estira, o deje colgar ese brazo, para que el hombro quede abajo.',
      'Incline la oreja hacia el otro hombro hasta notar un estiramiento suave.',
      'Mantenga y respire, con la barbilla nivelada.',
      'Vuelva al centro despacio.',
    ],
    cues: { start: 'Hombro abajo, incline la cabeza hacia el otro lado.', further: 'Un poco más de inclinación, solo si es fácil.', back: 'Vuelva al centro, despacio.', done: 'Ese estiramiento ha terminado.' },
  },
  'turn-and-hold': {
    title: 'Girar y mantener',
    summary: 'Gire en contra del tirón y mantenga la posición, para que los músculos de ese lado se acostumbren a trabajar ahí.',
    steps: [
      'Siéntese erguido y mire al frente.',
      'Gire la barbilla hacia el lado contrario al tirón hasta llegar al objetivo marcado.',
      'Mantenga mientras cuenta el temporizador; respire con normalidad.',
      'Vuelva al centro y descanse.',
    ],
    cues: { start: 'Gire en contra del tirón y mantenga.', further: 'Gire un poco más para llegar al objetivo.', back: 'Ahora descanse en el centro.', done: 'Todos los mantenimientos hechos. Muy bien.' },
  },
  'gentle-nod': {
    title: 'Asentir suavemente',
    summary: 'Un gesto de asentir pequeño y lento: la barbilla baja hacia el pecho y vuelve a nivel. Afloja la parte de atrás del cuello.',
    steps: ['Siéntese erguido y mire al frente.', 'Baje la barbilla despacio hacia el pecho.', 'Pare, y vuelva a subirla a nivel.', 'Mantenga los hombros quietos y relajados.'],
    cues: { start: 'Baje la barbilla despacio.', further: 'Un poco más abajo, si es fácil.', back: 'Vuelva a subirla a nivel.', done: 'Asentimientos terminados.' },
  },
  'look-up-and-back': {
    title: 'Mirar arriba y volver',
    summary: 'Levante un poco la barbilla como si mirara un estante por encima de los ojos, y vuelva a nivel.',
    steps: ['Siéntese erguido con la espalda apoyada.', 'Levante la barbilla despacio para mirar un poco hacia arriba.', 'Pare un momento, sin echar la cabeza demasiado atrás.', 'Vuelva a mirar al frente.'],
    cues: { start: 'Mire hacia arriba despacio.', further: 'Un poco más arriba, con suavidad.', back: 'Vuelva a nivel.', done: 'Serie terminada.' },
  },
  'side-bend-both': {
    title: 'Oreja al hombro, a los dos lados',
    summary: 'Inclinaciones laterales pequeñas y alternas, la oreja hacia cada hombro, pasando por el centro. Cada lado que llega al objetivo y vuelve cuenta una vez.',
    steps: ['Siéntese erguido con los dos hombros bajos.', 'Incline una oreja hacia su hombro y vuelva a subir.', 'Incline la otra oreja hacia su hombro y vuelva a subir.', 'Mantenga la nariz mirando al frente.'],
    cues: { start: 'Inclínese hacia un lado y luego hacia el otro.', further: 'Un poco más de inclinación.', back: 'Suba al centro.', done: 'Bien, esa es la serie.' },
  },
  'press-into-hand-side': {
    title: 'Empujar contra la mano (giro)',
    summary: 'Un ejercicio de fuerza sin movimiento: la mano se apoya en la mejilla y la cabeza empuja suavemente contra ella sin moverse. La cámara comprueba que la cabeza se queda en el centro.',
    steps: [
      'Siéntese erguido y mire al frente.',
      'Ponga la palma en la mejilla del lado contrario al tirón.',
      'Empuje suavemente la cabeza contra la mano como si empezara a girar, mientras la mano impide el movimiento.',
      'Mantenga, respire, y relájese del todo antes del siguiente empuje.',
    ],
    cues: { start: 'Empuje suavemente contra la mano; la cabeza quieta.', further: 'Mantenga la cabeza en el centro.', back: 'Lleve la cabeza de vuelta al centro.', done: 'Empujes terminados. Relájese.' },
  },
  'press-into-hand-tilt': {
    title: 'Empujar contra la mano (lateral)',
    summary: 'La mano se apoya por encima de la oreja y la cabeza empuja suavemente de lado contra ella sin moverse, para ganar fuerza en ese lado.',
    steps: [
      'Siéntese erguido con los hombros bajos.',
      'Ponga la palma plana por encima de la oreja del lado contrario al tirón.',
      'Empuje suavemente la cabeza de lado contra la mano; la mano impide que se mueva.',
      'Mantenga, respire, y relájese.',
    ],
    cues: { start: 'Empuje suavemente de lado contra la mano.', further: 'Mantenga la cabeza quieta en el centro.', back: 'Lleve la cabeza de vuelta al centro.', done: 'Terminado. Deje descansar el brazo.' },
  },
  'press-forehead': {
    title: 'Empujar con la frente',
    summary: 'La palma se apoya en la frente y la cabeza empuja hacia delante contra ella sin moverse, para los músculos de la parte delantera del cuello.',
    steps: ['Siéntese erguido y mire al frente.', 'Ponga la palma en la frente.', 'Empuje la frente suavemente contra la palma; la cabeza se queda quieta.', 'Mantenga, respire, y relájese.'],
    cues: { start: 'Empuje suavemente contra la palma.', further: 'Mantenga la cabeza quieta.', back: 'Lleve la cabeza de vuelta al centro.', done: 'Empujes hechos. Relaje el brazo.' },
  },
  'tall-middle-hold': {
    title: 'Sentarse erguido en el centro',
    summary: 'Encuentre su posición recta de reposo y quédese en ella. El temporizador solo corre mientras la cabeza está dentro de la zona central.',
    steps: [
      'Siéntese con la espalda apoyada y los pies planos.',
      'Imagine un hilo que tira de la coronilla hacia arriba; deje caer los hombros.',
      'Lleve la cabeza al centro y manténgala ahí mientras corre el temporizador.',
      'Si la cabeza se desvía, vuelva con calma; el temporizador sigue cuando está de vuelta.',
    ],
    cues: { start: 'Siéntese erguido y busque el centro.', further: 'Quédese en el centro.', back: 'Vuelva suavemente al centro.', done: 'Mantenimientos de postura terminados.' },
  },
  'shoulder-roll-breath': {
    title: 'Subir los hombros y soltar',
    summary: 'Suba los hombros hacia las orejas al inspirar y déjelos caer al espirar. Suelta la tensión que añade el estrés.',
    steps: ['Siéntese cómodo con los brazos sueltos.', 'Inspire y suba los dos hombros hacia las orejas.', 'Espire y déjelos caer del todo.', 'Mantenga la cabeza suelta y en el centro.'],
    cues: { start: 'Inspire y suba los hombros.', further: 'Déjelos caer al espirar.', back: 'Mantenga la cabeza suelta en el centro.', done: 'Terminado. Note cómo están sus hombros.' },
  },
  'slow-breathing': {
    title: 'Respiración lenta',
    summary: 'Unos minutos de respiración lenta, con la espiración más larga que la inspiración, para calmar el estrés, que a menudo aumenta el tirón.',
    steps: ['Siéntese o túmbese cómodo y deje descansar las manos.', 'Inspire por la nariz mientras el círculo crece.', 'Espire despacio mientras el círculo se encoge.', 'Si se marea, respire con normalidad y pare.'],
    cues: { start: 'Inspire despacio.', further: 'Y espire, despacio.', back: 'Deje la cabeza descansar suelta.', done: 'Sesión de respiración terminada.' },
  },
};

/** The exercise's words in `lang`; English (core's own text) when there is no entry. */
export function exerciseText(ex: Exercise, lang: Lang): ExerciseText & { readonly safety: string } {
  const es = lang === 'es' ? EXERCISES_ES[ex.id] : undefined;
  if (!es) return { title: ex.title, summary: ex.summary, steps: ex.steps, cues: ex.cues, safety: ex.safety };
  return { ...es, safety: SAFETY_ES };
}

/** A trick in words, e.g. "Light touch on the chin, same side as the pull"; a person's own trick keeps their words. */
export function trickText(t: Trick, lang: Lang): string {
  if (t.name !== undefined && t.name.trim() !== '') return t.name.trim();
  return translate(lang, t.contact === 'touch' ? 'trick.words.touch' : 'trick.words.near', {
    place: translate(lang, `trick.words.place.${t.place}`),
    side: translate(lang, t.side === 'same' ? 'trick.words.same' : 'trick.words.opposite'),
  });
}
