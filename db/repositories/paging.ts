/**
 * Keyset (cursor) pagination shared by the lists: a page continues after the last row's sort value
 * and id, so rows inserted or changed meanwhile never make a page repeat or skip another row.
 * The cursor is opaque to clients (base64url JSON) and names the sort it belongs to.
 */
import { sql, type RawBuilder } from 'kysely';

export interface TCursor {
  sort: string;
  order: 'asc' | 'desc';
  /** The sort value of the last row, as PostgreSQL printed it (`::text`, full precision). */
  value: string;
  id: string;
}

function encodeCursor(c: TCursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.order, c.value, c.id]), 'utf8').toString('base64url');
}

/** The cursor, or undefined when it is malformed or belongs to another sort order. */
export function decodeCursor(s: string, sort: string, order: 'asc' | 'desc'): TCursor | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 4 || !v.every((x) => typeof x === 'string')) return undefined;
    const [cs, co, value, id] = v as [string, string, string, string];
    if (cs !== sort || co !== order) return undefined;
    return { sort, order, value, id };
  } catch {
    return undefined;
  }
}

/** How a list is sorted and which page of it is asked for (`after`: the cursor of the page before). */
export interface TPageRequest<S extends string = string> {
  sort: S;
  order: 'asc' | 'desc';
  limit: number;
  after?: TCursor | undefined;
}

/** A sort of a list in SQL: the expression, and the type the cursor's text value is cast back to. */
export interface TSortSql {
  expr: RawBuilder<unknown>;
  type: RawBuilder<unknown>;
}

/** The rows after the cursor in the sort order; ties on the sort value are broken by the row's id. */
export function afterCursor(sort: TSortSql, id: RawBuilder<unknown>, order: 'asc' | 'desc', after: TCursor): RawBuilder<boolean> {
  const op = sql.raw(order === 'asc' ? '>' : '<');
  return sql<boolean>`(${sort.expr}, ${id}) ${op} (cast(${after.value} as ${sort.type}), ${after.id})`;
}

/**
 * The page out of the rows fetched with `limit + 1` (the extra row only tells that a next page
 * exists), and the cursor after its last row, or null on the last page.
 */
export function cutPage<R>(found: R[], page: TPageRequest, key: (row: R) => { value: string; id: string }): { rows: R[]; nextCursor: string | null } {
  const rows = found.slice(0, page.limit);
  const last = rows.at(-1);
  return { rows, nextCursor: found.length > page.limit && last ? encodeCursor({ sort: page.sort, order: page.order, ...key(last) }) : null };
}

/**
 * A page of rows, the total matching the filters (whatever the cursor), and the next cursor. A
 * list over a table that grows without bound counts at most `TOTAL_CAP` rows (an exact count of a
 * million would cost a scan of them all on every page): then `total` is the cap and `totalCapped`
 * says that more match.
 */
export interface TPage<T> {
  items: T[];
  total: number;
  totalCapped: boolean;
  nextCursor: string | null;
}

/** The most rows a capped total counts (docs/adr/0170). */
export const TOTAL_CAP = 1000;

/** The total of a capped count: `TOTAL_CAP + 1` rows found means more than the cap. */
export function cappedTotal(counted: number | string | bigint): { total: number; totalCapped: boolean } {
  const n = Number(counted);
  return n > TOTAL_CAP ? { total: TOTAL_CAP, totalCapped: true } : { total: n, totalCapped: false };
}

/**
 * A cursor over a list sorted by several columns (the inbox): the last row's values, as PostgreSQL
 * printed them, opaque to clients (base64url JSON) and tagged with the list it belongs to.
 */
export function encodeRowCursor(list: string, values: readonly string[]): string {
  return Buffer.from(JSON.stringify([list, ...values]), 'utf8').toString('base64url');
}

/** The values of a row cursor of `list` with `n` values, or undefined when it is not one. */
export function decodeRowCursor(s: string, list: string, n: number): string[] | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== n + 1 || !v.every((x) => typeof x === 'string') || v[0] !== list) return undefined;
    return v.slice(1) as string[];
  } catch {
    return undefined;
  }
}

/** `%term%` for LIKE, with LIKE's own characters escaped (backslash is PostgreSQL's default escape). */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
