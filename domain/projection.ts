/**
 * What the read model stores of a case: derived from the workflow state by a pure function, so
 * the projection and the checker agree on it.
 */
import { availableActions, isOverdue, judgedLate, nextDeadlineAt, withReason, type TCaseState, type TCompletedStep, type TEscalation } from './engine.js';
import { foldVietnamese } from './business.js';
import { redactForm } from './forms.js';
import type { TProcedureDefinition } from './procedure.js';
import type { TAuditEvent } from './audit.js';

/** A projection as it is written to the read model: the case's row and the audit events to insert once by their keys. */
export interface TCaseProjectionInput {
  projection: TCaseProjection;
  audit: TAuditEvent[];
}

export interface TCaseProjection {
  caseId: string;
  kind: string;
  procedureId: string;
  procedureVersion: number;
  status: 'OPEN' | 'CLOSED';
  overdue: boolean;
  unitId: string;
  teamId: string;
  title: string;
  businessId?: string | undefined;
  /** The campaign and period that opened the case (`case_file.campaign_id`, `campaign_period`). */
  campaignId?: string | undefined;
  campaignPeriod?: string | undefined;
  parentCaseId?: string | undefined;
  openedAt: string;
  closedAt?: string | undefined;
  closeOutcome?: string | undefined;
  currentSteps: string[];
  nextDeadlineAt?: string | undefined;
  stateSeq: number;
  tasks: {
    stepId: string;
    title: string;
    /** The step's title in English, for readers of the notifications (case_task keeps the Vietnamese one). */
    titleEn: string;
    roles: string[];
    assigneeId?: string | undefined;
    openedAt: string;
    due?: string | undefined;
    dueAt?: string | undefined;
    overdue: boolean;
    paused: boolean;
    deadline?: unknown;
  }[];
  /** With their reasons as data, whichever shape the state holds them in (escalations raised before ADR 0060 have the sentence only). */
  escalations: (TEscalation & Required<Pick<TEscalation, 'reasonCode' | 'reasonParams'>>)[];
  /** The state snapshot (without the audit buffer), for the case page. */
  snapshot: Omit<TCaseState, 'pendingAudit' | 'processed' | 'markers' | 'legalParams'>;
}

/**
 * The completed steps with the engine's judgement of their deadline on each that had one: the one
 * the engine recorded, or for a step completed before it recorded it (docs/adr/0207), the same
 * judgement made again from the case's definition (`judgedLate`: the paper's date where the
 * deadline names it). The statistics count a step late or on time from it.
 */
export function withJudgements<T extends Pick<TCompletedStep, 'stepId' | 'data' | 'at' | 'deadline' | 'late'>>(def: TProcedureDefinition, completed: readonly T[]): T[] {
  return completed.map((c) => (!c.deadline || typeof c.late === 'boolean' ? c : { ...c, late: judgedLate(def.steps.find((s) => s.id === c.stepId)?.deadline?.judgedOn, c) }));
}

export function projectCase(def: TProcedureDefinition, state: TCaseState): TCaseProjection {
  const actions = availableActions(def, state);
  const { pendingAudit: _pending, processed: _processed, markers: _markers, legalParams: _params, ...rest } = state;
  // Sensitive form fields (an informant's identity) stay in the workflow only.
  const escalations = state.escalations.map(withReason);
  const snapshot = {
    ...rest,
    escalations,
    completed: withJudgements(def, rest.completed).map((c) => ({ ...c, data: redactForm(def.steps.find((s) => s.id === c.stepId)?.form.fields ?? [], c.data) })),
  };
  return {
    caseId: state.caseId,
    kind: state.kind,
    procedureId: state.procedure.id,
    procedureVersion: state.procedure.version,
    status: state.status,
    overdue: isOverdue(state),
    unitId: state.unitId,
    teamId: state.teamId,
    title: state.title,
    businessId: state.businessId,
    campaignId: state.campaign?.campaignId,
    campaignPeriod: state.campaign?.period,
    parentCaseId: state.parent?.caseId,
    openedAt: state.startedAt,
    closedAt: state.closedAt,
    closeOutcome: state.closeOutcome,
    currentSteps: state.open.map((o) => o.stepId),
    nextDeadlineAt: nextDeadlineAt(state),
    stateSeq: state.seq,
    tasks: state.open.map((o) => {
      const a = actions.find((x) => x.stepId === o.stepId)!;
      return {
        stepId: o.stepId,
        title: a.title.vi,
        titleEn: a.title.en,
        roles: a.roles,
        assigneeId: o.assigneeId,
        openedAt: o.openedAt,
        due: o.deadline?.due,
        dueAt: o.deadline?.dueAt,
        overdue: !!o.deadline?.breached,
        paused: a.paused,
        deadline: o.deadline,
      };
    }),
    escalations,
    snapshot,
  };
}

/** How much of a case the search reads: enough for its parties and paper numbers, bounded. */
const SEARCH_TEXT_MAX = 4_000;
const SEARCH_VALUE_MAX = 200;

/**
 * What the case search matches, folded (lower case, no accents, `đ` as `d`): the case number, the
 * title, and the words the officers wrote in its steps — names of parties and representatives,
 * decision, record and receipt numbers, addresses — as the read model holds them, so sensitive
 * fields (already redacted) are never searchable. Short text values only (a long description is not
 * a search key), at most SEARCH_TEXT_MAX characters.
 */
export function caseSearchText(caseId: string, title: string, completed: readonly { data: Record<string, unknown> }[]): string {
  const parts: string[] = [caseId.toLowerCase(), foldVietnamese(title)];
  const add = (v: unknown): void => {
    if (typeof v === 'string') {
      const t = v.trim();
      if (t && t.length <= SEARCH_VALUE_MAX && !/^\d{4}-\d{2}-\d{2}/.test(t)) parts.push(foldVietnamese(t));
    } else if (Array.isArray(v)) v.forEach(add);
    else if (v && typeof v === 'object' && !('sha256' in v)) Object.values(v).forEach(add);
  };
  for (const c of completed) Object.values(c.data).forEach(add);
  return [...new Set(parts)].join(' ').slice(0, SEARCH_TEXT_MAX);
}
