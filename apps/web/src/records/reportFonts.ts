/** The report's DejaVu Sans, shipped with the app under fonts/ (vite.config.ts); fetched from this app's own origin only. */
import { DEJAVU_FILES, type ReportFonts } from '@geste/report';

let cached: Promise<ReportFonts | null> | null = null;
export function reportFonts(): Promise<ReportFonts | null> {
  cached ??= (async () => {
    try {
      const get = async (name: string) => {
        const r = await fetch(new URL(`fonts/${name}`, document.baseURI));
        if (!r.ok) throw new Error(`${name}: ${r.status}`);
        return new Uint8Array(await r.arrayBuffer());
      };
      return { regular: await get(DEJAVU_FILES.regular), bold: await get(DEJAVU_FILES.bold) };
    } catch {
      cached = null; // try again next time; this report uses the standard font and says so
      return null;
    }
  })();
  return cached;
}
