#!/usr/bin/env node
// Runs before `npm run token`: builds the runtime scripts when their build is missing or older than their sources, so
// the command works on a fresh clone and after a change without a full `npm run build`. Plain JavaScript because it
// runs before anything is built.
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const output = join(root, 'dist', 'runtime', 'scripts', 'token.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const built = existsSync(output) ? statSync(output).mtimeMs : 0;
if (built < Math.max(newestSource(join(root, 'scripts')), newestSource(join(root, 'libs')))) {
  process.stderr.write('[doorloop] Building the runtime scripts (nest build runtime)…\n');
  execFileSync(join(root, 'node_modules', '.bin', 'nest'), ['build', 'runtime'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
}
