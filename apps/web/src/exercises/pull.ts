/** The person's pull direction per axis (chosen by them), stored as a setting; used for 'away-from-pull'. */
import { useEffect, useState } from 'react';
import { getSetting, putSetting } from '../store/db.ts';

export type PullSetting = { rotationDeg: 1 | -1 | null; tiltDeg: 1 | -1 | null; flexionDeg: 1 | -1 | null };
const KEY = 'exercisePull';
const NONE: PullSetting = { rotationDeg: null, tiltDeg: null, flexionDeg: null };

export function usePull(): [PullSetting, (p: PullSetting) => void] {
  const [pull, setPull] = useState<PullSetting>(NONE);
  useEffect(() => {
    void getSetting<PullSetting>(KEY).then((p) => {
      if (p) setPull({ ...NONE, ...p });
    });
  }, []);
  return [
    pull,
    (p) => {
      setPull(p);
      void putSetting(KEY, p);
    },
  ];
}
