/**
 * Starting and driving cases through Temporal, for the API routes (and tests). Workflow ids are
 * business ids, so starting the same case twice is a conflict, not a second case.
 */
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { TActor } from '../../domain/engine.js';
import { planMigration, type TMigrationPlan } from '../../domain/migration.js';
import type { Db } from '../../db/database.js';
import { getPublished } from '../../db/repositories/procedures.js';
import type { TProcedureDefinition } from '../../domain/procedure.js';
import { listLegalParams, violationsByCode } from '../../db/repositories/legal.js';
import { READ_MODEL_WAIT_MS, readModelReached } from '../../db/repositories/read-model-wait.js';
import { writeCaseProjection } from '../../db/repositories/cases.js';
import { violationCodesIn, type TViolation } from '../../domain/violation-catalogue.js';
import { fileRefsAt, type TFileRef } from '../../domain/forms.js';
import type { caseWorkflow } from '../../workflows/case.js';
import { caseReadyUpdate, caseStateQuery, type TCaseView } from '../../workflows/case-messages.js';
import { CaseKind, ProcedureId, ProcedureVersion, TeamId, UnitId } from '../../workflows/search-attributes.js';
import { AppError } from '../errors.js';
import { DOCUMENT_TYPE_INFO } from '../../domain/documents/catalogue.js';
import type { TDocumentType } from '../../domain/documents/types.js';
import { paperDateFailure, templateStates, unstatedValueFailure } from '../../domain/documents/effective-date.js';
import { signedByOfficer } from '../../domain/documents/issuer.js';
import type { TRuleFailure } from '../../domain/law-rules.js';
import { firstTemplateInForce, printableDelegationFrom, printableValueFrom, templateInForce } from '../../db/repositories/document-templates.js';
import { delegationInForce } from '../../db/repositories/delegations.js';
import { delegationNotPrintableFailure, isDelegableRole, noDelegationFailure, signsForTheHead, templatePrintsDelegation, type TDelegableRole } from '../../domain/delegation.js';
import { httpError } from '../error-translator.js';

export interface TStartCaseInput {
  caseId: string;
  procedureId: string;
  version: number;
  unitId: string;
  teamId: string;
  title: string;
  /** The business the case is about (checked by the caller: exists, same unit). */
  businessId?: string | undefined;
  startedBy: TActor;
  /** The published definition of `procedureId@version`, when the caller has read it already (read here otherwise). */
  definition?: TProcedureDefinition | undefined;
  /**
   * The case id was given to this request before (a retry): a case with it is the one an earlier
   * attempt of the same request started, and is joined instead of refused as a conflict.
   */
  join?: boolean | undefined;
}

export async function startCase(client: Client, db: Db, taskQueue: string, input: TStartCaseInput): Promise<{ caseId: string }> {
  const given = input.definition;
  // A caller's mistake, not the user's: a case is never started on another version than the one asked for.
  if (given && (given.id !== input.procedureId || given.version !== input.version)) {
    throw new Error(`startCase was given the definition of ${given.id}@${given.version} to open ${input.procedureId}@${input.version}`);
  }
  // The legal parameters travel with the case (recorded in its history), so its rules can be checked synchronously.
  const [def, legalParams] = await Promise.all([given ?? getPublished(db, input.procedureId, input.version), listLegalParams(db)]);
  if (!def) throw new AppError('NOT_FOUND', `Procedure ${input.procedureId}@${input.version} is not published.`);
  try {
    // By name: the API never loads workflow code. Started with an update that returns once the case
    // is in the read model, so the caller's next read already finds it.
    const startWorkflowOperation = new WithStartWorkflowOperation<typeof caseWorkflow>('caseWorkflow', {
      workflowId: input.caseId,
      taskQueue,
      // A business id is used once: never a second case with the same number, even after closure
      // (a retry of the request that was given the number joins the case it started).
      workflowIdConflictPolicy: input.join ? 'USE_EXISTING' : 'FAIL',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [
        {
          definition: def,
          firstProjectionInAnswer: true,
          start: {
            caseId: input.caseId,
            kind: def.kind,
            procedure: { id: def.id, version: def.version },
            unitId: input.unitId,
            teamId: input.teamId,
            title: input.title,
            ...(input.businessId ? { businessId: input.businessId } : {}),
            startedBy: input.startedBy,
            legalParams,
          },
        },
      ],
      typedSearchAttributes: [
        { key: CaseKind, value: def.kind },
        { key: ProcedureId, value: def.id },
        { key: ProcedureVersion, value: `${def.id}@${def.version}` },
        { key: UnitId, value: input.unitId },
        { key: TeamId, value: input.teamId },
      ],
    });
    const { projection, seq } = await client.workflow.executeUpdateWithStart(caseReadyUpdate, { args: [], startWorkflowOperation });
    // The first projection comes with the answer, for the API to write (docs/adr/0176); a case
    // started before that schedules it (docs/adr/0175). Either way the caller's next read finds the case.
    if (projection) await writeCaseProjection(db, projection);
    else await caseShown(db, input.caseId, seq);
    return { caseId: input.caseId };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      // Joined, but closed already: it was opened (by an earlier attempt of this request).
      if (input.join) return { caseId: input.caseId };
      throw httpError(err) ?? err;
    }
    throw err;
  }
}

/**
 * Waits for a case just opened to be in the read model (at state `seq`, or in it at all): an
 * answer that it was opened must let the caller open it. If it is not there in time (its first
 * projection's worker was killed), the caller is told to send the same request again: that joins
 * the case, and waits again.
 */
export async function caseShown(db: Db, caseId: string, seq = 0, withinMs = READ_MODEL_WAIT_MS): Promise<void> {
  if (await readModelReached(db, caseId, seq, withinMs)) return;
  throw new AppError(
    'UNAVAILABLE',
    `Case ${caseId} was opened, but it is not shown yet (the engine is catching up after an interruption): send the same request again, with the same Idempotency-Key, in a few seconds.`,
  );
}

/** Dry run of a migration: what would change for this case, computed without touching it. */
export async function migrationDryRun(client: Client, db: Db, caseId: string, toVersion: number): Promise<TMigrationPlan> {
  const view: TCaseView = await client.workflow.getHandle(caseId).query(caseStateQuery);
  const [from, to] = await Promise.all([getPublished(db, view.state.procedure.id, view.state.procedure.version), getPublished(db, view.state.procedure.id, toVersion)]);
  if (!from || !to) throw new AppError('NOT_FOUND', `Procedure ${view.state.procedure.id}@${toVersion} is not published.`);
  return planMigration(from, to, view.state);
}

/**
 * The catalogue rows a step's form names in its `violation` fields, looked up here so that the
 * workflow checks brackets against the catalogue, never against anything the client sent.
 */
/**
 * Checks every evidence reference of a step's completion — its evidence list and the file fields of
 * its form — against the evidence stored for the case's unit: a reference to a file nobody uploaded,
 * or that another unit uploaded, or whose size or type differs from the stored file's, is refused
 * (422 EVIDENCE_UNKNOWN, naming the reference's path) before anything reaches the workflow.
 */
export async function checkEvidenceRefs(
  db: Db,
  c: { unitId: string; procedure: { id: string; version: number }; stepId: string },
  data: Record<string, unknown>,
  evidence: TFileRef[] | undefined,
): Promise<void> {
  const def = await getPublished(db, c.procedure.id, c.procedure.version);
  const step = def?.steps.find((s) => s.id === c.stepId);
  const refs = [...(evidence ?? []).map((ref, i) => ({ path: `evidence.${i}`, ref })), ...(step ? fileRefsAt(step.form.fields, data).map((x) => ({ path: `data.${x.path}`, ref: x.ref })) : [])];
  if (!refs.length) return;
  const shas = [...new Set(refs.map((r) => r.ref.sha256))];
  const stored = new Map((await db.selectFrom('evidence').select(['sha256', 'size', 'mime']).where('unit_id', '=', c.unitId).where('sha256', 'in', shas).execute()).map((r) => [r.sha256, r]));
  const issues: { path: string; message: string }[] = [];
  for (const { path, ref } of refs) {
    const file = stored.get(ref.sha256);
    if (!file) issues.push({ path, message: `no evidence with SHA-256 ${ref.sha256.slice(0, 12)}… is stored for the case's unit; upload the file first` });
    else if (Number(file.size) !== ref.size || file.mime !== ref.mime) issues.push({ path, message: `does not match the stored file (${file.size} bytes, ${file.mime})` });
  }
  if (issues.length) throw new AppError('EVIDENCE_UNKNOWN', `${issues[0]!.path}: ${issues[0]!.message}${issues.length > 1 ? ` (+${issues.length - 1})` : ''}`, undefined, issues);
}

/** The papers `step` issues when completed with `outcome` (as domain/engine/steps.ts chooses them). */
type TStep = TProcedureDefinition['steps'][number];

function papersOf(step: TStep | undefined, outcome: string): NonNullable<TStep['documents']> {
  return (step?.documents ?? []).filter((p) => !p.outcomes || p.outcomes.includes(outcome));
}

/**
 * The date `paper` will bear: its date field's value (the day part), or today where the paper has no
 * date field (as the engine dates it: domain/engine/steps.ts). Undefined where the date field is
 * empty or malformed: that is the form's to refuse, with its own message.
 */
function paperDateOf(paper: NonNullable<TStep['documents']>[number], data: Record<string, unknown>, today: string): string | undefined {
  if (!paper.dateField) return today;
  const value = data[paper.dateField];
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : undefined;
}

/**
 * Why INS could not issue a step's paper for its date (docs/adr/0191): every paper the step issues
 * for this outcome (`step.documents`) is dated by its date field (else today, as the engine dates
 * it: domain/engine/steps.ts), and a template of its type must be in force on that date. The
 * failure (rule NO_TEMPLATE_IN_FORCE, at the field) goes to the workflow with the completion, which
 * refuses it after its own order, role and form checks (docs/adr/0195): 422 GUARD_FAILED, nothing
 * written. A paper that fails later for another reason is recorded as DOCUMENT_NOT_ISSUED (ADR
 * 0156) and shown on the case page.
 */
async function paperFailures(db: Db, step: TStep, outcome: string, data: Record<string, unknown>, today: string): Promise<TRuleFailure[]> {
  const failures: TRuleFailure[] = [];
  for (const paper of papersOf(step, outcome)) {
    // The case file is a ZIP of the papers already issued: no template of its own.
    if (DOCUMENT_TYPE_INFO[paper.type].output !== 'PDF') continue;
    const date = paperDateOf(paper, data, today);
    if (!date) continue;
    const field = paper.dateField ? step.form.fields.find((f) => f.key === paper.dateField) : undefined;
    const failure = paperDateFailure(
      { type: paper.type, title: DOCUMENT_TYPE_INFO[paper.type].title },
      date,
      await firstTemplateInForce(db, paper.type),
      field ? { key: field.key, label: field.label } : undefined,
    );
    if (failure) {
      failures.push(failure);
      continue;
    }
    failures.push(...(await unstatedFailures(db, step, paper.type, paper.dateField, date, data)));
  }
  return failures;
}

/** An empty form value: nothing for the paper to state. */
const isGiven = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/**
 * The values the step gives that its paper must state (`states` of the paper's type) and that the
 * template in force on the paper's date does not print (docs/adr/0219): rule PAPER_CANNOT_STATE at
 * the field, judged by the workflow as `paperFailures` is.
 */
async function unstatedFailures(db: Db, step: TStep, type: TDocumentType, dateField: string | undefined, date: string, data: Record<string, unknown>): Promise<TRuleFailure[]> {
  const keys = (DOCUMENT_TYPE_INFO[type].states ?? []).filter((k) => isGiven(data[k]));
  if (!keys.length) return [];
  const definition = await templateInForce(db, type, date);
  const failures: TRuleFailure[] = [];
  for (const key of keys) {
    if (templateStates(definition, step.id, key)) continue;
    const field = step.form.fields.find((f) => f.key === key);
    const source = (definition as { source?: unknown } | undefined)?.source;
    failures.push(
      unstatedValueFailure(
        { title: DOCUMENT_TYPE_INFO[type].title },
        date,
        { key, label: field?.label ?? { vi: key, en: key } },
        typeof source === 'string' ? source : 'Nghị định số 118/2021/NĐ-CP, Phụ lục (biểu mẫu)',
        dateField,
        await printableValueFrom(db, type, date, step.id, key),
      ),
    );
  }
  return failures;
}

/**
 * A "Người ký" that is not the officer completing the step, where the step issues a paper INS signs
 * digitally in that officer's name (docs/adr/0194): the decision must state who decides (Law Art.
 * 68(1)), and the paper, its signature and the form must name the same person. A decision another
 * person signs is completed by that person. Judged by the workflow, as `paperFailures` is.
 */
function signerFailures(step: TStep, outcome: string, data: Record<string, unknown>, officer: { displayName: string }): TRuleFailure[] {
  const name = officer.displayName;
  const signed = papersOf(step, outcome).find((p) => DOCUMENT_TYPE_INFO[p.type].signed);
  const field = step.form.fields.find((f) => f.key === 'signedBy');
  const typed = data.signedBy;
  // An empty or missing field is the form's to refuse.
  if (!signed || !field || typeof typed !== 'string' || !typed.trim() || signedByOfficer(typed, name)) return [];
  return [
    {
      rule: 'SIGNER_NOT_OFFICER',
      field: 'signedBy',
      message: {
        vi: `${DOCUMENT_TYPE_INFO[signed.type].title.vi} được phát hành và ký số đứng tên người hoàn thành bước này (${name}), nên “${field.label.vi}” phải là ${name}. Nếu người khác ký, người đó tự hoàn thành bước này.`,
        en: `The ${DOCUMENT_TYPE_INFO[signed.type].title.en.toLowerCase()} is issued and signed digitally in the name of whoever completes this step (${name}), so “${field.label.en}” must be ${name}. If someone else signs it, they complete the step themselves.`,
      },
      legalBasis: 'Luật Xử lý vi phạm hành chính, Điều 68(1) (họ tên, chức vụ của người ra quyết định); Nghị định số 30/2020/NĐ-CP, Điều 13 (thẩm quyền ký văn bản)',
    },
  ];
}

/**
 * A deputy's decision without the head's delegation (docs/adr/0197): where the step issues, for
 * this outcome, a decision signed in a head's title (a Chi cục trưởng's, a Đội trưởng's) and the
 * officer completing it is a deputy acting in that role, a delegation to him or her in force on the
 * paper's date — standing, or for this case — must be recorded (rule NO_DELEGATION, Law Art. 54),
 * and the template in force that day must print it (DELEGATION_NOT_PRINTABLE: "KT." and the
 * delegation decision among the bases). Judged by the workflow, as `paperFailures` is.
 */
async function delegationFailures(
  db: Db,
  c: { caseId: string; unitId: string },
  step: TStep,
  outcome: string,
  data: Record<string, unknown>,
  officer: { id: string; roles: readonly string[]; deputy: boolean },
  today: string,
): Promise<TRuleFailure[]> {
  // The role the workflow will judge the officer in: the first of theirs the step allows (domain/engine/state.ts actingRole).
  const role = officer.roles.find((r) => step.roles.includes(r));
  if (!role || !isDelegableRole(role)) return [];
  const papers = papersOf(step, outcome).filter((p) => signsForTheHead(p.type));
  // The mark as read with this request's session or token (api/auth.ts), not again.
  if (!papers.length || !officer.deputy) return [];
  const failures: TRuleFailure[] = [];
  for (const paper of papers) {
    const date = paperDateOf(paper, data, today);
    if (!date) continue;
    const failure = await deputyPaperFailure(db, c, officer.id, role, paper.type, date, paper.dateField);
    if (failure) failures.push(failure);
  }
  return failures;
}

/**
 * Why a deputy may not sign `paper` dated `date` in `role`, or undefined: no delegation in force
 * that day (for a coercion decision, one that gives coercion too), or no template that day that
 * prints it (docs/adr/0197).
 */
async function deputyPaperFailure(
  db: Db,
  c: { caseId: string; unitId: string },
  officerId: string,
  role: TDelegableRole,
  paper: TDocumentType,
  date: string,
  field: string | undefined,
): Promise<TRuleFailure | undefined> {
  const title = DOCUMENT_TYPE_INFO[paper].title;
  const coercion = paper === 'COERCION_DECISION';
  if (!(await delegationInForce(db, { unitId: c.unitId, delegateId: officerId, role, caseId: c.caseId, date, coercion }))) return noDelegationFailure(role, title, date, field, coercion);
  if (!templatePrintsDelegation(await templateInForce(db, paper, date))) return delegationNotPrintableFailure(title, date, field, await printableDelegationFrom(db, paper, date));
  return undefined;
}

/**
 * A decision a deputy takes by another action than completing a step — an extension the law makes a
 * paper (the seizure's), a correcting decision — dated today, in a head's role: refused, as a
 * step's would be, without the head's delegation in force today that the template can print
 * (docs/adr/0197). Thrown before the action reaches the workflow; the workflow still judges the
 * role and the order after it.
 */
export async function checkDeputyDecision(
  db: Db,
  c: { caseId: string; unitId: string },
  officer: { id: string; roles: readonly string[]; deputy: boolean },
  roles: readonly string[],
  paper: TDocumentType,
  today: string,
): Promise<void> {
  const role = officer.roles.find((r) => roles.includes(r));
  if (!role || !isDelegableRole(role) || !signsForTheHead(paper) || !officer.deputy) return;
  const failure = await deputyPaperFailure(db, c, officer.id, role, paper, today, undefined);
  if (failure) throw new AppError('GUARD_FAILED', failure.message.en, failure.legalBasis, { rule: failure.rule, message: failure.message, failures: [failure] }, { rule: failure.rule });
}

/** The catalogue's rows for the violation codes a step's data names, as the workflow checks the amounts against them. */
export async function catalogueRowsFor(db: Db, procedure: { id: string; version: number }, stepId: string, data: Record<string, unknown>): Promise<TViolation[]> {
  const step = (await getPublished(db, procedure.id, procedure.version))?.steps.find((s) => s.id === stepId);
  return step ? violationsByCode(db, violationCodesIn(step.form.fields, data)) : [];
}

/**
 * What the API resolves from its database for a step's completion, sent with it for the workflow to
 * judge after its own order, role and form checks (docs/adr/0195): the catalogue's rows of the
 * violations named, and the failures only the database can find — a paper with no template in force
 * on its date, a signer who is not the officer, a deputy without a delegation. The procedure's
 * version is read once for all of them. Undefined when there is nothing to send.
 */
export async function completionResolved(
  db: Db,
  c: { procedure: { id: string; version: number }; caseId: string; unitId: string },
  stepId: string,
  body: { outcome: string; data: Record<string, unknown> },
  officer: { id: string; roles: readonly string[]; deputy: boolean; displayName: string },
  today: string,
): Promise<{ violations?: TViolation[]; failures?: TRuleFailure[] } | undefined> {
  const step = (await getPublished(db, c.procedure.id, c.procedure.version))?.steps.find((s) => s.id === stepId);
  // A step the version does not have: the workflow says so, with its own message.
  if (!step) return undefined;
  const failures = [
    ...(await paperFailures(db, step, body.outcome, body.data, today)),
    ...signerFailures(step, body.outcome, body.data, officer),
    ...(await delegationFailures(db, c, step, body.outcome, body.data, officer, today)),
  ];
  const violations = await violationsByCode(db, violationCodesIn(step.form.fields, body.data));
  return violations.length || failures.length ? { ...(violations.length ? { violations } : {}), ...(failures.length ? { failures } : {}) } : undefined;
}
