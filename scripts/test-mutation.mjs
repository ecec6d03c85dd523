#!/usr/bin/env node
// Mutation testing in parts that survive an interruption (issue 21; docs/testing.md, "Mutation testing"). A whole
// Stryker run here takes hours and writes its incremental file only when it ends, so a run cut short keeps nothing.
// This runs Stryker once per source file of the config's `mutate`, each part with its own incremental file in
// reports/mutation/parts/, and skips a part whose report still describes the tree: the same source, the same unit test
// files with the same text, the same Stryker settings. Then it merges the parts into reports/mutation/mutation.json and
// prints the score per directory and the surviving mutants.
//
// `npm run test:mutation` runs every part that is not current; `-- <file> …` only those files; `-- --report` only
// merges what is there. Stryker's own incremental mode still works inside a part: a changed file reruns only the
// mutants its change touched.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, matchesGlob, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calculateMetrics } from 'mutation-testing-metrics';
import strykerConfig from '../stryker.config.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PARTS = join(ROOT, 'reports', 'mutation', 'parts');
const SETTING_FILES = ['stryker.config.mjs', 'stryker.jest.config.js', 'jest.config.js', 'test/swc-options.js'];
const SETTING_DIRS = ['test/mutation'];
const TEST_ROOTS = ['libs/domain', 'workflows'];
const TARGET = 90;

const toPosix = (file) => file.split(sep).join('/');
const read = (file) => readFileSync(join(ROOT, file), 'utf8');
const sha = (text) => createHash('sha256').update(text).digest('hex');

function filesUnder(root, keep) {
  return readdirSync(join(ROOT, root), { recursive: true })
    .map((entry) => toPosix(join(root, entry)))
    .filter(keep)
    .sort();
}

const include = strykerConfig.mutate.filter((pattern) => !pattern.startsWith('!'));
const exclude = strykerConfig.mutate.filter((pattern) => pattern.startsWith('!')).map((p) => p.slice(1));
/** The directories the target applies to: where each `mutate` pattern starts (libs/domain/src, workflows/src). */
const mutatedRoots = () => [...new Set(include.map((pattern) => pattern.slice(0, pattern.indexOf('/*'))))];

function mutatedFiles() {
  return mutatedRoots().flatMap((root) =>
    filesUnder(root, (file) => include.some((p) => matchesGlob(file, p)) && !exclude.some((p) => matchesGlob(file, p))),
  );
}

/**
 * What a part's result depends on besides its own source, as Stryker's incremental mode sees it: the tests and their
 * helpers (every TypeScript file under the test roots that is not itself mutated), and the settings of the run.
 */
function contextFingerprint(mutated) {
  const tests = TEST_ROOTS.flatMap((root) =>
    filesUnder(root, (file) => file.endsWith('.ts') && !mutated.includes(file)),
  );
  const settings = [
    ...SETTING_FILES,
    ...SETTING_DIRS.flatMap((dir) => filesUnder(dir, (file) => file.endsWith('.js'))),
  ];
  return sha([...tests, ...settings].map((file) => `${file}\n${sha(read(file))}`).join('\n'));
}

const partName = (file) => file.replace(/[/.]/g, '_');
const reportOf = (file) => join(PARTS, `${partName(file)}.json`);
const stampOf = (file) => join(PARTS, `${partName(file)}.stamp`);
const stampFor = (file, context) => sha(`${sha(read(file))}\n${context}`);

function isCurrent(file, context) {
  return (
    existsSync(reportOf(file)) &&
    existsSync(stampOf(file)) &&
    readFileSync(stampOf(file), 'utf8') === stampFor(file, context)
  );
}

function runPart(file, context) {
  const started = Date.now();
  const log = join(PARTS, `${partName(file)}.log`);
  process.stdout.write(`${file}: `);
  const output = openSync(log, 'w');
  const run = spawnSync(
    'npx',
    [
      'stryker',
      'run',
      '--mutate',
      file,
      '--incrementalFile',
      relative(ROOT, reportOf(file)),
      '--reporters',
      'clear-text,progress',
    ],
    { cwd: ROOT, stdio: ['ignore', output, output], env: { ...process.env, FORCE_COLOR: '0' } },
  );
  closeSync(output);
  const seconds = Math.round((Date.now() - started) / 1000);
  if (run.status !== 0 || !existsSync(reportOf(file))) {
    const tail = readFileSync(log, 'utf8').trim().split('\n').slice(-30).join('\n');
    process.stdout.write(`Stryker failed after ${seconds} s; the end of its output:\n${tail}\n`);
    return false;
  }
  writeFileSync(stampOf(file), stampFor(file, context));
  const { metrics } = calculateMetrics(JSON.parse(readFileSync(reportOf(file), 'utf8')).files);
  process.stdout.write(`${score(metrics)} (${metrics.totalDetected}/${metrics.totalValid}), ${seconds} s\n`);
  return true;
}

const score = (metrics) => (Number.isNaN(metrics.mutationScore) ? 'n/a' : `${metrics.mutationScore.toFixed(1)} %`);

/** One report of every part: the mutants of each file as its own part found them (test ids differ per part, so the
 * merged report keeps statuses and drops the links to tests). */
function merge(files) {
  const merged = {};
  const missing = [];
  for (const file of files) {
    if (!existsSync(reportOf(file))) {
      missing.push(file);
      continue;
    }
    const part = JSON.parse(readFileSync(reportOf(file), 'utf8')).files[file];
    if (!part) continue;
    merged[file] = {
      ...part,
      mutants: part.mutants.map(({ coveredBy: _covered, killedBy: _killed, ...mutant }) => mutant),
    };
  }
  return { merged, missing };
}

const row = (metrics, path) =>
  `${score(metrics).padStart(7)}  ${`${metrics.totalDetected}/${metrics.totalValid}`.padStart(14)}  ${String(metrics.survived).padStart(8)}  ${String(metrics.noCoverage).padStart(11)}  ${path}\n`;

/** Prints every file's score and each root's (the target applies per root), then the mutants no test noticed. */
function printReport(files) {
  const { merged, missing } = merge(files);
  writeFileSync(
    join(ROOT, 'reports', 'mutation', 'mutation.json'),
    JSON.stringify({ schemaVersion: '2', thresholds: strykerConfig.thresholds, files: merged }),
  );
  const metricsOf = (names) => calculateMetrics(Object.fromEntries(names.map((name) => [name, merged[name]]))).metrics;
  const measured = Object.keys(merged);
  process.stdout.write('\n  score  detected/valid  survived  no-coverage  file\n');
  for (const file of measured) process.stdout.write(row(metricsOf([file]), file));
  process.stdout.write('\n');
  const roots = mutatedRoots().map((root) => ({
    root,
    metrics: metricsOf(measured.filter((f) => f.startsWith(`${root}/`))),
  }));
  for (const { root, metrics } of roots) process.stdout.write(row(metrics, root));
  process.stdout.write('\nSurvivors (and mutants no test covers):\n');
  for (const [file, { source, mutants }] of Object.entries(merged)) {
    const lines = source.split('\n');
    for (const mutant of mutants.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')) {
      const { line, column } = mutant.location.start;
      const text = lines[line - 1].trim().slice(0, 100);
      process.stdout.write(
        `  ${file}:${line}:${column} ${mutant.mutatorName} → ${mutant.replacement ?? '?'}  | ${text}\n`,
      );
    }
  }
  if (missing.length > 0) process.stdout.write(`\nNot yet run (${missing.length}): ${missing.join(', ')}\n`);
  return roots
    .filter(({ metrics }) => missing.length === 0 && !(metrics.mutationScore >= TARGET))
    .map(({ root }) => root);
}

const args = process.argv.slice(2);
const all = mutatedFiles();
const named = args.filter((arg) => !arg.startsWith('--'));
const unknown = named.filter((file) => !all.includes(file));
if (unknown.length > 0) {
  process.stderr.write(`Not mutated by stryker.config.mjs: ${unknown.join(', ')}\n`);
  process.exit(2);
}
mkdirSync(PARTS, { recursive: true });
let failed = 0;
if (!args.includes('--report')) {
  const context = contextFingerprint(all);
  for (const file of named.length > 0 ? named : all) {
    if (isCurrent(file, context)) process.stdout.write(`${file}: current, not rerun\n`);
    else if (!runPart(file, context)) failed += 1;
  }
}
const below = printReport(all);
if (below.length > 0) process.stdout.write(`\nBelow the target of ${TARGET} %: ${below.join(', ')}\n`);
process.exit(failed > 0 || below.length > 0 ? 1 : 0);
