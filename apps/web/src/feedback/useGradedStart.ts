/**
 * Graded training's start on this device: the clinician's training target from the installed program
 * (set in the clinician view, delivered by sync) over the person's own straightest posture — core's
 * `chooseGradedStart` (docs/anatomical-zero.md "Graded targets").
 */
import { useEffect, useMemo, useState } from 'react';
import { chooseGradedStart, parseProgram, type GradedStart, type Program, type TrainingStart } from '@geste/core';
import { PROGRAM_KEY } from '../clinic/store.ts';
import { getSetting } from '../store/db.ts';

export function useGradedStart(own: TrainingStart | null): GradedStart | null {
  const [program, setProgram] = useState<Program | null>(null);
  useEffect(() => {
    let live = true;
    void getSetting<unknown>(PROGRAM_KEY).then((v) => {
      let p: Program | null = null;
      try {
        p = v ? parseProgram(v) : null;
      } catch {
        p = null; // a stored program this version cannot read: no clinician target, the person's own start stands
      }
      if (live) setProgram(p);
    });
    return () => {
      live = false;
    };
  }, []);
  return useMemo(() => chooseGradedStart(own, program), [own, program]);
}
