/**
 * The supervisor console's data: who uses it, what the queue and the activity API answer
 * (api/routes/escalations.ts, api/routes/supervision.ts). The live stream is lib/live-events.ts.
 */
import type { TUser } from './contract/types.js';

/** Who the console is for (api/routes/supervision.ts CONSOLE_ROLES). */
export const CONSOLE_ROLES = ['TEAM_LEAD', 'DIRECTOR', 'LEGAL_OFFICER', 'LEADER_VIEWER'];

export function usesConsole(user: TUser): boolean {
  return user.roles.some((r) => CONSOLE_ROLES.includes(r));
}

/** The queue, the activity feed and the workload as the API answers them (generated: lib/api/types.ts). */
export type { TActivity, TEscalationKind, TQueueItem, TWorkTask } from './contract/types.js';

/**
 * The workflow's reasons (the escalation ladder's, in English) as translation keys and values;
 * people's own reasons are shown as written.
 */
export function reasonParts(reason: string): { key: string; values: Record<string, string | number> } | undefined {
  const share = /^(\d+)% of the time used$/.exec(reason);
  if (share) return { key: 'reasons.share', values: { n: Number(share[1]) } };
  const after = /^(\d+(?:\.\d+)?) h after the deadline$/.exec(reason);
  if (after) return { key: 'reasons.after', values: { n: after[1]! } };
  if (reason === 'deadline passed') return { key: 'reasons.breach', values: {} };
  return undefined;
}

/** `+2 working_days: why` (an extension request) → its parts. */
export function extensionRequest(reason: string): { amount: number; unit: string; why: string } | undefined {
  const m = /^\+(\d+) (working_days|days|months|hours): ([\s\S]*)$/.exec(reason);
  return m ? { amount: Number(m[1]), unit: m[2]!, why: m[3]! } : undefined;
}
