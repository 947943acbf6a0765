/**
 * `npm run lint`: the API contract check, ESLint, both type checks, the dead-code check and the
 * formatting check — run side by side, as many at once as the machine has cores (each of them is
 * single-threaded; one after another they took about four minutes of CI's 25 on two cores).
 * Each check's output is printed whole when it ends, under its name and time; the run fails if any
 * check fails, after all have ended (one run shows every problem).
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

interface TCheck {
  name: string;
  command: string;
  args: readonly string[];
}

const BIN = (tool: string): string => path.resolve(import.meta.dirname, '../node_modules/.bin', tool);

/** Longest first: the slowest check starts at once and the short ones fill the other cores. */
const CHECKS: readonly TCheck[] = [
  { name: 'eslint', command: BIN('eslint'), args: ['.'] },
  { name: 'tsc', command: BIN('tsc'), args: ['--noEmit'] },
  { name: 'tsc (web)', command: BIN('tsc'), args: ['--noEmit', '-p', 'web'] },
  { name: 'knip', command: BIN('knip'), args: [] },
  { name: 'gen-api --check', command: BIN('tsx'), args: ['scripts/gen-api.ts', '--check'] },
  { name: 'prettier --check', command: BIN('prettier'), args: ['--check', '.'] },
];

interface TOutcome {
  check: TCheck;
  code: number | null;
  output: string;
  seconds: number;
}

function run(check: TCheck): Promise<TOutcome> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(check.command, check.args, { cwd: path.resolve(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => chunks.push(b));
    child.stderr.on('data', (b: Buffer) => chunks.push(b));
    child.on('error', (err) => resolve({ check, code: 1, output: String(err), seconds: (Date.now() - t0) / 1000 }));
    child.on('close', (code) => resolve({ check, code, output: Buffer.concat(chunks).toString('utf8'), seconds: (Date.now() - t0) / 1000 }));
  });
}

async function main(): Promise<void> {
  const parallel = Math.max(1, Number(process.env.LINT_JOBS) || os.availableParallelism());
  const queue = [...CHECKS];
  const outcomes: TOutcome[] = [];
  const lane = async (): Promise<void> => {
    for (let check = queue.shift(); check; check = queue.shift()) {
      const o = await run(check);
      outcomes.push(o);
      process.stdout.write(`\n── ${o.check.name}: ${o.code === 0 ? 'passed' : `FAILED (exit ${o.code})`} in ${o.seconds.toFixed(1)} s\n${o.output.trimEnd()}${o.output.trim() ? '\n' : ''}`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  const failed = outcomes.filter((o) => o.code !== 0).map((o) => o.check.name);
  if (failed.length) {
    process.stdout.write(`\nlint failed: ${failed.join(', ')}\n`);
    process.exitCode = 1;
  } else process.stdout.write(`\nlint passed (${outcomes.length} checks, ${parallel} at once)\n`);
}

await main();
