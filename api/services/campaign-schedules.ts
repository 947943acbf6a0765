/**
 * The Temporal Schedule of a campaign: one per approved campaign, id `campaign/<unit>/<campaignId>`,
 * created or updated when the director approves a version, paused, resumed, triggered and
 * backfilled by schedulers and the director. The spec says when runs are due (Vietnam time, within
 * the plan window); a spec cannot say "working days", so the run workflow moves a run due on a day
 * off (workflows/campaign.ts).
 */
import { DAYS_OF_WEEK, MONTHS, ScheduleAlreadyRunning, ScheduleNotFoundError, type Client, type ScheduleDescription, type ScheduleHandle, type ScheduleSpec } from '@temporalio/client';
import { CADENCE_UNIT_MS, CAMPAIGN_TIME_ZONE, campaignRunWorkflowId, campaignScheduleId, type TCadence, type TCampaignDefinition } from '../../domain/campaign.js';
import { vnInstant } from '../../domain/vn-time.js';
import type { campaignRunWorkflow } from '../../workflows/campaign.js';
import { CampaignId, CaseKind, UnitId } from '../../workflows/search-attributes.js';

/**
 * How late a missed action may still be taken after an outage of the server: a day, so a run due
 * in the morning is still taken the same day, and an outage of days does not start a burst of
 * stale runs (a scheduler backfills those on purpose).
 */
const CAMPAIGN_CATCHUP_WINDOW = '1 day';

function calendarOf(c: Extract<TCadence, { kind: 'CALENDAR' }>): NonNullable<ScheduleSpec['calendars']>[number] {
  return {
    second: 0,
    minute: c.minute,
    hour: c.hour,
    dayOfMonth: c.daysOfMonth.length ? c.daysOfMonth : '*',
    month: c.months.length ? c.months.map((m) => MONTHS[m - 1]!) : '*',
    dayOfWeek: c.daysOfWeek.length ? c.daysOfWeek.map((d) => DAYS_OF_WEEK[d]!) : '*',
    comment: 'INS campaign cadence (Asia/Ho_Chi_Minh); a run due on a day off moves to the next working day',
  };
}

/** The schedule spec of a definition: its cadence, in Vietnam time, within its plan window. */
function campaignScheduleSpec(def: TCampaignDefinition): ScheduleSpec {
  const window = { startAt: vnInstant(def.planWindow.from), endAt: vnInstant(def.planWindow.to, 23, 59, 59) };
  const c = def.cadence;
  return {
    ...(c.kind === 'CALENDAR' ? { calendars: [calendarOf(c)] } : { intervals: [{ every: c.every.amount * CADENCE_UNIT_MS[c.every.unit] }] }),
    timezone: CAMPAIGN_TIME_ZONE,
    jitter: 0,
    ...window,
  };
}

function actionOf(unitId: string, def: TCampaignDefinition, taskQueue: string) {
  return {
    type: 'startWorkflow' as const,
    workflowType: 'campaignRunWorkflow',
    workflowId: campaignRunWorkflowId(unitId, def.id),
    taskQueue,
    args: [{ unitId, campaignId: def.id, version: def.version }] as Parameters<typeof campaignRunWorkflow>,
    typedSearchAttributes: [
      { key: CaseKind, value: 'CAMPAIGN_RUN' },
      { key: UnitId, value: unitId },
      { key: CampaignId, value: def.id },
    ],
  };
}

/**
 * Creates the campaign's schedule, or points the existing one at the newly approved version (its
 * spec, overlap policy and run arguments); a paused schedule stays paused.
 */
export async function upsertCampaignSchedule(client: Client, taskQueue: string, unitId: string, def: TCampaignDefinition): Promise<string> {
  const scheduleId = campaignScheduleId(unitId, def.id);
  const spec = campaignScheduleSpec(def);
  const action = actionOf(unitId, def, taskQueue);
  const policies = { overlap: def.overlapPolicy, catchupWindow: CAMPAIGN_CATCHUP_WINDOW, pauseOnFailure: false };
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      action,
      policies,
      state: { note: `Kế hoạch ${def.id}, phiên bản ${def.version} đã được phê duyệt` },
      typedSearchAttributes: [
        { key: UnitId, value: unitId },
        { key: CampaignId, value: def.id },
      ],
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((prev) => ({ ...prev, spec, action, policies }));
  }
  return scheduleId;
}

/**
 * The campaign's schedule handle; a schedule missing although the campaign is approved (deleted by
 * hand in the Temporal UI) is created again from the approved version first — unless
 * `mayRecreate` (asked at that moment) says no: the campaign was ended meanwhile, and the error
 * it throws is the answer.
 */
export async function campaignSchedule(client: Client, taskQueue: string, unitId: string, approved: TCampaignDefinition, mayRecreate?: () => Promise<void>): Promise<ScheduleHandle> {
  const handle = client.schedule.getHandle(campaignScheduleId(unitId, approved.id));
  try {
    await handle.describe();
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
    await mayRecreate?.();
    await upsertCampaignSchedule(client, taskQueue, unitId, approved);
  }
  return handle;
}

/** Deletes the campaign's schedule (its running workflows go on); false when there was none. */
export async function deleteCampaignSchedule(client: Client, unitId: string, campaignId: string): Promise<boolean> {
  try {
    await client.schedule.getHandle(campaignScheduleId(unitId, campaignId)).delete();
    return true;
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return false;
    throw err;
  }
}

/** What the API shows of a schedule. */
export interface TScheduleView {
  scheduleId: string;
  paused: boolean;
  note: string | null;
  overlapPolicy: string;
  catchupWindowMs: number;
  startAt: string | null;
  endAt: string | null;
  nextActionTimes: string[];
  recentActions: { scheduledAt: string; takenAt: string; workflowId: string }[];
}

function scheduleView(scheduleId: string, d: ScheduleDescription): TScheduleView {
  return {
    scheduleId,
    paused: d.state.paused,
    note: d.state.note ?? null,
    overlapPolicy: d.policies.overlap ?? 'SKIP',
    catchupWindowMs: d.policies.catchupWindow,
    startAt: d.spec.startAt?.toISOString() ?? null,
    endAt: d.spec.endAt?.toISOString() ?? null,
    nextActionTimes: d.info.nextActionTimes.map((t) => t.toISOString()),
    recentActions: d.info.recentActions.map((a) => ({ scheduledAt: a.scheduledAt.toISOString(), takenAt: a.takenAt.toISOString(), workflowId: a.action.workflow.workflowId })),
  };
}

/** The schedule of a campaign as the API shows it, or null when there is none. */
export async function describeCampaignSchedule(client: Client, unitId: string, campaignId: string): Promise<TScheduleView | null> {
  const scheduleId = campaignScheduleId(unitId, campaignId);
  try {
    return scheduleView(scheduleId, await client.schedule.getHandle(scheduleId).describe());
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return null;
    throw err;
  }
}
