// A guard: the UI reads "now" only through lib/clock.ts, so tests can fix it. Any other
// `new Date()` with no arguments, or `Date.now()`, in the app's own code fails this test.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test' || name === 'bindings' ? [] : sources(path);
    return /\.(ts|svelte)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

describe('one clock', () => {
  it('no app code but lib/clock.ts reads the system clock', () => {
    const offenders = sources(SRC)
      .filter((path) => !path.endsWith(join('lib', 'clock.ts')))
      .flatMap((path) =>
        readFileSync(path, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, where: `${relative(SRC, path)}:${i + 1}` }))
          .filter(({ line }) => /new Date\(\s*\)|Date\.now\(\)|performance\.timeOrigin/.test(line))
          .map(({ where, line }) => `${where}: ${line.trim()}`),
      );
    expect(offenders, 'read "now" from lib/clock.ts instead').toEqual([]);
  });

  it('no app code formats dates with the machine\'s locale or zone', () => {
    const offenders = sources(SRC)
      .flatMap((path) =>
        readFileSync(path, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, where: `${relative(SRC, path)}:${i + 1}` }))
          .filter(({ line }) => /toLocale(Date|Time)?String\(\s*\)|new Intl\.DateTimeFormat\(\s*\)|toDateString\(\)|getTimezoneOffset/.test(line))
          .filter(({ line }) => !line.includes('resolvedOptions().timeZone'))
          .map(({ where, line }) => `${where}: ${line.trim()}`),
      );
    expect(offenders, 'format dates through lib/format.ts, in en-GB and the clock\'s zone').toEqual([]);
  });
});
