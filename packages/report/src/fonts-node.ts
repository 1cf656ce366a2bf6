/** Node side: finds DejaVu Sans on this machine (CLI, tests, server). Not imported by the browser build. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEJAVU_DIRS, DEJAVU_FILES, type ReportFonts } from './fonts.ts';

export function findDejaVuDir(): string | null {
  return DEJAVU_DIRS.find((d) => existsSync(join(d, DEJAVU_FILES.regular)) && existsSync(join(d, DEJAVU_FILES.bold))) ?? null;
}

/** The fonts, or null with no DejaVu installed (install `fonts-dejavu-core`). */
export function loadReportFonts(): ReportFonts | null {
  const dir = findDejaVuDir();
  if (dir === null) return null;
  return { regular: readFileSync(join(dir, DEJAVU_FILES.regular)), bold: readFileSync(join(dir, DEJAVU_FILES.bold)) };
}
