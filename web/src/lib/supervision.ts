/**
 * The supervisor console's data: who uses it, what the queue and the activity API answer
 * (api/routes/escalations.ts, api/routes/supervision.ts). The live stream is lib/live-events.ts.
 */
import { CONSOLE_ROLES } from '../../../domain/roles.js';
import type { TEscalationReason, TUser } from './contract/types.js';

export function usesConsole(user: TUser): boolean {
  return user.roles.some((r) => CONSOLE_ROLES.includes(r));
}

/** The queue, the activity feed and the workload as the API answers them (generated: lib/contract/types.ts). */
export type { TActivity, TEscalationKind, TQueueItem, TWorkTask } from './contract/types.js';

/**
 * The workflow's reasons (the escalation ladder's) as translation keys and values, from the reason
 * as data; people's own reasons are shown as written.
 */
export function reasonParts(x: TEscalationReason): { key: string; values: Record<string, string | number> } | undefined {
  const p = x.reasonParams;
  if (x.reasonCode === 'TIME_SHARE_USED') return { key: 'reasons.share', values: { n: p.percent ?? 0 } };
  if (x.reasonCode === 'HOURS_AFTER_DEADLINE') return { key: 'reasons.after', values: { n: p.hours ?? 0 } };
  if (x.reasonCode === 'DEADLINE_PASSED') return { key: 'reasons.breach', values: {} };
  return undefined;
}

/** An extension request's parts: how much, in which unit, and why (the officer's words). */
export function extensionRequest(x: TEscalationReason): { amount: number; unit: string; why: string } | undefined {
  const p = x.reasonParams;
  return x.reasonCode === 'EXTENSION_REQUESTED' ? { amount: p.amount ?? 0, unit: p.unit ?? 'days', why: p.text ?? '' } : undefined;
}
