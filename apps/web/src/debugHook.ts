/**
 * Test and bench hooks (`window.gesteDebug`, the detector's timings). They are installed only when
 * `window.__GESTE_DEBUG__ === true` was set before the app's scripts ran: the test harness does it
 * with Playwright's `addInitScript` (apps/web/test/harness.ts). Nothing in the app's screens, URL or
 * storage sets it, so people using the app never get these globals.
 */
export function debugHookEnabled(): boolean {
  return (globalThis as { __GESTE_DEBUG__?: unknown }).__GESTE_DEBUG__ === true;
}
