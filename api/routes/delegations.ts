/**
 * Delegations of sanctioning power to deputies (docs/adr/0197; Law on Handling Administrative
 * Violations, Art. 54): the head's decision giving a deputy the head's power, standing for a term
 * or for one case, recorded by the unit's administrator or by the head who made it; revoked from a
 * day (today or later), never deleted. A deputy's decision is judged, and its paper printed, by the
 * delegation in force on its date (api/services/cases.ts `delegationFailures`).
 */
import { randomUUID } from 'node:crypto';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { vietnamDateOf } from '../../domain/calendar.js';
import { DELEGABLE_ROLES, delegationInForceOn } from '../../domain/delegation.js';
import { issueOf, type TValidationIssue } from '../../domain/validation-issues.js';
import type { Db } from '../../db/database.js';
import { getDelegation, insertDelegation, listDelegations, personOf, revokeDelegation, type TDelegation } from '../../db/repositories/delegations.js';
import { roles, route } from '../access.js';
import { currentUser, type TAppEnv } from '../auth.js';
import { AppError, invalidIssues } from '../errors.js';
import { ERROR_RESPONSES as errors, ZDateTime, ZDay } from '../schemas.js';

const json = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max)
    .transform((s) => s.normalize('NFC'));

const ZDelegation = z
  .object({
    id: z.string(),
    role: z.enum(DELEGABLE_ROLES).openapi({ description: 'DIRECTOR: the Chi cục trưởng’s power; TEAM_LEAD: a Đội trưởng’s' }),
    grantorId: z.string(),
    grantorName: z.string(),
    delegateId: z.string(),
    delegateName: z.string(),
    scope: z.enum(['STANDING', 'CASE']).openapi({ description: 'STANDING: thường xuyên, for the term; CASE: theo vụ việc, for caseId only' }),
    caseId: z.string().nullable(),
    decisionNumber: z.string(),
    decisionDate: ZDay,
    validFrom: ZDay,
    validTo: ZDay.nullable(),
    content: z.string(),
    coercion: z.boolean().openapi({ description: 'Also the coercion decision, while the head is absent (Law Art. 87(2))' }),
    headAbsence: z.string().nullable().openapi({ description: 'With coercion: the head’s absence the delegation is made for (Art. 87(2))' }),
    revokedFrom: ZDay.nullable().openapi({ description: 'Not in force from this day on' }),
    revokedBy: z.string().nullable(),
    revokeReason: z.string().nullable(),
    createdBy: z.string(),
    createdAt: ZDateTime,
    inForceToday: z.boolean(),
  })
  .openapi('Delegation');

const ZDelegationInput = z
  .object({
    role: z.enum(DELEGABLE_ROLES),
    grantorId: z.string().min(1).max(100).openapi({ description: 'The head who delegates: an active holder of the role, not a deputy' }),
    delegateId: z.string().min(1).max(100).openapi({ description: 'The deputy: an active holder of the role marked deputy (a team lead’s: of the same team)' }),
    scope: z.enum(['STANDING', 'CASE']),
    caseId: z.string().min(1).max(100).optional().openapi({ description: 'With scope CASE: the case delegated' }),
    decisionNumber: text(60).openapi({ example: '15/QĐ-GQXP' }),
    decisionDate: ZDay,
    validFrom: ZDay.openapi({ description: 'In force from this day (not before the decision’s date)' }),
    validTo: ZDay.optional().openapi({ description: 'In force until this day; required for a standing delegation (the decision states its term)' }),
    content: text(1000).openapi({ description: 'Phạm vi, nội dung giao quyền, as the decision states them' }),
    coercion: z.boolean().optional().openapi({ description: 'Also the coercion decision (cưỡng chế), which the head delegates only while absent (Law Art. 87(2)); default false' }),
    headAbsence: text(500)
      .optional()
      .openapi({ description: 'Required with coercion: the head’s absence the delegation is made for (e.g. “Chi cục trưởng đi công tác tại Hà Nội”); its term is validFrom–validTo, also required' }),
  })
  .openapi('DelegationInput');

const ZRevokeInput = z.object({ from: ZDay.openapi({ description: 'Not in force from this day: today or later' }), reason: text(500) }).openapi('DelegationRevocation');

/** Who records and revokes: the unit's administrator, or a head recording his or her own decision. */
const RECORDERS = roles(['ADMIN', 'DIRECTOR', 'TEAM_LEAD'], 'record delegations of sanctioning power');

const listRoute = route({
  access: RECORDERS,
  method: 'get',
  path: '/api/v1/delegations',
  tags: ['people'],
  summary: 'Delegations of sanctioning power of my unit, newest first (giao quyền, Law Art. 54)',
  responses: { 200: json('The delegations', z.object({ delegations: z.array(ZDelegation), today: ZDay })), ...errors },
});
const createRoute = route({
  access: RECORDERS,
  method: 'post',
  path: '/api/v1/delegations',
  tags: ['people'],
  summary: 'Record a head’s decision delegating sanctioning power to a deputy (the unit’s ADMIN, or the head who made it)',
  request: { body: { required: true, content: { 'application/json': { schema: ZDelegationInput } } } },
  responses: { 201: json('Recorded', ZDelegation), ...errors },
});
const revokeRoute = route({
  access: RECORDERS,
  method: 'post',
  path: '/api/v1/delegations/{delegationId}/revoke',
  tags: ['people'],
  summary: 'End a delegation from a day, today or later (the unit’s ADMIN, or the head who made it); papers dated before keep it',
  request: { params: z.object({ delegationId: z.string().min(1).max(100) }), body: { required: true, content: { 'application/json': { schema: ZRevokeInput } } } },
  responses: { 200: json('Revoked', ZDelegation), ...errors },
});

const out = (d: TDelegation, today: string) => ({
  ...d,
  createdAt: d.createdAt.toISOString(),
  inForceToday: delegationInForceOn(d, today),
});

export function delegationRoutes(db: Db) {
  const today = () => vietnamDateOf(new Date());
  /** A head records only his or her own decision; the administrator any of the unit's. */
  const mayRecordFor = (user: { id: string; roles: readonly string[] }, grantorId: string): void => {
    if (!user.roles.includes('ADMIN') && user.id !== grantorId)
      throw new AppError('FORBIDDEN', 'Only the unit’s administrator, or the head who made the decision, records or revokes a delegation.', undefined, { reason: 'NOT_GRANTOR' });
  };
  return new OpenAPIHono<TAppEnv>()
    .openapi(listRoute, async (c) => {
      const user = currentUser(c);
      const t = today();
      return c.json({ delegations: (await listDelegations(db, user.unitId)).map((d) => out(d, t)), today: t }, 200);
    })
    .openapi(createRoute, async (c) => {
      const user = currentUser(c);
      const b = c.req.valid('json');
      const t = today();
      mayRecordFor(user, b.grantorId);
      const [grantor, delegate] = await Promise.all([personOf(db, b.grantorId), personOf(db, b.delegateId)]);
      const issues: TValidationIssue[] = [];
      const holds = (p: typeof grantor) => p && p.unitId === user.unitId && p.active && p.roles.includes(b.role);
      if (!holds(grantor) || grantor!.deputy) issues.push(issueOf('grantorId', `${b.grantorId} is not the head: an active ${b.role} of your unit who is not a deputy`, 'notHead', { role: b.role }));
      if (!holds(delegate) || !delegate!.deputy)
        issues.push(issueOf('delegateId', `${b.delegateId} is not a deputy holding ${b.role} in your unit (a deputy may not pass the power on, Art. 54(2))`, 'notDeputy', { role: b.role }));
      else if (b.role === 'TEAM_LEAD' && grantor && grantor.teamId !== delegate!.teamId) issues.push(issueOf('delegateId', 'a team lead delegates to the deputy of his or her own team', 'otherTeam'));
      if (b.scope === 'CASE') {
        if (!b.caseId) issues.push(issueOf('caseId', 'is required for a delegation for one case', 'required'));
        else {
          const owner = await db.selectFrom('case_file').select('unit_id').where('case_id', '=', b.caseId).executeTakeFirst();
          if (owner?.unit_id !== user.unitId) issues.push(issueOf('caseId', `your unit has no case ${b.caseId}`, 'unknownCase', { caseId: b.caseId }));
        }
      } else if (b.caseId) issues.push(issueOf('caseId', 'is only for a delegation for one case (scope CASE)', 'invalid'));
      if (b.scope === 'STANDING' && !b.validTo) issues.push(issueOf('validTo', 'is required: a standing delegation states its term (Art. 54(1))', 'required'));
      if (b.decisionDate > t) issues.push(issueOf('decisionDate', `must be today (${t}) or earlier: the decision is made before it is recorded`, 'notAfterToday', { today: t }));
      if (b.validFrom < b.decisionDate) issues.push(issueOf('validFrom', 'must not be before the decision’s date', 'order', { first: 'decisionDate', second: 'validFrom' }));
      if (b.validTo && b.validTo < b.validFrom) issues.push(issueOf('validTo', 'must not be before validFrom', 'order', { first: 'validFrom', second: 'validTo' }));
      // Coercion is delegated only while the head is absent, in writing stating its term (Art. 87(2)).
      if (b.coercion) {
        const why = 'is required when coercion is delegated: the head delegates it only while absent, by a decision stating its term (Law Art. 87(2))';
        if (!b.validTo && b.scope === 'CASE') issues.push(issueOf('validTo', why, 'coercionWhileAbsent'));
        if (!b.headAbsence) issues.push(issueOf('headAbsence', why, 'coercionWhileAbsent'));
      } else if (b.headAbsence) issues.push(issueOf('headAbsence', 'is only for a delegation that gives coercion too', 'invalid'));
      if (issues.length) throw invalidIssues(issues);
      const id = `gq-${randomUUID()}`;
      await insertDelegation(db, {
        id,
        unitId: user.unitId,
        role: b.role,
        grantorId: b.grantorId,
        delegateId: b.delegateId,
        scope: b.scope,
        caseId: b.scope === 'CASE' ? b.caseId! : null,
        decisionNumber: b.decisionNumber,
        decisionDate: b.decisionDate,
        validFrom: b.validFrom,
        validTo: b.validTo ?? null,
        content: b.content,
        coercion: b.coercion ?? false,
        headAbsence: b.coercion ? b.headAbsence! : null,
        createdBy: user.id,
      });
      return c.json(out((await getDelegation(db, id))!, t), 201);
    })
    .openapi(revokeRoute, async (c) => {
      const user = currentUser(c);
      const { delegationId } = c.req.valid('param');
      const b = c.req.valid('json');
      const t = today();
      const d = await getDelegation(db, delegationId);
      if (!d || d.unitId !== user.unitId) throw new AppError('NOT_FOUND', `No delegation ${delegationId} in your unit.`);
      mayRecordFor(user, d.grantorId);
      if (d.revokedFrom) throw new AppError('CONFLICT', `The delegation was revoked from ${d.revokedFrom} already.`, undefined, { reason: 'ALREADY_REVOKED' });
      // Papers already issued under it keep it: the end is today or later.
      if (b.from < t) throw invalidIssues([issueOf('from', `must be today (${t}) or later: decisions already taken under the delegation keep it`, 'notBeforeToday', { today: t })]);
      if (d.validTo && b.from > d.validTo) throw invalidIssues([issueOf('from', `must not be after the delegation’s last day (${d.validTo})`, 'order', { first: 'from', second: 'validTo' })]);
      if (!(await revokeDelegation(db, delegationId, { from: b.from, by: user.id, reason: b.reason })))
        throw new AppError('CONFLICT', 'The delegation was revoked already.', undefined, { reason: 'ALREADY_REVOKED' });
      return c.json(out((await getDelegation(db, delegationId))!, t), 200);
    });
}
