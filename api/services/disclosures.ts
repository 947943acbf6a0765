/**
 * The public disclosure list's search (docs/adr/0135, 0136): one query schema for the JSON route and
 * the HTML page, and the search itself. The query is public data (names of sanctioned organisations,
 * decision numbers), so it travels in the URL.
 */
import { z } from '@hono/zod-openapi';
import { ISO_DATE } from '../../domain/calendar.js';
import { isoDateChecks } from '../../domain/calendar-schema.js';
import type { Db } from '../../db/database.js';
import { listDisclosures, type TDisclosureRow } from '../../db/repositories/disclosures.js';

const ZIsoDate = isoDateChecks(z.string()).openapi({ pattern: ISO_DATE.source });

/** An empty field of a GET form is no filter. */
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <T extends z.ZodType>(s: T) => z.preprocess(blank, s.optional());

/** The search of the public list: every filter optional; the page counts from 1. */
export const ZDisclosureQuery = z.object({
  q: opt(z.string().max(200)).openapi({ description: 'Words of the organisation’s name, accents and case ignored', example: 'thuc pham hoa lu' }),
  taxCode: opt(z.string().max(20)).openapi({ description: 'The tax code or its first digits (a branch’s dash ignored)', example: '2700123459' }),
  decisionNo: opt(z.string().max(60)).openapi({ description: 'Part of the decision number', example: '15/QĐ-XPHC' }),
  from: opt(ZIsoDate).openapi({ description: 'Decided on or after', example: '2026-12-01' }),
  to: opt(ZIsoDate).openapi({ description: 'Decided on or before', example: '2026-12-31' }),
  unit: opt(z.string().max(40)).openapi({ description: 'The deciding unit’s code (`nb`, `th`…)', example: 'nb' }),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type TDisclosureQuery = z.infer<typeof ZDisclosureQuery>;

/** `to` before `from`: the one rule across fields. */
export function rangeProblem(q: Pick<TDisclosureQuery, 'from' | 'to'>): boolean {
  return q.from !== undefined && q.to !== undefined && q.to < q.from;
}

export async function searchDisclosures(db: Db, q: TDisclosureQuery): Promise<{ items: TDisclosureRow[]; total: number; page: number; pageSize: number }> {
  const found = await listDisclosures(db, { q: q.q, taxCode: q.taxCode, decisionNo: q.decisionNo, from: q.from, to: q.to, unitId: q.unit }, { page: q.page, pageSize: q.pageSize });
  return { ...found, page: q.page, pageSize: q.pageSize };
}
