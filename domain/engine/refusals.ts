/**
 * Why an action is refused, as data: every refusal the engine (and the case workflow) gives is one
 * of REFUSALS below — its `rule`, the `code` that says what kind of refusal it is (its HTTP status
 * is in api/errors.ts), the `params` it is about, and the sentence made from them. The law it cites
 * (`legalBasis`) and the details (form issues, the failing rules) go with it. Nobody reads the
 * sentence back: the API and the screens read `code`, `rule` and `params`.
 */
import { formatVi } from '../calendar.js';
import type { TLimitBreach } from '../case-limits.js';
import type { TRuleFailure } from '../law-rules.js';

/** The kinds of refusal; each maps to an HTTP status in api/errors.ts. */
export type TRejectionCode =
  | 'CASE_CLOSED'
  | 'STEP_OUT_OF_ORDER'
  | 'STEP_ALREADY_COMPLETED'
  | 'ROLE_NOT_ALLOWED'
  | 'NOT_ASSIGNEE'
  | 'FORM_INVALID'
  | 'OUTCOME_UNKNOWN'
  | 'EVIDENCE_REQUIRED'
  | 'DEADLINE_PASSED'
  | 'GUARD_FAILED'
  | 'EXTENSION_NOT_ALLOWED'
  | 'CLOCK_STATE'
  | 'LIMIT_EXCEEDED'
  | 'MIGRATION_BLOCKED'
  | 'INVALID_ACTION'
  | 'NOT_FOUND'
  | 'CONFLICT';

/** A value a refusal is about: JSON. */
type TRefusalParam = string | number | boolean | null | undefined | TRefusalParam[] | { [k: string]: TRefusalParam };
export type TRefusalParams = Record<string, TRefusalParam>;

/** A bilingual text, as procedures and rules word them. */
type TText = { vi: string; en: string };

export interface TRejection {
  code: TRejectionCode;
  /** Which rule refused: a key of REFUSALS. */
  rule: TRefusalRule;
  /** What it is about (a step, the roles allowed, a date…): what the sentence is made of. */
  params: TRefusalParams;
  message: string;
  /** The law that says so. */
  legalBasis?: string | undefined;
  details?: unknown;
}

const refusal = <P extends TRefusalParams>(code: TRejectionCode, message: (p: P) => string) => ({ code, message });

const or = (roles: string[]): string => roles.join(' or ');

/** Every refusal there is: its kind and its sentence. */
export const REFUSALS = {
  // The case and the step
  CASE_CLOSED: refusal<{ caseId: string }>('CASE_CLOSED', (p) => `Case ${p.caseId} is closed; nothing more can be done in it.`),
  STEP_UNKNOWN: refusal<{ stepId: string; procedure: string }>('STEP_OUT_OF_ORDER', (p) => `Step ${p.stepId} is not part of procedure ${p.procedure}.`),
  STEP_COMPLETED: refusal<{ stepId: string; stepTitle: TText; by: string; at: string; outcome: string }>(
    'STEP_ALREADY_COMPLETED',
    (p) => `Step ${p.stepId} (${p.stepTitle.vi}) was already completed by ${p.by} at ${p.at} with outcome ${p.outcome}.`,
  ),
  STEP_NOT_OPEN: refusal<{ stepId: string; stepTitle: TText; open: string[] }>(
    'STEP_OUT_OF_ORDER',
    (p) => `Step ${p.stepId} (${p.stepTitle.vi}) is not open yet; the open step(s): ${p.open.join(', ') || 'none'}.`,
  ),
  LIMIT_EXCEEDED: refusal<{ limit: string; max: number; actual: number; text: TText }>('LIMIT_EXCEEDED', (p) => `${p.text.vi} (${p.text.en})`),

  // Completing a step
  STEP_COMPLETED_BY_SUB_PROCEDURE: refusal<{ stepId: string; childCaseId: string }>('STEP_OUT_OF_ORDER', (p) => `Step ${p.stepId} completes when its sub-procedure case ${p.childCaseId} closes.`),
  ROLE_MAY_NOT_COMPLETE: refusal<{ stepId: string; stepTitle: TText; roles: string[]; actingAs: string }>(
    'ROLE_NOT_ALLOWED',
    (p) => `Step ${p.stepId} (${p.stepTitle.vi}) is completed by ${or(p.roles)}, not by ${p.actingAs}.`,
  ),
  ASSIGNED_TO_ANOTHER: refusal<{ stepId: string; assigneeId: string }>('NOT_ASSIGNEE', (p) => `Step ${p.stepId} is assigned to ${p.assigneeId}; claim it or ask a team lead to reassign it.`),
  OUTCOME_UNKNOWN: refusal<{ stepId: string; outcome: string; outcomes: string[] }>('OUTCOME_UNKNOWN', (p) => `Step ${p.stepId} has no outcome ${p.outcome}; choose ${p.outcomes.join(', ')}.`),
  FORM_INVALID: refusal<{ stepId: string; issues: { path: string; message: string }[] }>(
    'FORM_INVALID',
    (p) => `The form of step ${p.stepId} is incomplete or wrong: ${p.issues.map((i) => `${i.path || 'form'} ${i.message}`).join('; ')}.`,
  ),
  RULE_NOT_EVALUABLE: refusal<{ outcome: string; error: string }>('INVALID_ACTION', (p) => `A rule of outcome ${p.outcome} cannot be evaluated: ${p.error}`),
  LAW_RULE_FAILED: refusal<{ lawRule: string; outcome: string; field?: string | undefined; text: TText; others: number }>(
    'GUARD_FAILED',
    (p) => `${p.text.vi} (${p.lawRule})${p.others > 0 ? ` (+${p.others})` : ''}`,
  ),
  EVIDENCE_REQUIRED: refusal<{ stepId: string; stepTitle: TText }>('EVIDENCE_REQUIRED', (p) => `Step ${p.stepId} (${p.stepTitle.vi}) needs at least one piece of evidence.`),
  DOCUMENT_DATED_LATE: refusal<{ stepId: string; field: string; due: string; documentDate: string }>(
    'DEADLINE_PASSED',
    (p) =>
      `Ngày trên văn bản ${formatVi(p.documentDate)} sau hạn ${formatVi(p.due)} (24:00) của bước ${p.stepId}: không còn thẩm quyền làm việc này (The document is dated after the time limit of step ${p.stepId}.)`,
  ),
  TIME_LIMIT_PASSED: refusal<{ stepId: string; due: string }>('DEADLINE_PASSED', (p) => `The time limit for step ${p.stepId} ended ${p.due} (24:00); it can no longer be completed.`),
  GUARD_EXPIRED: refusal<{ guard: string; text: TText; expiredOn: string; field?: string | undefined }>('GUARD_FAILED', (p) => `${p.text.vi} (${p.guard}: hết hạn ${p.expiredOn})`),

  // Claiming, releasing, assigning
  ROLE_MAY_NOT_CLAIM: refusal<{ stepId: string; roles: string[] }>('ROLE_NOT_ALLOWED', (p) => `Only ${or(p.roles)} can take step ${p.stepId}.`),
  CLAIMED_BY_ANOTHER: refusal<{ stepId: string; assigneeId: string }>('STEP_ALREADY_COMPLETED', (p) => `Step ${p.stepId} is already claimed by ${p.assigneeId}.`),
  RELEASE_BY_ANOTHER: refusal<{ stepId: string; assigneeId?: string | undefined }>('NOT_ASSIGNEE', (p) => `Only ${p.assigneeId ?? 'its assignee'} or a team lead can release step ${p.stepId}.`),
  ASSIGN_NOT_SUPERVISOR: refusal<Record<string, never>>('ROLE_NOT_ALLOWED', () => 'Only a team lead or director assigns steps to officers.'),
  ASSIGNEE_MISSING: refusal<Record<string, never>>('INVALID_ACTION', () => 'Name the officer to assign.'),
  ASSIGN_CASE_NOT_SUPERVISOR: refusal<Record<string, never>>('ROLE_NOT_ALLOWED', () => 'Only a team lead or director assigns a case to an inspector.'),
  CASE_ALREADY_ASSIGNED: refusal<{ assigneeId: string }>('CONFLICT', (p) => `The case and its open inspector steps are already assigned to ${p.assigneeId}.`),

  // Extensions
  EXTENSION_NONE: refusal<{ stepId: string }>('EXTENSION_NOT_ALLOWED', (p) => `The law allows no extension of step ${p.stepId}.`),
  EXTENSION_NO_DEADLINE: refusal<{ stepId: string }>('EXTENSION_NOT_ALLOWED', (p) => `Step ${p.stepId} has no running deadline to extend.`),
  ROLE_MAY_NOT_REQUEST_EXTENSION: refusal<{ stepId: string; roles: string[] }>('ROLE_NOT_ALLOWED', (p) => `Only ${or(p.roles)}, who work on step ${p.stepId}, can ask for its extension.`),
  EXTENSION_BY_ISSUER_ONLY: refusal<{ stepId: string; issuerStepId: string; issuerId: string }>(
    'ROLE_NOT_ALLOWED',
    (p) => `Only ${p.issuerId}, who completed step ${p.issuerStepId} (issued the decision), may extend step ${p.stepId}.`,
  ),
  ROLE_MAY_NOT_GRANT_EXTENSION: refusal<{ stepId: string; roles: string[] }>('ROLE_NOT_ALLOWED', (p) => `Only ${or(p.roles)} may extend step ${p.stepId}.`),
  EXTENSION_AFTER_DEADLINE: refusal<{ stepId: string; due: string }>(
    'EXTENSION_NOT_ALLOWED',
    (p) => `Thời hạn của bước ${p.stepId} đã hết ngày ${formatVi(p.due)}: không thể gia hạn sau khi hết hạn (The time limit of step ${p.stepId} has passed; it can no longer be extended).`,
  ),
  EXTENSION_NOT_THIS_CASE: refusal<{ stepId: string }>('EXTENSION_NOT_ALLOWED', (p) => `The law allows extending step ${p.stepId} only in the cases it names; this case is not one of them.`),
  EXTENSION_USED_UP: refusal<{ stepId: string; maxCount: number }>('EXTENSION_NOT_ALLOWED', (p) => `Step ${p.stepId} may be extended at most ${p.maxCount} time(s); that is used up.`),
  EXTENSION_ALREADY_REQUESTED: refusal<{ stepId: string }>('CLOCK_STATE', (p) => `An extension of step ${p.stepId} has already been requested and awaits a decision.`),
  EXTENSION_AMOUNT: refusal<{ stepId: string; max: number; unit: string }>('EXTENSION_NOT_ALLOWED', (p) => `An extension of step ${p.stepId} is 1 to ${p.max} ${p.unit}.`),
  EXTENSION_REQUEST_UNEXPLAINED: refusal<Record<string, never>>('INVALID_ACTION', () => 'An extension request needs a written reason.'),
  EXTENSION_UNEXPLAINED: refusal<Record<string, never>>('INVALID_ACTION', () => 'An extension needs a written reason.'),
  EXTENSION_APPROVAL_NOT_ASKED: refusal<{ stepId: string }>('INVALID_ACTION', (p) => `The extension of step ${p.stepId} is not one a superior approves in writing: send it without an approval.`),
  EXTENSION_APPROVAL_NONE_WAITING: refusal<{ stepId: string }>(
    'INVALID_ACTION',
    (p) => `No extension of step ${p.stepId} waits for its superior's written extension: it was recorded already, or the step was not extended.`,
  ),
  EXTENSION_APPROVAL_AFTER_PERIOD: refusal<{ stepId: string; date: string; dueBefore: string }>(
    'EXTENSION_NOT_ALLOWED',
    (p) => `The superior's written extension is dated ${formatVi(p.date)}, after the period it lengthened had ended (${formatVi(p.dueBefore)}): a period that has ended is not extended.`,
  ),
  EXTENSION_APPROVAL_DATE: refusal<{ stepId: string; date: string; earliest: string; latest: string }>(
    'EXTENSION_NOT_ALLOWED',
    (p) => `The superior's written extension is dated ${formatVi(p.date)}: it must be dated from ${formatVi(p.earliest)}, when the period it lengthens began, to today (${formatVi(p.latest)}).`,
  ),
  EXTENDED_BY_SELF: refusal<{ stepId: string; dueBefore: string; grantedOn: string; field?: string }>(
    'ROLE_NOT_ALLOWED',
    (p) =>
      `You extended step ${p.stepId} on ${formatVi(p.grantedOn)} as the handler's direct superior, without your own superior's written extension: you may not complete it yourself after ${formatVi(p.dueBefore)}, the time limit before the extension, unless that writing is recorded (RECORD_EXTENSION_APPROVAL).`,
  ),

  // The clock
  CLOCK_NOT_STOPPABLE: refusal<{ stepId: string }>('CLOCK_STATE', (p) => `The clock of step ${p.stepId} cannot be stopped under its legal basis.`),
  CLOCK_NO_DEADLINE: refusal<{ stepId: string }>('CLOCK_STATE', (p) => `Step ${p.stepId} has no running deadline.`),
  ROLE_MAY_NOT_STOP_CLOCK: refusal<{ stepId: string; roles: string[] }>('ROLE_NOT_ALLOWED', (p) => `Only ${or(p.roles)} may stop or restart the clock of step ${p.stepId}.`),
  CLOCK_ALREADY_STOPPED: refusal<{ stepId: string }>('CLOCK_STATE', (p) => `The clock of step ${p.stepId} is already stopped.`),
  CLOCK_AFTER_DEADLINE: refusal<{ stepId: string; due: string }>(
    'CLOCK_STATE',
    (p) =>
      `Thời hạn của bước ${p.stepId} đã hết ngày ${formatVi(p.due)}: chỉ thời gian trong thời hạn mới được loại trừ, không thể tạm dừng sau khi hết hạn (The time limit of step ${p.stepId} has passed; its clock can no longer be stopped).`,
  ),
  PAUSE_REASON_UNKNOWN: refusal<{ reason: string; reasons: string[] }>('INVALID_ACTION', (p) => `The reason must be one of ${p.reasons.join(', ')}.`),
  CLOCK_RUNNING: refusal<{ stepId: string }>('CLOCK_STATE', (p) => `The clock of step ${p.stepId} is running; there is nothing to restart.`),

  // Escalating, notes
  ESCALATION_UNEXPLAINED: refusal<Record<string, never>>('INVALID_ACTION', () => 'Say why the step is escalated.'),
  NOTE_EMPTY: refusal<Record<string, never>>('INVALID_ACTION', () => 'A note needs text.'),
  NOTE_TOO_LONG: refusal<{ max: number }>('INVALID_ACTION', (p) => `A note is at most ${p.max} characters.`),

  // Correcting an issued paper
  DOCUMENT_UNKNOWN: refusal<{ caseId: string; documentId: string }>('NOT_FOUND', (p) => `Case ${p.caseId} has no document ${p.documentId}.`),
  DOCUMENT_NOT_CORRECTABLE: refusal<{ documentId: string; type: string }>('INVALID_ACTION', (p) => `Document ${p.documentId} (${p.type}) is not corrected by a decision.`),
  DOCUMENT_ALREADY_CORRECTED: refusal<{ documentId: string; number: string; by: string }>(
    'CONFLICT',
    (p) => `Document ${p.number} was already corrected or replaced by document ${p.by}; correct that one.`,
  ),
  ROLE_MAY_NOT_CORRECT: refusal<{ documentId: string; roles: string[] }>('ROLE_NOT_ALLOWED', (p) => `Only ${or(p.roles)} may correct or replace document ${p.documentId}.`),
  CORRECTION_UNEXPLAINED: refusal<Record<string, never>>('INVALID_ACTION', () => 'Give the reason and the corrected text.'),
  PAPER_NOT_ISSUED_UNKNOWN: refusal<{ caseId: string; failureSeq: number }>(
    'NOT_FOUND',
    (p) => `Case ${p.caseId} has no paper to issue again under its event ${p.failureSeq}: issued again already, never failed, or failed before INS kept failed papers (make that one by hand).`,
  ),
  ROLE_MAY_NOT_REISSUE: refusal<{ failureSeq: number; officerId: string }>(
    'ROLE_NOT_ALLOWED',
    (p) => `Only the officer whose paper it is (${p.officerId}), a team lead or the director may issue again the paper of event ${p.failureSeq}.`,
  ),

  // Marking an escalation handled
  ESCALATION_UNKNOWN: refusal<{ caseId: string; escalationId: string }>('NOT_FOUND', (p) => `Case ${p.caseId} has no escalation ${p.escalationId}.`),
  ESCALATION_ALREADY_RESOLVED: refusal<{ escalationId: string; resolvedAt: string; resolvedBy: string | null; supersededBy: string | null }>('CONFLICT', (p) =>
    p.resolvedBy
      ? `Escalation ${p.escalationId} was already marked handled by ${p.resolvedBy} at ${p.resolvedAt}.`
      : p.supersededBy
        ? `Escalation ${p.escalationId} was superseded by ${p.supersededBy} at ${p.resolvedAt}; handle that one.`
        : `Escalation ${p.escalationId} was already resolved at ${p.resolvedAt}.`,
  ),
  ROLE_MAY_NOT_RESOLVE_ESCALATION: refusal<{ escalationId: string; roles: string[] }>('ROLE_NOT_ALLOWED', (p) => `Only ${or(p.roles)} may mark escalation ${p.escalationId} handled.`),
  RESOLUTION_UNEXPLAINED: refusal<Record<string, never>>('INVALID_ACTION', () => 'Say how the escalation was handled.'),

  // Moving a case to another version of its procedure
  CLOSED_CASE_KEEPS_VERSION: refusal<{ caseId: string }>('CASE_CLOSED', (p) => `Case ${p.caseId} is closed; it keeps the version it ended on.`),
  ROLE_MAY_NOT_MIGRATE: refusal<Record<string, never>>('ROLE_NOT_ALLOWED', () => 'Only an admin or a director migrates running cases.'),
  SAME_VERSION: refusal<{ version: number }>('INVALID_ACTION', (p) => `Choose a version other than the current ${p.version}.`),
  MIGRATION_BLOCKED: refusal<{ blockers: string[] }>('MIGRATION_BLOCKED', (p) => p.blockers.join(' ')),

  // The request itself (the Update's input, as the workflow's validator reads it)
  ACTOR_MISSING: refusal<Record<string, never>>('INVALID_ACTION', () => 'The request does not say who acts.'),
  REQUEST_ID_INVALID: refusal<Record<string, never>>('INVALID_ACTION', () => 'Each action needs an idempotency key of 8 to 200 characters.'),
  INPUT_INVALID: refusal<{ path: string; issue: string }>('INVALID_ACTION', (p) => `${p.path || 'input'}: ${p.issue}`),
} as const;

export type TRefusalRule = keyof typeof REFUSALS;
export type TRefusalParamsOf<R extends TRefusalRule> = Parameters<(typeof REFUSALS)[R]['message']>[0];

/** The refusal `rule` about `params`, citing `legalBasis`. */
export function refuse<R extends TRefusalRule>(rule: R, params: TRefusalParamsOf<R>, extra: { legalBasis?: string | undefined; details?: unknown } = {}): TRejection {
  const r = REFUSALS[rule] as { code: TRejectionCode; message: (p: TRefusalParamsOf<R>) => string };
  return {
    code: r.code,
    rule,
    params: params as TRefusalParams,
    message: r.message(params),
    ...(extra.legalBasis !== undefined ? { legalBasis: extra.legalBasis } : {}),
    ...(extra.details !== undefined ? { details: extra.details } : {}),
  };
}

/** A bound of the case passed (domain/case-limits.ts), or undefined. */
export function limitRefusal(b: TLimitBreach | undefined): TRejection | undefined {
  if (!b) return undefined;
  return refuse(
    'LIMIT_EXCEEDED',
    { limit: b.limit, max: b.max, actual: b.actual, text: b.message },
    { details: { rule: 'LIMIT_EXCEEDED', limit: b.limit, max: b.max, actual: b.actual, message: b.message } },
  );
}

/** The first of the law's rules an outcome fails (domain/law-rules.ts), with all of them in the details. */
export function lawRefusal(failures: TRuleFailure[], outcome: string): TRejection {
  const first = failures[0]!;
  return refuse(
    'LAW_RULE_FAILED',
    { lawRule: first.rule, outcome, ...(first.field ? { field: first.field } : {}), text: first.message, others: failures.length - 1 },
    { legalBasis: first.legalBasis, details: { rule: first.rule, outcome, ...(first.field ? { field: first.field } : {}), message: first.message, failures } },
  );
}
