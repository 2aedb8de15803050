import { processIo } from './io.js';
import { main } from './main.js';

const code = await main(process.argv.slice(2), processIo());
// A write error already reported by io.ts (a full disk under a redirect) keeps its 74 over a success.
process.exitCode = code === 0 && process.exitCode === 74 ? 74 : code;
