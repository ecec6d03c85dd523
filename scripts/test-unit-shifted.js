#!/usr/bin/env node
// The unit tier on another day between 2027 and 2035 (test/shifted-clock.ts fakes the clock). The day and time of day
// follow from a seed, printed so that a failing run can be repeated: DOORLOOP_CLOCK_SEED=<seed>, or name the moment
// itself with DOORLOOP_FAKE_TODAY=2032-02-29T23:30. Extra arguments go to jest.
const { spawnSync } = require('node:child_process');
const { randomInt } = require('node:crypto');

const FIRST_DAY = Date.UTC(2027, 0, 1);
const LAST_DAY = Date.UTC(2035, 11, 31);
const DAY_MS = 86_400_000;

function momentOf(seed) {
  const day = new Date(FIRST_DAY + (seed % ((LAST_DAY - FIRST_DAY) / DAY_MS + 1)) * DAY_MS).toISOString().slice(0, 10);
  // Any minute of the day except 02:xx, which does not exist on the day summer time starts.
  const hour = [0, 1, ...Array.from({ length: 21 }, (_, i) => i + 3)][Math.floor(seed / 7) % 23];
  const minute = Math.floor(seed / 161) % 60;
  return `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

const given = process.env.DOORLOOP_FAKE_TODAY;
const seed = Number(process.env.DOORLOOP_CLOCK_SEED ?? randomInt(1_000_000_000));
if (!given && !(Number.isSafeInteger(seed) && seed >= 0)) {
  process.stderr.write(`DOORLOOP_CLOCK_SEED=${process.env.DOORLOOP_CLOCK_SEED}: write a whole number, 0 or more\n`);
  process.exit(2);
}
const moment = given ?? momentOf(seed);
process.stdout.write(
  given
    ? `Unit tests with the clock at ${moment} (Europe/Amsterdam), from DOORLOOP_FAKE_TODAY\n`
    : `Unit tests with the clock at ${moment} (Europe/Amsterdam); repeat with DOORLOOP_CLOCK_SEED=${seed}\n`,
);
const jest = spawnSync('npx', ['jest', ...process.argv.slice(2), '--selectProjects', 'unit'], {
  stdio: 'inherit',
  env: { ...process.env, DOORLOOP_FAKE_TODAY: moment },
});
process.exit(jest.status ?? 1);
