/**
 * Campaigns at the HTTP edge: checks of what a definition points to (teams of the unit, a
 * published inspection procedure), the backfill range and the CSV report. (A repository's refusal,
 * `CampaignError`, becomes the API's error in the one translator, api/error-translator.ts.)
 */
import type { TCampaignDefinition } from '../../domain/campaign.js';
import { stringify } from 'csv-stringify/sync';
import { vnInstant } from '../../domain/vn-time.js';
import type { Db } from '../../db/database.js';
import type { TCampaignReport } from '../../db/repositories/campaign-report.js';
import { teamLoads } from '../../db/repositories/campaign-planning.js';
import { getProcedureVersion, nationalVersion, procedureOwner, procedureVersionStatus } from '../../db/repositories/procedures.js';
import { issueOf, type TValidationIssue } from '../../domain/validation-issues.js';
import { invalidField } from '../errors.js';

/** The procedure kind a campaign's cases are opened with (their ids start with `inspection/`). */
const CAMPAIGN_PROCEDURE_KIND = 'INSPECTION';

/** The references of a definition that do not hold in the unit. */
export async function campaignRefIssues(db: Db, unitId: string, def: TCampaignDefinition): Promise<TValidationIssue[]> {
  const issues: TValidationIssue[] = [];
  const teams = new Set((await teamLoads(db, unitId, def.teamIds)).map((t) => t.teamId));
  def.teamIds.forEach((t, i) => {
    if (!teams.has(t)) issues.push(issueOf(`teamIds.${i}`, `${t} is not a team of your unit`, 'unknownTeam', { team: t }));
  });
  const procedure = `${def.procedure.id}@${def.procedure.version}`;
  const p = await procedureVersionStatus(db, def.procedure.id, def.procedure.version);
  // National, or the unit's own (another unit's is not revealed: "not a published procedure version").
  const owner = await procedureOwner(db, def.procedure.id);
  if (!p || p.status !== 'PUBLISHED' || ((owner?.ownerUnitId ?? null) !== null && owner?.ownerUnitId !== unitId))
    issues.push(issueOf('procedure', `${procedure} is not a published procedure version`, 'procedureNotPublished', { procedure }));
  else if (p.kind !== CAMPAIGN_PROCEDURE_KIND)
    issues.push(
      issueOf('procedure', `${def.procedure.id} is a ${p.kind} procedure; a campaign opens ${CAMPAIGN_PROCEDURE_KIND} cases`, 'procedureKind', { procedure: def.procedure.id, kind: p.kind }),
    );
  else if (owner?.ownerUnitId) {
    // The unit's variant keeps to a national version that must still be in force.
    const v = await getProcedureVersion(db, def.procedure.id, def.procedure.version);
    const base = v?.variant_of_id && v.variant_of_version ? await nationalVersion(db, v.variant_of_id, v.variant_of_version) : undefined;
    if (v?.variant_of_id && base?.status !== 'PUBLISHED') {
      const baseRef = `${v.variant_of_id}@${v.variant_of_version ?? '?'}`;
      issues.push(
        issueOf('procedure', `${procedure} varies ${baseRef}, which is no longer published: pin a variant of the national version in force`, 'procedureBaseNotPublished', { procedure, base: baseRef }),
      );
    }
  }
  return issues;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The instants a backfill covers: a date means that whole Vietnamese day, a date-time that
 * instant. Past periods only (a run of a future period is not a backfill), at most a year.
 */
export function backfillRange(from: string, to: string, now: Date): { start: Date; end: Date } {
  const start = DATE.test(from) ? vnInstant(from) : new Date(from);
  const end = DATE.test(to) ? vnInstant(to, 23, 59, 59) : new Date(to);
  if (Number.isNaN(start.getTime())) throw invalidField('from', 'must be a date (YYYY-MM-DD) or a date-time', 'format', { format: 'date' });
  if (Number.isNaN(end.getTime())) throw invalidField('to', 'must be a date (YYYY-MM-DD) or a date-time', 'format', { format: 'date' });
  if (end < start) throw invalidField('to', 'must not be before from', 'order', { first: 'from', second: 'to' });
  if (end.getTime() - start.getTime() > 366 * 86_400_000) throw invalidField('to', 'a backfill covers at most one year', 'maxSpan', { days: 366 });
  if (start > now) throw invalidField('from', 'a backfill runs missed (past) periods; use trigger to run now', 'pastOnly');
  return { start, end: end > now ? now : end };
}

const REPORT_CSV_COLUMNS = [
  'period',
  'run_status',
  'due_date',
  'run_date',
  'moved_because',
  'rank',
  'tax_code',
  'business',
  'team',
  'inspector',
  'case_id',
  'case_status',
  'overdue',
  'violation',
  'fine_decided',
  'fine_paid',
] as const;

/**
 * The report as CSV (UTF-8 with a BOM, for spreadsheets; CRLF; a cell quoted only when it must be):
 * one line per planned inspection. A text cell starting with =, +, -, @, a tab or a carriage return
 * (or their full-width forms) gets a leading ' so that spreadsheets do not run it as a formula.
 */
export function reportCsv(report: TCampaignReport): string {
  const rows = report.runs.flatMap((run) =>
    run.lines.map((l) => [
      run.period,
      run.status,
      run.dueDate,
      run.runDate,
      run.movedBecause,
      l.rank,
      l.taxCode,
      l.businessName,
      l.teamId,
      l.assigneeId,
      l.caseId,
      l.status,
      l.overdue,
      l.violation,
      l.fineDecided,
      l.finePaid,
    ]),
  );
  return stringify(rows, {
    bom: true,
    header: true,
    columns: [...REPORT_CSV_COLUMNS],
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    escape_formulas: true,
    cast: { boolean: (v) => String(v) },
  });
}
