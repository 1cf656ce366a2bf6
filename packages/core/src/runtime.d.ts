/**
 * The few globals core's code and tests may use: standard in every runtime core runs in (browsers,
 * workers, Node ≥ 18), declared here because core compiles without DOM and without Node types
 * (tsconfig `types: []`), so that `process`, `Buffer`, `require` or `document` cannot creep in.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare function structuredClone<T>(value: T): T;
