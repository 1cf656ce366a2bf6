// Worker entry: Node 20 workers do not inherit `--import tsx`, so load the TypeScript worker through tsx's API.
import { tsImport } from 'tsx/esm/api';

await tsImport('./pipelineWorker.ts', import.meta.url);
