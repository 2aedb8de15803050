#!/usr/bin/env node
// Thin shim: the real entry is compiled to dist/ by `npm run build` (run on install by `prepare`).
import('../dist/cli.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    process.stderr.write('smsmatch: not built yet. Run `npm install` (or `npm run build`) in the smsmatch folder first.\n');
    process.exitCode = 70;
    return;
  }
  throw error;
});
