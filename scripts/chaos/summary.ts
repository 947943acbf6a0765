/**
 * The chaos script's result lines: one per round, then the one summary line, e.g.
 * `chaos: 3 rounds, 300 cases, 300 ended, 0 lost, 0 doubled, 0 mismatched, 0 broken chains;
 * kills: worker 14, api 12, postgres 6, temporal 5; 412 retries; 9m12s; seed k3x9`.
 */
import { COMPONENTS, type TComponent } from './cluster.js';

export interface TTally {
  cases: number;
  ended: number;
  lost: number;
  doubled: number;
  mismatched: number;
  brokenChains: number;
  kills: Record<TComponent, number>;
  /** Worker/API processes (or PostgreSQL, Temporal) that exited by themselves after they were up. */
  crashes: Record<TComponent, number>;
  retries: number;
  /** Answers 500 INTERNAL (a bug: a fault must be answered 503, try again). */
  internalErrors: number;
  ms: number;
}

export function emptyTally(): TTally {
  const zero = (): Record<TComponent, number> => ({ worker: 0, api: 0, postgres: 0, temporal: 0 });
  return { cases: 0, ended: 0, lost: 0, doubled: 0, mismatched: 0, brokenChains: 0, kills: zero(), crashes: zero(), retries: 0, internalErrors: 0, ms: 0 };
}

export function addTally(a: TTally, b: TTally): TTally {
  const sum = (x: Record<TComponent, number>, y: Record<TComponent, number>) => Object.fromEntries(COMPONENTS.map((c) => [c, x[c] + y[c]])) as Record<TComponent, number>;
  return {
    cases: a.cases + b.cases,
    ended: a.ended + b.ended,
    lost: a.lost + b.lost,
    doubled: a.doubled + b.doubled,
    mismatched: a.mismatched + b.mismatched,
    brokenChains: a.brokenChains + b.brokenChains,
    kills: sum(a.kills, b.kills),
    crashes: sum(a.crashes, b.crashes),
    retries: a.retries + b.retries,
    internalErrors: a.internalErrors + b.internalErrors,
    ms: a.ms + b.ms,
  };
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** Whether nothing was lost, doubled, mismatched or broken, nothing crashed and no answer was a 500. */
export function isClean(t: TTally): boolean {
  const crashed = COMPONENTS.some((c) => t.crashes[c] > 0);
  return t.lost === 0 && t.doubled === 0 && t.mismatched === 0 && t.brokenChains === 0 && t.ended === t.cases && !crashed && t.internalErrors === 0;
}

export function tallyLine(prefix: string, t: TTally, rounds?: number): string {
  const crashes = COMPONENTS.filter((c) => t.crashes[c] > 0).map((c) => `${c} ${t.crashes[c]}`);
  return (
    `${prefix}: ${rounds === undefined ? '' : `${rounds} round${rounds === 1 ? '' : 's'}, `}${t.cases} cases, ${t.ended} ended, ${t.lost} lost, ${t.doubled} doubled, ${t.mismatched} mismatched, ${t.brokenChains} broken chains; ` +
    `kills: ${COMPONENTS.map((c) => `${c} ${t.kills[c]}`).join(', ')}; ${crashes.length ? `crashes: ${crashes.join(', ')}; ` : ''}${t.internalErrors ? `${t.internalErrors} answers 500; ` : ''}${t.retries} retries; ${formatDuration(t.ms)}`
  );
}

/** Reads the counts back from a summary line (for the test that runs the script). */
export function parseSummaryLine(line: string): (TTally & { rounds: number }) | undefined {
  const m =
    /^chaos: (\d+) rounds?, (\d+) cases, (\d+) ended, (\d+) lost, (\d+) doubled, (\d+) mismatched, (\d+) broken chains; kills: worker (\d+), api (\d+), postgres (\d+), temporal (\d+); (?:crashes: ([^;]+); )?(?:(\d+) answers 500; )?(\d+) retries; (?:(\d+)m)?(\d+)s/.exec(
      line,
    );
  if (!m) return undefined;
  const n = (i: number): number => Number(m[i] ?? 0);
  const crashes: Record<TComponent, number> = { worker: 0, api: 0, postgres: 0, temporal: 0 };
  for (const part of (m[12] ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    const [name, count] = part.split(' ');
    if (name && (COMPONENTS as readonly string[]).includes(name)) crashes[name as TComponent] = Number(count);
  }
  return {
    rounds: n(1),
    cases: n(2),
    ended: n(3),
    lost: n(4),
    doubled: n(5),
    mismatched: n(6),
    brokenChains: n(7),
    kills: { worker: n(8), api: n(9), postgres: n(10), temporal: n(11) },
    crashes,
    internalErrors: n(13),
    retries: n(14),
    ms: (n(15) * 60 + n(16)) * 1000,
  };
}
