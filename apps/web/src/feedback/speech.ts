/**
 * Spoken prompts through speechSynthesis (on-device voices). Mutable. Every prompt is also shown
 * as text (the caller renders `lastSpoken`), so nothing is only audible.
 */
export class Speaker {
  private mutedValue = false;
  lastSpoken = '';
  spokenCount = 0;
  /** Called with every prompt, muted or not (for captions). */
  onSay: ((text: string) => void) | null = null;

  constructor(private lang = 'en') {}

  /** The language of the voice (a BCP 47 tag, e.g. 'es-ES'); the app sets it from the chosen language. */
  setLang(lang: string): void {
    this.lang = lang;
  }

  get muted(): boolean {
    return this.mutedValue;
  }

  get available(): boolean {
    return typeof window !== 'undefined' && 'speechSynthesis' in window;
  }

  setMuted(m: boolean): void {
    this.mutedValue = m;
    if (m && this.available) window.speechSynthesis.cancel();
  }

  say(text: string, opts: { interrupt?: boolean } = {}): void {
    this.lastSpoken = text;
    this.spokenCount++;
    this.onSay?.(text);
    if (this.mutedValue || !this.available) return;
    const synth = window.speechSynthesis;
    if (opts.interrupt ?? true) synth.cancel();
    const u = new SpeechSynthesisUtterance(text);
    u.lang = this.lang;
    u.rate = 0.95;
    synth.speak(u);
  }

  close(): void {
    if (this.available) window.speechSynthesis.cancel();
  }
}
