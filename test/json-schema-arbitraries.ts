/**
 * fast-check arbitraries from JSON Schema 2020-12 (the subset an OpenAPI 3.1 document made by
 * zod-to-openapi uses): values that satisfy a schema, and values that break it in one place.
 *
 * Written here rather than taken from npm: the one JSON-Schema-to-fast-check package is abandoned
 * (json-schema-fast-check 0.0.6, on fast-check 1 and io-ts), and json-schema-faker, though kept,
 * draws plain samples from its own random source — no shrinking, no bias towards the bounds, and
 * nothing for invalid values, which are half of what the API property test needs.
 */
import fc from 'fast-check';

export type TJsonSchema = { [k: string]: unknown };

/** Realistic values for a parameter or property, by name (real ids, real dates). */
type THints = (name: string) => readonly unknown[] | undefined;

export interface TSchemaContext {
  /** The document `$ref`s point into (`#/components/schemas/…`). */
  root: unknown;
  hints?: THints;
  /** Strings must be valid HTTP header values (visible ASCII). */
  headerSafe?: boolean;
  /** Validates a value against a schema (ajv); used to keep only really invalid values. */
  isValid: (schema: TJsonSchema, value: unknown) => boolean;
}

const MAX_DEPTH = 4;

export function resolve(schema: TJsonSchema, root: unknown): TJsonSchema {
  let s = schema;
  for (let i = 0; i < 20 && typeof s.$ref === 'string'; i++) {
    // Local to the document: `#/components/…`, possibly behind the document's own `$id`.
    const ref = s.$ref as string;
    const pointer = ref.slice(ref.indexOf('#') + 1);
    if (!pointer.startsWith('/')) throw new Error(`$ref ${ref} is not a JSON pointer into the document`);
    let node: unknown = root;
    for (const part of pointer.slice(1).split('/')) node = (node as Record<string, unknown>)[part.replaceAll('~1', '/').replaceAll('~0', '~')];
    if (!node || typeof node !== 'object') throw new Error(`unresolved $ref ${ref}`);
    const { $ref: _ref, ...rest } = s;
    // The same object for the same component, so validators compiled for it are reused.
    s = Object.keys(rest).length ? { ...(node as TJsonSchema), ...rest } : (node as TJsonSchema);
  }
  return s;
}

function typesOf(s: TJsonSchema): string[] | undefined {
  if (Array.isArray(s.type)) return s.type as string[];
  if (typeof s.type === 'string') return [s.type];
  return undefined;
}

// Characters that have broken real systems: NUL, lone surrogates, bidi overrides, BOM, quotes,
// escapes, path separators, Vietnamese letters with stacked diacritics, astral characters.
const NASTY = ['\u0000', '\ud800', '\udfff', '\u202e', '\ufeff', '\u0301', '😀', '\n', '\r', '\t', '"', "'", '\\', '%', '/', '..', '<', '&', '$', '{', '%00', '\u2028'];
const VIETNAMESE = [...'àáạảãăằắặẳẵâầấậẩẫđèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹĐƯƠ'];

const textUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: fc.constantFrom(...VIETNAMESE) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom(...NASTY) },
);
const headerUnit = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 });

/** A string within `min`..`max` both in UTF-16 code units (what zod counts) and in code points (JSON Schema), biased to short and to the bounds. */
function text(min: number, max: number, headerSafe: boolean): fc.Arbitrary<string> {
  const cap = Math.min(max, min + 40);
  const body = fc.string({ unit: headerSafe ? headerUnit : textUnit, minLength: min, maxLength: Math.max(min, cap) }).map((s) => (headerSafe ? s.trim() : s));
  const arbs: fc.Arbitrary<string>[] = [body];
  if (max > cap) arbs.push(fc.constantFrom(...new Set([max, Math.min(max, 10_000), Math.min(max, 100_000)])).map((n) => 'x'.repeat(n)));
  return fc.oneof(...arbs).filter((s) => s.length >= min && s.length <= max && [...s].length >= min);
}

function dates(): fc.Arbitrary<Date> {
  return fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true });
}

function stringArb(s: TJsonSchema, ctx: TSchemaContext): fc.Arbitrary<string> {
  const min = (s.minLength as number | undefined) ?? 0;
  const max = (s.maxLength as number | undefined) ?? (ctx.headerSafe ? 200 : 100_000);
  let arb: fc.Arbitrary<string>;
  if (s.format === 'date-time') arb = dates().map((d) => d.toISOString());
  else if (s.format === 'date') arb = dates().map((d) => d.toISOString().slice(0, 10));
  else if (s.format === 'email') arb = fc.emailAddress();
  else if (s.format === 'uuid') arb = fc.uuid();
  else if (typeof s.pattern === 'string') arb = fc.stringMatching(new RegExp(s.pattern as string, 'u'));
  else return text(min, max, !!ctx.headerSafe);
  return arb.filter((v) => v.length >= min && v.length <= max && (typeof s.pattern !== 'string' || new RegExp(s.pattern as string, 'u').test(v)));
}

function numberArb(s: TJsonSchema, integer: boolean): fc.Arbitrary<number> {
  const exMin = typeof s.exclusiveMinimum === 'number' ? (s.exclusiveMinimum as number) : undefined;
  const exMax = typeof s.exclusiveMaximum === 'number' ? (s.exclusiveMaximum as number) : undefined;
  if (integer) {
    const lo = Math.max(Number.MIN_SAFE_INTEGER, (s.minimum as number | undefined) ?? Number.MIN_SAFE_INTEGER, exMin === undefined ? -Infinity : Math.floor(exMin) + 1);
    const hi = Math.min(Number.MAX_SAFE_INTEGER, (s.maximum as number | undefined) ?? Number.MAX_SAFE_INTEGER, exMax === undefined ? Infinity : Math.ceil(exMax) - 1);
    const small = fc.integer({ min: Math.max(lo, -1000), max: Math.min(hi, 1000) });
    const any = fc.bigInt(BigInt(Math.ceil(lo)), BigInt(Math.floor(hi))).map(Number);
    return lo <= 1000 && hi >= -1000 && Math.max(lo, -1000) <= Math.min(hi, 1000) ? fc.oneof(small, any) : any;
  }
  return fc.double({
    min: (s.minimum as number | undefined) ?? exMin ?? -Number.MAX_VALUE,
    max: (s.maximum as number | undefined) ?? exMax ?? Number.MAX_VALUE,
    minExcluded: exMin !== undefined && s.minimum === undefined,
    maxExcluded: exMax !== undefined && s.maximum === undefined,
    noNaN: true,
    noDefaultInfinity: true,
  });
}

/** Values that satisfy `schema`; `name` (of the property or parameter) picks hints. */
export function validArb(schema: TJsonSchema, ctx: TSchemaContext, name?: string, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, ctx.root);
  const generated = generatedValid(s, ctx, depth);
  const extras = [...(name ? (ctx.hints?.(name) ?? []) : []), ...(s.example !== undefined ? [s.example] : [])].filter((v) => ctx.isValid(s, v));
  return extras.length ? fc.oneof({ weight: 1, arbitrary: generated }, { weight: 1, arbitrary: fc.constantFrom(...extras) }) : generated;
}

function generatedValid(s: TJsonSchema, ctx: TSchemaContext, depth: number): fc.Arbitrary<unknown> {
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const branches = (s.oneOf ?? s.anyOf) as TJsonSchema[] | undefined;
  if (branches) {
    // Deep in a recursive schema, take the first branch (zod-to-openapi puts the leaf cases first).
    const usable = depth >= MAX_DEPTH ? branches.slice(0, 1) : branches;
    return fc.oneof(...usable.map((b) => validArb(b, ctx, undefined, depth + 1)));
  }
  if (Array.isArray(s.allOf)) {
    const merged: TJsonSchema = { type: 'object', properties: {}, required: [] };
    for (const part of s.allOf as TJsonSchema[]) {
      const r = resolve(part, ctx.root);
      Object.assign(merged.properties as object, r.properties ?? {});
      (merged.required as string[]).push(...((r.required as string[] | undefined) ?? []));
    }
    return validArb(merged, ctx, undefined, depth);
  }
  const types = typesOf(s);
  if (!types) return fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(...types.map((t) => validOfType(t, s, ctx, depth)));
}

function validOfType(type: string, s: TJsonSchema, ctx: TSchemaContext, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'string':
      return stringArb(s, ctx);
    case 'array': {
      const min = (s.minItems as number | undefined) ?? 0;
      const max = Math.min((s.maxItems as number | undefined) ?? min + 4, min + 4);
      return fc.array(s.items ? validArb(s.items as TJsonSchema, ctx, undefined, depth + 1) : fc.jsonValue({ maxDepth: 1 }), { minLength: min, maxLength: depth >= MAX_DEPTH ? min : max });
    }
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, TJsonSchema>;
      const required = (s.required ?? []) as string[];
      if (!Object.keys(props).length) {
        const extra = s.additionalProperties === false ? undefined : typeof s.additionalProperties === 'object' ? (s.additionalProperties as TJsonSchema) : {};
        if (!extra) return fc.constant({});
        return fc.dictionary(text(1, 30, false), validArb(extra, ctx, undefined, depth + 1), { maxKeys: depth >= MAX_DEPTH ? 0 : 5 });
      }
      const shape = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, validArb(v, ctx, k, depth + 1)]));
      const record = fc.record(shape, { requiredKeys: required.filter((k) => k in shape) });
      // `minProperties` (a PATCH body: at least one field to change): objects with too few optional properties are not valid.
      const minProperties = (s.minProperties as number | undefined) ?? 0;
      return minProperties > 0 ? record.filter((o) => Object.keys(o).length >= minProperties) : record;
    }
    default:
      throw new Error(`JSON Schema type ${type} is not supported`);
  }
}

/** JSON values of every type, for "wrong type" mutations. */
const ANY_TYPE: unknown[] = [0, 1, -1, 1.5, 1e308, -1e308, 2 ** 53 + 2, true, false, null, '', 'x', '0', 'true', 'null', '1e400', [], [1], {}, { a: 1 }, ['x']];

/**
 * Values that break `schema` in one place (wrong type, missing required property, out of range,
 * too long, not matching the pattern or enum, …), checked with the validator so they really are
 * invalid. Undefined when the schema accepts everything.
 */
export function invalidArb(schema: TJsonSchema, ctx: TSchemaContext, depth = 0): fc.Arbitrary<unknown> | undefined {
  const s = resolve(schema, ctx.root);
  const candidates: fc.Arbitrary<unknown>[] = [fc.constantFrom(...ANY_TYPE)];
  const types = typesOf(s) ?? [];
  const valid = (sub: TJsonSchema, name?: string) => validArb(sub, ctx, name, depth + 1);
  if (Array.isArray(s.enum) || 'const' in s) candidates.push(fc.constantFrom('NOT_A_VALUE', 'x', ''), text(1, 30, !!ctx.headerSafe));
  if (types.includes('string')) {
    const min = s.minLength as number | undefined;
    const max = s.maxLength as number | undefined;
    if (min && min > 0) candidates.push(fc.constant(''), fc.constant('x'.repeat(min - 1)));
    if (max !== undefined) candidates.push(fc.constantFrom(max + 1, max + 1000, 100_000).map((n) => 'é'.repeat(n)));
    if (s.pattern || s.format) candidates.push(text(0, 80, !!ctx.headerSafe), fc.constantFrom('2026-02-30', '2026-13-01', '0000-00-00', '2026-1-1', 'yesterday'));
  }
  if (types.includes('integer') || types.includes('number')) {
    const lo = (s.minimum as number | undefined) ?? (s.exclusiveMinimum as number | undefined);
    const hi = (s.maximum as number | undefined) ?? (s.exclusiveMaximum as number | undefined);
    if (lo !== undefined) candidates.push(fc.constantFrom(lo - 1, lo - 0.5, -lo - 1, Number.MIN_SAFE_INTEGER, -1e308));
    if (hi !== undefined) candidates.push(fc.constantFrom(hi + 1, hi + 0.5, Number.MAX_SAFE_INTEGER + 2, 1e308));
    if (types.includes('integer')) candidates.push(fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)));
  }
  if (types.includes('array')) {
    const min = s.minItems as number | undefined;
    const max = s.maxItems as number | undefined;
    const item = s.items as TJsonSchema | undefined;
    if (min && min > 0) candidates.push(fc.constant([]));
    if (max !== undefined && item) candidates.push(fc.array(valid(item), { minLength: max + 1, maxLength: max + 3 }));
    const badItem = item && depth < MAX_DEPTH ? invalidArb(item, ctx, depth + 1) : undefined;
    if (item && badItem) candidates.push(fc.tuple(fc.array(valid(item), { maxLength: 2 }), badItem).map(([ok, bad]) => [...ok, bad]));
  }
  if (types.includes('object') && s.properties) {
    const props = s.properties as Record<string, TJsonSchema>;
    const required = (s.required ?? []) as string[];
    const whole = valid(s);
    for (const k of required) candidates.push(whole.map((o) => Object.fromEntries(Object.entries(o as object).filter(([key]) => key !== k))));
    if (depth < MAX_DEPTH) {
      for (const [k, p] of Object.entries(props)) {
        const bad = invalidArb(p, ctx, depth + 1);
        if (bad) candidates.push(fc.tuple(whole, bad).map(([o, v]) => ({ ...(o as object), [k]: v })));
      }
    }
  }
  const branches = (s.oneOf ?? s.anyOf) as TJsonSchema[] | undefined;
  if (branches && depth < MAX_DEPTH) {
    for (const b of branches) {
      const bad = invalidArb(b, ctx, depth + 1);
      if (bad) candidates.push(bad);
    }
  }
  return someOf(fc.oneof(...candidates), (v) => !ctx.isValid(s, v));
}

/**
 * `arb` filtered by `keep`, or undefined when a sample finds nothing to keep (a filter that never
 * passes would make fast-check search forever; e.g. `{}` accepts every value).
 */
export function someOf<T>(arb: fc.Arbitrary<T>, keep: (v: T) => boolean): fc.Arbitrary<T> | undefined {
  const kept = fc.sample(arb, { numRuns: 200, seed: 42 }).filter(keep);
  return kept.length ? arb.filter(keep) : undefined;
}
