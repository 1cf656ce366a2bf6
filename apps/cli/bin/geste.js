#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx (no build step: `npm install` is the whole set-up).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
