/** Node side: finds DejaVu Sans (CLI, tests, server, the web build). Not imported by the browser bundle. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DEJAVU_DIRS, DEJAVU_FILES, type ReportFonts } from './fonts.ts';

/** The npm package `dejavu-fonts-ttf` (a dependency, so `npm install` alone gives the font), else the system's. */
function candidateDirs(): string[] {
  const dirs: string[] = [];
  try {
    dirs.push(join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf'));
  } catch {
    // not installed: fall back to the system's fonts
  }
  return [...dirs, ...DEJAVU_DIRS];
}

export function findDejaVuDir(): string | null {
  return candidateDirs().find((d) => existsSync(join(d, DEJAVU_FILES.regular)) && existsSync(join(d, DEJAVU_FILES.bold))) ?? null;
}

/** The fonts, or null when DejaVu is nowhere (then the report uses the PDF standard font and says so). */
export function loadReportFonts(): ReportFonts | null {
  const dir = findDejaVuDir();
  if (dir === null) return null;
  return { regular: readFileSync(join(dir, DEJAVU_FILES.regular)), bold: readFileSync(join(dir, DEJAVU_FILES.bold)) };
}
