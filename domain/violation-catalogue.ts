/**
 * The violation catalogue (danh mục hành vi vi phạm), seeded from ../shared/domain/vn-law.md §2.4
 * with only the rows whose article, clause and point the spec gives; rows it leaves unverified are
 * flagged `toConfirm`. Admins keep it current (decrees change).
 */
import { addMonths, isValidDate } from './calendar.js';
import { bracketFor } from './fines.js';
import type { TViolation } from './legal-schema.js';

export type { TViolation } from './legal-schema.js';

/** `<decree>:<article>.<clause>.<point>`, e.g. `ND98/2020:17.1.c`. */
export const VIOLATION_CODE = /^[A-Z]+\d+\/\d{4}:\d+(\.\d+)?(\.[a-zđ])?$/;

const ND98 = 'Nghị định 98/2020/NĐ-CP (sửa đổi bởi Nghị định 17/2022/NĐ-CP)';

export const VIOLATION_CATALOGUE_SEED: readonly TViolation[] = [
  {
    code: 'ND98/2020:17.1.a',
    decree: ND98,
    article: 17,
    clause: 1,
    point: 'a',
    descriptionVi: 'Kinh doanh hàng hóa quá hạn sử dụng, trị giá hàng hóa dưới 1.000.000 đồng',
    bracket: { min: 300_000, max: 500_000 },
    baseSubject: 'individual',
    warningPossible: true,
    additionalSanctions: [],
    remedialMeasures: [],
    limitationYears: 2,
    effectiveFrom: '2020-10-15',
    confidence: 'V',
    toConfirm: false,
  },
  {
    code: 'ND98/2020:17.1.b',
    decree: ND98,
    article: 17,
    clause: 1,
    point: 'b',
    descriptionVi: 'Thay đổi, xóa, sửa hạn sử dụng, nhãn hàng hóa để kéo dài thời hạn sử dụng, trị giá hàng hóa dưới 1.000.000 đồng',
    bracket: { min: 300_000, max: 500_000 },
    baseSubject: 'individual',
    warningPossible: true,
    additionalSanctions: [],
    remedialMeasures: [],
    limitationYears: 2,
    effectiveFrom: '2020-10-15',
    confidence: 'V',
    toConfirm: false,
  },
  {
    code: 'ND98/2020:17.1.c',
    decree: ND98,
    article: 17,
    clause: 1,
    point: 'c',
    descriptionVi: 'Kinh doanh hàng hóa không rõ nguồn gốc, xuất xứ, trị giá hàng hóa dưới 1.000.000 đồng',
    bracket: { min: 300_000, max: 500_000 },
    baseSubject: 'individual',
    warningPossible: true,
    additionalSanctions: ['Tịch thu tang vật vi phạm'],
    remedialMeasures: [],
    limitationYears: 2,
    effectiveFrom: '2020-10-15',
    confidence: 'V',
    toConfirm: false,
    note: 'Hình phạt bổ sung tịch thu: [P] theo báo chí',
  },
  {
    code: 'ND98/2020:17.2',
    decree: ND98,
    article: 17,
    clause: 2,
    descriptionVi: 'Các hành vi tại khoản 1 Điều 17, khung giá trị hàng hóa tiếp theo (ranh giới khung chưa xác nhận, được cho là 1.000.000 đến dưới 3.000.000 đồng)',
    bracket: { min: 500_000, max: 1_000_000 },
    baseSubject: 'individual',
    warningPossible: false,
    additionalSanctions: [],
    remedialMeasures: [],
    limitationYears: 2,
    effectiveFrom: '2020-10-15',
    confidence: 'P',
    toConfirm: true,
  },
  {
    code: 'ND87/2024:13.1',
    decree: 'Nghị định 87/2024/NĐ-CP (quản lý giá)',
    article: 13,
    clause: 1,
    descriptionVi: 'Không niêm yết giá, niêm yết giá không rõ ràng, không đúng quy định',
    bracket: { min: 500_000, max: 1_000_000 },
    baseSubject: 'individual',
    warningPossible: false,
    additionalSanctions: [],
    remedialMeasures: ['Buộc niêm yết giá đúng quy định'],
    limitationYears: 2,
    effectiveFrom: '2024-07-12',
    confidence: 'V',
    toConfirm: true,
    note: 'Chủ thể gốc của mức phạt (cá nhân hay tổ chức) trong Nghị định 87/2024 chưa được xác nhận [U]',
  },
];

/**
 * The last day an act may still be sanctioned (Law on Handling Administrative Violations, Art. 6 as
 * amended by Law 88/2025): its limitation period in years from the violation date, counted as the
 * Civil Code counts months. A decision dated after it may not sanction the act (Art. 65(1)(b)).
 */
export function limitationEnds(violationDate: string, limitationYears: number): string {
  return addMonths(violationDate, 12 * limitationYears);
}

/** The act may still be sanctioned on `on`: its limitation period has not ended (Art. 6, 65(1)(b)). */
function withinLimitation(violationDate: string, limitationYears: number, on: string): boolean {
  return on <= limitationEnds(violationDate, limitationYears);
}

/**
 * The act is known to be past its limitation period on `on`: the violation date, the period in
 * whole years and the day are all there and the period ended before that day. An act whose period
 * cannot be told is not barred, so that a missing value never takes an act out of a decision.
 */
export function barredOn(violationDate: unknown, limitationYears: unknown, on: unknown): boolean {
  if (typeof violationDate !== 'string' || !isValidDate(violationDate) || typeof on !== 'string' || !isValidDate(on)) return false;
  if (typeof limitationYears !== 'number' || !Number.isInteger(limitationYears) || limitationYears <= 0) return false;
  return !withinLimitation(violationDate, limitationYears, on);
}

/**
 * The date a record's limitation period counts from (Art. 6(1)(b)): the detection of an act still
 * going on when found (`ongoing`, `detectedOn`: penalty version 10, docs/adr/0213), else when the act
 * ended, the record's `violationDate` (every earlier record); or, when later, the day the party's
 * evasion of the sanction ended (`evasionEndedOn`): stated in the record (version 11), or after it
 * in the decision's own data `decision` (version 19, docs/adr/0233). From version 19 an evasion
 * states when it began (`evasionStartedOn`), and one that began after the shortest period among the
 * record's acts had ended restarts nothing (Art. 6(1)(c)), as the procedure's rules hold; a record
 * of an earlier version states no start, and its evasion counts as it did. The decision's evasion
 * counts only with its start, as the form being filled is not yet checked.
 */
export function limitationFrom(record: Record<string, unknown>, decision?: Record<string, unknown>): unknown {
  let from = record.ongoing === true && typeof record.detectedOn === 'string' ? record.detectedOn : record.violationDate;
  const shortest = shortestPeriodYears(record.acts);
  // Started again when the party's evasion of the sanction ended (Art. 6(1)(c), penalty versions 11 and 19, docs/adr/0214, 0233).
  for (const evasion of decision && decision !== record ? [record, decision] : [record]) {
    const ended = evasion.evasionEndedOn;
    const began = evasion.evasionStartedOn;
    if (typeof from !== 'string' || typeof ended !== 'string' || ended <= from) continue;
    if (typeof began === 'string' ? shortest !== undefined && began > limitationEnds(from, shortest) : evasion !== record) continue;
    from = ended;
  }
  return from;
}

/** The shortest limitation period, in years, among a record's acts (rows with a catalogue `violation`); undefined when none says. */
function shortestPeriodYears(acts: unknown): number | undefined {
  if (!Array.isArray(acts)) return undefined;
  const years = acts
    .map((row) => (row && typeof row === 'object' ? (row as { violation?: { limitationYears?: unknown } }).violation?.limitationYears : undefined))
    .filter((y): y is number => typeof y === 'number' && Number.isInteger(y) && y > 0);
  return years.length ? Math.min(...years) : undefined;
}

/**
 * The acts of a record (rows with a catalogue `violation`) that a decision dated `decisionDate` may
 * sanction: those not past their limitation period, counted `from` the record's `limitationFrom`,
 * on that day (Art. 6, 65(1)(b)).
 */
export function actsSanctionableOn<T>(acts: readonly T[], from: unknown, decisionDate: unknown): T[] {
  return acts.filter((row) => {
    const v = row && typeof row === 'object' ? (row as { violation?: unknown }).violation : undefined;
    const years = v && typeof v === 'object' ? (v as { limitationYears?: unknown }).limitationYears : undefined;
    return !barredOn(from, years, decisionDate);
  });
}

/**
 * What a case keeps of a catalogue row when an officer picks it in a form (`type: 'violation'`):
 * the row's identity and the facts later rules read — the bracket for this offender (an
 * organisation's is twice an individual's under Decree 98/2020, an individual's half an
 * organisation's where the decree states it for organisations), its midpoint (Art. 23(4)), the
 * limitation period (Art. 6) and whether a warning is possible.
 */
export interface TViolationFacts {
  code: string;
  decree: string;
  article: number;
  clause?: number | undefined;
  point?: string | undefined;
  descriptionVi: string;
  offender: 'INDIVIDUAL' | 'ORGANIZATION';
  bracketMin: number;
  bracketMax: number;
  bracketMid: number;
  limitationYears: 1 | 2;
  warningPossible: boolean;
  additionalSanctions: string[];
  remedialMeasures: string[];
  toConfirm: boolean;
}

/** The facts of a row for an offender (`INDIVIDUAL` / `ORGANIZATION`). */
export function violationFacts(row: TViolation, offender: 'INDIVIDUAL' | 'ORGANIZATION'): TViolationFacts {
  const { min, max } = bracketFor({ ...row.bracket, baseSubject: row.baseSubject }, offender === 'ORGANIZATION' ? 'organization' : 'individual');
  return {
    code: row.code,
    decree: row.decree,
    article: row.article,
    ...(row.clause !== undefined ? { clause: row.clause } : {}),
    ...(row.point !== undefined ? { point: row.point } : {}),
    descriptionVi: row.descriptionVi,
    offender,
    bracketMin: min,
    bracketMax: max,
    bracketMid: Math.round((min + max) / 2),
    limitationYears: row.limitationYears,
    warningPossible: row.warningPossible,
    additionalSanctions: [...row.additionalSanctions],
    remedialMeasures: [...row.remedialMeasures],
    toConfirm: row.toConfirm,
  };
}

/** Whether a row is in force on a date (`YYYY-MM-DD`). */
export function violationInForce(row: TViolation, date: string): boolean {
  return row.effectiveFrom <= date && (!row.effectiveTo || date <= row.effectiveTo);
}

/** The code a `violation` field holds: the code itself as sent by a form, or the facts stored. */
export function violationCodeOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && typeof (value as { code?: unknown }).code === 'string') return (value as { code: string }).code;
  return undefined;
}

/** A problem with a `violation` field: its path in the form and what is wrong. */
export interface TViolationIssue {
  path: string;
  message: string;
}

/**
 * The form data with each `violation` field's code replaced by the catalogue's facts (the bracket
 * for the offender named in the field's `subjectField`, the row in force on its `dateField`), and
 * the codes that match no row in force. `catalogue` holds the rows the form names (the API looks
 * them up; the form never supplies a bracket).
 */
export function resolveViolations(
  fields: readonly { key: string; type: string; subjectField?: string | undefined; dateField?: string | undefined; fields?: readonly unknown[] | undefined }[],
  data: Record<string, unknown>,
  catalogue: readonly TViolation[],
): { data: Record<string, unknown>; issues: TViolationIssue[] } {
  const issues: TViolationIssue[] = [];
  const top = data;
  const resolveIn = (fs: typeof fields, d: Record<string, unknown>, prefix: string): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...d };
    for (const f of fs) {
      const v = d[f.key];
      if (f.type === 'violation' && v !== undefined && v !== null && v !== '') {
        const code = violationCodeOf(v);
        const row = catalogue.find((r) => r.code === code);
        const path = `${prefix}${f.key}`;
        if (!row) {
          issues.push({ path, message: `${code ?? '?'} is not in the violation catalogue` });
          continue;
        }
        const date = f.dateField ? top[f.dateField] : undefined;
        if (typeof date === 'string' && !violationInForce(row, date)) {
          issues.push({ path, message: `${row.code} is not in force on ${date} (in force ${row.effectiveFrom}${row.effectiveTo ? ` to ${row.effectiveTo}` : ' onwards'})` });
          continue;
        }
        const offender = f.subjectField && top[f.subjectField] === 'ORGANIZATION' ? 'ORGANIZATION' : 'INDIVIDUAL';
        out[f.key] = violationFacts(row, offender);
      } else if (f.type === 'group' && Array.isArray(v)) {
        out[f.key] = v.map((row, i) =>
          row && typeof row === 'object' && !Array.isArray(row) ? resolveIn((f.fields ?? []) as typeof fields, row as Record<string, unknown>, `${prefix}${f.key}.${i}.`) : row,
        );
      }
    }
    return out;
  };
  const resolved = resolveIn(fields, data, '');
  return { data: resolved, issues };
}

/** Every catalogue code named in a form's `violation` fields (for the API to look the rows up). */
export function violationCodesIn(fields: readonly { key: string; type: string; fields?: readonly unknown[] | undefined }[], data: Record<string, unknown>): string[] {
  const out = new Set<string>();
  const walk = (fs: typeof fields, d: Record<string, unknown>): void => {
    for (const f of fs) {
      const v = d[f.key];
      if (f.type === 'violation') {
        const code = violationCodeOf(v);
        if (code && VIOLATION_CODE.test(code)) out.add(code);
      } else if (f.type === 'group' && Array.isArray(v)) {
        for (const row of v) if (row && typeof row === 'object') walk((f.fields ?? []) as typeof fields, row as Record<string, unknown>);
      }
    }
  };
  walk(fields, data);
  return [...out];
}
