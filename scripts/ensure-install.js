#!/usr/bin/env node
// Runs before `npm start` and `npm test` on a fresh clone: installs dependencies when they are missing or older than
// the lock file. Plain JavaScript because it must run before anything is installed.
const { execFileSync } = require('node:child_process');
const { existsSync, lstatSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');
// A symlinked node_modules (a git worktree sharing another checkout's install) belongs to that checkout: npm ci here
// would empty it for everyone.
const shared = existsSync(join(root, 'node_modules')) && lstatSync(join(root, 'node_modules')).isSymbolicLink();
const stale = !shared && (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs);
if (stale) {
  console.log('[doorloop] Installing dependencies (npm ci)…');
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
  });
}
