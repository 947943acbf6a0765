/**
 * Configuration: procedure versions (draft, validate, diff, publish; migrate a running case with a
 * dry run), the holiday calendar (edits recompute open deadlines), legal parameters and the
 * violation catalogue. Two levels (docs/adr/0040): the calendar, the catalogue, the legal parameters
 * and the national procedures are national configuration, changed by a national administrator
 * (NATIONAL_ADMIN) only; a unit's own procedures (variants of national ones) by its ADMIN only.
 * Every signed-in user reads the national procedures and their unit's own (the forms are rendered
 * from them); another unit's are not found.
 */
import { readModelReached } from '../../db/repositories/read-model-wait.js';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Client } from '@temporalio/client';
import { ZCalendarEntry, ZCalendarStatus } from '../../domain/calendar-schema.js';
import { canonicalJson } from '../../domain/audit.js';
import { issueOf, zodIssues } from '../../domain/validation-issues.js';
import { DEFINITION_ISSUE_CODES, validateDefinition } from '../../domain/procedure-validate.js';
import { VARIANT_ISSUE_CODES } from '../../domain/procedure-variant.js';
import { ZProcedureDefinition } from '../../domain/procedure-schema.js';
import { isNationalAdmin, NATIONAL_ADMIN } from '../../domain/tenancy.js';
import type { Db } from '../../db/database.js';
import { upsertCalendarDay } from '../../db/repositories/calendar-admin.js';
import { upsertLegalParam, upsertViolation } from '../../db/repositories/legal.js';
import { apiTokenUnit, createApiToken, listApiTokens, revokeApiToken, TOKEN_SCOPES } from '../../db/repositories/people.js';
import { assertTokenHolder } from '../services/accounts.js';
import { getCaseRow } from '../../db/repositories/cases.js';
import { getProcedureVersion, listProcedureVersions, ProcedureError, procedureDefinitions, publish, retire, saveDraft } from '../../db/repositories/procedures.js';
import { migrateProcedure } from '../../domain/engine.js';
import { migrateProcedureUpdate } from '../../workflows/case-messages.js';
import { national, PROCEDURE_OWNER, roles, route, SIGNED_IN } from '../access.js';
import { canSeeCase, currentUser, type TAppEnv } from '../auth.js';
import { AppError, invalidField, invalidIssues, refuseIssues } from '../errors.js';
import { idempotentRequestId } from '../idempotency.js';
import { ERROR_RESPONSES, ZDateTime, ZIssueParams, ZIssueRule } from '../schemas.js';
import { ZLegalParameter, ZViolationOut } from './legal.js';
import { notifyCalendarChanged } from '../services/calendar.js';
import { migrationDryRun } from '../services/cases.js';
import { updateInput } from '../services/case-actions.js';
import { httpError } from '../error-translator.js';
import { assertReadable, canReadProcedure, procedureWriteOwner, tenancyIssues } from '../services/procedure-scope.js';

const errors = ERROR_RESPONSES;
/** API tokens: the unit's administrator. */
const ADMIN = roles(['ADMIN'], 'manage API tokens');
/** Checking a definition writes nothing: a unit's or a national administrator. */
const PROCEDURE_EDITORS = roles(['ADMIN', NATIONAL_ADMIN], 'check procedure definitions');
const ZJson = z.record(z.string(), z.unknown());
const json = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });

/** The columns of a procedure version (table `procedure_version`), without the definition. */
const versionColumns = {
  procedure_id: z.string(),
  version: z.number().int(),
  status: z.enum(['DRAFT', 'PUBLISHED', 'RETIRED']),
  kind: z.string(),
  title_vi: z.string(),
  created_by: z.string(),
  created_at: ZDateTime,
  published_by: z.string().nullable(),
  published_at: ZDateTime.nullable(),
  retired_by: z.string().nullable(),
  retired_at: ZDateTime.nullable(),
  owner_unit_id: z.string().nullable().openapi({ description: 'Null: a national procedure (changed by NATIONAL_ADMIN); else the unit whose own procedure (a variant) it is' }),
  variant_of_id: z.string().nullable().openapi({ description: 'A unit’s version: the national procedure it varies and keeps to' }),
  variant_of_version: z.number().int().nullable(),
};
const ZProcedureVersionSummary = z.object(versionColumns).openapi('ProcedureVersionSummary');
const ZProcedureVersion = z.object({ ...versionColumns, definition: ZProcedureDefinition }).openapi('ProcedureVersion');
const ZDefinitionIssue = z
  .object({
    path: z.string().openapi({ example: 'steps[3].outcomes[1].next[0]' }),
    code: z.enum([...DEFINITION_ISSUE_CODES, ...VARIANT_ISSUE_CODES]),
    message: z.string().openapi({ description: 'In English, for logs and API users; screens word the issue from `code`, or from `rule` and `params`' }),
    rule: ZIssueRule.optional().openapi({ description: 'A SCHEMA issue’s validation rule (docs/adr/0066)' }),
    params: ZIssueParams.optional(),
  })
  .openapi('DefinitionIssue');
const ZMigrationPlan = z
  .object({
    procedureId: z.string(),
    from: z.number().int(),
    to: z.number().int(),
    canApply: z.boolean(),
    blockers: z.array(z.string()),
    changes: z.array(z.string()),
    openSteps: z.array(z.object({ stepId: z.string(), existsInTarget: z.boolean(), rolesChanged: z.boolean(), formChanged: z.boolean(), deadlineChanged: z.boolean(), outcomesChanged: z.boolean() })),
    addedSteps: z.array(z.string()),
    removedSteps: z.array(z.string()),
  })
  .openapi('MigrationPlan');
const ZApiToken = z
  .object({
    id: z.string(),
    name: z.string(),
    user_id: z.string(),
    scopes: z.array(z.enum(TOKEN_SCOPES)),
    created_by: z.string(),
    created_at: ZDateTime,
    last_used_at: ZDateTime.nullable(),
    revoked_at: ZDateTime.nullable(),
  })
  .openapi('ApiToken');
/** Version numbers are small; the bound also keeps them within PostgreSQL's integer. */
const ZVersion = z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(100_000, 'must be at most 100000');
const ZVersionParam = z.object({ procedureId: z.string().min(1).max(40), version: ZVersion });

const listRoute = route({
  access: SIGNED_IN,
  method: 'get',
  path: '/api/v1/procedures',
  tags: ['procedures'],
  summary: 'Procedure versions (drafts, published, retired) I may see: the national ones and my unit’s own (a national administrator: every unit’s)',
  responses: { 200: json('Versions', z.object({ versions: z.array(ZProcedureVersionSummary) })), 401: errors[401], 403: errors[403] },
});
const getRoute = route({
  access: SIGNED_IN,
  method: 'get',
  path: '/api/v1/procedures/{procedureId}/versions/{version}',
  tags: ['procedures'],
  summary: 'One version with its definition',
  request: { params: ZVersionParam },
  responses: { 200: json('The version', ZProcedureVersion), ...errors },
});
const draftRoute = route({
  access: PROCEDURE_OWNER,
  method: 'put',
  path: '/api/v1/procedures/{procedureId}/versions/{version}',
  tags: ['procedures'],
  summary:
    'Save a draft version (the body is the definition); published versions never change. A national procedure: NATIONAL_ADMIN; my unit’s own (id `<unit>.…`, a variant of a national one): ADMIN',
  request: { params: ZVersionParam, body: { required: true, content: { 'application/json': { schema: ZJson } } } },
  responses: { 200: json('Saved, with the validation result', z.object({ saved: z.boolean(), issues: z.array(ZDefinitionIssue) })), ...errors },
});
const validateRoute = route({
  access: PROCEDURE_EDITORS,
  method: 'post',
  path: '/api/v1/procedures/validate',
  tags: ['procedures'],
  summary: 'Validate a definition without saving it (for a unit’s own, also as a variant of the national version it names); each problem with its path',
  request: { body: { required: true, content: { 'application/json': { schema: ZJson } } } },
  responses: { 200: json('The result', z.object({ ok: z.boolean(), issues: z.array(ZDefinitionIssue) })), ...errors },
});
const publishRoute = route({
  access: PROCEDURE_OWNER,
  method: 'post',
  path: '/api/v1/procedures/{procedureId}/versions/{version}/publish',
  tags: ['procedures'],
  summary: 'Publish a draft after full validation (a unit’s variant: kept to its national version)',
  request: { params: ZVersionParam },
  responses: { 200: json('Published', z.object({ id: z.string(), version: z.number().int(), status: z.literal('PUBLISHED') })), ...errors },
});
const retireRoute = route({
  access: PROCEDURE_OWNER,
  method: 'post',
  path: '/api/v1/procedures/{procedureId}/versions/{version}/retire',
  tags: ['procedures'],
  summary: 'Retire a published version: new cases no longer start on it, running cases keep it',
  request: { params: ZVersionParam },
  responses: {
    200: {
      description: 'Retired; the version new cases now start on (null: none, no new case of this procedure can be opened until one is published)',
      content: { 'application/json': { schema: z.object({ id: z.string(), version: z.number().int(), status: z.literal('RETIRED'), latestPublished: z.number().int().nullable() }) } },
    },
    ...errors,
  },
});
const diffRoute = route({
  access: SIGNED_IN,
  method: 'get',
  path: '/api/v1/procedures/{procedureId}/diff',
  tags: ['procedures'],
  summary: 'What changes between two versions, step by step',
  request: { params: z.object({ procedureId: z.string().min(1).max(40) }), query: z.object({ from: ZVersion, to: ZVersion }) },
  responses: {
    200: {
      description: 'The differences',
      content: {
        'application/json': { schema: z.object({ added: z.array(z.string()), removed: z.array(z.string()), changed: z.array(z.object({ stepId: z.string(), parts: z.array(z.string()) })) }) },
      },
    },
    ...errors,
  },
});
const migrateRoute = route({
  access: roles(['ADMIN', 'DIRECTOR'], 'migrate running cases'),
  method: 'post',
  path: '/api/v1/cases/{caseId}/migrate',
  tags: ['procedures'],
  summary: 'Move a running case to another published version: `dryRun: true` reports without changing anything',
  request: {
    params: z.object({ caseId: z.string().min(1).max(200) }),
    headers: z.object({ 'idempotency-key': z.string().min(8).max(200) }),
    // The Update's own schema (domain/engine/actions/migrate-procedure.ts), with the dry run the route adds.
    body: { required: true, content: { 'application/json': { schema: migrateProcedure.body.extend({ dryRun: z.boolean().default(true) }) } } },
  },
  responses: { 200: json('The plan, applied or not', z.object({ applied: z.boolean(), plan: ZMigrationPlan })), ...errors },
});
const calendarRoute = route({
  access: national('CALENDAR'),
  method: 'put',
  path: '/api/v1/calendar/days/{date}',
  tags: ['calendar'],
  summary: 'Add or change a holiday row (national configuration: NATIONAL_ADMIN); open deadlines are recomputed (audited in each case)',
  request: {
    params: z.object({ date: z.string() }),
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ isWorkingDay: z.boolean(), reason: z.string().min(1).max(200), status: ZCalendarStatus, source: z.string().min(1).max(500) }) } },
    },
  },
  responses: { 200: { description: 'Saved', content: { 'application/json': { schema: z.object({ revision: z.number().int(), casesNotified: z.number().int() }) } } }, ...errors },
});

const legalParamRoute = route({
  access: national('LEGAL_PARAMETERS'),
  method: 'put',
  path: '/api/v1/legal-parameters/{key}/{effectiveFrom}',
  tags: ['legal'],
  summary: 'Set one effective-dated value of a legal parameter (national configuration: NATIONAL_ADMIN), e.g. confirm a "to confirm" value against the official text',
  request: {
    params: z.object({ key: z.string().min(1).max(60), effectiveFrom: z.string() }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            value: z.number(),
            unit: z.string().min(1),
            effectiveTo: z.string().optional(),
            descriptionVi: z.string().min(1),
            legalBasis: z.string().min(1),
            confidence: z.enum(['V', 'P', 'U']),
            toConfirm: z.boolean(),
          }),
        },
      },
    },
  },
  responses: { 200: json('Saved', ZLegalParameter), ...errors },
});
const violationRoute = route({
  access: national('VIOLATIONS'),
  method: 'put',
  path: '/api/v1/violations/{code}',
  tags: ['legal'],
  summary: 'Add or change a row of the violation catalogue (national configuration: NATIONAL_ADMIN; the code is URL-encoded)',
  request: { params: z.object({ code: z.string().min(1).max(40) }), body: { required: true, content: { 'application/json': { schema: ZJson } } } },
  responses: { 200: json('Saved', ZViolationOut), ...errors },
});

const createTokenRoute = route({
  access: ADMIN,
  method: 'post',
  path: '/api/v1/tokens',
  tags: ['auth'],
  summary: 'Create an API token with some scopes, acting as an integration account of my unit or as myself — never as another person; the token is shown once',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ name: z.string().min(1).max(200), userId: z.string().min(1).max(100), scopes: z.array(z.enum(TOKEN_SCOPES)).min(1) }) } },
    },
  },
  responses: { 201: { description: 'Created', content: { 'application/json': { schema: z.object({ id: z.string(), token: z.string() }) } } }, ...errors },
});
const listTokensRoute = route({
  access: ADMIN,
  method: 'get',
  path: '/api/v1/tokens',
  tags: ['auth'],
  summary: 'API tokens (never the token itself)',
  responses: { 200: json('Tokens', z.object({ tokens: z.array(ZApiToken) })), ...errors },
});
const revokeTokenRoute = route({
  access: ADMIN,
  method: 'delete',
  path: '/api/v1/tokens/{id}',
  tags: ['auth'],
  summary: 'Revoke an API token',
  request: { params: z.object({ id: z.string().min(1).max(40) }) },
  responses: { 204: { description: 'Revoked' }, ...errors },
});

/** A repository's zod refusal of `input` as a 400 naming the field (every issue in `details`). */
function zodRefusal(input: unknown) {
  return (err: unknown): never => {
    if (err instanceof z.ZodError) refuseIssues(zodIssues(err.issues, { input }));
    throw err;
  };
}

function procedureError(err: unknown): never {
  if (err instanceof ProcedureError) {
    const code = err.code === 'NOT_FOUND' ? 'NOT_FOUND' : err.code === 'CONFLICT' ? 'CONFLICT' : 'BUSINESS_RULE';
    throw new AppError(code, err.message, undefined, err.issues.length ? err.issues : undefined);
  }
  throw err;
}

export function adminRoutes(deps: { db: Db; temporal: Client }) {
  const { db, temporal } = deps;
  return new OpenAPIHono<TAppEnv>()
    .openapi(listRoute, async (c) => {
      const user = currentUser(c);
      return c.json({ versions: await listProcedureVersions(db, { unitId: user.unitId, everyUnit: isNationalAdmin(user.roles) }) }, 200);
    })
    .openapi(getRoute, async (c) => {
      const user = currentUser(c);
      const { procedureId, version } = c.req.valid('param');
      const row = await getProcedureVersion(db, procedureId, version);
      if (!row || !canReadProcedure(user, row.owner_unit_id)) throw new AppError('NOT_FOUND', `No version ${version} of procedure ${procedureId}.`);
      return c.json(row, 200);
    })
    .openapi(draftRoute, async (c) => {
      const user = currentUser(c);
      const { procedureId, version } = c.req.valid('param');
      const body = c.req.valid('json');
      if (body.id !== procedureId || body.version !== version) {
        const message = `The definition's id and version must be ${procedureId} and ${version}.`;
        throw new AppError('VALIDATION_FAILED', message, undefined, [
          body.id !== procedureId ? issueOf('id', message, 'oneOf', { values: procedureId }) : issueOf('version', message, 'oneOf', { values: version }),
        ]);
      }
      const owner = await procedureWriteOwner(db, procedureId);
      const def = await saveDraft(db, body, user.id, { ownerUnitId: owner.kind === 'UNIT' ? owner.unitId : null }).catch(procedureError);
      return c.json({ saved: true, issues: [...validateDefinition(body).issues, ...(await tenancyIssues(db, def, owner))] }, 200);
    })
    .openapi(validateRoute, async (c) => {
      currentUser(c);
      const r = validateDefinition(c.req.valid('json'));
      const issues = [...r.issues, ...(r.definition ? await tenancyIssues(db, r.definition, await procedureWriteOwner(db, r.definition.id)) : [])];
      return c.json({ ok: issues.length === 0, issues }, 200);
    })
    .openapi(publishRoute, async (c) => {
      const user = currentUser(c);
      const { procedureId, version } = c.req.valid('param');
      const row = await getProcedureVersion(db, procedureId, version);
      // The definition's own checks first (publish repeats them); then, if it validates, whose it is.
      const parsed = row?.status === 'DRAFT' ? validateDefinition(row.definition) : undefined;
      if (parsed?.ok) {
        const issues = await tenancyIssues(db, parsed.definition, await procedureWriteOwner(db, procedureId));
        if (issues.length)
          throw new AppError(
            'BUSINESS_RULE',
            `${procedureId}@${version} has ${issues.length} problem(s) as ${row?.owner_unit_id ? `a variant of ${parsed.definition.variantOf?.procedureId ?? 'a national procedure'}` : 'a national procedure'} and cannot be published.`,
            undefined,
            issues,
          );
      }
      const def = await publish(db, procedureId, version, user.id).catch(procedureError);
      return c.json({ id: def.id, version: def.version, status: 'PUBLISHED' as const }, 200);
    })
    .openapi(retireRoute, async (c) => {
      const user = currentUser(c);
      const { procedureId, version } = c.req.valid('param');
      const { latestPublished } = await retire(db, procedureId, version, user.id).catch(procedureError);
      return c.json({ id: procedureId, version, status: 'RETIRED' as const, latestPublished: latestPublished ?? null }, 200);
    })
    .openapi(diffRoute, async (c) => {
      const user = currentUser(c);
      const { procedureId } = c.req.valid('param');
      await assertReadable(db, user, procedureId, `No procedure ${procedureId}.`);
      const { from, to } = c.req.valid('query');
      const definitions = await procedureDefinitions(db, procedureId, [from, to]);
      const a = definitions.get(from) as { steps: { id: string }[] } | undefined;
      const b = definitions.get(to) as { steps: { id: string }[] } | undefined;
      if (!a || !b) throw new AppError('NOT_FOUND', `Procedure ${procedureId} has no version ${!a ? from : to}.`);
      const byId = (d: { steps: { id: string }[] }) => new Map(d.steps.map((s) => [s.id, s as Record<string, unknown>]));
      const sa = byId(a);
      const sb = byId(b);
      const changed = [...sb.keys()]
        .filter((id) => sa.has(id))
        .map((id) => ({ stepId: id, parts: [...new Set([...Object.keys(sa.get(id)!), ...Object.keys(sb.get(id)!)])].filter((k) => canonicalJson(sa.get(id)![k]) !== canonicalJson(sb.get(id)![k])) }))
        .filter((x) => x.parts.length);
      return c.json({ added: [...sb.keys()].filter((id) => !sa.has(id)), removed: [...sa.keys()].filter((id) => !sb.has(id)), changed }, 200);
    })
    .openapi(migrateRoute, async (c) => {
      const user = currentUser(c);
      const { caseId } = c.req.valid('param');
      const row = await getCaseRow(db, caseId);
      if (!row || !canSeeCase(user, row)) throw new AppError('NOT_FOUND', `No case ${caseId}.`);
      const { toVersion, dryRun } = c.req.valid('json');
      const plan = await migrationDryRun(temporal, db, caseId, toVersion);
      if (dryRun) return c.json({ applied: false, plan }, 200);
      if (!plan.canApply) throw new AppError('CONFLICT', plan.blockers.join(' '), undefined, plan);
      try {
        const requestId = idempotentRequestId(c);
        const done = await temporal.workflow.getHandle(caseId).executeUpdate(migrateProcedureUpdate, { args: [updateInput(user, requestId, { toVersion })], updateId: requestId });
        await readModelReached(db, caseId, done.seq);
      } catch (err) {
        throw httpError(err, { caseUpdate: true }) ?? err;
      }
      return c.json({ applied: true, plan }, 200);
    })
    .openapi(createTokenRoute, async (c) => {
      const admin_ = currentUser(c);
      const body = c.req.valid('json');
      await assertTokenHolder(db, admin_, body.userId);
      return c.json(await createApiToken(db, { name: body.name, userId: body.userId, scopes: body.scopes, createdBy: admin_.id }), 201);
    })
    .openapi(listTokensRoute, async (c) => {
      const admin_ = currentUser(c);
      return c.json({ tokens: await listApiTokens(db, admin_.unitId) }, 200);
    })
    .openapi(revokeTokenRoute, async (c) => {
      const admin_ = currentUser(c);
      const { id } = c.req.valid('param');
      if ((await apiTokenUnit(db, id)) !== admin_.unitId || !(await revokeApiToken(db, id))) throw new AppError('NOT_FOUND', 'No active token with that id.');
      return c.body(null, 204);
    })
    .openapi(legalParamRoute, async (c) => {
      const user = currentUser(c);
      const { key, effectiveFrom } = c.req.valid('param');
      const input = { key, effectiveFrom, ...c.req.valid('json') };
      const saved = await upsertLegalParam(db, input, user.id).catch(zodRefusal(input));
      return c.json(saved, 200);
    })
    .openapi(violationRoute, async (c) => {
      const user = currentUser(c);
      const body = c.req.valid('json');
      const { code } = c.req.valid('param');
      if (body.code !== code) throw invalidField('code', `the body's code must be ${code}`, 'oneOf', { values: code });
      const saved = await upsertViolation(db, body, user.id).catch(zodRefusal(body));
      return c.json(saved, 200);
    })
    .openapi(calendarRoute, async (c) => {
      const user = currentUser(c);
      const input = { date: c.req.valid('param').date, ...c.req.valid('json') };
      const entry = ZCalendarEntry.safeParse(input);
      if (!entry.success) throw invalidIssues(zodIssues(entry.error.issues, { input }));
      const revision = await upsertCalendarDay(db, entry.data, user.id);
      const casesNotified = await notifyCalendarChanged(temporal, db, revision);
      return c.json({ revision, casesNotified }, 200);
    });
}
