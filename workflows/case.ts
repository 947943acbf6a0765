/**
 * The case workflow: one long-lived workflow per inspection, penalty case, seizure track or tip.
 * It interprets the procedure version it was started with (loaded once through an activity, so
 * the definition is in the history), enforces step order, roles, forms and deadlines, fires the
 * escalation ladder on timers, and projects every change into PostgreSQL before an action returns.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { createActivities } from '../activities/index.js';
import {
  applyAction,
  availableActions,
  CASE_ACTIONS,
  CASE_ASSIGNEE_ROLE,
  inheritedAssignee,
  checkAction,
  completeFromChild,
  fireEscalations,
  eventMarker,
  inputRefusal,
  isMarked,
  isOverdue,
  mark,
  migrateProcedure,
  newCase,
  nextDeadlineAt,
  nextTimerAt,
  recomputeAll,
  recordEvent,
  PAYMENT_EVENT,
  paymentStatus,
  settleByPayments,
  recordMigration,
  recordIssued,
  recordNotIssued,
  refuse,
  remember,
  setDeadline,
  type TAction,
  type TAnyAction,
  type TCaseStart,
  type TCaseState,
  type TDocumentRequest,
  type TEnvelope,
  type TRejection,
  type TTransition,
} from '../domain/engine.js';
import { planMigration } from '../domain/migration.js';
import type { TProcedureDefinition } from '../domain/procedure.js';
import type { TAuditEvent } from '../domain/audit.js';
import { redactForm } from '../domain/forms.js';
import { projectCase } from '../domain/projection.js';
import {
  CASE_ACTION_UPDATES,
  calendarChangedSignal,
  caseStateQuery,
  childCaseClosedSignal,
  caseReadyUpdate,
  externalEventSignal,
  paymentStatusQuery,
  migrateProcedureUpdate,
  requestAppliedQuery,
  type TActionResult,
  type TMigrateInput,
} from './case-messages.js';
import { CaseKind, CaseStatus, CurrentStep, NextDeadline, Overdue, ProcedureId, ProcedureVersion, TeamId, UnitId } from './search-attributes.js';

const { loadProcedure, latestProcedureVersion, computeDeadline } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
// The projection: one transaction of a few milliseconds. An officer's answer waits for it (the API's
// read-your-writes, docs/adr/0175), so a worker killed while holding it is noticed after 10 s, not 30.
const { projectCaseState } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
// A transition's deadlines, computed in the worker while the workflow task is open (a local
// activity: a read of the calendar in force, recorded in the history as a marker), so that an
// officer's action is answered after one workflow task (docs/adr/0175).
const { computeDeadlines } = proxyLocalActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
/**
 * Whether the read model already holds what the fallback projection would write (docs/adr/0185): a
 * read in the worker while the timer's workflow task is open. One try: when it fails, the fallback
 * projects, as before, through its activity, which retries until it lands.
 */
const { caseProjectionLanded } = proxyLocalActivities<ReturnType<typeof createActivities>>({
  // Queueing in the worker included: well inside the 8 s after which the SDK would heartbeat the
  // workflow task, which could hand it an Update while the read is in flight.
  scheduleToCloseTimeout: '5 seconds',
  retry: { maximumAttempts: 1 },
});
/**
 * How long after an action whose answer carried its projection (docs/adr/0176) the workflow writes
 * the projection itself, in case the API did not: the longest the read model can lag the history
 * when an API replica dies between the answer and its write. One projection covers every action
 * in the window.
 */
const FALLBACK_PROJECTION_MS = 10_000;
/**
 * How long a case that closed with papers INS could not issue waits for them to be issued again
 * (docs/adr/0199): 90 days, time for the unit's and the national administrators to mend what
 * refused them. It ends earlier once none is left; after it, a paper still not issued is made by
 * hand and the case's workflow has ended.
 */
const REISSUE_AFTER_CLOSE_MS = 90 * 24 * 3_600_000;
// Rendering and signing a paper takes longer than a projection; a retry finds what an attempt issued.
const { issueDocument } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export interface TCaseWorkflowInput {
  start: TCaseStart;
  /**
   * The pinned, published definition, passed in by whoever starts the case (and carried across
   * continue-as-new): it is recorded in history and available before the first await, so the
   * update handlers exist from the first instant of the case.
   */
  definition: TProcedureDefinition;
  /** Set by continue-as-new: the state so far (idempotency keys and audit head included). */
  state?: TCaseState;
  runNumber?: number;
  /**
   * Set by the API, which opens a case with the `caseReady` Update and writes the projection its
   * answer carries (docs/adr/0176): the case's first projection goes out in that answer, and the
   * workflow writes it itself only as the fallback. Cases started otherwise (a campaign's, a
   * sub-procedure's) project their start at once.
   */
  firstProjectionInAnswer?: boolean;
}

export interface TCaseResult {
  caseId: string;
  closeOutcome?: string | undefined;
  closedAt?: string | undefined;
  /** The audit chain's head as the workflow wrote it (`npm run audit:verify` compares the read model's with it). Absent in cases closed before it was added. */
  seq?: number | undefined;
  lastHash?: string | undefined;
}

/**
 * Refuses an Update: an ApplicationFailure of the refusal's code, its sentence, and — as its one
 * detail — the refusal as data (code, rule, params, legal basis, details), which the API's one
 * translator (api/error-translator.ts) turns into the HTTP error envelope without reading the sentence.
 */
function reject(r: TRejection): never {
  throw ApplicationFailure.create({ type: r.code, message: r.message, nonRetryable: true, details: [{ code: r.code, rule: r.rule, params: r.params, legalBasis: r.legalBasis, details: r.details }] });
}

export async function caseWorkflow(input: TCaseWorkflowInput): Promise<TCaseResult> {
  // Engine rules that are not data of a procedure version (e.g. no extension once a hard deadline
  // has passed) apply to cases started after they were deployed; older histories replay unchanged.
  const lawInSubstance = patched('law-in-substance');
  // Cases bounded (domain/case-limits.ts): new actions beyond a procedure's limits are refused.
  const bounded = patched('case-limits');
  const ruleset = bounded ? 3 : lawInSubstance ? 2 : 1;
  // One queue entry per open breach: a rung of a step's ladder supersedes the step's earlier ones
  // still open (domain/engine/escalation.ts). Cases started before raise every rung as its own entry.
  const ladder = { supersede: patched('escalation-supersedes') };
  // Assignment that persists (docs/adr/0115-assignment-that-persists.md): a step that opens goes to
  // the officer who did the previous one in its roles, and a sub-procedure's case to the inspector.
  const persistAssignment = patched('assignment-persists');
  // A payment callback completes the compliance step once the fine and its surcharge are paid in
  // full (docs/adr/0125-payment-callbacks-complete-compliance.md); earlier cases wait for an officer.
  const paymentSettles = patched('payment-completes-compliance');
  // One workflow task per action (docs/adr/0175): a transition's deadlines in one local activity, and
  // its projection scheduled without waiting for it (the API waits for the read model instead), so
  // the Update is answered from the task that accepted it. Cases started before keep their
  // activity per deadline and the projection awaited inside the handler.
  const oneTask = patched('one-task-updates');
  // The read model written from the Update's answer (docs/adr/0176): an officer's action hands its
  // projection to the API, which writes it before it answers; the workflow projects what the API may
  // not have written (its replica died, the write failed) once FALLBACK_PROJECTION_MS after the first
  // step it did not project itself, and before continue-as-new and the end. Cases started before
  // schedule a projection per action.
  const answerProjects = oneTask && patched('projection-in-answer');
  // The fallback asks the read model first (docs/adr/0185): when the API wrote every answer's
  // projection, as it almost always has, the window ends with one read instead of a projection's
  // activity, its transaction and the workflow task its completion brings. Cases started before
  // project at every window's end.
  const fallbackChecks = answerProjects && patched('fallback-checks-read-model');
  // Local activities one at a time (docs/adr/0186): two coroutines each awaiting a local activity
  // of its own (a calendar change's and an action's deadlines, in one workflow task) resume in the
  // order their activities finished in the run, but both at once in a replay, which can then order
  // their commands otherwise than the history: a nondeterminism that stops the case. Cases started
  // before keep them concurrent.
  const localActivitiesInSeries = oneTask && patched('local-activities-one-at-a-time');
  // The escalation ladder's timer kept while its time stands (docs/adr/0187): an action that leaves
  // the next rung where it was (a claim, a note, a reassignment) no longer cancels the timer and
  // starts the same one again (two history events and the server's timer work per action). Cases
  // started before wait for each rung in a condition's timeout, renewed at every wake.
  const ladderTimerKept = oneTask && patched('escalation-timer-kept');
  const nowIso = (): string => new Date().toISOString();
  let def: TProcedureDefinition = input.definition;
  const pinned = input.state?.procedure ?? input.start.procedure;
  if (def.id !== pinned.id || def.version !== pinned.version) {
    throw ApplicationFailure.nonRetryable(`The definition passed is ${def.id}@${def.version}, but the case is pinned to ${pinned.id}@${pinned.version}.`, 'INVALID_ACTION');
  }
  let state: TCaseState;
  let pending: TTransition | undefined;
  if (input.state) {
    state = input.state;
  } else {
    // A sub-procedure's child case takes its kind from its own procedure.
    // The workflow's markers in a namespace of their own, apart from requests' keys (cases started before keep them together).
    const created = newCase(def, { ...input.start, kind: input.start.kind || def.kind }, nowIso(), { markers: patched('markers-namespace') });
    state = created.state;
    pending = created.transition;
  }
  if (persistAssignment) state.assignment = 'PERSIST';
  const runNumber = input.runNumber ?? 1;
  let wake = false;
  /** Set once the case's first state is in the read model. */
  let ready = false;

  // ------------------------------------------------------------------------------------------
  // Carrying out what a transition asks for: deadlines, child cases, the read model.

  function searchAttributes(): SearchAttributeUpdatePair[] {
    const next = nextDeadlineAt(state);
    return [
      { key: CaseKind, value: state.kind },
      { key: CaseStatus, value: state.status === 'CLOSED' ? 'CLOSED' : isOverdue(state) ? 'OVERDUE' : 'OPEN' },
      { key: CurrentStep, value: state.open.map((o) => o.stepId).join(',') || 'NONE' },
      { key: UnitId, value: state.unitId },
      { key: TeamId, value: state.teamId },
      { key: ProcedureId, value: state.procedure.id },
      { key: ProcedureVersion, value: `${state.procedure.id}@${state.procedure.version}` },
      { key: NextDeadline, value: next ? new Date(next) : null },
      { key: Overdue, value: isOverdue(state) },
    ];
  }

  /** Projections scheduled and not yet done, and the first that failed (surfaced by the main loop). */
  let projecting = 0;
  let projectionFailure: unknown;
  /** When the first action whose projection went out only in its answer was applied (`Date.now()`); undefined when the workflow's last projection holds everything. */
  let unprojectedSince: number | undefined;
  /** Set by the fallback projection's timer (one per window, never cancelled: a projection made earlier leaves it nothing to do). */
  let fallbackDue = false;
  /**
   * The audit events of the workflow's own projections still in flight. An answer carries them
   * too, so that the read model it writes holds every event up to its state: a projection the
   * workflow made for a signal, a timer or its fallback (perhaps while the action's handler awaited,
   * taking the action's own events) may land after the answer.
   */
  const inFlightAudit: TAuditEvent[][] = [];

  /** The search attributes this run last upserted, by key (one-task updates upsert only what changed). */
  const upserted = new Map<string, string>();

  /** Upserts the case's search attributes: all of them (older cases), or those that changed — a claim changes none, and each upsert is a visibility write. */
  function upsertChangedSearchAttributes(): void {
    const pairs = searchAttributes();
    if (!oneTask) {
      upsertSearchAttributes(pairs);
      return;
    }
    const changed = pairs.filter((p) => upserted.get(p.key.name) !== JSON.stringify(p.value));
    if (!changed.length) return;
    for (const p of changed) upserted.set(p.key.name, JSON.stringify(p.value));
    upsertSearchAttributes(changed);
  }

  /** The id of the case a step of this one starts (its sub-procedure's workflow). */
  const childCaseIdOf = (stepId: string): string => `${state.caseId}/${stepId}`;

  /**
   * Writes the case to the read model. Awaited by older cases and when what follows reads the read
   * model (the archive package); otherwise scheduled and left to run (one-task updates): the
   * activity is in the history with the Update's acceptance, so it runs (retried) whatever happens
   * to this worker, and the projection is write-if-newer by `state.seq`, so two in flight land in
   * order. `answered` (docs/adr/0176): an officer action's answer carries the projection for the API
   * to write; here only the search attributes, and the fallback projection's timer for the window.
   */
  async function project(opts: { await?: boolean; answered?: boolean } = {}): Promise<void> {
    upsertChangedSearchAttributes();
    if (opts.answered) {
      // Written by the API from the Update's answer; the audit stays pending for the fallback projection.
      if (unprojectedSince === undefined) {
        unprojectedSince = Date.now();
        void sleep(FALLBACK_PROJECTION_MS).then(() => {
          fallbackDue = true;
          wake = true;
        });
      }
      return;
    }
    unprojectedSince = undefined;
    const audit = state.pendingAudit.splice(0);
    const input = { projection: projectCase(def, state), audit };
    const landed = (): void => {
      inFlightAudit.splice(inFlightAudit.indexOf(audit), 1);
    };
    if (answerProjects) inFlightAudit.push(audit);
    if (!oneTask || opts.await) {
      await projectCaseState(input);
      if (answerProjects) landed();
      return;
    }
    projecting++;
    projectCaseState(input).then(
      () => {
        projecting--;
        if (answerProjects) landed();
      },
      (err: unknown) => {
        projecting--;
        projectionFailure ??= err;
        wake = true;
      },
    );
  }

  /** Whether a local activity is in flight (`inSeries`, cases started with `local-activities-one-at-a-time`). */
  let localActivityRunning = false;
  /** Runs `call` (a local activity) once no other is in flight, so that one coroutine's resumes before another's starts (docs/adr/0186). */
  async function inSeries<T>(call: () => Promise<T>): Promise<T> {
    // A loop: two waiters unblocked together resume one after the other, and the second waits again.
    while (localActivityRunning) await condition(() => !localActivityRunning);
    localActivityRunning = true;
    try {
      return await call();
    } finally {
      localActivityRunning = false;
    }
  }

  /**
   * The fallback's question (docs/adr/0185): does the read model hold the case at its state now and
   * every audit event the workflow has not projected itself? The events it holds are done with;
   * when it holds them all and nothing changed meanwhile, the window closes with nothing to write.
   */
  async function checkFallback(): Promise<void> {
    const seq = state.seq;
    const checked = new Set(state.pendingAudit.map((e) => e.seq));
    const ask = () => caseProjectionLanded({ caseId: state.caseId, seq, auditSeqs: [...checked] });
    const landed = await (localActivitiesInSeries ? inSeries(ask) : ask()).catch(() => false);
    if (!landed) return;
    for (let i = state.pendingAudit.length - 1; i >= 0; i--) if (checked.has(state.pendingAudit[i]!.seq)) state.pendingAudit.splice(i, 1);
    if (state.seq === seq && !state.pendingAudit.length) unprojectedSince = undefined;
  }

  /** Waits for every projection in flight (before continue-as-new and the end), failing as the first that failed. */
  async function projected(): Promise<void> {
    if (projecting) await condition(() => projecting === 0);
    if (projectionFailure !== undefined) throw projectionFailure;
  }

  /** `answered`: the change is an officer action whose answer carries its projection (docs/adr/0176). */
  async function carryOut(t: TTransition, reason: string, answered = false): Promise<void> {
    if (oneTask) {
      // The transition's deadlines from one read of the calendar (a local activity, docs/adr/0175).
      const specs = t.deadlines.map((d) => d.spec);
      // Cases started before call it as they did (the same promise, the same turns of the event loop).
      const computed = !t.deadlines.length ? [] : localActivitiesInSeries ? await inSeries(() => computeDeadlines(specs)) : await computeDeadlines(specs);
      t.deadlines.forEach((req, i) => setDeadline(state, req, computed[i]!, nowIso(), reason));
    } else {
      for (const req of t.deadlines) {
        const computed = await computeDeadline(req.spec);
        setDeadline(state, req, computed, nowIso(), reason);
      }
    }
    for (const child of t.children) {
      const version = child.version ?? (await latestProcedureVersion(child.procedureId));
      const childDef = await loadProcedure({ id: child.procedureId, version });
      const childId = childCaseIdOf(child.stepId);
      const o = state.open.find((x) => x.stepId === child.stepId);
      if (o) o.childCaseId = childId;
      await startChild(caseWorkflow, {
        workflowId: childId,
        // The child is a case of its own: it outlives this run (continue-as-new) and even this case.
        parentClosePolicy: 'ABANDON',
        args: [
          {
            definition: childDef,
            start: {
              caseId: childId,
              kind: '',
              procedure: { id: child.procedureId, version },
              unitId: state.unitId,
              teamId: state.teamId,
              title: `${state.title} — ${child.stepId}`,
              // A sub-procedure is about the same business (absent in older cases: their inputs stay as they were).
              ...(state.businessId ? { businessId: state.businessId } : {}),
              parent: { caseId: state.caseId, stepId: child.stepId },
              startedBy: { userId: 'system', roles: ['SYSTEM'] },
              legalParams: state.legalParams,
              ...(child.facts ? { facts: child.facts } : {}),
              ...childAssignee(),
            },
          },
        ],
      });
    }
    // The papers the change issues (docs/documents.md): numbered and frozen before the change is
    // projected, so the officer's next read shows the number; the closed case's archive package
    // after it, so that it holds the closing step's events.
    const papers = t.documents ?? [];
    for (const req of papers) if (req.type !== 'CASE_FILE') await issuePaper(req);
    fireEscalations(def, state, Date.now(), ladder);
    // The archive package is drawn from the read model: the closing step's events are in it first.
    const archive = papers.some((p) => p.type === 'CASE_FILE');
    await project({ await: archive, answered: answered && !archive });
    if (archive) {
      for (const req of papers) if (req.type === 'CASE_FILE') await issuePaper(req);
      await project();
    }
    if (t.closed && state.parent) {
      // The closing step's form goes with the news (protected fields redacted), for the parent's step to keep what it declares.
      const last = state.completed.at(-1);
      const lastStep = last ? def.steps.find((s) => s.id === last.stepId) : undefined;
      await getExternalWorkflowHandle(state.parent.caseId).signal(childCaseClosedSignal, {
        stepId: state.parent.stepId,
        childCaseId: state.caseId,
        outcome: state.closeOutcome ?? '',
        ...(last && lastStep && ruleset >= 2 ? { data: redactForm(lastStep.form.fields, last.data) } : {}),
      });
    }
    wake = true;
  }

  /** The latest completed data of every step (protected fields redacted): what a template is filled from. */
  function stepsData(): Record<string, Record<string, unknown>> {
    const out: Record<string, Record<string, unknown>> = {};
    for (const c of state.completed) out[c.stepId] = redactForm(def.steps.find((x) => x.id === c.stepId)?.form.fields ?? [], c.data);
    return out;
  }

  /** Issues one paper through the issuing activity (idempotent by its key) and records it; a template that cannot be filled is recorded, not retried. */
  async function issuePaper(req: TDocumentRequest): Promise<void> {
    const o = req.extension !== undefined ? state.open.find((x) => x.stepId === req.stepId) : undefined;
    const ext = o?.deadline?.extensions[req.extension ?? -1];
    const of = req.correction ? state.documents?.find((d) => d.id === req.correction!.documentId) : undefined;
    try {
      const doc = await issueDocument({
        key: `${state.caseId}:${req.requestId}:${req.type}${req.extension !== undefined ? `:${req.extension}` : ''}`,
        caseId: state.caseId,
        unitId: state.unitId,
        teamId: state.teamId,
        caseTitle: state.title,
        procedure: state.procedure,
        businessId: state.businessId,
        type: req.type,
        stepId: req.stepId,
        outcome: req.outcome,
        date: req.date,
        steps: stepsData(),
        facts: state.facts ?? {},
        issued: (state.documents ?? []).map((d) => ({ type: d.type, number: d.number, date: d.date })),
        actorId: req.actor.userId,
        ...(req.actor.deputy !== undefined ? { actorDeputy: req.actor.deputy } : {}),
        actorRole: req.role,
        ...(ext && o?.deadline ? { extension: { stepId: req.stepId, amount: ext.amount, unit: ext.unit, reason: ext.reason, newDue: o.deadline.due } } : {}),
        ...(of && req.correction
          ? { correction: { of: { type: of.type, number: of.number, date: of.date }, kind: req.correction.kind, reason: req.correction.reason, text: req.correction.text, ofId: of.id } }
          : {}),
      });
      recordIssued(state, req, doc, nowIso());
    } catch (err) {
      if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === 'DOCUMENT_TEMPLATE') recordNotIssued(state, req, err.cause.message, nowIso());
      else throw err;
    }
  }

  /** The inspector a sub-procedure's case is given: this case's assignee, or the inspector who last did a step of it (only with assignment that persists). */
  function childAssignee(): { assigneeId?: string } {
    if (state.assignment !== 'PERSIST') return {};
    const assigneeId = inheritedAssignee(state, [CASE_ASSIGNEE_ROLE])?.assigneeId;
    return assigneeId ? { assigneeId } : {};
  }

  function result(duplicate: boolean): TActionResult {
    return { caseId: state.caseId, status: state.status, seq: state.seq, procedure: state.procedure, open: availableActions(def, state), duplicate };
  }

  /**
   * An officer action's answer: with its projection for the API to write (docs/adr/0176) — the case
   * as it stands, the audit events chained after `from` (a duplicate: every event the workflow has
   * not projected yet, in case the first answer was never written), and those of the workflow's
   * own projections still in flight.
   */
  function answer(duplicate: boolean, from: number): TActionResult {
    const r = result(duplicate);
    if (!answerProjects) return r;
    const unwritten = [...inFlightAudit.flat(), ...state.pendingAudit.filter((e) => e.seq > from)];
    return { ...r, projection: { projection: projectCase(def, state), audit: unwritten } };
  }

  // ------------------------------------------------------------------------------------------
  // Officer actions: the validator refuses (nothing written); the handler re-checks synchronously
  // before its first await, so of two officers acting on the same step at once exactly one wins.

  /** The action an Update's input stands for: the input as it came (no shape of its own), named by its module. */
  const actionOf = (a: TAnyAction, i: TEnvelope): TAction => {
    const { actor: _actor, requestId: _requestId, ...input } = i as TEnvelope & Record<string, unknown>;
    return { ...input, type: a.type } as TAction;
  };

  /**
   * `admitting`: the validator judging a new request, with the rules added while cases run (no
   * extension or pause once a deadline has passed, docs/adr/0208); the handler re-checks without
   * them, so a history where such an action was accepted replays to the same commands.
   */
  function check(a: TAnyAction, i: TEnvelope, admitting = false): void {
    const r = checkAction(def, state, i.actor, actionOf(a, i), { now: nowIso(), ruleset, admitting });
    if (r) reject(r);
  }

  /** The validator: the input must parse with the action's schema (an Update replayed from history is not validated again), then the engine's check. */
  function validate(a: TAnyAction, i: TEnvelope): void {
    if (state.processed.includes(i?.requestId)) return;
    const parsed = a.updateInput.safeParse(i);
    if (!parsed.success) reject(inputRefusal(parsed.error.issues));
    check(a, i, true);
  }

  async function act(a: TAnyAction, i: TEnvelope): Promise<TActionResult> {
    if (state.processed.includes(i.requestId)) return answer(true, 0);
    check(a, i);
    const from = state.seq;
    const t = applyAction(def, state, i.actor, actionOf(a, i), i.requestId, nowIso());
    await carryOut(t, a.type, answerProjects);
    const r = answer(false, from);
    // The sub-procedures' cases it started project their own start: the sender waits for them too.
    return answerProjects && t.children.length ? { ...r, childCaseIds: t.children.map((c) => childCaseIdOf(c.stepId)) } : r;
  }

  // One Update per action module (domain/engine/actions/), each under its module's name.
  for (const [type, a] of Object.entries(CASE_ACTIONS) as [keyof typeof CASE_ACTIONS, TAnyAction][]) {
    setHandler(CASE_ACTION_UPDATES[type], (i: TEnvelope) => act(a, i), { validator: (i: TEnvelope) => validate(a, i) });
  }

  setHandler(
    migrateProcedureUpdate,
    async (i) => {
      if (state.processed.includes(i.requestId)) return result(true);
      const target = await loadProcedure({ id: state.procedure.id, version: i.toVersion });
      const plan = planMigration(def, target, state);
      if (!plan.canApply) reject(refuse('MIGRATION_BLOCKED', { blockers: plan.blockers }, { details: plan }));
      remember(state, i.requestId);
      recordMigration(state, i.actor, state.procedure.version, target.version, plan.changes, nowIso());
      def = target;
      await carryOut({ deadlines: recomputeAll(def, state), children: [], closed: false }, 'PROCEDURE_MIGRATED');
      return result(false);
    },
    {
      validator: (i: TMigrateInput) => {
        if (state.processed.includes(i?.requestId)) return;
        const parsed = migrateProcedure.updateInput.safeParse(i);
        if (!parsed.success) reject(inputRefusal(parsed.error.issues));
        const r = migrateProcedure.check(state, i.actor, i);
        if (r) reject(r);
      },
    },
  );

  // ------------------------------------------------------------------------------------------
  // Facts from outside (signals), idempotent by key.

  setHandler(externalEventSignal, async ({ eventId, key, at, data }) => {
    if (state.status === 'CLOSED' || isMarked(state, eventMarker(state, key))) return;
    const t = recordEvent(def, state, { id: eventId, key, at: at ?? nowIso(), data }, nowIso());
    if (paymentSettles && eventId === PAYMENT_EVENT) settleByPayments(def, state, key, nowIso(), t);
    await carryOut(t, `EVENT ${eventId}`);
  });

  setHandler(calendarChangedSignal, async ({ revision }) => {
    const key = `calendar-r${revision}`;
    if (state.status === 'CLOSED' || isMarked(state, key)) return;
    mark(state, key);
    await carryOut({ deadlines: recomputeAll(def, state), children: [], closed: false }, `CALENDAR_CHANGED r${revision}`);
  });

  setHandler(childCaseClosedSignal, async ({ stepId, childCaseId, outcome, data }) => {
    const key = `child-closed:${childCaseId}`;
    if (isMarked(state, key)) return;
    const t = completeFromChild(def, state, stepId, childCaseId, outcome, key, nowIso(), data);
    if (t) await carryOut(t, `SUB_PROCEDURE ${childCaseId}`);
  });

  setHandler(paymentStatusQuery, () => paymentStatus(def, state, nowIso()));

  setHandler(requestAppliedQuery, (requestId) => (state.processed.includes(requestId) ? result(true) : null));

  setHandler(caseStateQuery, () => {
    const { pendingAudit: _p, processed, markers: _m, legalParams: _l, ...rest } = state;
    const projectionPending = unprojectedSince !== undefined || projecting > 0;
    return { state: rest, actions: availableActions(def, state), overdue: isOverdue(state), processedCount: processed.length, runNumber, projectionPending };
  });

  // ------------------------------------------------------------------------------------------
  // Main loop: sleep until an action or the next rung of an escalation ladder.

  /** The ladder's timer (cases with `escalation-timer-kept`): its time, and the scope that cancels it. */
  let ladderTimer: { at: number; scope: CancellationScope } | undefined;
  /** Set when the ladder's timer fired; the main loop clears it once it has woken. */
  let ladderTimerFired = false;

  /** Sets the ladder's timer for `at` (none when undefined): kept when it is already set for that time, otherwise cancelled and started again. */
  function keepLadderTimer(at: number | undefined): void {
    if (ladderTimer?.at === at) return;
    ladderTimer?.scope.cancel();
    ladderTimer = undefined;
    if (at === undefined) return;
    const timer = { at, scope: new CancellationScope() };
    ladderTimer = timer;
    timer.scope
      .run(() => sleep(Math.max(1, at - Date.now())))
      .then(
        () => {
          if (ladderTimer !== timer) return;
          ladderTimer = undefined;
          ladderTimerFired = true;
        },
        (err: unknown) => {
          // Cancelled: the rung's time moved, and a timer for the new time replaced it.
          if (!isCancellation(err)) throw err;
        },
      );
  }

  setHandler(caseReadyUpdate, async () => {
    await condition(() => ready);
    return answer(false, 0);
  });

  if (pending) await carryOut(pending, 'CASE_STARTED', answerProjects && input.firstProjectionInAnswer === true);
  else await project();
  ready = true;

  while (state.status === 'OPEN') {
    const timer = nextTimerAt(def, state);
    wake = false;
    if (ladderTimerKept) {
      keepLadderTimer(timer);
      await condition(() => wake || ladderTimerFired || state.status !== 'OPEN');
      ladderTimerFired = false;
    } else if (timer === undefined) await condition(() => wake || state.status !== 'OPEN');
    else await condition(() => wake || state.status !== 'OPEN', Math.max(1, timer - Date.now()));
    if (projectionFailure !== undefined) throw projectionFailure;
    if (state.status !== 'OPEN') break;
    if (fireEscalations(def, state, Date.now(), ladder)) await project();
    if (fallbackDue) {
      fallbackDue = false;
      // Only with no handler running: a handler awaiting a local activity of its own (a transition's
      // deadlines) would run on concurrently with this one, and a replay, which resolves both local
      // activities of a task at once, could then order their commands otherwise than the history
      // (found by the chaos test). With one running, the fallback projects, as before.
      if (unprojectedSince !== undefined && fallbackChecks && allHandlersFinished()) await checkFallback();
      if (unprojectedSince !== undefined) await project();
    }
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      if (state.pendingAudit.length || unprojectedSince !== undefined) await project();
      // An Update may have been admitted while the projections landed (its handler runs in the task
      // that brings their completion): continue as new only with none running and none in flight,
      // or that Update would be cut off with the run (found by npm run chaos). Then fail as the
      // first projection that failed, the one an Update scheduled meanwhile included.
      if (oneTask) await condition(() => allHandlersFinished() && projecting === 0);
      await projected();
      await continueAsNew<typeof caseWorkflow>({ start: input.start, definition: def, state, runNumber: runNumber + 1 });
    }
  }
  // The closing action's handler may still be issuing the closing step's papers: what failed is known once it has finished.
  await condition(allHandlersFinished);
  // A case closed with papers it could not issue waits for them (docs/adr/0199): REISSUE_DOCUMENT is
  // the one action a closed case takes. Cases closed before this change ended at once.
  if (state.notIssued?.length && patched('reissue-after-close')) {
    const until = Date.now() + REISSUE_AFTER_CLOSE_MS;
    const settled = (): boolean => !state.notIssued?.length && allHandlersFinished();
    while (!settled() && Date.now() < until) {
      wake = false;
      await condition(() => wake || settled(), Math.max(1, until - Date.now()));
      if (projectionFailure !== undefined) throw projectionFailure;
      if (fallbackDue) {
        fallbackDue = false;
        if (unprojectedSince !== undefined && fallbackChecks && allHandlersFinished()) await checkFallback();
        if (unprojectedSince !== undefined) await project();
      }
    }
  }
  await condition(allHandlersFinished);
  if (unprojectedSince !== undefined) await project();
  await projected();
  return { caseId: state.caseId, closeOutcome: state.closeOutcome, closedAt: state.closedAt, seq: state.seq, lastHash: state.lastHash };
}
