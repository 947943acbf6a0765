/**
 * Activities: every side effect of the workflows, built by a factory with injected dependencies
 * (only the worker process builds real ones). Every activity is idempotent, keyed by the workflow
 * id and the data it carries, because activities retry.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { reconcileAbandonedCampaignCases, type TReconcileResult } from './campaign-reconcile.js';
import { sendLeadDigests, sendNotificationEmails, type TMailDeps } from './notification-mail.js';
import { sendPartyMessages as drainPartyMessages, type TPartyMessageDeps } from './party-messages.js';
import { reconcilePaymentsDaily, type TPaymentReconcileResult } from './payment-reconcile.js';
import { computeDeadline as compute, type TComputedDeadline, type TDeadlineSpec } from '../domain/deadline.js';
import type { TProcedureDefinition } from '../domain/procedure.js';
import type { TCaseProjectionInput } from '../domain/projection.js';
import type { Db } from '../db/database.js';
import { CampaignError, type TFinding, type TFindingCode } from '../domain/campaign.js';
import type { TLegalParam } from '../domain/legal-params.js';
import { loadWorkingCalendar } from '../db/repositories/calendar.js';
import { planCampaignRun, type TRunTarget } from '../db/repositories/campaign-planning.js';
import { campaignEnd, completeCampaignRunIfDone, setCampaignRunStatus, type TCampaignRun } from '../db/repositories/campaigns.js';
import { writeCaseProjection } from '../db/repositories/cases.js';
import { readModelHolds } from '../db/repositories/read-model-wait.js';
import { DocumentTemplateError, issue, type TDocumentDeps, type TIssueDocumentInput } from '../lib/documents/issue.js';
import type { TIssuedDocument } from '../domain/engine/state.js';
import { listLegalParams } from '../db/repositories/legal.js';
import { getPublished, latestPublishedVersion } from '../db/repositories/procedures.js';
import type { TCanaryState } from '../workflows/canary.js';

/**
 * A campaign run's plan as the workflow needs it: the targets to start, and the run-wide facts.
 * The full plan (every exclusion with its reason) stays in PostgreSQL; the history keeps this.
 */
export interface TPlannedRun {
  campaignId: string;
  period: string;
  version: number;
  /** The workflow that recorded the plan (the first run of the period). */
  plannedBy: string;
  status: TCampaignRun['status'];
  dueDate: string;
  runDate: string;
  movedBecause: string | null;
  canStart: boolean;
  /** Findings about the run as a whole (the plan window); per-business findings are counted. */
  runFindings: TFinding[];
  findingCounts: Partial<Record<TFindingCode, number>>;
  title: string;
  procedure: { id: string; version: number };
  targets: TRunTarget[];
}

export interface ActivityDeps {
  db: Db;
  /** A Temporal client, for the activities that read Temporal's visibility (maintenance). */
  temporal?: Client;
  /** The SMTP sender and the public address of the web app, for the notifications' e-mails; without it, none are sent. */
  mail?: TMailDeps;
  /** The senders of messages to parties (e-mail, SMS, Zalo) and the public address; without it, none are sent. */
  partyMessages?: TPartyMessageDeps;
  /** The public address for the papers' QR codes and the unit's signing certificate (docs/documents.md); without it: localhost, unsigned. */
  documents?: TDocumentDeps;
}

export function createActivities({ db, temporal, mail, partyMessages, documents = { publicBaseUrl: 'http://localhost:8080' } }: ActivityDeps) {
  const workflowId = (): string => {
    const id = Context.current().info.workflowExecution?.workflowId;
    if (!id) throw new Error('activity called outside a workflow');
    return id;
  };
  return {
    /** Upserts the canary's read-model row from the workflow state (idempotent: same state, same row). */
    async projectCanary(state: TCanaryState): Promise<void> {
      const row = {
        started_at: state.startedAt,
        confirmed_by: state.confirmedBy ?? null,
        confirmed_at: state.confirmedAt ?? null,
        note: state.note ?? null,
        status: state.status,
      };
      await db
        .insertInto('canary_run')
        .values({ workflow_id: workflowId(), ...row })
        .onConflict((oc) => oc.column('workflow_id').doUpdateSet({ ...row, updated_at: new Date() }))
        .execute();
    },

    /** A published (or retired) procedure version; the result lands in history, pinning the case to it. */
    async loadProcedure(ref: { id: string; version: number }): Promise<TProcedureDefinition> {
      const def = await getPublished(db, ref.id, ref.version);
      if (!def) throw ApplicationFailure.nonRetryable(`Procedure ${ref.id}@${ref.version} is not published.`, 'PROCEDURE_NOT_FOUND');
      return def;
    },

    async latestProcedureVersion(procedureId: string): Promise<number> {
      const v = await latestPublishedVersion(db, procedureId);
      if (v === undefined) throw ApplicationFailure.nonRetryable(`Procedure ${procedureId} has no published version.`, 'PROCEDURE_NOT_FOUND');
      return v;
    },

    /** A deadline from the calendar in force (its revision is recorded with the result). */
    async computeDeadline(spec: TDeadlineSpec): Promise<TComputedDeadline> {
      return compute(await loadWorkingCalendar(db), spec);
    },

    /** A transition's deadlines from one read of the calendar in force (a local activity of the case workflow, docs/adr/0175). */
    async computeDeadlines(specs: TDeadlineSpec[]): Promise<TComputedDeadline[]> {
      const calendar = await loadWorkingCalendar(db);
      return specs.map((spec) => compute(calendar, spec));
    },

    /**
     * Writes the case, its open tasks, escalations and new audit events (idempotent, monotonic).
     * When a campaign case closes, its run is marked COMPLETED if it was the last one open (checked
     * after the commit, so of two cases closing at once the later always sees both closed).
     */
    async projectCaseState(input: TCaseProjectionInput): Promise<void> {
      await writeCaseProjection(db, input);
    },

    /**
     * Whether the read model already holds the case at state `seq` and every audit event of
     * `auditSeqs`: the workflow's fallback projection asks first, as a local activity, and has
     * nothing to write when the API wrote the answers' projections (docs/adr/0185). It only reads.
     */
    async caseProjectionLanded(input: { caseId: string; seq: number; auditSeqs: number[] }): Promise<boolean> {
      return readModelHolds(db, input.caseId, input.seq, input.auditSeqs);
    },

    /**
     * Issues a paper of a case (docs/documents.md): numbered from the unit's register, rendered,
     * signed when a decision, frozen — once per key, so a retry returns what the first attempt issued.
     * A template that cannot be filled from the case fails at once (the workflow records it) rather
     * than retrying forever.
     */
    async issueDocument(input: TIssueDocumentInput): Promise<TIssuedDocument> {
      try {
        return await issue(db, documents, input);
      } catch (err) {
        if (err instanceof DocumentTemplateError) throw ApplicationFailure.nonRetryable(err.message, 'DOCUMENT_TEMPLATE');
        throw err;
      }
    },

    /** The effective-dated legal parameters, handed to the cases a campaign run starts. */
    async loadLegalParams(): Promise<TLegalParam[]> {
      return listLegalParams(db);
    },

    /**
     * Plans a campaign run (or returns the stored plan of its period): see
     * db/repositories/campaign-planning.ts. Idempotent by campaign and period.
     */
    async planCampaignRun(input: { unitId: string; campaignId: string; version: number; scheduledAt: string }): Promise<TPlannedRun> {
      try {
        const { run, definition, targets } = await planCampaignRun(db, { ...input, scheduledAt: new Date(input.scheduledAt), workflowId: workflowId() });
        const findingCounts: Partial<Record<TFindingCode, number>> = {};
        for (const f of run.plan.findings) findingCounts[f.code] = (findingCounts[f.code] ?? 0) + 1;
        return {
          campaignId: run.campaignId,
          period: run.period,
          version: run.version,
          plannedBy: run.workflowId,
          status: run.status,
          dueDate: run.dueDate,
          runDate: run.runDate,
          movedBecause: run.movedBecause,
          canStart: run.plan.canStart,
          runFindings: run.plan.findings.filter((f) => f.businessId === undefined),
          findingCounts,
          title: definition.title,
          procedure: definition.procedure,
          targets,
        };
      } catch (err) {
        if (err instanceof CampaignError) throw ApplicationFailure.nonRetryable(err.message, err.ended ? 'CAMPAIGN_ENDED' : 'CAMPAIGN_NOT_APPROVED');
        throw err;
      }
    },

    /**
     * Whether a planned run may start its cases now: not once its campaign was ended (a run that
     * waited for its working day across the end). A run that may not is marked BLOCKED.
     */
    async campaignRunMayStart(input: { unitId: string; campaignId: string; period: string }): Promise<{ mayStart: boolean; reason?: string }> {
      const end = await campaignEnd(db, input.unitId, input.campaignId);
      if (!end) return { mayStart: true };
      await setCampaignRunStatus(db, input.campaignId, input.period, 'BLOCKED');
      return { mayStart: false, reason: `Kế hoạch đã kết thúc lúc ${end.at} (${end.by}): ${end.note}` };
    },

    /**
     * Finds campaign cases whose workflow was terminated, cancelled, timed out or failed (never
     * reporting its closing), marks them abandoned and completes their runs: see
     * activities/campaign-reconcile.ts. Idempotent.
     */
    async reconcileAbandonedCampaignCases(): Promise<TReconcileResult> {
      if (!temporal) throw ApplicationFailure.nonRetryable('This worker was built without a Temporal client; it cannot read visibility.', 'NO_TEMPORAL_CLIENT');
      return reconcileAbandonedCampaignCases({ db, temporal, heartbeat: (p) => Context.current().heartbeat(p) });
    },

    /**
     * Sends the notifications' e-mails waiting in the outbox, then the team leads' digests of the
     * day not sent yet (activities/notification-mail.ts). Idempotent: a sent e-mail or digest is
     * marked so in the transaction that claimed it.
     */
    async sendNotificationMail(): Promise<{ sent: number; failed: number; digests: number }> {
      if (!mail) throw ApplicationFailure.nonRetryable('This worker was built without an SMTP sender (SMTP_URL).', 'NO_MAILER');
      const heartbeat = (): void => Context.current().heartbeat();
      const r = await sendNotificationEmails(db, mail, { heartbeat });
      const d = await sendLeadDigests(db, mail);
      return { ...r, digests: d.sent };
    },

    /**
     * Sends the messages to parties waiting in their outbox (activities/party-messages.ts).
     * Idempotent: a sent message is marked so in the transaction that claimed it.
     */
    async sendPartyMessages(): Promise<{ sent: number; failed: number }> {
      if (!partyMessages) throw ApplicationFailure.nonRetryable('This worker was built without senders for parties (SMTP_URL, SMS_GATEWAY_URL, ZALO_GATEWAY_URL).', 'NO_PARTY_SENDER');
      return drainPartyMessages(db, partyMessages, { heartbeat: () => Context.current().heartbeat() });
    },

    /**
     * The day's reconciliation of payment callbacks against the cases, the mismatches into each
     * unit's legal officers' notifications once per day (activities/payment-reconcile.ts).
     */
    async reconcilePaymentsDaily(): Promise<TPaymentReconcileResult> {
      return reconcilePaymentsDaily(db);
    },

    /** Moves a run forward (never back); on STARTED, also completes it if its cases are all closed already. */
    async advanceCampaignRun(input: { campaignId: string; period: string; status: 'WAITING' | 'STARTED' }): Promise<{ moved: boolean; completed: boolean }> {
      const moved = await setCampaignRunStatus(db, input.campaignId, input.period, input.status);
      const completed = input.status === 'STARTED' ? await completeCampaignRunIfDone(db, input.campaignId, input.period) : false;
      return { moved, completed };
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
