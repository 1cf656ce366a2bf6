/**
 * Muscle activity (surface EMG): connect an OpenBCI board, check the electrodes, take the resting and
 * maximum-effort references, and train the chosen muscle against a graded target with a tone and a
 * large bar; optionally with the camera's head turn beside it. Sessions are saved as they go.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { CYTON, EMG_TARGET_LEVELS, EmgError, GANGLION, serializeEmg, type EmgSource, type EmgTargetLevel, type MainsHz, type MeasurementSession } from '@geste/core';
import { useMeasure } from '../app/measure.tsx';
import { AudioCues } from '../feedback/audio.ts';
import { EmgConnectError, bluetoothApi, connectCyton, connectGanglion, pacedReplaySource, serialApi, simulatedSource, simulatorHook } from './transport.ts';
import { EmgRunner, MAX_STEP_MS, NO_DATA_MS, REST_STEP_MS } from './runner.ts';
import { asymmetryWords, connectErrorWords, disconnectWords, electrodeWords, lossWords, referenceWords } from './words.ts';
import { emgSessionRecord, listEmgSessions, newEmgSessionId, saveEmgSession, type EmgSessionMeta } from './store.ts';
import { PlacementGuide } from './PlacementGuide.tsx';
import { EmgChart } from './EmgChart.tsx';
import './emg.css';
import { translate, useI18n, type Key } from '../i18n/i18n.tsx';

type DeviceChoice = 'ganglion' | 'cyton' | 'replay' | 'sim-ganglion' | 'sim-cyton';

export const MUSCLES = [
  { id: 'none', label: 'not used' },
  { id: 'scm-left', label: 'Sternocleidomastoid, left' },
  { id: 'scm-right', label: 'Sternocleidomastoid, right' },
  { id: 'splenius-left', label: 'Splenius capitis, left' },
  { id: 'splenius-right', label: 'Splenius capitis, right' },
  { id: 'trapezius-left', label: 'Upper trapezius, left' },
  { id: 'trapezius-right', label: 'Upper trapezius, right' },
] as const;
type MuscleId = (typeof MUSCLES)[number]['id'];
/** The muscle's name on screen, in the person's language (the saved session keeps the English label, like core's measure keys). */
const muscleWords = (id: MuscleId, t: (k: Key) => string): string => t(`emg.muscle.${id}`);
const muscleLabel = (id: MuscleId): string => MUSCLES.find((m) => m.id === id)?.label ?? id;

function pairOf(map: readonly MuscleId[], channel: number): [number, number] | null {
  const m = map[channel];
  if (!m || m === 'none') return null;
  const base = m.replace(/-(left|right)$/, '');
  const l = map.indexOf(`${base}-left` as MuscleId);
  const r = map.indexOf(`${base}-right` as MuscleId);
  return l >= 0 && r >= 0 ? [l, r] : null;
}

function useRunnerVersion(runner: EmgRunner | null): number {
  const v = useRef(0);
  const [, force] = useState(0);
  useEffect(() => {
    if (!runner) return;
    let pending = false;
    return runner.subscribe(() => {
      v.current++;
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        force(v.current);
      });
    });
  }, [runner]);
  return v.current;
}

function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function EmgScreen(): ReactNode {
  const [tab, setTab] = useState<'train' | 'guide'>('train');
  const { t } = useI18n();
  return (
    <section aria-labelledby="emg-h">
      <h1 id="emg-h">{t('emg.title')}</h1>
      <p className="hint">{t('emg.intro')}</p>
      <div className="row" role="group" aria-label={t('emg.sections')}>
        <button type="button" aria-pressed={tab === 'train'} className={tab === 'train' ? 'btn-primary' : ''} onClick={() => setTab('train')} data-testid="emg-tab-train">
          {t('emg.tab.train')}
        </button>
        <button type="button" aria-pressed={tab === 'guide'} className={tab === 'guide' ? 'btn-primary' : ''} onClick={() => setTab('guide')} data-testid="emg-tab-guide">
          {t('emg.tab.guide')}
        </button>
      </div>
      {/* both stay mounted: looking at the guide must not drop the connection or the running session */}
      <div hidden={tab !== 'train'}>
        <EmgTrainer />
      </div>
      <div hidden={tab !== 'guide'}>
        <PlacementGuide />
      </div>
    </section>
  );
}

function EmgTrainer(): ReactNode {
  const hook = simulatorHook();
  const [device, setDevice] = useState<DeviceChoice>(hook ? 'sim-ganglion' : 'ganglion');
  const [mains, setMains] = useState<MainsHz>(50);
  const [replayFile, setReplayFile] = useState<File | null>(null);
  const channels = device === 'ganglion' || device === 'sim-ganglion' ? GANGLION.channelCount : CYTON.channelCount;
  const [map, setMap] = useState<MuscleId[]>(['scm-left', 'scm-right', 'none', 'none', 'none', 'none', 'none', 'none']);
  const [channel, setChannel] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [connecting, setConnecting] = useState(false);
  const [runner, setRunner] = useState<EmgRunner | null>(null);
  const [sessions, setSessions] = useState<MeasurementSession[]>([]);
  const [stepNote, setStepNote] = useState<string | null>(null);
  const [level, setLevel] = useState<EmgTargetLevel>(1);
  const [sound, setSound] = useState(true);
  const [withCamera, setWithCamera] = useState(false);
  const [saveNote, setSaveNote] = useState<string | null>(null);
  const audio = useRef<AudioCues | null>(null);
  const cueEl = useRef<HTMLDivElement>(null);
  const session = useRef<EmgSessionMeta | null>(null);
  useRunnerVersion(runner);
  const measure = useMeasure();
  const i18n = useI18n();
  const t = i18n.t;
  // a slow tick while connected, so "no data" and the disconnect words appear without new samples
  const [, tick] = useState(0);
  useEffect(() => {
    if (!runner) return;
    const id = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(id);
  }, [runner]);

  const refreshSessions = (): void => void listEmgSessions().then(setSessions).catch(() => setSessions([]));
  useEffect(refreshSessions, []);
  useEffect(() => () => void runner?.stop(), [runner]);
  useEffect(() => () => audio.current?.close(), []);

  const apiMissing = device === 'ganglion' ? (bluetoothApi() ? null : 'bluetooth') : device === 'cyton' ? (serialApi() ? null : 'serial') : null;

  const save = async (final: boolean): Promise<void> => {
    const r = runner;
    const meta = session.current;
    if (!r || !meta) return;
    const s = r.summary();
    if (!s) return;
    if (final) session.current = null; // at once: a re-render during the write must not save it twice
    const m: EmgSessionMeta = {
      ...meta,
      endedAtMs: final ? Date.now() : null,
      interrupted: r.disconnected !== null && r.disconnected.reason !== 'simulation-ended',
      asymmetryPct: r.asymmetry,
      pipelineLatencyMs: median(r.pipelineLatenciesMs),
      level: r.level,
    };
    try {
      await saveEmgSession(emgSessionRecord(m, s));
      setSaveNote(final ? t('emg.saved', { time: new Date(m.startedAtMs).toLocaleTimeString(i18n.lang) }) : null);
      if (final) refreshSessions();
    } catch (e) {
      setSaveNote(t('emg.saveFailed', { why: String((e as Error).message ?? e) }));
    }
  };

  // keep the running session saved every 5 s; a disconnect ends and saves it (marked)
  useEffect(() => {
    if (!runner) return;
    const id = setInterval(() => {
      if (session.current && runner.phase === 'training') void save(false);
    }, 5000);
    return () => clearInterval(id);
  });
  useEffect(() => {
    if (runner?.disconnected && session.current) {
      runner.stopTraining();
      void save(true);
    }
  });

  const connect = async (): Promise<void> => {
    setError(null);
    setConnecting(true);
    try {
      let src: EmgSource;
      if (device === 'ganglion') src = await connectGanglion();
      else if (device === 'cyton') src = await connectCyton();
      else if (device === 'replay') {
        if (!replayFile) throw new EmgError('replay-malformed', t('emg.chooseFile'));
        src = pacedReplaySource(await replayFile.text(), replayFile.name);
      } else src = simulatedSource(device === 'sim-ganglion' ? 'ganglion' : 'cyton', hook ?? {});
      const r = new EmgRunner(src, { mainsHz: mains, channel, pair: pairOf(map.slice(0, src.info.channelCount), channel) });
      r.onCue = (active) => {
        const el = cueEl.current;
        if (el) {
          el.dataset['cue'] = active ? 'on' : 'off';
          el.textContent = active ? translate(i18n.lang, 'emg.above') : translate(i18n.lang, 'emg.below');
        }
        if (active) audio.current?.setDeviation(4);
        else audio.current?.silence();
      };
      r.onStepDone = (ph, ref) => setStepNote(ref.ok ? t(ph === 'rest' ? 'emg.restLevel' : 'emg.maxLevel', { uv: i18n.number(ref.valueUv) }) : referenceWords(ref.problem, ph, t));
      setRunner(r);
      void r.run();
    } catch (e) {
      if (e instanceof EmgConnectError) setError(connectErrorWords(e.code, e.api, t));
      else if (e instanceof EmgError) setError(e.message);
      else setError(t('emg.connectFailed', { why: String((e as Error).message ?? e) }));
    } finally {
      setConnecting(false);
    }
  };

  const disconnect = async (): Promise<void> => {
    if (session.current && runner) {
      runner.stopTraining();
      await save(true);
    }
    await runner?.stop();
    setRunner(null);
  };

  const startTraining = (): void => {
    if (!runner) return;
    if (!audio.current) audio.current = new AudioCues();
    audio.current.start();
    audio.current.setMuted(!sound);
    runner.startTraining(level);
    session.current = {
      id: newEmgSessionId(Date.now()),
      startedAtMs: Date.now(),
      endedAtMs: null,
      muscle: muscleLabel(map[channel] ?? 'none'),
      channel,
      device: runner.source.info.deviceName,
      level,
      interrupted: false,
      asymmetryPct: null,
      pipelineLatencyMs: null,
    };
    void save(false);
  };
  const stopTraining = async (): Promise<void> => {
    runner?.stopTraining();
    audio.current?.silence();
    await save(true);
  };

  const r = runner;
  const info = r?.source.info;
  const noData = r !== null && !r.disconnected && r.samplesReceived === 0 && r.lastSampleMs === 0 && performance.now() - (connectedAt.get(r) ?? performance.now()) > NO_DATA_MS;
  if (r && !connectedAt.has(r)) connectedAt.set(r, performance.now());
  const env = r ? r.envelopeUv[channel] ?? 0 : 0;
  const rest = r?.rest?.ok ? r.rest.valueUv : null;
  const target = r?.targetUv ?? null;
  const scaleUv = Math.max(target ? target * 2 : 0, r?.max?.ok ? r.max.valueUv : 0, rest ? rest * 6 : 0, 50);
  const summary = r?.summary() ?? null;
  const lat = r ? median(r.pipelineLatenciesMs) : null;

  return (
    <div className="emg">
      {!r && (
        <form
          className="emg-setup"
          onSubmit={(e) => {
            e.preventDefault();
            void connect();
          }}
        >
          <fieldset>
            <legend>{t('emg.board')}</legend>
            <label className="row">
              <input type="radio" name="emg-device" checked={device === 'ganglion'} onChange={() => setDevice('ganglion')} /> {t('emg.ganglion')}
            </label>
            <label className="row">
              <input type="radio" name="emg-device" checked={device === 'cyton'} onChange={() => setDevice('cyton')} /> {t('emg.cyton')}
            </label>
            <label className="row">
              <input type="radio" name="emg-device" checked={device === 'replay'} onChange={() => setDevice('replay')} data-testid="emg-device-replay" /> {t('emg.replay')}
            </label>
            {device === 'replay' && (
              <label className="field">
                {t('emg.replayFile')}
                <input type="file" accept=".jsonl,application/jsonl,text/plain" onChange={(e) => setReplayFile(e.target.files?.[0] ?? null)} data-testid="emg-replay-file" />
              </label>
            )}
            {hook && (
              <>
                <label className="row">
                  <input type="radio" name="emg-device" checked={device === 'sim-ganglion'} onChange={() => setDevice('sim-ganglion')} data-testid="emg-device-sim-ganglion" /> {t('emg.simGanglion')}
                </label>
                <label className="row">
                  <input type="radio" name="emg-device" checked={device === 'sim-cyton'} onChange={() => setDevice('sim-cyton')} data-testid="emg-device-sim-cyton" /> {t('emg.simCyton')}
                </label>
              </>
            )}
            {apiMissing && (
              <p className="alert alert-warn" data-testid="emg-unsupported">
                {connectErrorWords('unsupported', apiMissing, t)}
              </p>
            )}
          </fieldset>
          <fieldset>
            <legend>{t('emg.mains')}</legend>
            <label className="row">
              <input type="radio" name="emg-mains" checked={mains === 50} onChange={() => setMains(50)} /> {t('emg.mains50')}
            </label>
            <label className="row">
              <input type="radio" name="emg-mains" checked={mains === 60} onChange={() => setMains(60)} data-testid="emg-mains-60" /> {t('emg.mains60')}
            </label>
          </fieldset>
          <fieldset>
            <legend>{t('emg.map')}</legend>
            {Array.from({ length: channels }, (_, c) => (
              <label key={c} className="row">
                {t('emg.channel', { n: c + 1 })}
                <select
                  value={map[c] ?? 'none'}
                  onChange={(e) => setMap((m) => m.map((x, i) => (i === c ? (e.target.value as MuscleId) : x)))}
                  data-testid={`emg-map-${c}`}
                >
                  {MUSCLES.map((m) => (
                    <option key={m.id} value={m.id}>
                      {muscleWords(m.id, t)}
                    </option>
                  ))}
                </select>
              </label>
            ))}
            <label className="row">
              {t('emg.trainChannel')}
              <select value={channel} onChange={(e) => setChannel(Number(e.target.value))} data-testid="emg-train-channel">
                {Array.from({ length: channels }, (_, c) => (
                  <option key={c} value={c}>
                    {t('emg.channelMuscle', { n: c + 1, muscle: muscleWords(map[c] ?? 'none', t) })}
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
          <button type="submit" className="btn-primary btn-big" disabled={connecting || apiMissing !== null || (device === 'replay' && !replayFile)} data-testid="emg-connect">
            {connecting ? t('emg.connecting') : t('emg.connect')}
          </button>
          {error && (
            <p className="alert alert-error" role="alert" data-testid="emg-error">
              {error}
            </p>
          )}
        </form>
      )}

      {r && info && (
        <>
          <div className="emg-status" aria-live="polite" data-testid="emg-status">
            <p className="big">
              {t('emg.statusLine', { state: t(r.disconnected ? 'emg.notConnected' : r.samplesReceived > 0 ? 'emg.connected' : 'emg.waiting'), device: info.deviceName, n: info.channelCount, hz: info.sampleRateHz, mains: r.settings.mainsHz })}
            </p>
            {noData && (
              <p className="alert alert-warn" data-testid="emg-nodata">
                {t('emg.noData', { kind: info.kind === 'cyton' ? 'Cyton' : 'Ganglion' })}
              </p>
            )}
            {r.disconnected && (
              <p className="alert alert-error" role="alert" data-testid="emg-disconnected">
                {disconnectWords(r.disconnected.reason, r.disconnected.atMs, r.disconnected.duringTraining, t)}
              </p>
            )}
            <p data-testid="emg-loss" data-lost-packets={r.lostPackets}>
              {lossWords(r.lostPackets, r.lostPct, t, i18n.lang)}
            </p>
            <ul className="checks" data-testid="emg-electrodes">
              {r.electrodes.map((s, c) =>
                map[c] && map[c] !== 'none' ? (
                  <li key={c} data-ok={s === 'ok' ? 'true' : s === 'unknown' ? undefined : 'false'} data-status={s} data-testid={`emg-electrode-${c}`}>
                    {t('emg.electrode', { n: c + 1, muscle: muscleWords(map[c]!, t), status: electrodeWords(s, t) })}
                  </li>
                ) : null,
              )}
            </ul>
            {r.recorded.length > 0 && (
              <button
                type="button"
                onClick={() => {
                  const blob = new Blob([serializeEmg(info, r.recorded)], { type: 'application/jsonl' });
                  const a = document.createElement('a');
                  a.href = URL.createObjectURL(blob);
                  a.download = `geste-emg-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.jsonl`;
                  a.click();
                  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
                }}
                data-testid="emg-download"
              >
                {t('emg.download')}
              </button>
            )}{' '}
            <button type="button" onClick={() => void disconnect()} data-testid="emg-disconnect">
              {r.disconnected ? t('emg.backToSettings') : t('emg.disconnect')}
            </button>
          </div>

          <div className="emg-live">
            <div className="emg-bar-wrap">
              <div
                className="emg-bar"
                role="meter"
                aria-label={t('emg.meter', { n: channel + 1 })}
                aria-valuemin={0}
                aria-valuemax={Math.round(scaleUv)}
                aria-valuenow={Math.round(env * 10) / 10}
                data-testid="emg-bar"
                data-envelope-uv={env.toFixed(2)}
              >
                <div className="emg-bar-fill" style={{ height: `${Math.min(100, (100 * env) / scaleUv)}%` }} data-above={target !== null && env > target ? 'true' : 'false'} />
                {target !== null && <div className="emg-bar-target" style={{ bottom: `${Math.min(100, (100 * target) / scaleUv)}%` }} title={t('emg.target')} />}
                {rest !== null && <div className="emg-bar-rest" style={{ bottom: `${Math.min(100, (100 * rest) / scaleUv)}%` }} title={t('emg.rest')} />}
              </div>
              <p className="emg-bar-label">
                <span className="big">{env.toFixed(1)} µV</span>
                {rest !== null && <span> · {t('emg.xRest', { x: i18n.number(env / rest) })}</span>}
              </p>
            </div>
            <div className="emg-side">
              <div ref={cueEl} className="emg-cue" data-cue={r.cueActive ? 'on' : 'off'} data-testid="emg-cue" aria-live="polite">
                {r.phase === 'training' ? (r.cueActive ? t('emg.above') : t('emg.below')) : t('emg.notTraining')}
              </div>
              <TraceSvg values={r.trace} scaleUv={scaleUv} targetUv={target} label={t('emg.trace')} />
              <table className="emg-channels">
                <caption>{t('emg.allChannels')}</caption>
                <tbody>
                  {r.envelopeUv.map((v, c) => (
                    <tr key={c}>
                      <th scope="row">{t('emg.channel', { n: c + 1 })}</th>
                      <td>{muscleWords(map[c] ?? 'none', t)}</td>
                      <td data-testid={`emg-env-${c}`}>{v.toFixed(1)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {r.settings.pair && (
                <p data-testid="emg-asymmetry">{asymmetryWords(r.asymmetry, t)}</p>
              )}
            </div>
          </div>

          <section aria-labelledby="emg-ref-h">
            <h2 id="emg-ref-h">{t('emg.refs')}</h2>
            <div className="row">
              <button type="button" disabled={r.phase !== 'idle' || !!r.disconnected} onClick={() => { setStepNote(null); r.startStep('rest'); }} data-testid="emg-rest">
                {t('emg.measureRest', { s: REST_STEP_MS / 1000 })}
              </button>
              <button type="button" disabled={r.phase !== 'idle' || !r.rest?.ok || !!r.disconnected} onClick={() => { setStepNote(null); r.startStep('max'); }} data-testid="emg-max">
                {t('emg.measureMax', { s: MAX_STEP_MS / 1000 })}
              </button>
            </div>
            {r.phase === 'rest' && <p className="alert alert-info">{t('emg.restHint')}</p>}
            {r.phase === 'max' && (
              <p className="alert alert-info">{t('emg.maxHint')}</p>
            )}
            {stepNote && <p data-testid="emg-step-note">{stepNote}</p>}
          </section>

          <section aria-labelledby="emg-train-h">
            <h2 id="emg-train-h">{t('emg.training')}</h2>
            <div className="row">
              <label className="field">
                {t('emg.targetField')}
                <select value={level} onChange={(e) => { const l = Number(e.target.value) as EmgTargetLevel; setLevel(l); r.setLevel(l); }} data-testid="emg-level">
                  {EMG_TARGET_LEVELS.map((l) => (
                    <option key={l.level} value={l.level}>
                      {t('emg.level', { n: l.level, x: i18n.number(l.ratioToRest) })}
                    </option>
                  ))}
                </select>
              </label>
              <label className="row">
                <input type="checkbox" checked={sound} onChange={(e) => { setSound(e.target.checked); audio.current?.setMuted(!e.target.checked); }} /> {t('emg.tone')}
              </label>
              <label className="row">
                <input type="checkbox" checked={withCamera} onChange={(e) => setWithCamera(e.target.checked)} data-testid="emg-with-camera" /> {t('emg.withCamera')}
              </label>
            </div>
            {withCamera && (
              <p data-testid="emg-camera">
                {measure.cameraOn
                  ? measure.latest?.rotationDeg != null
                    ? t('emg.headTurn', { deg: measure.latest.rotationDeg.toFixed(0) })
                    : t('emg.cameraCannot')
                  : t('emg.cameraOff')}
              </p>
            )}
            <div className="row">
              {r.phase !== 'training' ? (
                <button type="button" className="btn-primary btn-big" disabled={!r.rest?.ok || !!r.disconnected || r.phase !== 'idle'} onClick={startTraining} data-testid="emg-start">
                  {t('emg.start')}
                </button>
              ) : (
                <button type="button" className="btn-primary btn-big" onClick={() => void stopTraining()} data-testid="emg-stop">
                  {t('emg.stop')}
                </button>
              )}
              {!r.rest?.ok && <span className="hint">{t('emg.restFirst')}</span>}
            </div>
            {summary && (
              <p data-testid="emg-summary" data-cues={summary.cueCount} data-cue-samples={r.cueSampleIndexes.join(',')} data-latencies-ms={r.pipelineLatenciesMs.map((x) => x.toFixed(2)).join(',')}>
                {t('emg.summary', { n: summary.cueCount, pct: summary.timeBelowTargetPct === null ? '—' : summary.timeBelowTargetPct.toFixed(0) })}
                {lat !== null && t('emg.latency', { ms: lat.toFixed(0) })}
              </p>
            )}
            {saveNote && <p data-testid="emg-saved">{saveNote}</p>}
          </section>
        </>
      )}

      <section aria-labelledby="emg-hist-h">
        <h2 id="emg-hist-h">{t('emg.sessions')}</h2>
        <EmgChart sessions={sessions} />
      </section>
    </div>
  );
}

const connectedAt = new WeakMap<EmgRunner, number>();

function TraceSvg(props: { values: readonly number[]; scaleUv: number; targetUv: number | null; label: string }): ReactNode {
  const w = 400;
  const h = 120;
  const n = Math.max(2, props.values.length);
  // NaN marks a gap (settling after lost packets): the line is broken there, nothing is drawn in
  const runs: string[] = [];
  let cur: string[] = [];
  props.values.forEach((v, i) => {
    if (Number.isFinite(v)) cur.push(`${((i / (n - 1)) * w).toFixed(1)},${(h - Math.min(1, v / props.scaleUv) * h).toFixed(1)}`);
    else if (cur.length > 0) {
      runs.push(cur.join(' '));
      cur = [];
    }
  });
  if (cur.length > 0) runs.push(cur.join(' '));
  return (
    <svg className="emg-trace" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={props.label} data-testid="emg-trace">
      <rect x="0" y="0" width={w} height={h} fill="#fff" stroke="#1d2b53" />
      {props.targetUv !== null && <line x1="0" x2={w} y1={h - Math.min(1, props.targetUv / props.scaleUv) * h} y2={h - Math.min(1, props.targetUv / props.scaleUv) * h} stroke="#b5485a" strokeDasharray="6 4" />}
      {runs.map((pts, k) => (
        <polyline key={k} points={pts} fill="none" stroke="#0b5cad" strokeWidth="2" />
      ))}
    </svg>
  );
}
