/**
 * The CSV import of the business registry: parses the file (csv-parse), checks every row with the
 * same rules as the JSON API, and upserts the valid rows by tax code in one transaction. Invalid
 * rows are reported line by line and change nothing; the valid ones are imported regardless.
 *
 * Columns (header row required; English names or the Vietnamese ones in brackets, any case):
 *   tax_code* (mã số thuế, mst), name* (tên), type* (loại hình: ENTERPRISE, HOUSEHOLD, COOPERATIVE,
 *   BRANCH or doanh nghiệp, hộ kinh doanh, hợp tác xã, chi nhánh), province* (tỉnh), commune*
 *   (xã/phường: "Phường Hoa Lư"), address (địa chỉ: house number, street, village), sector (ngành
 *   nghề), product_groups (nhóm hàng; separated by ";"), phone (điện thoại), legal_representative
 *   (người đại diện), status (trạng thái; default ACTIVE), market (chợ: a market's name or id),
 *   hotspots (điểm nóng: names or ids separated by ";"), managing_team (đội quản lý: a team id).
 * A column the file lacks leaves that field of an existing business as it is; an empty cell in a
 * column it has clears an optional field. Rows whose cells are all empty are skipped.
 */
import { parse } from 'csv-parse/sync';
import { checkBusinessFields, foldVietnamese, type TBusinessFields, type TBusinessRaw } from '../../domain/business.js';
import { isStorableText, STORABLE_TEXT, UNSTORABLE_TEXT, type TIssueParams, type TIssueRule, type TRuleRef } from '../../domain/validation-issues.js';
import type { Db } from '../../db/database.js';
import { listUnitTeams } from '../../db/repositories/people.js';
import { importBusinesses, tradePlaceIndex, type TBusinessRefs, type TImportRow } from '../../db/repositories/businesses.js';
import { invalidField } from '../errors.js';

/** The largest file accepted (bytes) and the most data rows in one import. */
export const IMPORT_MAX_BYTES = 4 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;

type TColumn = 'tax_code' | 'name' | 'type' | 'province' | 'commune' | 'address' | 'sector' | 'product_groups' | 'phone' | 'legal_representative' | 'status' | 'market' | 'hotspots' | 'managing_team';

export const IMPORT_COLUMNS: readonly TColumn[] = [
  'tax_code',
  'name',
  'type',
  'province',
  'commune',
  'address',
  'sector',
  'product_groups',
  'phone',
  'legal_representative',
  'status',
  'market',
  'hotspots',
  'managing_team',
];
const REQUIRED: readonly TColumn[] = ['tax_code', 'name', 'type', 'province', 'commune'];

const headerKey = (h: string): string => foldVietnamese(h).replace(/[\s_-]+/g, '_');
const ALIASES: Record<string, TColumn> = Object.fromEntries([
  ...IMPORT_COLUMNS.map((c) => [c, c]),
  ...(
    [
      ['ma so thue', 'tax_code'],
      ['mst', 'tax_code'],
      ['ten', 'name'],
      ['ten doanh nghiep', 'name'],
      ['ten co so', 'name'],
      ['loai hinh', 'type'],
      ['tinh', 'province'],
      ['tinh/thanh pho', 'province'],
      ['xa/phuong', 'commune'],
      ['xa phuong', 'commune'],
      ['dia chi', 'address'],
      ['nganh nghe', 'sector'],
      ['nhom hang', 'product_groups'],
      ['dien thoai', 'phone'],
      ['so dien thoai', 'phone'],
      ['nguoi dai dien', 'legal_representative'],
      ['nguoi dai dien theo phap luat', 'legal_representative'],
      ['chu ho', 'legal_representative'],
      ['trang thai', 'status'],
      ['cho', 'market'],
      ['diem nong', 'hotspots'],
      ['doi quan ly', 'managing_team'],
    ] as const
  ).map(([alias, c]) => [headerKey(alias), c]),
]);

/** The registry field each column fills (references are resolved separately). */
const FIELD_OF: Partial<Record<TColumn, keyof TBusinessFields>> = {
  tax_code: 'taxCode',
  name: 'name',
  type: 'type',
  province: 'province',
  commune: 'commune',
  address: 'addressLine',
  sector: 'sector',
  product_groups: 'productGroups',
  phone: 'phone',
  legal_representative: 'legalRepresentative',
  status: 'status',
};
const COLUMN_OF = Object.fromEntries(Object.entries(FIELD_OF).map(([c, f]) => [f, c])) as Record<keyof TBusinessFields, TColumn>;

/** A problem of one cell (or of the whole row, column `(row)`): the English sentence, the rule and its values. */
interface TImportError extends TRuleRef {
  column: string;
  message: string;
  /** The cell as written (trimmed, at most VALUE_SHOWN characters), so that the report shows what is wrong: a refused value is not kept anywhere else. */
  value?: string;
}

/** How much of a refused cell the report repeats. */
const VALUE_SHOWN = 100;

interface TImportReportRow {
  line: number;
  status: 'CREATED' | 'UPDATED' | 'FAILED';
  taxCode?: string;
  businessId?: string;
  errors: TImportError[];
}

const importError = (column: string, message: string, rule: TIssueRule, params?: TIssueParams, value?: string): TImportError => ({
  column,
  message,
  rule,
  ...(params ? { params } : {}),
  ...(value ? { value: value.slice(0, VALUE_SHOWN) } : {}),
});

export interface TImportReport {
  dryRun: boolean;
  created: number;
  updated: number;
  failed: number;
  rows: TImportReportRow[];
}

const lineBreaks = (s: string): number => s.match(/\n/g)?.length ?? 0;

/** Decodes the body as UTF-8 (with or without BOM); anything else is refused with the fix. */
export function decodeCsv(body: ArrayBuffer): string {
  const refuse = (): never => {
    throw invalidField('body', 'the file is not UTF-8 text; save it as "CSV UTF-8" and send it again', 'encoding', { expected: 'UTF-8' });
  };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return refuse();
  }
  // The Idempotency-Key check hashes the bytes as sent (api/idempotency.ts): this is their only decoding.
  return text;
}

/**
 * The file's field separator: a comma, or a semicolon when its header row has semicolons and no
 * comma — what Excel writes as "CSV" where the list separator is ";" (Vietnamese regional
 * settings, whose decimal separator is the comma). A cell's own list (`hotspots`, `product_groups`:
 * "a;b") is then quoted, as Excel does.
 */
function csvDelimiter(text: string): ',' | ';' {
  const header = text.replace(/^\uFEFF/, '').split(/\r\n?|\n/, 1)[0] ?? '';
  return !header.includes(',') && header.includes(';') ? ';' : ',';
}

/** Checks the file and imports its valid rows (or, with `dryRun`, reports what the import would do). */
export async function importBusinessCsv(db: Db, input: { unitId: string; by: string; text: string; dryRun: boolean }): Promise<TImportReport> {
  const failed: TImportReportRow[] = [];
  const records: { line: number; cells: string[] }[] = [];
  // One kind of line break, so that line numbers count the same for CRLF, LF and CR files (csv-parse
  // counts a CRLF inside a quoted cell as two lines).
  const parsed = parse(input.text.replace(/\r\n?/g, '\n'), {
    bom: true,
    delimiter: csvDelimiter(input.text),
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: { message: string; lines?: number } | undefined) => {
      const line = err?.lines ?? 0;
      const detail = err?.message ?? 'unreadable';
      const error = importError('(row)', `not valid CSV: ${detail}`, 'csvSyntax', { detail });
      // A broken quote may be reported twice for one line (the bad quote, then the unclosed one).
      const same = failed.find((f) => f.line === line);
      if (same) same.errors.push(error);
      else failed.push({ line, status: 'FAILED', errors: [error] });
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];
  for (const { record, info } of parsed) {
    // A quoted cell may span lines: the row starts where its first line is.
    records.push({ line: info.lines - record.reduce((n, cell) => n + lineBreaks(cell), 0), cells: record });
  }
  const header = records.shift();
  if (!header) throw invalidField('body', 'the file is empty; send a header row and one row per business', 'required');
  const unstorable = header.cells.findIndex((h) => !isStorableText(h));
  if (unstorable >= 0) throw invalidField('header', `column ${unstorable + 1} ${STORABLE_TEXT.message}`, 'unstorableText', { column: unstorable + 1 });
  const columns: TColumn[] = [];
  const unknown: string[] = [];
  for (const h of header.cells) {
    const c = ALIASES[headerKey(h)];
    if (!c) unknown.push(h);
    else if (columns.includes(c)) throw invalidField('header', `the column ${c} appears twice`, 'repeated', { value: c });
    else columns.push(c);
  }
  if (unknown.length)
    throw invalidField('header', `unknown column(s) ${unknown.map((u) => JSON.stringify(u)).join(', ')}; the columns are ${IMPORT_COLUMNS.join(', ')}`, 'unknownColumn', {
      columns: unknown.join(', '),
    });
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length) throw invalidField('header', `the required column(s) ${missing.join(', ')} are missing`, 'missingColumn', { columns: missing.join(', ') });
  const rows = records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (rows.length > IMPORT_MAX_ROWS) throw invalidField('body', `${rows.length} rows; import at most ${IMPORT_MAX_ROWS} rows per file`, 'maxItems', { n: IMPORT_MAX_ROWS });

  const [markets, hotspots, teams] = await Promise.all([
    tradePlaceIndex(db, input.unitId, 'MARKET'),
    tradePlaceIndex(db, input.unitId, 'HOTSPOT'),
    listUnitTeams(db, input.unitId).then((r) => new Set(r.map((t) => t.id))),
  ]);
  const has = (c: TColumn): boolean => columns.includes(c);
  const valid: TImportRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, cells } of rows) {
    const errors: TImportError[] = [];
    if (cells.length !== columns.length) {
      failed.push({
        line,
        status: 'FAILED',
        errors: [importError('(row)', `has ${cells.length} cells; the header has ${columns.length}`, 'cellCount', { cells: cells.length, header: columns.length })],
      });
      continue;
    }
    // A cell PostgreSQL cannot store (U+0000, docs/adr/0208) fails its row at that cell, and nothing
    // else is said of the row: every other message would repeat the text. The value is shown with U+FFFD in its place.
    const unstorableCells = columns.filter((_c, i) => !isStorableText(cells[i]!));
    if (unstorableCells.length) {
      failed.push({
        line,
        status: 'FAILED',
        errors: unstorableCells.map((c) => importError(c, STORABLE_TEXT.message, 'unstorableText', undefined, cells[columns.indexOf(c)]!.replace(new RegExp(UNSTORABLE_TEXT.source, 'g'), '\uFFFD'))),
      });
      continue;
    }
    const cell = (c: TColumn): string => cells[columns.indexOf(c)]!.trim();
    const raw: TBusinessRaw = {};
    for (const c of columns) {
      const f = FIELD_OF[c];
      if (f) raw[f] = cell(c);
    }
    const { value, issues } = checkBusinessFields(raw, { partial: false });
    for (const i of issues) errors.push(importError(COLUMN_OF[i.field], i.message, i.rule, i.params, has(COLUMN_OF[i.field]) ? cell(COLUMN_OF[i.field]) : undefined));

    const refs: Partial<TBusinessRefs> = {};
    if (has('market')) {
      const m = cell('market');
      if (!m) refs.marketId = null;
      else {
        const id = markets.get(m) ?? markets.get(foldVietnamese(m));
        if (id) refs.marketId = id;
        else errors.push(importError('market', `no market ${JSON.stringify(m)} in your unit`, 'unknownMarket', { name: m }));
      }
    }
    if (has('hotspots')) {
      const names = cell('hotspots')
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean);
      const ids = names.map((n) => hotspots.get(n) ?? hotspots.get(foldVietnamese(n)));
      const unknownNames = names.filter((_n, i) => !ids[i]);
      if (unknownNames.length) {
        const names = unknownNames.map((n) => JSON.stringify(n)).join(', ');
        errors.push(importError('hotspots', `no hotspot ${names} in your unit`, 'unknownHotspot', { names }));
      } else refs.hotspotIds = [...new Set(ids as string[])];
    }
    if (has('managing_team')) {
      const t = cell('managing_team');
      if (!t) refs.managingTeamId = null;
      else if (teams.has(t)) refs.managingTeamId = t;
      else errors.push(importError('managing_team', `${t} is not a team of your unit`, 'unknownTeam', { team: t }));
    }
    if (value.taxCode) {
      const first = firstLineOf.get(value.taxCode);
      if (first !== undefined) errors.push(importError('tax_code', `the tax code ${value.taxCode} is already on line ${first}`, 'duplicateTaxCode', { taxCode: value.taxCode, line: first }));
      else firstLineOf.set(value.taxCode, line);
    }
    if (errors.length) failed.push({ line, status: 'FAILED', ...(value.taxCode ? { taxCode: value.taxCode } : {}), errors });
    else valid.push({ line, fields: value as TBusinessFields, refs });
  }

  const fieldColumns = new Set(columns.map((c) => FIELD_OF[c]).filter((f): f is keyof TBusinessFields => f !== undefined));
  const done = valid.length ? await importBusinesses(db, { unitId: input.unitId, by: input.by, rows: valid, columns: fieldColumns, dryRun: input.dryRun }) : [];
  const taxCodeOf = new Map(valid.map((r) => [r.line, r.fields.taxCode]));
  const report: TImportReportRow[] = [
    ...failed,
    ...done.map((d) => ({
      line: d.line,
      status: d.status,
      taxCode: taxCodeOf.get(d.line)!,
      // A dry run creates nothing, so a new row has no id yet.
      ...(input.dryRun && d.status === 'CREATED' ? {} : { businessId: d.id }),
      errors: [],
    })),
  ].sort((a, b) => a.line - b.line);
  return {
    dryRun: input.dryRun,
    created: done.filter((d) => d.status === 'CREATED').length,
    updated: done.filter((d) => d.status === 'UPDATED').length,
    failed: failed.length,
    rows: report,
  };
}
