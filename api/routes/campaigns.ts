/**
 * Inspection campaigns (kế hoạch kiểm tra định kỳ / chuyên đề) of the user's unit: schedulers
 * draft and submit versions (and withdraw a submitted one before the decision), the director
 * approves (never the person who drafted or submitted) or rejects; approval creates or updates the
 * campaign's Temporal Schedule. Schedulers and the director pause, resume, trigger and backfill it,
 * and preview the next run (dry run). The director ends a campaign: its schedule is deleted and it
 * becomes read-only, while the cases it opened go on. Progress and the report come from the read
 * model. Leaders read. Another unit's campaigns do not exist here.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Client } from '@temporalio/client';
import { ZCampaignDefinition } from '../../domain/campaign-schema.js';
import { endedError, firstScheduledRun, type TCampaignDefinition } from '../../domain/campaign.js';
import { zodIssues } from '../../domain/validation-issues.js';
import { CAMPAIGN_APPROVERS, CAMPAIGN_OPERATORS, CAMPAIGN_PLANNERS, CAMPAIGN_READERS, CAMPAIGN_WITHDRAWERS } from '../../domain/roles.js';
import type { Db } from '../../db/database.js';
import { computeRunPlan } from '../../db/repositories/campaign-planning.js';
import { campaignReport, type TRunReport } from '../../db/repositories/campaign-report.js';
import { approvedCampaign, campaignEnd, campaignEnds, getCampaignRun, getCampaignVersion, listCampaignVersions, type TCampaignVersion } from '../../db/repositories/campaigns.js';
import { roles, route } from '../access.js';
import { currentUser, type TAppEnv } from '../auth.js';
import { AppError, refuseIssues } from '../errors.js';
import { ERROR_RESPONSES as errors, ZErrorBody } from '../schemas.js';
import { ZDraftBody, ZEnded, ZPlan, ZRunReport, ZRunSummary, ZSchedule, ZTotals, ZVersion } from '../views/campaign.js';
import { httpError, temporalUnreachable, withTemporal } from '../error-translator.js';
import { decideCampaign, endCampaign, saveCampaignDraft, submitCampaign, withdrawCampaign } from '../services/campaign-versions.js';
import { campaignSchedule, deleteCampaignSchedule, describeCampaignSchedule, upsertCampaignSchedule } from '../services/campaign-schedules.js';
import { backfillRange, campaignRefIssues, reportCsv } from '../services/campaigns.js';

/** Reading campaigns, versions and runs. */
const READERS = roles(CAMPAIGN_READERS, 'read campaigns');

const ZCampaignParam = z.object({ campaignId: z.string().min(1).max(60).openapi({ example: 'atvstp-tet-2027' }) });
const ZVersionParam = ZCampaignParam.extend({ version: z.coerce.number().int().min(1).max(10_000) });
const ZPeriodParam = ZCampaignParam.extend({
  period: z
    .string()
    .regex(/^\d{8}(T\d{6})?$/, 'must be a period key: YYYYMMDD or YYYYMMDDThhmmss')
    .openapi({ example: '20261207' }),
});
const ZIdempotency = z.object({ 'idempotency-key': z.string().min(8, 'must have 8 to 200 characters').max(200, 'must have 8 to 200 characters').optional() });

const json = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });
/** Routes that call Temporal answer 503 when it cannot be reached (api/error-translator.ts). */
const unavailable = { 503: json('Temporal cannot be reached; nothing was changed, try again', ZErrorBody) };
/** Temporal refuses schedule notes longer than its id limit (1000 characters); ours carry a prefix with the user. */
const ZScheduleNote = z.string().min(1).max(500);
const optionalNote = { required: false, content: { 'application/json': { schema: z.object({ note: ZScheduleNote.optional() }) } } };

const listRoute = route({
  access: READERS,
  method: 'get',
  path: '/api/v1/campaigns',
  tags: ['campaigns'],
  summary: 'Campaigns of my unit: the latest version of each and the approved one',
  responses: {
    200: json(
      'Campaigns',
      z.object({
        campaigns: z.array(
          z.object({
            campaignId: z.string(),
            title: z.string(),
            kind: z.enum(['ROUTINE', 'THEMED']),
            planWindow: z.object({ from: z.string(), to: z.string() }),
            latestVersion: z.number().int(),
            latestStatus: ZVersion.shape.status,
            approvedVersion: z.number().int().nullable(),
            endedAt: z.string().nullable().openapi({ description: 'When the director ended the campaign (null while it is not ended)' }),
          }),
        ),
      }),
    ),
    ...errors,
  },
});
const getRoute = route({
  access: READERS,
  method: 'get',
  path: '/api/v1/campaigns/{campaignId}',
  tags: ['campaigns'],
  summary: 'A campaign: its versions, its schedule (paused or not, next and recent runs) and its end, if the director ended it (then it has no schedule)',
  request: { params: ZCampaignParam },
  responses: {
    200: json(
      'The campaign',
      z.object({ campaignId: z.string(), approvedVersion: z.number().int().nullable(), versions: z.array(ZVersion), schedule: ZSchedule.nullable(), ended: ZEnded.nullable() }),
    ),
    ...errors,
    ...unavailable,
  },
});
const getVersionRoute = route({
  access: READERS,
  method: 'get',
  path: '/api/v1/campaigns/{campaignId}/versions/{version}',
  tags: ['campaigns'],
  summary: 'One version of a campaign with its definition',
  request: { params: ZVersionParam },
  responses: { 200: json('The version', ZVersion), ...errors },
});
const draftRoute = route({
  access: roles(CAMPAIGN_PLANNERS, 'draft campaigns'),
  method: 'put',
  path: '/api/v1/campaigns/{campaignId}/versions/{version}',
  tags: ['campaigns'],
  summary: 'Create or change a draft (SCHEDULER): a new campaign is version 1, a new version is the next number; submitted and approved versions never change',
  request: { params: ZVersionParam, body: { required: true, content: { 'application/json': { schema: ZDraftBody } } } },
  responses: { 200: json('The draft', ZVersion), ...errors },
});
const submitRoute = route({
  access: roles(CAMPAIGN_PLANNERS, 'submit campaigns'),
  method: 'post',
  path: '/api/v1/campaigns/{campaignId}/versions/{version}/submit',
  tags: ['campaigns'],
  summary: 'Submit a draft for the director’s approval (SCHEDULER)',
  request: { params: ZVersionParam, headers: ZIdempotency },
  responses: { 200: json('Submitted', ZVersion), ...errors },
});
const approveRoute = route({
  access: roles(CAMPAIGN_APPROVERS, 'approve campaigns'),
  method: 'post',
  path: '/api/v1/campaigns/{campaignId}/versions/{version}/approve',
  tags: ['campaigns'],
  summary: 'Approve a submitted version (DIRECTOR; never who drafted or submitted it): it supersedes the approved one, and the campaign’s schedule is created or updated',
  request: { params: ZVersionParam, headers: ZIdempotency, body: optionalNote },
  responses: {
    200: json('Approved', z.object({ version: ZVersion, superseded: z.number().int().nullable(), schedule: ZSchedule })),
    ...errors,
    503: json('Temporal cannot be reached (or could not set up the schedule); nothing was approved', ZErrorBody),
  },
});
const withdrawRoute = route({
  access: roles(CAMPAIGN_WITHDRAWERS, 'withdraw campaign versions'),
  method: 'post',
  path: '/api/v1/campaigns/{campaignId}/versions/{version}/withdraw',
  tags: ['campaigns'],
  summary: 'Take a submitted version back to draft before the director decides (any SCHEDULER of the unit); it may then change and be submitted again',
  request: { params: ZVersionParam, headers: ZIdempotency },
  responses: { 200: json('Back to draft', ZVersion), ...errors },
});
const endRoute = route({
  access: roles(CAMPAIGN_APPROVERS, 'end campaigns'),
  method: 'post',
  path: '/api/v1/campaigns/{campaignId}/end',
  tags: ['campaigns'],
  summary:
    'End the campaign, saying why (DIRECTOR): its schedule is deleted and the end recorded; afterwards it is read-only (no draft, submission, decision, pause, resume, trigger or backfill). Inspections it already opened go on',
  request: { params: ZCampaignParam, headers: ZIdempotency, body: { required: true, content: { 'application/json': { schema: z.object({ note: ZScheduleNote }) } } } },
  responses: {
    200: json(
      'Ended',
      z.object({ campaignId: z.string(), ended: ZEnded, scheduleDeleted: z.boolean().openapi({ description: 'Whether a schedule existed and was deleted (a campaign never approved has none)' }) }),
    ),
    ...errors,
    ...unavailable,
  },
});
const rejectRoute = route({
  access: roles(CAMPAIGN_APPROVERS, 'reject campaigns'),
  method: 'post',
  path: '/api/v1/campaigns/{campaignId}/versions/{version}/reject',
  tags: ['campaigns'],
  summary: 'Reject a submitted version, saying why (DIRECTOR)',
  request: { params: ZVersionParam, headers: ZIdempotency, body: { required: true, content: { 'application/json': { schema: z.object({ note: z.string().min(1).max(1000) }) } } } },
  responses: { 200: json('Rejected', ZVersion), ...errors },
});
const pauseRoute = route({
  access: roles(CAMPAIGN_OPERATORS, 'pause campaigns'),
  method: 'post',
  path: '/api/v1/campaigns/{campaignId}/pause',
  tags: ['campaigns'],
  summary: 'Pause the campaign’s schedule, saying why: no run starts until it is resumed (runs due meanwhile are not made up; backfill them)',
  request: { params: ZCampaignParam, headers: ZIdempotency, body: { required: true, content: { 'application/json': { schema: z.object({ note: ZScheduleNote }) } } } },
  responses: { 200: json('Paused', ZSchedule), ...errors, ...unavailable },
});
const resumeRoute = route({
  access: roles(CAMPAIGN_OPERATORS, 'resume campaigns'),
  method: 'post',
  path: '/api/v1/campaigns/{campaignId}/resume',
  tags: ['campaigns'],
  summary: 'Resume the campaign’s schedule',
  request: { params: ZCampaignParam, headers: ZIdempotency, body: optionalNote },
  responses: { 200: json('Resumed', ZSchedule), ...errors, ...unavailable },
});
const triggerRoute = route({
  access: roles(CAMPAIGN_OPERATORS, 'run campaigns'),
  method: 'post',
  path: '/api/v1/campaigns/{campaignId}/trigger',
  tags: ['campaigns'],
  summary: 'Run the campaign now, once (its period is today’s for a calendar cadence: a run of a period that already ran starts nothing twice)',
  request: { params: ZCampaignParam, headers: ZIdempotency },
  responses: { 202: json('Triggered', z.object({ scheduleId: z.string(), triggeredAt: z.string() })), ...errors, ...unavailable },
});
const backfillRoute = route({
  access: roles(CAMPAIGN_OPERATORS, 'backfill campaigns'),
  method: 'post',
  path: '/api/v1/campaigns/{campaignId}/backfill',
  tags: ['campaigns'],
  summary: 'Run the missed periods due in a past range (a period that already ran starts nothing twice)',
  request: {
    params: ZCampaignParam,
    headers: ZIdempotency,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            from: z.string().min(10).max(40).openapi({ description: 'A date (that whole day, Vietnam time) or a date-time', example: '2026-09-01' }),
            to: z.string().min(10).max(40).openapi({ example: '2026-09-02' }),
          }),
        },
      },
    },
  },
  responses: { 202: json('Backfill requested', z.object({ scheduleId: z.string(), start: z.string(), end: z.string() })), ...errors, ...unavailable },
});
const dryRunRoute = route({
  access: roles(CAMPAIGN_OPERATORS, 'preview campaign runs'),
  method: 'get',
  path: '/api/v1/campaigns/{campaignId}/dry-run',
  tags: ['campaigns'],
  summary:
    'Preview a run without starting anything: targets with their reasons, assignments, guardrail findings. By default the next scheduled run of the approved version; what it shows is what that run selects unless the registry or the cases change meanwhile',
  request: {
    params: ZCampaignParam,
    query: z.object({
      at: z.iso.datetime({ offset: true }).optional().openapi({ description: 'The run’s scheduled time (default: the schedule’s next action, else now)' }),
      version: z.coerce.number().int().min(1).max(10_000).optional().openapi({ description: 'A version to preview (default: the approved one); a draft may be previewed' }),
    }),
  },
  responses: {
    200: json(
      'The plan the run would make',
      z.object({
        campaignId: z.string(),
        version: z.number().int(),
        period: z.string(),
        scheduledAt: z.string(),
        scheduledAtSource: z.enum(['REQUEST', 'SCHEDULE', 'CADENCE', 'NOW']).openapi({
          description:
            "Where scheduledAt came from: the request's ?at=; the approved version's Temporal Schedule; the previewed version's own cadence within its plan window (a version not approved yet: its schedule's first run once approved); now (no run left in the window)",
        }),
        alreadyRan: z.boolean().openapi({ description: 'The period has run: this is its recorded plan, which any repeated run reuses' }),
        plan: ZPlan,
      }),
    ),
    ...errors,
    ...unavailable,
  },
});
const runsRoute = route({
  access: READERS,
  method: 'get',
  path: '/api/v1/campaigns/{campaignId}/runs',
  tags: ['campaigns'],
  summary: 'The runs of a campaign, each with its progress (planned, started, done, violations, fines, overdue)',
  request: { params: ZCampaignParam },
  responses: { 200: json('Runs', z.object({ runs: z.array(ZRunSummary) })), ...errors },
});
const runRoute = route({
  access: READERS,
  method: 'get',
  path: '/api/v1/campaigns/{campaignId}/runs/{period}',
  tags: ['campaigns'],
  summary: 'One run: its full plan (targets and reasons, exclusions, findings) and where each planned inspection stands',
  request: { params: ZPeriodParam },
  responses: { 200: json('The run', z.object({ workflowId: z.string(), run: ZRunReport, plan: ZPlan })), ...errors },
});
const reportRoute = route({
  access: roles(CAMPAIGN_READERS, 'read campaign reports'),
  method: 'get',
  path: '/api/v1/campaigns/{campaignId}/report',
  tags: ['campaigns'],
  summary: 'Progress of the campaign and of each run, from the read model, with one line per planned inspection',
  request: { params: ZCampaignParam, query: z.object({ period: ZPeriodParam.shape.period.optional() }) },
  responses: { 200: json('The report', z.object({ campaignId: z.string(), totals: ZTotals, runs: z.array(ZRunReport) })), ...errors },
});
const reportCsvRoute = route({
  access: roles(CAMPAIGN_READERS, 'read campaign reports'),
  method: 'get',
  path: '/api/v1/campaigns/{campaignId}/report.csv',
  tags: ['campaigns'],
  summary: 'The report as CSV (UTF-8), one line per planned inspection',
  request: { params: ZCampaignParam, query: z.object({ period: ZPeriodParam.shape.period.optional() }) },
  responses: { 200: { description: 'The report', content: { 'text/csv': { schema: z.string() } } }, ...errors },
});

function summary(r: TRunReport): z.infer<typeof ZRunSummary> {
  return {
    period: r.period,
    version: r.version,
    status: r.status,
    scheduledAt: r.scheduledAt,
    dueDate: r.dueDate,
    runDate: r.runDate,
    movedBecause: r.movedBecause,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    totals: r.totals,
  };
}

export function campaignRoutes(deps: { db: Db; temporal: Client; taskQueue: string }) {
  const { db, temporal, taskQueue } = deps;

  /** The campaign's versions in the user's unit; another unit's campaign does not exist (404). */
  async function versionsOf(unitId: string, campaignId: string): Promise<TCampaignVersion[]> {
    const versions = await listCampaignVersions(db, unitId, campaignId);
    if (!versions.length) throw new AppError('NOT_FOUND', `No campaign ${campaignId} in your unit.`);
    return versions;
  }
  /** Refuses (409) when the campaign was ended, saying when and by whom. */
  async function refuseIfEnded(unitId: string, campaignId: string): Promise<void> {
    const end = await campaignEnd(db, unitId, campaignId);
    if (end) {
      const ended = endedError(campaignId, end);
      throw httpError(ended) ?? ended;
    }
  }
  async function approvedOf(unitId: string, campaignId: string): Promise<TCampaignDefinition> {
    await versionsOf(unitId, campaignId);
    await refuseIfEnded(unitId, campaignId);
    const approved = await approvedCampaign(db, unitId, campaignId);
    if (!approved) throw new AppError('CONFLICT', `Campaign ${campaignId} has no approved version; it has no schedule until the director approves one.`);
    return approved.definition;
  }
  const guard = async <T>(p: Promise<T>): Promise<T> => {
    try {
      return await p;
    } catch (err) {
      throw httpError(err) ?? err;
    }
  };

  return new OpenAPIHono<TAppEnv>()
    .openapi(listRoute, async (c) => {
      const user = currentUser(c);
      const ended = await campaignEnds(db, user.unitId);
      const byCampaign = new Map<string, TCampaignVersion[]>();
      for (const v of await listCampaignVersions(db, user.unitId)) byCampaign.set(v.campaignId, [...(byCampaign.get(v.campaignId) ?? []), v]);
      const campaigns = [...byCampaign.entries()].map(([campaignId, versions]) => {
        const latest = versions.at(-1)!;
        return {
          campaignId,
          title: latest.definition.title,
          kind: latest.definition.kind,
          planWindow: latest.definition.planWindow,
          latestVersion: latest.version,
          latestStatus: latest.status,
          approvedVersion: versions.find((v) => v.status === 'APPROVED')?.version ?? null,
          endedAt: ended.get(campaignId)?.at ?? null,
        };
      });
      return c.json({ campaigns }, 200);
    })
    .openapi(getRoute, async (c) => {
      const user = currentUser(c);
      const { campaignId } = c.req.valid('param');
      const versions = await versionsOf(user.unitId, campaignId);
      const approvedVersion = versions.find((v) => v.status === 'APPROVED')?.version ?? null;
      const end = await campaignEnd(db, user.unitId, campaignId);
      // An ended campaign's schedule was deleted with the end: nothing to ask Temporal.
      const schedule = end ? null : await withTemporal("read the campaign's schedule", () => describeCampaignSchedule(temporal, user.unitId, campaignId), { changes: false });
      return c.json({ campaignId, approvedVersion, versions, schedule, ended: end ?? null }, 200);
    })
    .openapi(getVersionRoute, async (c) => {
      const user = currentUser(c);
      const { campaignId, version } = c.req.valid('param');
      const v = await getCampaignVersion(db, user.unitId, campaignId, version);
      if (!v) throw new AppError('NOT_FOUND', `No version ${version} of campaign ${campaignId} in your unit.`);
      return c.json(v, 200);
    })
    .openapi(draftRoute, async (c) => {
      const user = currentUser(c);
      const { campaignId, version } = c.req.valid('param');
      const input = { ...c.req.valid('json'), id: campaignId, version };
      const parsed = ZCampaignDefinition.safeParse(input);
      if (!parsed.success) refuseIssues(zodIssues(parsed.error.issues, { input }));
      const def = parsed.data!;
      refuseIssues(await campaignRefIssues(db, user.unitId, def));
      return c.json(await guard(saveCampaignDraft(db, user.unitId, def, user.id)), 200);
    })
    .openapi(submitRoute, async (c) => {
      const user = currentUser(c);
      const { campaignId, version } = c.req.valid('param');
      return c.json(await guard(submitCampaign(db, user.unitId, campaignId, version, user.id)), 200);
    })
    .openapi(approveRoute, async (c) => {
      const user = currentUser(c);
      const { campaignId, version } = c.req.valid('param');
      const note = (c.req.valid('json') as { note?: string } | undefined)?.note;
      const submitted = await getCampaignVersion(db, user.unitId, campaignId, version);
      if (!submitted) throw new AppError('NOT_FOUND', `No version ${version} of campaign ${campaignId} in your unit.`);
      // What it points to may have changed since it was drafted (a team removed, a procedure retired).
      refuseIssues(await campaignRefIssues(db, user.unitId, submitted.definition));
      // The schedule is set up inside the approval's transaction: no approved campaign without its schedule.
      const setUpSchedule = async (approved: TCampaignVersion): Promise<void> => {
        try {
          await upsertCampaignSchedule(temporal, taskQueue, user.unitId, approved.definition);
        } catch (err) {
          throw (
            httpError(err, { what: "set up the campaign's schedule, so nothing was approved", changes: false }) ??
            new AppError('UNAVAILABLE', "The campaign's schedule could not be set up in Temporal; nothing was approved. Try again.", undefined, undefined, { cause: err })
          );
        }
      };
      const r = await guard(decideCampaign(db, user.unitId, campaignId, version, user.id, { approve: true, note }, setUpSchedule));
      let schedule: Awaited<ReturnType<typeof describeCampaignSchedule>>;
      try {
        schedule = await describeCampaignSchedule(temporal, user.unitId, campaignId);
      } catch (err) {
        if (!temporalUnreachable(err)) throw err;
        // The approval has committed with its schedule: say so rather than "nothing was changed".
        throw new AppError(
          'UNAVAILABLE',
          `Version ${version} was approved and its schedule set up, but Temporal cannot be reached to read the schedule back; read the campaign to see it.`,
          undefined,
          undefined,
          { cause: err },
        );
      }
      return c.json({ version: r.decided, superseded: r.superseded ?? null, schedule: schedule! }, 200);
    })
    .openapi(withdrawRoute, async (c) => {
      const user = currentUser(c);
      const { campaignId, version } = c.req.valid('param');
      return c.json(await guard(withdrawCampaign(db, user.unitId, campaignId, version, user.id)), 200);
    })
    .openapi(endRoute, async (c) => {
      const user = currentUser(c);
      const { campaignId } = c.req.valid('param');
      const { note } = c.req.valid('json');
      let scheduleDeleted = false;
      // The schedule is deleted inside the end's transaction: if Temporal cannot be reached, nothing ends.
      const ended = await guard(
        endCampaign(db, user.unitId, campaignId, user.id, note, async () => {
          scheduleDeleted = await withTemporal("delete the campaign's schedule, so the campaign was not ended", () => deleteCampaignSchedule(temporal, user.unitId, campaignId));
        }),
      );
      return c.json({ campaignId, ended, scheduleDeleted }, 200);
    })
    .openapi(rejectRoute, async (c) => {
      const user = currentUser(c);
      const { campaignId, version } = c.req.valid('param');
      const { note } = c.req.valid('json');
      return c.json((await guard(decideCampaign(db, user.unitId, campaignId, version, user.id, { approve: false, note }))).decided, 200);
    })
    .openapi(pauseRoute, async (c) => {
      const user = currentUser(c);
      const { campaignId } = c.req.valid('param');
      const approved = await approvedOf(user.unitId, campaignId);
      const paused = await withTemporal("pause the campaign's schedule", async () => {
        const handle = await campaignSchedule(temporal, taskQueue, user.unitId, approved, () => refuseIfEnded(user.unitId, campaignId));
        await handle.pause(`Tạm dừng (${user.id}): ${c.req.valid('json').note}`);
        return (await describeCampaignSchedule(temporal, user.unitId, campaignId))!;
      });
      return c.json(paused, 200);
    })
    .openapi(resumeRoute, async (c) => {
      const user = currentUser(c);
      const { campaignId } = c.req.valid('param');
      const note = (c.req.valid('json') as { note?: string } | undefined)?.note;
      const approved = await approvedOf(user.unitId, campaignId);
      const resumed = await withTemporal("resume the campaign's schedule", async () => {
        const handle = await campaignSchedule(temporal, taskQueue, user.unitId, approved, () => refuseIfEnded(user.unitId, campaignId));
        await handle.unpause(`Tiếp tục (${user.id})${note ? `: ${note}` : ''}`);
        return (await describeCampaignSchedule(temporal, user.unitId, campaignId))!;
      });
      return c.json(resumed, 200);
    })
    .openapi(triggerRoute, async (c) => {
      const user = currentUser(c);
      const { campaignId } = c.req.valid('param');
      const approved = await approvedOf(user.unitId, campaignId);
      const triggered = await withTemporal('run the campaign now', async () => {
        const handle = await campaignSchedule(temporal, taskQueue, user.unitId, approved, () => refuseIfEnded(user.unitId, campaignId));
        const triggeredAt = new Date().toISOString();
        // Whatever the overlap policy, a run asked for by hand runs (a waiting run does not swallow it).
        await handle.trigger('ALLOW_ALL');
        return { scheduleId: handle.scheduleId, triggeredAt };
      });
      return c.json(triggered, 202);
    })
    .openapi(backfillRoute, async (c) => {
      const user = currentUser(c);
      const { campaignId } = c.req.valid('param');
      const body = c.req.valid('json');
      const { start, end } = backfillRange(body.from, body.to, new Date());
      const approved = await approvedOf(user.unitId, campaignId);
      const scheduleId = await withTemporal('backfill the missed runs', async () => {
        const handle = await campaignSchedule(temporal, taskQueue, user.unitId, approved, () => refuseIfEnded(user.unitId, campaignId));
        // Not queued behind a run that waits for its working day (over Tết, days): the missed periods
        // start at once, and their plans are made one at a time (a lock per unit), each seeing the others'.
        await handle.backfill({ start, end, overlap: 'ALLOW_ALL' });
        return handle.scheduleId;
      });
      return c.json({ scheduleId, start: start.toISOString(), end: end.toISOString() }, 202);
    })
    .openapi(dryRunRoute, async (c) => {
      const user = currentUser(c);
      const { campaignId } = c.req.valid('param');
      const q = c.req.valid('query');
      await versionsOf(user.unitId, campaignId);
      const v = q.version !== undefined ? await getCampaignVersion(db, user.unitId, campaignId, q.version) : await approvedCampaign(db, user.unitId, campaignId);
      if (!v)
        throw new AppError(
          q.version !== undefined ? 'NOT_FOUND' : 'CONFLICT',
          q.version !== undefined ? `No version ${q.version} of campaign ${campaignId}.` : `Campaign ${campaignId} has no approved version; name one with ?version=.`,
        );
      let scheduledAt = q.at ? new Date(q.at) : undefined;
      let source: 'REQUEST' | 'SCHEDULE' | 'CADENCE' | 'NOW' = 'REQUEST';
      if (!scheduledAt) {
        const now = new Date(Math.floor(Date.now() / 1000) * 1000);
        if (v.status === 'APPROVED') {
          const next = (await withTemporal("read the schedule's next run (or name the time with ?at=)", () => describeCampaignSchedule(temporal, user.unitId, campaignId), { changes: false }))
            ?.nextActionTimes[0];
          scheduledAt = next ? new Date(next) : now;
          source = next ? 'SCHEDULE' : 'NOW';
        } else {
          // A version not approved yet has no schedule: its first run as its schedule will make it, not "now"
          // (a plan starting next week previewed today would show a run its window refuses).
          const first = firstScheduledRun(v.definition, now);
          scheduledAt = first ?? now;
          source = first ? 'CADENCE' : 'NOW';
        }
      }
      const { period, plan } = await computeRunPlan(db, user.unitId, v.definition, scheduledAt);
      // A period that has run keeps its recorded plan: a repeated run reuses it, so that is what it would do
      // (a draft being previewed has no runs of its own).
      const stored = v.status === 'APPROVED' ? await getCampaignRun(db, campaignId, period) : undefined;
      return c.json(
        { campaignId, version: stored?.version ?? v.version, period, scheduledAt: scheduledAt.toISOString(), scheduledAtSource: source, alreadyRan: !!stored, plan: stored?.plan ?? plan },
        200,
      );
    })
    .openapi(runsRoute, async (c) => {
      const user = currentUser(c);
      const { campaignId } = c.req.valid('param');
      await versionsOf(user.unitId, campaignId);
      return c.json({ runs: (await campaignReport(db, user.unitId, campaignId)).runs.map(summary) }, 200);
    })
    .openapi(runRoute, async (c) => {
      const user = currentUser(c);
      const { campaignId, period } = c.req.valid('param');
      await versionsOf(user.unitId, campaignId);
      const stored = await getCampaignRun(db, campaignId, period);
      if (!stored || stored.unitId !== user.unitId) throw new AppError('NOT_FOUND', `Campaign ${campaignId} has no run for period ${period}.`);
      const run = (await campaignReport(db, user.unitId, campaignId, period)).runs[0]!;
      return c.json({ workflowId: stored.workflowId, run, plan: stored.plan }, 200);
    })
    .openapi(reportRoute, async (c) => {
      const user = currentUser(c);
      const { campaignId } = c.req.valid('param');
      await versionsOf(user.unitId, campaignId);
      return c.json(await campaignReport(db, user.unitId, campaignId, c.req.valid('query').period), 200);
    })
    .openapi(reportCsvRoute, async (c) => {
      const user = currentUser(c);
      const { campaignId } = c.req.valid('param');
      await versionsOf(user.unitId, campaignId);
      const { period } = c.req.valid('query');
      const csv = reportCsv(await campaignReport(db, user.unitId, campaignId, period));
      c.header('Content-Disposition', `attachment; filename="${campaignId}${period ? `-${period}` : ''}.csv"`);
      return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8' });
    });
}
