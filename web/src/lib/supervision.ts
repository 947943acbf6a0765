/**
 * The supervisor console's data: who uses it, what the queue and the activity API answer
 * (api/routes/escalations.ts, api/routes/supervision.ts), and the live stream with its `reset`.
 */
import { useEffect, useRef, useState } from 'react';
import { CONSOLE_ROLES } from '../../../domain/roles.js';
import type { TEscalationReason, TFileRef, TUser } from './types.js';

export function usesConsole(user: TUser): boolean {
  return user.roles.some((r) => CONSOLE_ROLES.includes(r));
}

export type TEscalationKind = 'WARN' | 'ESCALATE' | 'MANUAL' | 'EXTENSION_REQUEST';

/** An item of the escalations queue (`GET /api/v1/escalations`). */
export interface TQueueItem extends TEscalationReason {
  id: string;
  caseId: string;
  caseTitle: string;
  caseKind: string;
  caseStatus: string;
  stepId: string;
  stepTitle: string | null;
  kind: TEscalationKind;
  toRole: string;
  teamId: string;
  reason: string;
  createdAt: string;
  resolvedAt: string | null;
  dueAt: string | null;
  overdue: boolean | null;
  assigneeId: string | null;
}

/** One live event with its case, as `GET /api/v1/supervision/activity` answers. */
export interface TActivity {
  id: string;
  at: string;
  caseId: string;
  caseTitle: string;
  caseKind: string;
  procedureId: string;
  procedureVersion: number;
  teamId: string;
  status: string;
  overdue: boolean;
  currentSteps: string[];
  actions: { seq: number; action: string; stepId: string | null; actorId: string; at: string; evidence: TFileRef[] }[];
}

/** An open step of the scope (`GET /api/v1/supervision/workload`). */
export interface TWorkTask {
  caseId: string;
  caseTitle: string;
  caseKind: string;
  procedureId: string;
  procedureVersion: number;
  stepId: string;
  stepTitle: string;
  roles: string[];
  teamId: string;
  assigneeId: string | null;
  openedAt: string;
  dueAt: string | null;
  overdue: boolean;
  paused: boolean;
}

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

export type TLiveState = 'connecting' | 'live' | 'reconnecting';

/**
 * The live stream of case events from `from` on (`?lastEventId=`; the browser then resumes with
 * `Last-Event-ID` by itself after a drop). `onReset` runs when the server could not fill a gap:
 * the lists must be loaded again. Opens only once `from` is known (null: from now).
 */
export function useLiveStream(from: string | null | undefined, handlers: { onCase: (e: { caseId: string }) => void; onReset: () => void }): TLiveState {
  const [state, setState] = useState<TLiveState>('connecting');
  const current = useRef(handlers);
  useEffect(() => {
    current.current = handlers;
  });
  useEffect(() => {
    if (from === undefined || typeof EventSource === 'undefined') return;
    const source = new EventSource(from ? `/api/v1/events?lastEventId=${encodeURIComponent(from)}` : '/api/v1/events');
    source.addEventListener('ready', () => setState('live'));
    source.addEventListener('case', (msg) => {
      try {
        current.current.onCase(JSON.parse((msg as MessageEvent<string>).data) as { caseId: string });
      } catch {
        // A malformed event is skipped; the next one brings the lists up to date.
      }
    });
    source.addEventListener('reset', () => current.current.onReset());
    source.onerror = () => setState('reconnecting');
    return () => source.close();
  }, [from]);
  return state;
}
