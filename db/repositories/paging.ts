/**
 * Keyset (cursor) pagination shared by the lists: a page continues after the last row's sort value
 * and id, so rows inserted or changed meanwhile never make a page repeat or skip another row.
 * The cursor is opaque to clients (base64url JSON) and names the sort it belongs to.
 */

export interface TCursor {
  sort: string;
  order: 'asc' | 'desc';
  /** The sort value of the last row, as PostgreSQL printed it (`::text`, full precision). */
  value: string;
  id: string;
}

export function encodeCursor(c: TCursor): string {
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

/** A page of rows, the total matching the filters (whatever the cursor), and the next cursor. */
export interface TPage<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

/** `%term%` for LIKE, with LIKE's own characters escaped (backslash is PostgreSQL's default escape). */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
