/** All measurement sessions stored on this device, newest first, numbers only. */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { compareMeasure, measureLabel } from '@geste/core';
import type { Change } from '@geste/core';
import { listSessions } from '../store/db.ts';
import type { SessionRecord } from '../store/db.ts';
import { ReferenceNote } from '../components/Status.tsx';
import { referenceFromMeasures } from '../measure/reference.ts';
import { measureValueWords } from '../app/words.ts';

const CHANGE_WORDS: Record<Change, string> = { better: '✓ better than the session before', worse: '! worse than the session before', same: '= same as the session before', 'not-comparable': '' };

/** The previous (older) session of the same kind in a newest-first list. */
function previousOfKind(list: readonly SessionRecord[], i: number): SessionRecord | undefined {
  const s = list[i] as SessionRecord;
  return list.slice(i + 1).find((x) => x.kind === s.kind && x.endedAtMs !== null);
}

const KIND_WORDS: Record<string, string> = { exam: 'Guided exam', biofeedback: 'Biofeedback', exercise: 'Exercise', trick: 'Sensory trick' };

export function HistoryScreen(): ReactNode {
  const [sessions, setSessions] = useState<SessionRecord[] | null>(null);
  useEffect(() => {
    void listSessions().then((s) => setSessions(s.reverse()));
  }, []);
  return (
    <section aria-labelledby="hist-h" className="screen">
      <h1 id="hist-h">Sessions on this device</h1>
      {sessions === null ? (
        <p>Loading…</p>
      ) : sessions.length === 0 ? (
        <p>No sessions yet.</p>
      ) : (
        <ul className="session-list" data-testid="session-list">
          {sessions.map((s, i) => (
            <li key={s.id} data-kind={s.kind} data-id={s.id}>
              <h2>
                {KIND_WORDS[s.kind] ?? s.kind} · {new Date(s.startedAtMs).toLocaleString()}
                {s.endedAtMs === null ? ' (unfinished)' : ''}
              </h2>
              {s.note && <p>{s.note}</p>}
              {s.neutral === 'calibrated' ? (
                <p data-testid="history-reference">Measured from a calibrated posture (an older session): not from straight, so a resting posture is not in these numbers.</p>
              ) : referenceFromMeasures(s.measures) ? (
                <ReferenceNote reference={referenceFromMeasures(s.measures)} />
              ) : (
                <p data-testid="history-reference">Measured from the camera's straight-ahead (an older session; which reference turn and tilt used was not recorded).</p>
              )}
              <dl className="facts">
                {Object.entries({ ...s.items, ...s.measures }).map(([k, v]) => {
                  const prev = previousOfKind(sessions, i);
                  const change = prev ? compareMeasure(k, { ...prev.items, ...prev.measures }[k], v) : 'not-comparable';
                  return (
                    <div key={k} data-key={k}>
                      <dt>{measureLabel(k)}</dt>
                      <dd>
                        {measureValueWords(k, v)}
                        {change !== 'not-comparable' && <span className="change" data-change={change}> {CHANGE_WORDS[change]}</span>}
                      </dd>
                    </div>
                  );
                })}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
