// Worker-thread entry: Node 20 workers do not inherit `--import tsx`, so load the TypeScript through tsx's API.
import { tsImport } from 'tsx/esm/api';

await tsImport('./thread.ts', import.meta.url);
