/**
 * What each chaos case does, as the officers of the demo unit would do it in the web app: the team
 * lead opens an inspection on the chaos procedure and decides it, the inspector adds a note, takes
 * the on-site step and completes it — with a violation (then the violation record, and the seizure
 * sub-case's one step) or without — and the director concludes. Which path, and the seizure's
 * outcome, come from the seeded generator.
 */
import { vnDateOf } from '../../domain/vn-time.js';
import { CHAOS_PROCEDURE_ID } from './procedures.js';
import type { ChaosClient } from './client.js';
import type { Rng } from './rng.js';

const LEAD = 'doitruong.cuong';
const INSPECTOR = 'kiemsoat.an';
const DIRECTOR = 'chicuctruong.hai';
export const ADMIN = 'quocgia.thu'; // NATIONAL_ADMIN: the chaos procedures are national (ADR 0040)

export interface TCasePlan {
  round: number;
  index: number;
  /** Unique per seed, round and case: how a case (and any second one opened for it) is found. */
  title: string;
  violation: boolean;
  seizureOutcome: 'RELEASED' | 'CONFISCATED';
}

/** What the scripted path leads to, when nothing is lost and nothing applied twice. */
export interface TExpectedEnd {
  closeOutcome: string;
  steps: string[];
  /** The seizure sub-case (violation path only). */
  child?: { stepId: string; closeOutcome: string; steps: string[] } | undefined;
}

export interface TCaseRun {
  plan: TCasePlan;
  caseId?: string | undefined;
  /** The client went through the whole script and got a definitive success for every action. */
  finished: boolean;
  error?: string | undefined;
}

export function planCases(rng: Rng, round: number, count: number, seed: string): TCasePlan[] {
  return Array.from({ length: count }, (_, i) => ({
    round,
    index: i + 1,
    title: `Chaos ${seed} r${round} #${String(i + 1).padStart(3, '0')}`,
    violation: rng.chance(0.6),
    seizureOutcome: rng.chance(0.5) ? 'RELEASED' : 'CONFISCATED',
  }));
}

export function expectedEnd(plan: TCasePlan): TExpectedEnd {
  return plan.violation
    ? { closeOutcome: 'CONCLUDED', steps: ['C1', 'C2', 'C3', 'S1', 'C4'], child: { stepId: 'S1', closeOutcome: plan.seizureOutcome, steps: ['D1'] } }
    : { closeOutcome: 'CONCLUDED', steps: ['C1', 'C2', 'C4'] };
}

function casePath(caseId: string): string {
  return `/api/v1/cases/${encodeURIComponent(caseId)}`;
}

/** Today in Vietnam (the forms' dates may not be in the future there). */
function today(): string {
  return vnDateOf(Date.now());
}

/** Runs one case's script; records the case id as soon as it is known. */
export async function runCase(client: ChaosClient, run: TCaseRun, waitMs: number): Promise<void> {
  const { plan } = run;
  const opened = (await client.action(LEAD, '/api/v1/cases', { procedureId: CHAOS_PROCEDURE_ID, title: plan.title })) as { caseId: string };
  run.caseId = opened.caseId;
  const c = casePath(opened.caseId);
  await client.action(INSPECTOR, `${c}/notes`, { text: `Ghi chú ${plan.title}` });
  await client.action(LEAD, `${c}/steps/C1/complete`, { outcome: 'DECIDED', data: { decisionNo: `QĐ-${plan.round}-${plan.index}`, decisionDate: today() } });
  await client.action(INSPECTOR, `${c}/steps/C2/claim`, {});
  await client.action(INSPECTOR, `${c}/steps/C2/complete`, { outcome: plan.violation ? 'VIOLATION' : 'NO_VIOLATION', data: { findings: `Kết quả kiểm tra ${plan.title}` } });
  if (plan.violation) {
    await client.action(INSPECTOR, `${c}/steps/C3/complete`, { outcome: 'RECORDED', data: { fineAmount: 1_500_000 + plan.index * 1_000 } });
    const child = casePath(`${opened.caseId}/S1`);
    await client.waitFor(INSPECTOR, child, 'the seizure sub-case with step D1 open', (b: { case: { currentSteps: string[] } }) => b.case.currentSteps.includes('D1'), waitMs);
    await client.action(INSPECTOR, `${child}/steps/D1/complete`, { outcome: plan.seizureOutcome, data: { handledOn: today() } });
    await client.waitFor(DIRECTOR, c, 'step C4 open after the sub-case closed', (b: { case: { currentSteps: string[] } }) => b.case.currentSteps.includes('C4'), waitMs);
  }
  await client.action(DIRECTOR, `${c}/steps/C4/complete`, { outcome: 'CONCLUDED', data: { conclusion: `Kết luận ${plan.title}` } });
  run.finished = true;
}
