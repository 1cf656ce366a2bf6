/** `npm start -w @geste/server`: embedded PGlite unless GESTE_DATABASE_URL points at PostgreSQL. */
import { mkdirSync } from 'node:fs';
import { buildApp } from './app.ts';
import { configFromEnv } from './config.ts';
import { openDatabase } from './db/open.ts';

const config = configFromEnv();
if (!config.databaseUrl && !config.dataDir.startsWith('memory://')) mkdirSync(config.dataDir, { recursive: true });
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const costEnv = process.env['GESTE_SCRYPT_LOG2_N'];
const app = await buildApp({ database, config, logger: process.env['GESTE_LOG'] !== '0', ...(costEnv ? { passwordCostLog2: Number(costEnv) } : {}) });
const address = await app.listen({ host: config.host, port: config.port });
// One machine-readable line for scripts and tests that start the server on port 0.
process.stdout.write(`GESTE_LISTENING ${address} ${database.backend}\n`);

let closing = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (closing) return;
    closing = true;
    void app.close().then(() => database.close()).then(() => process.exit(0));
  });
}
