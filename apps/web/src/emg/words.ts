/** Every sentence the EMG screens show for a code or a state: one place, plain words. */
import type { ElectrodeStatus, ReferenceProblem } from '@geste/core';
import type { ConnectErrorCode } from './transport.ts';

export function connectErrorWords(code: ConnectErrorCode, api: 'bluetooth' | 'serial'): string {
  const what = api === 'bluetooth' ? 'Bluetooth (for the OpenBCI Ganglion)' : 'USB serial (for the OpenBCI Cyton dongle)';
  switch (code) {
    case 'unsupported':
      return `This browser cannot use ${what}. Use Chrome or Edge on a computer (Web ${api === 'bluetooth' ? 'Bluetooth' : 'Serial'} is available only in Chromium-based browsers). Nothing was recorded.`;
    case 'insecure-context':
      return `${what} works only on a secure page (https, or this computer's own address). Open Geste from its https address.`;
    case 'permission-denied':
      return `The browser did not allow ${what}. Allow it in the site settings (the icon left of the address), then press Connect again.`;
    case 'no-device-chosen':
      return api === 'bluetooth'
        ? 'No board was chosen. Switch the Ganglion on (blue light blinking), keep it within 2 metres, press Connect and pick it in the list.'
        : 'No port was chosen. Plug in the Cyton dongle, switch the board to PC, press Connect and pick the dongle in the list.';
    case 'wrong-device':
      return api === 'bluetooth'
        ? 'The chosen device is not an OpenBCI Ganglion (it has no Ganglion data service). Choose the device named "Ganglion-…".'
        : 'The chosen port did not answer like an OpenBCI Cyton. Choose the port of the OpenBCI dongle.';
    case 'connect-failed':
      return `The connection failed. Switch the board off and on, move it closer, and press Connect again.`;
  }
}

export function electrodeWords(s: ElectrodeStatus): string {
  switch (s) {
    case 'ok':
      return 'signal good';
    case 'flat':
      return 'check the electrodes: the signal is flat (an electrode or the cable is not in contact)';
    case 'railed':
      return 'check the electrodes: the signal is at the limit (an electrode is off or dry)';
    case 'unknown':
      return 'waiting for signal';
  }
}

export function lossWords(lostPackets: number, lostPct: number): string {
  if (lostPackets === 0) return 'No data lost.';
  const pct = lostPct < 0.1 ? 'under 0.1' : lostPct.toFixed(1);
  const advice = lostPct >= 5 ? ' Too much is missing for reliable numbers: move the board closer to the computer and away from Wi-Fi routers.' : lostPct >= 1 ? ' Move the board closer to the computer.' : '';
  return `${lostPackets} packet${lostPackets === 1 ? '' : 's'} lost (${pct} % of the signal); the gaps are skipped, not filled in.${advice}`;
}

export function disconnectWords(reason: string, atMs: number, duringTraining: boolean): string {
  const at = `${Math.floor(atMs / 60000)}:${String(Math.floor((atMs % 60000) / 1000)).padStart(2, '0')}`;
  if (reason === 'replay-ended') return `The recording ended at ${at}.${duringTraining ? ' What was measured is kept.' : ''}`;
  if (reason === 'simulation-ended') return `The simulated board finished its recording at ${at}.${duringTraining ? ' What was measured is kept.' : ''}`;
  const how = reason === 'serial' ? 'The dongle was unplugged or the board switched off' : 'The board went out of range, was switched off or its battery is empty';
  const kept = duringTraining ? ' What was measured until then is kept, and the session is marked as interrupted.' : '';
  return `Disconnected at ${at}. ${how}.${kept} Connect again to go on.`;
}

export function referenceWords(problem: ReferenceProblem, step: 'rest' | 'max'): string {
  switch (problem) {
    case 'too-short':
      return 'Not enough signal was recorded for this step. Check the electrodes and do the step again.';
    case 'flat':
      return 'The signal was flat during this step. Check the electrodes and do the step again.';
    case 'not-above-rest':
      return step === 'max' ? 'The effort was not clearly above rest. Push a little harder (never to pain) and do the step again, or skip it.' : 'Do the step again.';
  }
}

/** Asymmetry index in words: (L − R) / (L + R) above each side's own rest; positive = the patient's left. */
export function asymmetryWords(pct: number | null): string {
  if (pct === null) return 'Left/right: not measurable (measure rest with both electrodes in contact first).';
  const side = pct > 0 ? 'left' : 'right';
  const a = Math.abs(pct);
  if (a < 10) return `Left/right: about even (index ${pct.toFixed(0)}; 0 = even, ±100 = one side only).`;
  return `Left/right: more activity on the ${side} (index ${pct > 0 ? '+' : '−'}${a.toFixed(0)}; 0 = even, ±100 = one side only).`;
}
