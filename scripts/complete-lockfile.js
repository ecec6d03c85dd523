#!/usr/bin/env node
// The npm registry mirror these machines reach answers 404 for some platform binaries (macOS, Windows, exotic Linux)
// of packages such as @swc/core. `npm install` then leaves those optional packages out of package-lock.json, and
// `npm ci` refuses the lock as out of sync. This adds the missing optional entries, with the version the parent asks
// for and the os/cpu/libc its name gives, so that `npm ci` accepts the lock and skips them on other platforms.
// Run after `npm install` changed the lock: `node scripts/complete-lockfile.js`.
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const file = join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(file, 'utf8'));
const OS = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32'];

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key] || lock.packages[`${path}/${key}`]) continue;
    const parts = name.split('/').pop().split('-');
    const os = parts.find((part) => OS.includes(part));
    const cpu = parts.find((part) => CPU.includes(part));
    if (!os || !cpu || !/^\d+\.\d+\.\d+/.test(range)) continue; // not a platform binary pinned to one version
    const libc = parts.some((part) => part.startsWith('musl')) ? 'musl' : os === 'linux' ? 'glibc' : undefined;
    lock.packages[key] = { version: range, cpu: [cpu], os: [os], ...(libc ? { libc: [libc] } : {}), optional: true };
    added += 1;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional platform entries`);
