/** All measurement sessions stored on this device, newest first, numbers only. */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { listSessions } from '../store/db.ts';
import type { SessionRecord } from '../store/db.ts';
import { ReferenceNote } from '../components/Status.tsx';
import { referenceFromMeasures } from '../measure/reference.ts';
import { measureLabel } from '@geste/core';
import { measureValueWords } from '../app/words.ts';

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
          {sessions.map((s) => (
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
                {Object.entries({ ...s.items, ...s.measures }).map(([k, v]) => (
                  <div key={k}>
                    <dt>{measureLabel(k)}</dt>
                    <dd>{measureValueWords(k, v)}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
