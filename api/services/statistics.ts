/**
 * The statistics as the API gives them (docs/statistics.md): a report's figures in the rows of the
 * official summary table (domain/statistics/table.ts) beside last year's, grouped rows with their
 * names, and the same as CSV, Excel (.xlsx) and a printable PDF in the layout of Decree 30.
 */
import { sql } from 'kysely';
import writeXlsxFile, { type Row, type SheetData } from 'write-excel-file/node';
import type { Db } from '../../db/database.js';
import { unitAsOf } from '../../db/repositories/documents.js';
import { periodStartDay, statisticsReport } from '../../db/repositories/statistics.js';
import { renderPdf } from '../../lib/documents/pdf.js';
import { DIMENSION_NAMES_VI, GROUP_COLUMNS, KIND_NAMES_VI, type TStatDimension } from '../../domain/statistics/indicators.js';
import { customPeriod, periodLabelVi, periodOf, type TPeriod } from '../../domain/statistics/periods.js';
import { changePercent, SUMMARY_ROWS, type TIndicatorTotals, type TSummaryRow } from '../../domain/statistics/table.js';
import { dateView } from '../../domain/documents/view.js';

/** One row of the summary table with its figure, last year's, and the change. */
interface TSummaryLine {
  no: string;
  code: TSummaryRow['code'];
  nameVi: string;
  nameEn: string;
  unitVi: string;
  measure: TSummaryRow['measure'];
  child: boolean;
  drillable: boolean;
  value: number | null;
  previousYear: number | null;
  changePercent: number | null;
}

/** A group of a grouped report, named. */
interface TNamedGroup {
  value: string | null;
  label: string;
  totals: TIndicatorTotals;
}

export interface TReportView {
  unitId: string;
  unitName: string;
  teamId: string | null;
  teamName: string | null;
  period: TPeriod & { label: string };
  previousPeriod: TPeriod & { label: string };
  startDay: number;
  lock: { hash: string; lockedAt: string; lockedBy: string } | null;
  totals: TIndicatorTotals;
  outstanding: number;
  rows: TSummaryLine[];
  groupBy: TStatDimension | null;
  groups: TNamedGroup[];
  adjustments: { periodKey: string; periodLabel: string; totals: TIndicatorTotals; rows: TSummaryLine[] }[];
}

/** The period asked for: a kind and key, or a custom range. */
export function requestedPeriod(
  q: { period: 'MONTH' | 'QUARTER' | 'HALF' | 'YEAR' | 'CUSTOM'; key?: string | undefined; from?: string | undefined; to?: string | undefined },
  startDay: number,
): TPeriod {
  if (q.period === 'CUSTOM') return customPeriod(q.from ?? '', q.to ?? '');
  return periodOf(q.period, q.key ?? '', startDay);
}

/** The same period a year before (a statistical period's key with the year less one; a custom range shifted). */
function yearBefore(p: TPeriod, startDay: number): TPeriod {
  if (p.kind === 'CUSTOM') {
    const back = (d: string) => `${Number(d.slice(0, 4)) - 1}${d.slice(4) === '-02-29' ? '-02-28' : d.slice(4)}`;
    return customPeriod(back(p.from), back(p.to));
  }
  return periodOf(p.kind, `${Number(p.key.slice(0, 4)) - 1}${p.key.slice(4)}`, startDay);
}

function lines(t: TIndicatorTotals, outstanding: number, before?: { totals: TIndicatorTotals; outstanding: number }): TSummaryLine[] {
  return SUMMARY_ROWS.map((r) => {
    const value = r.value(t, outstanding);
    const previousYear = before ? r.value(before.totals, before.outstanding) : null;
    const { value: _fn, ...rest } = r;
    return { ...rest, value, previousYear, changePercent: changePercent(value, previousYear) };
  });
}

/** The names of a dimension's values, for a grouped report's rows. */
async function labels(db: Db, unitId: string, dim: TStatDimension, values: readonly (string | null)[]): Promise<Map<string | null, string>> {
  const known = values.filter((v): v is string => v !== null);
  const out = new Map<string | null, string>([[null, dim === 'officer' ? 'Hệ thống / không gắn cán bộ' : 'Chưa xác định']]);
  if (!known.length) return out;
  if (dim === 'team') {
    for (const r of await db.selectFrom('team').select(['id', 'name']).where('id', 'in', known).execute()) out.set(r.id, r.name);
  } else if (dim === 'officer') {
    for (const r of await db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', known).execute()) out.set(r.id, r.display_name);
  } else if (dim === 'violation') {
    const rows = await db
      .selectFrom('violation')
      .select(['code', sql<string>`definition->>'descriptionVi'`.as('description')])
      .where('code', 'in', known)
      .execute();
    for (const r of rows) out.set(r.code, `${r.code} — ${r.description}`);
  } else if (dim === 'campaign') {
    const rows = await db
      .selectFrom('campaign_version')
      .select(['campaign_id', sql<string>`(array_agg(definition->>'title' order by version desc))[1]`.as('title')])
      .where('unit_id', '=', unitId)
      .where('campaign_id', 'in', known)
      .groupBy('campaign_id')
      .execute();
    for (const r of rows) out.set(r.campaign_id, r.title ? `${r.title} (${r.campaign_id})` : r.campaign_id);
  } else if (dim === 'kind') {
    for (const v of known) out.set(v, KIND_NAMES_VI[v] ?? v);
  }
  for (const v of known) if (!out.has(v)) out.set(v, v);
  return out;
}

/** The report view of a unit's (or a team's) period: the table's rows beside last year's, grouped rows named, adjustments. */
export async function reportView(db: Db, q: { unitId: string; teamId: string | null; period: TPeriod; groupBy: TStatDimension | null; startDay: number }): Promise<TReportView> {
  const prev = yearBefore(q.period, q.startDay);
  const [now, before, unit, team] = await Promise.all([
    statisticsReport(db, { unitId: q.unitId, teamId: q.teamId ?? undefined, period: q.period, groupBy: q.groupBy ?? undefined, startDay: q.startDay }),
    statisticsReport(db, { unitId: q.unitId, teamId: q.teamId ?? undefined, period: prev, startDay: q.startDay }),
    db.selectFrom('unit').select(['name']).where('id', '=', q.unitId).executeTakeFirst(),
    q.teamId ? db.selectFrom('team').select(['name']).where('id', '=', q.teamId).executeTakeFirst() : undefined,
  ]);
  const names = q.groupBy
    ? await labels(
        db,
        q.unitId,
        q.groupBy,
        (now.groups ?? []).map((g) => g.value),
      )
    : new Map();
  return {
    unitId: q.unitId,
    unitName: unit?.name ?? q.unitId,
    teamId: q.teamId,
    teamName: q.teamId ? (team?.name ?? q.teamId) : null,
    period: { ...q.period, label: periodLabelVi(q.period) },
    previousPeriod: { ...prev, label: periodLabelVi(prev) },
    startDay: q.startDay,
    lock: now.lock ? { hash: now.lock.hash, lockedAt: now.lock.lockedAt, lockedBy: now.lock.lockedBy } : null,
    totals: now.totals,
    outstanding: now.outstanding,
    rows: lines(now.totals, now.outstanding, before),
    groupBy: q.groupBy,
    groups: (now.groups ?? []).map((g) => ({ value: g.value, label: names.get(g.value) ?? String(g.value), totals: g.totals })),
    adjustments: now.adjustments.map((a) => {
      const p = periodOf(q.period.kind as Exclude<TPeriod['kind'], 'CUSTOM'>, a.periodKey, q.startDay);
      // An adjustment's outstanding is not a flow: the row shows what the change did to the period's sums only.
      return { periodKey: a.periodKey, periodLabel: periodLabelVi(p), totals: a.totals, rows: lines(a.totals, 0).filter((r) => r.code !== 'OUTSTANDING') };
    }),
  };
}

/** The first day of the statistical month in force today. */
export async function startDayToday(db: Db, today: string): Promise<number> {
  return periodStartDay(db, today);
}

// ---------------------------------------------------------------------------------------------
// Exports.

const rowName = (r: TSummaryLine): string => (r.child ? `   Trong đó: ${r.nameVi}` : r.nameVi);

/** A cell that a spreadsheet would run as a formula is written with a leading quote (as the campaign report's CSV does). */
const safeText = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = typeof v === 'number' ? String(v) : safeText(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The summary table as CSV (UTF-8 with BOM, CRLF), then the grouped rows and the adjustments, each as its own block. */
export function reportCsv(v: TReportView): string {
  const out: (string | number | null)[][] = [];
  out.push(['stt', 'chi_tieu', 'don_vi_tinh', 'ky_bao_cao', 'cung_ky_nam_truoc', 'tang_giam_phan_tram', 'ma_chi_tieu']);
  for (const r of v.rows) out.push([r.no, rowName(r), r.unitVi, r.value, r.previousYear, r.changePercent, r.code]);
  if (v.groupBy) {
    out.push([]);
    out.push([DIMENSION_NAMES_VI[v.groupBy], 'ma', ...GROUP_COLUMNS.map((c) => c.toLowerCase())]);
    for (const g of v.groups) out.push([g.label, g.value, ...GROUP_COLUMNS.map((c) => g.totals[c])]);
  }
  for (const a of v.adjustments) {
    out.push([]);
    out.push([`Điều chỉnh số liệu ${a.periodLabel}`]);
    for (const r of a.rows) if (r.value) out.push([r.no, rowName(r), r.unitVi, r.value, null, null, r.code]);
  }
  return `\uFEFF${out.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const HEADER_CELL = { fontWeight: 'bold' as const, align: 'center' as const, alignVertical: 'center' as const, wrap: true, borderStyle: 'thin' as const, backgroundColor: '#EEEEEE' };
const CELL = { borderStyle: 'thin' as const, alignVertical: 'center' as const, wrap: true };
const numberCell = (v: number | null, measure: TSummaryRow['measure'] | 'COUNT'): Row[number] =>
  v === null ? { ...CELL, value: '' } : { ...CELL, type: Number, value: v, format: measure === 'DAYS' || measure === 'PERCENT' ? '#,##0.0' : '#,##0' };

/**
 * The report as an Excel workbook in the layout of the official tables: sheet "Tổng hợp" (the
 * agency, the title and period, the numbered indicators with their unit, this period, the same
 * period last year and the change), a sheet per breakdown, and the adjustments of locked periods.
 */
export async function reportXlsx(v: TReportView, agency: { parentAgency: string; agency: string }): Promise<Buffer> {
  const summary: SheetData = [
    [{ value: agency.parentAgency, fontWeight: 'bold' }],
    [{ value: agency.agency, fontWeight: 'bold' }],
    [],
    [{ value: 'BÁO CÁO KẾT QUẢ KIỂM TRA, XỬ LÝ VI PHẠM', fontWeight: 'bold', fontSize: 14, columnSpan: 6, align: 'center' }, null, null, null, null, null],
    [{ value: v.period.label, fontStyle: 'italic', columnSpan: 6, align: 'center' }, null, null, null, null, null],
    [
      { value: v.lock ? `Số liệu đã khóa ngày ${v.lock.lockedAt.slice(0, 10)} — mã băm SHA-256: ${v.lock.hash}` : 'Số liệu chưa khóa (có thể còn thay đổi)', fontStyle: 'italic', columnSpan: 6 },
      null,
      null,
      null,
      null,
      null,
    ],
    [],
    [
      { ...HEADER_CELL, value: 'STT' },
      { ...HEADER_CELL, value: 'Chỉ tiêu' },
      { ...HEADER_CELL, value: 'Đơn vị tính' },
      { ...HEADER_CELL, value: 'Kỳ báo cáo' },
      { ...HEADER_CELL, value: `Cùng kỳ năm trước` },
      { ...HEADER_CELL, value: 'Tăng (+), giảm (-) %' },
    ],
    ...v.rows.map((r): Row => [
      { ...CELL, value: r.no, align: 'center' },
      { ...CELL, value: rowName(r), fontWeight: r.child ? undefined : 'bold' },
      { ...CELL, value: r.unitVi, align: 'center' },
      numberCell(r.value, r.measure),
      numberCell(r.previousYear, r.measure),
      numberCell(r.changePercent, 'PERCENT'),
    ]),
  ];
  const sheets: { data: SheetData; sheet: string; columns: { width: number }[]; stickyRowsCount?: number }[] = [
    { data: summary, sheet: 'Tổng hợp', columns: [{ width: 6 }, { width: 52 }, { width: 11 }, { width: 18 }, { width: 18 }, { width: 14 }] },
  ];
  if (v.groupBy) {
    const names = GROUP_COLUMNS.map((c) => SUMMARY_ROWS.find((r) => r.code === c)!);
    sheets.push({
      sheet: `Theo ${DIMENSION_NAMES_VI[v.groupBy].toLowerCase()}`.slice(0, 31),
      columns: [{ width: 40 }, ...GROUP_COLUMNS.map(() => ({ width: 16 }))],
      stickyRowsCount: 1,
      data: [
        [{ ...HEADER_CELL, value: DIMENSION_NAMES_VI[v.groupBy] }, ...names.map((r) => ({ ...HEADER_CELL, value: `${r.nameVi} (${r.unitVi})` }))],
        ...v.groups.map((g): Row => [{ ...CELL, value: safeText(g.label) }, ...GROUP_COLUMNS.map((c) => numberCell(g.totals[c], 'COUNT'))]),
        [{ ...CELL, value: 'Tổng cộng', fontWeight: 'bold' }, ...GROUP_COLUMNS.map((c) => ({ ...numberCell(v.totals[c], 'COUNT'), fontWeight: 'bold' as const }))],
      ],
    });
  }
  if (v.adjustments.length) {
    const data: SheetData = [
      [
        { ...HEADER_CELL, value: 'Kỳ được điều chỉnh' },
        { ...HEADER_CELL, value: 'Chỉ tiêu' },
        { ...HEADER_CELL, value: 'Đơn vị tính' },
        { ...HEADER_CELL, value: 'Điều chỉnh' },
      ],
    ];
    for (const a of v.adjustments)
      for (const r of a.rows) if (r.value) data.push([{ ...CELL, value: a.periodLabel }, { ...CELL, value: rowName(r) }, { ...CELL, value: r.unitVi }, numberCell(r.value, r.measure)]);
    sheets.push({ sheet: 'Điều chỉnh kỳ trước', columns: [{ width: 40 }, { width: 52 }, { width: 11 }, { width: 18 }], data });
  }
  return writeXlsxFile(sheets, { fontFamily: 'Times New Roman', fontSize: 12 }).toBuffer();
}

const money = (n: number | null): string => (n === null ? '—' : n.toLocaleString('vi-VN'));

/** A printable summary: the table in the layout of an administrative report (Decree 30), signed by the head of the unit. */
export async function reportPdf(db: Db, v: TReportView, today: string): Promise<Uint8Array> {
  const unit = await unitAsOf(db, v.unitId, today);
  const table = [['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Kỳ báo cáo', 'Cùng kỳ năm trước'], ...v.rows.map((r) => [r.no, rowName(r).trim(), r.unitVi, money(r.value), money(r.previousYear)])];
  const adjustments = v.adjustments.flatMap((a) => a.rows.filter((r) => r.value).map((r) => `${a.periodLabel}: ${r.nameVi} ${r.value! > 0 ? '+' : ''}${money(r.value)} ${r.unitVi}.`));
  return renderPdf(
    {
      parentAgency: unit.parentAgency,
      agency: unit.agency,
      number: null,
      symbol: 'BC-QLTT',
      placeAndDate: `${unit.place}, ${dateView(today).long}`,
      title: 'BÁO CÁO',
      subtitle: `Kết quả kiểm tra, xử lý vi phạm — ${v.period.label}`,
      bases: [],
      body: [
        { kind: 'paragraph', text: `Số liệu của ${v.teamName ? `${v.teamName}, ` : ''}${v.unitName}, tổng hợp từ hồ sơ trên hệ thống INS.` },
        { kind: 'table', rows: table },
        ...(adjustments.length ? [{ kind: 'heading' as const, text: 'Điều chỉnh số liệu các kỳ đã khóa' }, ...adjustments.map((text) => ({ kind: 'paragraph' as const, text }))] : []),
        {
          kind: 'paragraph',
          italic: true,
          text: v.lock ? `Số liệu kỳ này đã khóa ngày ${v.lock.lockedAt.slice(0, 10)}; mã băm SHA-256: ${v.lock.hash}.` : 'Số liệu kỳ này chưa khóa và có thể còn thay đổi.',
        },
      ],
      signature: { lines: [unit.headTitle], name: '' },
      recipients: ['Như trên;', 'Lưu: VT.'],
      draft: false,
      meta: { title: `Báo cáo ${v.period.label}`, caseId: v.unitId, type: 'STATISTICS_REPORT' },
    },
    { date: new Date() },
  );
}
