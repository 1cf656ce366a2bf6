/** All measurement sessions stored on this device, newest first, numbers only. */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { compareMeasure, measureLabel } from '@geste/core';
import type { Change } from '@geste/core';
import { listSessions } from '../store/db.ts';
import type { SessionRecord } from '../store/db.ts';
import { ReferenceNote, ZeroSegmentsNote } from '../components/Status.tsx';
import { referenceFromMeasures } from '../measure/reference.ts';
import { measureValueWords } from '../app/words.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Key } from '../i18n/i18n.tsx';

const CHANGE_KEYS: Record<Exclude<Change, 'not-comparable'>, Key> = { better: 'm.change.better', worse: 'm.change.worse', same: 'm.change.same' };

/** The previous (older) session of the same kind in a newest-first list. */
function previousOfKind(list: readonly SessionRecord[], i: number): SessionRecord | undefined {
  const s = list[i] as SessionRecord;
  return list.slice(i + 1).find((x) => x.kind === s.kind && x.endedAtMs !== null);
}

const KIND_KEYS: Record<string, Key> = { exam: 'm.hist.kind.exam', biofeedback: 'm.hist.kind.biofeedback', exercise: 'm.hist.kind.exercise', trick: 'm.hist.kind.trick' };

export function HistoryScreen(): ReactNode {
  const [sessions, setSessions] = useState<SessionRecord[] | null>(null);
  const { t, lang, dateTime } = useI18n();
  useEffect(() => {
    void listSessions().then((s) => setSessions(s.reverse()));
  }, []);
  return (
    <section aria-labelledby="hist-h" className="screen">
      <h1 id="hist-h">{t('m.hist.title')}</h1>
      {sessions === null ? (
        <p>{t('m.hist.loading')}</p>
      ) : sessions.length === 0 ? (
        <p>{t('m.hist.none')}</p>
      ) : (
        <ul className="session-list" data-testid="session-list">
          {sessions.map((s, i) => (
            <li key={s.id} data-kind={s.kind} data-id={s.id}>
              <h2>
                {KIND_KEYS[s.kind] ? t(KIND_KEYS[s.kind]!) : s.kind} · {dateTime(s.startedAtMs)}
                {s.endedAtMs === null ? t('m.hist.unfinished') : ''}
              </h2>
              {s.note && <p>{s.note}</p>}
              {s.neutral === 'calibrated' ? (
                <p data-testid="history-reference">{t('m.hist.calibrated')}</p>
              ) : referenceFromMeasures(s.measures) ? (
                <ReferenceNote reference={referenceFromMeasures(s.measures)} zeros={{ segments: s.flexionZeroSegments, of: s.kind === 'exam' ? 'exam' : 'session' }} />
              ) : (
                <>
                  <p data-testid="history-reference">{t('m.hist.cameraRef')}</p>
                  <ZeroSegmentsNote segments={s.flexionZeroSegments} lang={lang} of={s.kind === 'exam' ? 'exam' : 'session'} />
                </>
              )}
              <dl className="facts">
                {Object.entries({ ...s.items, ...s.measures }).map(([k, v]) => {
                  const prev = previousOfKind(sessions, i);
                  const change = prev ? compareMeasure(k, { ...prev.items, ...prev.measures }[k], v) : 'not-comparable';
                  return (
                    <div key={k} data-key={k}>
                      <dt>{measureLabel(k, lang)}</dt>
                      <dd>
                        {measureValueWords(k, v, lang)}
                        {change !== 'not-comparable' && <span className="change" data-change={change}> {t(CHANGE_KEYS[change])}</span>}
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
