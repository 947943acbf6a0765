/**
 * The HTTP side of the keyset-paged lists (`GET /api/v1/cases`, `GET /api/v1/businesses`): the
 * query fields, the page's response schema, and reading the cursor back. The cursor's wire format
 * is `db/repositories/paging.ts`'s, so cursors handed out before keep working.
 */
import { z } from '@hono/zod-openapi';
import { decodeCursor, type TPageRequest } from '../db/repositories/paging.js';
import { invalidField } from './errors.js';

type TOrder = 'asc' | 'desc';

/** The paging fields of a list's query (spread them after the filters): sort, order, limit, cursor. */
export function pageQueryFields<const S extends readonly [string, ...string[]]>(sorts: S, o: { defaultSort: S[number]; defaultLimit: number; orderDescription: string }) {
  return {
    sort: z.enum(sorts).default(o.defaultSort),
    order: z.enum(['asc', 'desc']).optional().openapi({ description: o.orderDescription }),
    limit: z.coerce.number().int().min(1).max(100).default(o.defaultLimit),
    cursor: z.string().max(1000).optional(),
  };
}

/**
 * A page of items as the lists answer it: the items, the total matching the filters (or the cap,
 * when `totalCapped`: more match than a list counts), the next cursor.
 */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    totalCapped: z.boolean().openapi({ description: 'True when more match than the list counts (1,000): `total` is then that cap' }),
    nextCursor: z.string().nullable(),
  });
}

/**
 * The page the query asks for: its sort, order (the sort's default when none is given), limit and
 * the position after the cursor. A cursor that is malformed or belongs to another sort order is a
 * 400 naming the field.
 */
export function pageRequest<S extends string>(q: { sort: S; order?: TOrder | undefined; limit: number; cursor?: string | undefined }, defaultOrder: (sort: S) => TOrder): TPageRequest<S> {
  const order = q.order ?? defaultOrder(q.sort);
  const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor, q.sort, order);
  if (q.cursor !== undefined && !after) throw invalidField('cursor', 'is not a cursor of this sort order; start again without it', 'format', { format: 'cursor' });
  return { sort: q.sort, order, limit: q.limit, after };
}
