/**
 * Spanish words of the measure registry (registry.ts): a label for every key, and the two direction
 * words of every signed measure. Clinical Spanish (rotación/tortícolis, inclinación lateral/laterocolis,
 * flexión/anterocolis, extensión/retrocolis). The type makes a missing key a compile error;
 * registry.test.ts checks at run time that every registry key has Spanish words and its directions.
 */
import type { RegistryKey } from './registry.ts';

export interface MeasureWordsEs {
  readonly label: string;
  readonly positive?: string;
  readonly negative?: string;
}

const l = (label: string): MeasureWordsEs => ({ label });

export const MEASURES_ES: Readonly<Record<RegistryKey, MeasureWordsEs>> = {
  // Ítems objetivos de gravedad
  rotation: l('Rotación (tortícolis)'),
  laterocollis: l('Inclinación lateral (laterocolis)'),
  anteroRetrocollis: l('Flexión o extensión (anterocolis o retrocolis)'),
  lateralShift: l('Desplazamiento lateral de la cabeza'),
  sagittalShift: l('Desplazamiento sagital de la cabeza (hacia delante o atrás)'),
  durationFactor: l('Factor de duración (cuenta doble)'),
  sensoryTrick: l('Efecto de los trucos sensitivos'),
  shoulderElevation: l('Elevación del hombro'),
  rangeOfMotion: l('Rango de movimiento'),
  timeHoldingNeutral: l('Tiempo en posición neutra'),
  totalAssessed: l('Total de los ítems evaluados'),
  maxOfAssessed: l('Máximo posible de los ítems evaluados'),
  // Examen guiado
  holdNeutral1S: l('Cabeza recta mantenida, intento 1'),
  holdNeutral2S: l('Cabeza recta mantenida, intento 2'),
  romRotationRightDeg: l('Rotación a la derecha (rango de movimiento)'),
  romRotationLeftDeg: l('Rotación a la izquierda (rango de movimiento)'),
  romTiltRightDeg: l('Inclinación lateral a la derecha (rango de movimiento)'),
  romTiltLeftDeg: l('Inclinación lateral a la izquierda (rango de movimiento)'),
  romFlexionDeg: l('Flexión, barbilla abajo (rango de movimiento)'),
  romExtensionDeg: l('Extensión, barbilla arriba (rango de movimiento)'),
  restTimeInNeutralPct: l('En reposo: tiempo a menos de 10° de la posición neutra'),
  restMeasuredS: l('En reposo: tiempo que se pudo medir'),
  restRotationDeg: { label: 'Postura en reposo: rotación', positive: 'barbilla girada a la derecha', negative: 'barbilla girada a la izquierda' },
  restTiltDeg: { label: 'Postura en reposo: inclinación lateral', positive: 'oreja derecha hacia el hombro derecho', negative: 'oreja izquierda hacia el hombro izquierdo' },
  restFlexionDeg: { label: 'Postura en reposo: flexión o extensión', positive: 'barbilla abajo (flexión)', negative: 'barbilla arriba (extensión)' },
  framesMeasured: l('Fotogramas de vídeo que se pudieron medir'),
  framesTotal: l('Fotogramas de vídeo analizados'),
  lowConfidencePct: l('Fotogramas de vídeo medidos con menos confianza (proporción de fotogramas)'),
  beyondRangeTurnPct: l('Cabeza girada más de lo que la cámara mide con fiabilidad (proporción de fotogramas)'),
  beyondRangeTiltPct: l('Cabeza inclinada (oreja hacia el hombro) más de lo que la cámara mide con fiabilidad (proporción de fotogramas)'),
  beyondRangeChinDownPct: l('Barbilla abajo más de lo que la cámara mide con fiabilidad (proporción de fotogramas)'),
  beyondRangeChinUpPct: l('Barbilla arriba más de lo que la cámara mide con fiabilidad (proporción de fotogramas)'),
  // Entrenamiento
  targetS: l('Duración prevista'),
  durationS: l('Duración'),
  measuredS: l('Tiempo que se pudo medir'),
  notMeasurableS: l('Tiempo que no se pudo medir'),
  inZoneS: l('Tiempo en el objetivo'),
  timeInZonePct: l('Tiempo en el objetivo'),
  longestHoldS: l('Tiempo más largo mantenido'),
  cues: l('Avisos dados'),
  corrections: l('Veces que volvió al objetivo'),
  zoneDeg: l('Anchura de la zona objetivo'),
  // Ejercicios
  target: l('Repeticiones o posturas mantenidas previstas'),
  done: l('Hechas'),
  completionPct: l('Completado'),
  reps: l('Repeticiones contadas por la cámara'),
  manualReps: l('Repeticiones que contó usted'),
  incomplete: l('Repeticiones que no llegaron al objetivo'),
  bestDeg: l('Lo más lejos alcanzado'),
  holdsComplete: l('Posturas mantenidas completas'),
  manualHolds: l('Posturas mantenidas que contó usted'),
  totalHeldS: l('Tiempo mantenido en total'),
  // Resumen de una grabación
  timeInNeutralPct: l('Tiempo a menos de 10° de la posición neutra'),
  jerksPerMin: l('Sacudidas por minuto'),
  jerkPeakVelocityDegPerS: l('Sacudida más rápida'),
  tremorPeakHz: l('Frecuencia del temblor de la cabeza'),
  tremorRmsDeg: l('Amplitud del temblor de la cabeza (RMS)'),
  lateralShiftCm: { label: 'Desplazamiento lateral de la cabeza', positive: 'hacia la derecha', negative: 'hacia la izquierda' },
  shoulderElevationDeg: { label: 'Elevación del hombro (línea de los hombros)', positive: 'hombro derecho más alto', negative: 'hombro izquierdo más alto' },
  // EMG
  'emg.restUv': l('Actividad muscular en reposo'),
  'emg.maxEffortUv': l('Actividad muscular con el esfuerzo máximo'),
  'emg.targetUv': l('Objetivo de actividad muscular'),
  'emg.meanEnvelopeUv': l('Actividad muscular, media'),
  'emg.medianEnvelopeUv': l('Actividad muscular, mediana'),
  'emg.p95EnvelopeUv': l('Actividad muscular, el 5 % más alto'),
  'emg.timeBelowTargetPct': l('Tiempo con el músculo en el objetivo o por debajo'),
  'emg.cueCount': l('Veces que el músculo superó el objetivo'),
  'emg.lostSamples': l('Muestras de EMG perdidas en la transmisión'),
  'emg.lostPct': l('Señal de EMG perdida en la transmisión'),
  'emg.electrodeOffPct': l('Tiempo sin contacto de los electrodos'),
  'emg.samples': l('Muestras de EMG medidas'),
  'emg.channel': l('Canal de EMG entrenado'),
  'emg.level': l('Nivel objetivo de EMG (1 el más fácil – 5)'),
  'emg.interrupted': l('Sesión de EMG interrumpida por una desconexión (1 = sí)'),
  'emg.asymmetryPct': { label: 'Actividad muscular izquierda/derecha (índice −100…100)', positive: 'más en el lado izquierdo del paciente', negative: 'más en el lado derecho del paciente' },
  'emg.cuePipelineLatencyMs': l('Retraso entre la muestra de EMG y el aviso en pantalla'),
  // Referencia anatómica y entrenamiento graduado
  referenceTrunkPct: l('Rotación medida respecto al tronco (proporción de fotogramas; el resto, respecto a la cámara)'),
  tiltReferenceTrunkPct: l('Inclinación lateral medida respecto al tronco (proporción de fotogramas; el resto, respecto a la cámara)'),
  flexionReferenceGravityPct: l('Flexión/extensión medida respecto a la vertical (proporción de fotogramas)'),
  flexionReferenceFaceGeometryPct: l('Flexión/extensión medida con la línea oreja–ojo de la cara (proporción de fotogramas)'),
  flexionReferenceUncertainPct: l('Flexión/extensión con un cero incierto (proporción de fotogramas)'),
  flexionReferenceUncertaintyDeg: l('Flexión/extensión: cuánto puede desviarse su cero (±)'),
  gradedStages: l('Entrenamiento graduado: pasos previstos (de la postura más recta hasta la posición recta)'),
  stagesReached: l('Entrenamiento graduado: pasos alcanzados'),
  trainingStartDeg: l('Entrenamiento graduado: inicio (postura más recta, mayor ángulo respecto a la posición recta)'),
  lastTargetDeg: l('Entrenamiento graduado: último objetivo (mayor ángulo respecto a la posición recta)'),
};

/** Prefix keys (`reductionPct.<trick id>`). */
export const PREFIX_MEASURES_ES: Readonly<Record<string, MeasureWordsEs>> = {
  'reductionPct.': l('Reducción de la desviación durante el truco'),
};
