#!/usr/bin/env node
// Planted defects (issue 21): plants each defect of test/planted/defects.js in turn in a scratch copy of this tree and
// runs its suite there (the access matrix unless the defect names another). A defect the suite notices turns it red
// (good); one it misses stays green (bad). The tree as it is (uncommitted changes included) is copied once, node_modules linked, each defect applied to a
// fresh copy of its file and undone afterwards. First a run of every suite without a defect, which must be green, or nothing below it
// means anything. Exits non-zero when a defect stays green, an anchor no longer matches, or the baseline fails.
// `npm run test:planted [-- name ...]` runs only the named defects; `--no-baseline` skips the first run.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const ACCESS_MATRIX = ['test/access-matrix.e2e-spec.ts'];
const defects = require('../test/planted/defects.js');

const args = process.argv.slice(2);
const baseline = !args.includes('--no-baseline');
const names = args.filter((arg) => !arg.startsWith('--'));
const unknown = names.filter((name) => !defects.some((d) => d.name === name));
if (unknown.length > 0) {
  process.stderr.write(`Unknown defect(s): ${unknown.join(', ')}; known: ${defects.map((d) => d.name).join(', ')}\n`);
  process.exit(2);
}
const chosen = names.length > 0 ? defects.filter((d) => names.includes(d.name)) : defects;

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'doorloop-planted-'));
const SKIP = new Set(['node_modules', '.git', '.data', 'dist', 'coverage', 'test-artifacts']);
fs.cpSync(ROOT, scratch, { recursive: true, filter: (source) => !SKIP.has(path.basename(source)) });
fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules')), path.join(scratch, 'node_modules'));

const suiteOf = (defect) => defect.suite ?? ACCESS_MATRIX;

function runSuite(label, suite) {
  const started = Date.now();
  process.stdout.write(`${label}: running ${suite.join(' ')}… `);
  const run = spawnSync('npx', ['jest', ...suite, '--selectProjects', 'integration'], {
    cwd: scratch,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const failed = (run.stderr.match(/^\s+✕ .*$/gm) ?? []).map((line) => line.trim());
  const seconds = Math.round((Date.now() - started) / 1000);
  process.stdout.write(`${run.status === 0 ? 'green' : 'red'} (${seconds} s)\n`);
  return { red: run.status !== 0, failed, output: run.stderr };
}

const rows = [];
let exitCode = 0;
try {
  if (baseline) {
    const result = runSuite('baseline (no defect)', [...new Set(chosen.flatMap(suiteOf))]);
    if (result.red) {
      process.stdout.write(`${result.output}\nA suite is red without a defect: fix that first.\n`);
      process.exit(1);
    }
  }
  for (const defect of chosen) {
    const file = path.join(scratch, defect.file);
    const original = fs.readFileSync(file, 'utf8');
    const matches = original.split(defect.find).length - 1;
    if (matches !== 1) {
      rows.push({ defect, verdict: `anchor found ${matches}× in ${defect.file}: re-anchor it`, caughtBy: [] });
      exitCode = 1;
      continue;
    }
    fs.writeFileSync(
      file,
      original.replace(defect.find, () => defect.replace),
    );
    try {
      const result = runSuite(defect.name, suiteOf(defect));
      rows.push({ defect, verdict: result.red ? 'red (caught)' : 'GREEN (missed)', caughtBy: result.failed });
      if (!result.red) exitCode = 1;
    } finally {
      fs.writeFileSync(file, original);
    }
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}

process.stdout.write('\n| planted defect | what it removes | suite | failing tests |\n| --- | --- | --- | --- |\n');
for (const { defect, verdict, caughtBy } of rows) {
  const tests = caughtBy.map((line) => line.replace(/^✕\s*/, '').replace(/\s*\(\d+ ms\)$/, '')).join('; ');
  process.stdout.write(`| \`${defect.name}\` | ${defect.what} | ${verdict} | ${tests} |\n`);
}
process.exit(exitCode);
