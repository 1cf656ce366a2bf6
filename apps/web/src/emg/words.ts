/** Every sentence the EMG screens show for a code or a state: one place, plain words, in the person's language. */
import type { ElectrodeStatus, ReferenceProblem } from '@geste/core';
import type { ConnectErrorCode } from './transport.ts';
import type { I18n } from '../i18n/i18n.tsx';

type T = I18n['t'];

export function connectErrorWords(code: ConnectErrorCode, api: 'bluetooth' | 'serial', t: T): string {
  const what = t(api === 'bluetooth' ? 'emg.api.bluetooth' : 'emg.api.serial');
  switch (code) {
    case 'unsupported':
      return t('emg.err.unsupported', { what, api: api === 'bluetooth' ? 'Bluetooth' : 'Serial' });
    case 'insecure-context':
      return t('emg.err.insecure', { what });
    case 'permission-denied':
      return t('emg.err.permission', { what });
    case 'no-device-chosen':
      return t(api === 'bluetooth' ? 'emg.err.noBoard' : 'emg.err.noPort');
    case 'wrong-device':
      return t(api === 'bluetooth' ? 'emg.err.wrongBle' : 'emg.err.wrongSerial');
    case 'connect-failed':
      return t('emg.err.failed');
  }
}

export function electrodeWords(s: ElectrodeStatus, t: T): string {
  return t(`emg.el.${s}`);
}

export function lossWords(lostPackets: number, lostPct: number, t: T, lang: string): string {
  if (lostPackets === 0) return t('emg.loss.none');
  const pct = lostPct < 0.1 ? t('emg.loss.under') : new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(lostPct);
  const advice = lostPct >= 5 ? t('emg.loss.tooMuch') : lostPct >= 1 ? t('emg.loss.closer') : '';
  return `${t(lostPackets === 1 ? 'emg.loss.one' : 'emg.loss', { n: lostPackets, pct })}${advice}`;
}

export function disconnectWords(reason: string, atMs: number, duringTraining: boolean, t: T): string {
  const at = `${Math.floor(atMs / 60000)}:${String(Math.floor((atMs % 60000) / 1000)).padStart(2, '0')}`;
  if (reason === 'replay-ended') return `${t('emg.dc.replay', { at })}${duringTraining ? t('emg.dc.kept') : ''}`;
  if (reason === 'simulation-ended') return `${t('emg.dc.sim', { at })}${duringTraining ? t('emg.dc.kept') : ''}`;
  const how = t(reason === 'serial' ? 'emg.dc.serial' : 'emg.dc.ble');
  return t('emg.dc', { at, how, kept: duringTraining ? t('emg.dc.keptMarked') : '' });
}

export function referenceWords(problem: ReferenceProblem, step: 'rest' | 'max', t: T): string {
  switch (problem) {
    case 'too-short':
      return t('emg.ref.short');
    case 'flat':
      return t('emg.ref.flat');
    case 'not-above-rest':
      return t(step === 'max' ? 'emg.ref.notAbove' : 'emg.ref.again');
  }
}

/** Asymmetry index in words: (L − R) / (L + R) above each side's own rest; positive = the patient's left. */
export function asymmetryWords(pct: number | null, t: T): string {
  if (pct === null) return t('emg.asym.nm');
  const a = Math.abs(pct);
  if (a < 10) return t('emg.asym.even', { i: pct.toFixed(0) });
  return t(pct > 0 ? 'emg.asym.left' : 'emg.asym.right', { i: `${pct > 0 ? '+' : '−'}${a.toFixed(0)}` });
}
