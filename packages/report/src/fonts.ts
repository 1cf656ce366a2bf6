/**
 * The report's Unicode font: DejaVu Sans (regular and bold), which covers Latin with diacritics
 * ("Łukasz"), Greek and Cyrillic. Licence: the DejaVu fonts licence (Bitstream Vera derivative)
 * allows embedding and redistribution. It comes from the npm package `dejavu-fonts-ttf` (a dependency, so
 * `npm install` is the whole set-up), else from the system's fonts (Debian's `fonts-dejavu-core`); the web build copies the same two files into its `fonts/` folder
 * (apps/web/vite.config.ts), and the browser passes their bytes in. Without fonts the report falls
 * back to the PDF standard font (WinAnsi; other letters become '?') and says so on its last page.
 */
export interface ReportFonts {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
}
/** Where Debian (and Ubuntu) put the files. */
export const DEJAVU_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu', '/usr/share/fonts/TTF'] as const;
export const DEJAVU_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;
