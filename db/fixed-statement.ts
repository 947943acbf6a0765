/**
 * Statements that every request sends, built by kysely once per process instead of once per call
 * (docs/adr/0184). Kysely builds an immutable tree of operation nodes for every statement, then
 * compiles it to SQL text; for the statements an officer's step sends (the session, the key's
 * claim, the request's audit row with the key's outcome) that was about a seventh of the API's CPU,
 * for text that never changes. A fixed statement is built once, with a marker in place of each
 * value it takes, and compiled; each call then sends that text with the call's values in the
 * markers' places. The text is the same kysely would build (db/fixed-statement.test.ts compares
 * them), so PostgreSQL keeps a prepared write's plan as before (docs/adr/0181).
 *
 * What a statement's builder may do with its values: pass each one, as it is, where kysely makes
 * it a parameter (a value in `where`, `values`, `set`, a `sql` template). Anything else — reading
 * a value to decide the statement's shape, computing from it, inlining it — is found at the first
 * build and refused (thrown), since the cached text would be wrong for the next call's values. A
 * statement whose shape depends on its input is one fixed statement per shape.
 */
import { createQueryId, type Compilable, type Kysely, type RootOperationNode } from 'kysely';
import type { Database } from './schema.js';

/** What stands for a value while the statement is built (two kinds, see buildOnce): no value a caller sends starts with either. */
/* (of different lengths, so that a length computed from one differs too) */
const MARK_A = '\u0000ins:value:';
const MARK_B = '\u0000ins:another value:';

type TSlot = { readonly key: string } | { readonly value: unknown };

interface TBuilt {
  readonly sql: string;
  readonly query: RootOperationNode;
  readonly slots: readonly TSlot[];
}

/** A statement built once: call it with a database (or a transaction) and its values; it answers the rows. */
export interface TFixedStatement<P, R> {
  (db: Kysely<Database>, values: P): Promise<R[]>;
  /** The text and parameters a call would send, and those kysely builds for the same values (for the tests). */
  compare(db: Kysely<Database>, values: P): { fixed: { sql: string; parameters: readonly unknown[] }; built: { sql: string; parameters: readonly unknown[] } };
}

export function fixedStatement<P extends Record<string, unknown>, R>(name: string, build: (db: Kysely<Database>, values: P) => Compilable<R>): TFixedStatement<P, R> {
  let built: TBuilt | undefined;
  const parametersOf = (b: TBuilt, values: P): unknown[] =>
    b.slots.map((slot) => {
      if ('value' in slot) return slot.value;
      const v = values[slot.key];
      // Kysely leaves an undefined value out of the statement: the text would differ.
      if (v === undefined) throw new Error(`fixed statement ${name}: no value for "${slot.key}"`);
      return v;
    });
  const run = async (db: Kysely<Database>, values: P): Promise<R[]> => {
    built ??= buildOnce(name, db, build);
    const result = await db.executeQuery<R>({ sql: built.sql, parameters: parametersOf(built, values), query: built.query, queryId: createQueryId() });
    return result.rows;
  };
  return Object.assign(run, {
    compare(db: Kysely<Database>, values: P) {
      built ??= buildOnce(name, db, build);
      const fresh = build(db, values).compile();
      return { fixed: { sql: built.sql, parameters: parametersOf(built, values) }, built: { sql: fresh.sql, parameters: fresh.parameters } };
    },
  });
}

function buildOnce<P extends Record<string, unknown>, R>(name: string, db: Kysely<Database>, build: (db: Kysely<Database>, values: P) => Compilable<R>): TBuilt {
  const refuse = (why: string): never => {
    throw new Error(`fixed statement ${name}: ${why}; pass each value as it is, where kysely makes it a parameter`);
  };
  // Built twice, with different markers: what is not a marker must come out the same both times,
  // or it was made from a value (or from the clock) and would be stale in the next call.
  const withMarks = (mark: string): TBuilt => {
    const read = new Set<string>();
    const markers = new Proxy({} as P, {
      get(_target, key) {
        if (typeof key !== 'string') return undefined;
        read.add(key);
        return `${mark}${key}`;
      },
    });
    const compiled = build(db, markers).compile();
    if (compiled.sql.includes(mark)) refuse('a value is written into the SQL text');
    const slots = compiled.parameters.map((p): TSlot => {
      if (typeof p !== 'string' || !p.includes(mark)) return { value: p };
      if (!p.startsWith(mark)) refuse('a value is sent changed');
      return { key: p.slice(mark.length) };
    });
    for (const key of read) if (!slots.some((s) => 'key' in s && s.key === key)) refuse(`"${key}" is read but not sent as it is`);
    return { sql: compiled.sql, query: compiled.query, slots };
  };
  const a = withMarks(MARK_A);
  const b = withMarks(MARK_B);
  if (a.sql !== b.sql) refuse('the SQL text depends on a value');
  a.slots.forEach((slot, i) => {
    const other = b.slots[i]!;
    const same = 'key' in slot ? 'key' in other && other.key === slot.key : 'value' in other && JSON.stringify(other.value) === JSON.stringify(slot.value);
    if (!same) refuse(`parameter ${i + 1} is made from a value`);
  });
  return a;
}
