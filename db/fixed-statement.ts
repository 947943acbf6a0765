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
 *
 * A fixed statement is compiled once per set of plugins: a database (and its transactions, which
 * share its plugins) gets the text its own plugins make, as kysely would have built it for it, and
 * a database with other plugins (`withPlugin`) gets its own (INS's databases have none). The
 * plugins' `transformResult` sees each call's rows as always; the call goes as the query compiled
 * for those plugins, with its id, which is what a plugin that keeps something from a statement's
 * `transformQuery` for its results (by query id) finds.
 */
import { type Compilable, type Kysely, type KyselyPlugin, type QueryId, type RootOperationNode } from 'kysely';
import type { Database } from './schema.js';

/** What stands for a value while the statement is built (two kinds, see buildOnce): no value a caller sends starts with either. */
/* (of different lengths, so that a length computed from one differs too) */
const MARK_A = '\u0000ins:value:';
const MARK_B = '\u0000ins:another value:';

type TSlot = { readonly key: string } | { readonly value: unknown };

interface TBuilt {
  readonly sql: string;
  readonly query: RootOperationNode;
  readonly queryId: QueryId;
  readonly slots: readonly TSlot[];
}

/** Each plugin's number, for `pluginsKey`. */
const pluginNumbers = new WeakMap<KyselyPlugin, number>();
let pluginsNumbered = 0;

/**
 * Which plugins, in their order, a database (or transaction) runs its statements through: '' for
 * none. A transaction's executor holds a copy of its database's plugin list (kysely's
 * `withConnectionProvider`), so the list is told by the plugins in it, not by the array.
 */
function pluginsKey(db: Kysely<Database>): string {
  const plugins = db.getExecutor().plugins;
  if (plugins.length === 0) return '';
  return plugins
    .map((plugin) => {
      let n = pluginNumbers.get(plugin);
      if (n === undefined) pluginNumbers.set(plugin, (n = ++pluginsNumbered));
      return n;
    })
    .join(',');
}

/** A statement built once: call it with a database (or a transaction) and its values; it answers the rows. */
export interface TFixedStatement<P, R> {
  (db: Kysely<Database>, values: P): Promise<R[]>;
  /** The text and parameters a call would send, and those kysely builds for the same values (for the tests). */
  compare(db: Kysely<Database>, values: P): { fixed: { sql: string; parameters: readonly unknown[] }; built: { sql: string; parameters: readonly unknown[] } };
}

/**
 * Fixed statements of one builder, one per shape: `shape` is what the statement's text depends on
 * (how many rows it writes, which parts it has), handed to the builder as it is; the values are
 * markers as in `fixedStatement`. Each shape is built at its first call. At most
 * `SHAPES_PER_STATEMENT` shapes are kept (a case's escalations, and the audit events a late
 * projection carries, can make many): a shape past them is built by kysely at each call, as before.
 */
export interface TShapedStatement<S, P, R> {
  (db: Kysely<Database>, shape: S, values: P): Promise<R[]>;
  compare(db: Kysely<Database>, shape: S, values: P): ReturnType<TFixedStatement<P, R>['compare']>;
  /** How many shapes are kept built. */
  kept(): number;
}

export function shapedStatement<S, P extends Record<string, unknown>, R>(name: string, build: (db: Kysely<Database>, values: P, shape: S) => Compilable<R>): TShapedStatement<S, P, R> {
  const shapes = new Map<string, TFixedStatement<P, R>>();
  const of = (shape: S): TFixedStatement<P, R> => {
    const key = JSON.stringify(shape);
    let statement = shapes.get(key);
    if (!statement) {
      statement = fixedStatement(`${name} ${key}`, (db, values: P) => build(db, values, shape));
      if (shapes.size >= SHAPES_PER_STATEMENT) return builtEachTime(statement, (db, values) => build(db, values, shape));
      shapes.set(key, statement);
    }
    return statement;
  };
  return Object.assign((db: Kysely<Database>, shape: S, values: P) => of(shape)(db, values), {
    compare: (db: Kysely<Database>, shape: S, values: P) => of(shape).compare(db, values),
    kept: () => shapes.size,
  });
}

/** How many shapes of one statement are kept built (see `shapedStatement`). */
export const SHAPES_PER_STATEMENT = 64;

/** A statement sent as kysely builds it at each call (a shape past the ones kept); `compare` as a fixed statement's. */
function builtEachTime<P, R>(statement: TFixedStatement<P, R>, build: (db: Kysely<Database>, values: P) => Compilable<R>): TFixedStatement<P, R> {
  return Object.assign(async (db: Kysely<Database>, values: P) => (await db.executeQuery<R>(build(db, values))).rows, { compare: statement.compare });
}

/** Rows as values of a fixed statement: `<prefix><i>.<column>` for each row's column (the builder's side: `rowsOf`). */
export function rowValues(prefix: string, rows: readonly object[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  rows.forEach((row, i) => {
    for (const [column, value] of Object.entries(row)) out[`${prefix}${i}.${column}`] = value;
  });
  return out;
}

/** The `count` rows a builder writes, each column's value read from `values` as `rowValues` named it. */
export function rowsOf<C extends string>(values: Record<string, unknown>, prefix: string, count: number, columns: readonly C[]): Record<C, unknown>[] {
  return Array.from({ length: count }, (_, i) => Object.fromEntries(columns.map((c) => [c, values[`${prefix}${i}.${c}`]])) as Record<C, unknown>);
}

export function fixedStatement<P extends Record<string, unknown>, R>(name: string, build: (db: Kysely<Database>, values: P) => Compilable<R>): TFixedStatement<P, R> {
  /** Built once per set of plugins. */
  const builds = new Map<string, TBuilt>();
  const builtFor = (db: Kysely<Database>): TBuilt => {
    const key = pluginsKey(db);
    let built = builds.get(key);
    if (!built) builds.set(key, (built = buildOnce(name, db, build)));
    return built;
  };
  /** The parameters of a call, or undefined when a value is undefined: kysely leaves such a value out of the statement (DEFAULT), another text. */
  const parametersOf = (b: TBuilt, values: P): unknown[] | undefined => {
    const parameters: unknown[] = [];
    for (const slot of b.slots) {
      const v = 'value' in slot ? slot.value : values[slot.key];
      if (v === undefined) return undefined;
      parameters.push(v);
    }
    return parameters;
  };
  const run = async (db: Kysely<Database>, values: P): Promise<R[]> => {
    const built = builtFor(db);
    const parameters = parametersOf(built, values);
    // A call with an undefined value is built by kysely, as before fixed statements.
    if (!parameters) return (await db.executeQuery<R>(build(db, values))).rows;
    const result = await db.executeQuery<R>({ sql: built.sql, parameters, query: built.query, queryId: built.queryId });
    return result.rows;
  };
  return Object.assign(run, {
    compare(db: Kysely<Database>, values: P) {
      const built = builtFor(db);
      const fresh = build(db, values).compile();
      const parameters = parametersOf(built, values);
      return { fixed: parameters ? { sql: built.sql, parameters } : { sql: fresh.sql, parameters: fresh.parameters }, built: { sql: fresh.sql, parameters: fresh.parameters } };
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
    return { sql: compiled.sql, query: compiled.query, queryId: compiled.queryId, slots };
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
