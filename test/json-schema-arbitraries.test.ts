/**
 * The JSON Schema arbitraries the OpenAPI property test is built on: what they call valid is valid
 * and what they call invalid is not, by ajv's 2020-12 reading of the same schema.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invalidArb, validArb, type TJsonSchema, type TSchemaContext } from './json-schema-arbitraries.js';

const root = {
  $id: 'urn:test:root',
  components: {
    schemas: {
      Field: {
        oneOf: [
          { type: 'object', properties: { type: { type: 'string', enum: ['text'] }, key: { type: 'string', pattern: '^[a-z][A-Za-z0-9_]{0,39}$' } }, required: ['type', 'key'] },
          {
            type: 'object',
            properties: { type: { type: 'string', enum: ['group'] }, fields: { type: 'array', items: { $ref: 'urn:test:root#/components/schemas/Field' }, minItems: 1 } },
            required: ['type', 'fields'],
          },
        ],
      },
    },
  },
};
const ajv = new Ajv2020({ strict: false });
formatsPlugin.default(ajv);
ajv.addSchema(root);
const isValid = (schema: TJsonSchema, value: unknown): boolean => ajv.validate(schema, value) as boolean;
const ctx: TSchemaContext = { root, isValid };

const SCHEMAS: Record<string, TJsonSchema> = {
  'a bounded string': { type: 'string', minLength: 2, maxLength: 5 },
  'a patterned code': { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,9}$' },
  'a date and an instant': { type: 'object', properties: { day: { type: 'string', format: 'date' }, at: { type: 'string', format: 'date-time' } }, required: ['day', 'at'] },
  'bounded numbers': { type: 'object', properties: { n: { type: 'integer', minimum: 1, maximum: 1000 }, x: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 } }, required: ['n', 'x'] },
  'an enum or null': { anyOf: [{ type: 'string', enum: ['A', 'B'] }, { type: 'null' }] },
  'a bounded array': { type: 'array', items: { type: 'boolean' }, minItems: 1, maxItems: 3 },
  'a recursive union': { $ref: 'urn:test:root#/components/schemas/Field' },
  'a record': { type: 'object', additionalProperties: { type: 'integer' } },
  'a patch of optional fields, at least one': {
    type: 'object',
    properties: { roles: { type: 'array', items: { type: 'string', enum: ['A', 'B'] }, minItems: 1 }, active: { type: 'boolean' } },
    minProperties: 1,
  },
};

describe('JSON Schema arbitraries', () => {
  it.each(Object.keys(SCHEMAS))('generates only valid values for %s', (name) => {
    const schema = SCHEMAS[name]!;
    fc.assert(
      fc.property(validArb(schema, ctx), (v) => isValid(schema, v)),
      { numRuns: 200 },
    );
  });

  it.each(Object.keys(SCHEMAS))('generates only invalid values for %s', (name) => {
    const schema = SCHEMAS[name]!;
    const bad = invalidArb(schema, ctx);
    expect(bad).toBeDefined();
    fc.assert(
      fc.property(bad!, (v) => !isValid(schema, v)),
      { numRuns: 100 },
    );
  });

  it('has no invalid value for a schema that accepts anything', () => {
    expect(invalidArb({}, ctx)).toBeUndefined();
  });

  it('offers the hints for a name when they fit the schema, and never those that do not', () => {
    const hinted: TSchemaContext = { ...ctx, hints: (n) => (n === 'caseId' ? ['penalty/nb/2026/0001', ''] : undefined) };
    const values = fc.sample(validArb({ type: 'string', minLength: 1 }, hinted, 'caseId'), { numRuns: 300, seed: 1 });
    expect(values).toContain('penalty/nb/2026/0001');
    expect(values).not.toContain('');
  });
});
