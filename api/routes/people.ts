/**
 * Users and teams of the admin's own unit. Passwords are set by the admin once and changed by the
 * user; deactivating a user ends their sessions and stops their tokens. Integration accounts have
 * no password. Roles change by four eyes (api/services/accounts.ts): one admin asks, another
 * approves.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Db } from '../../db/database.js';
import { createTeam, expireRoleRequests, listColleagues, listRoleRequests, listUnitTeams, listUnitUsers, teamUnit, type TRoleRequest } from '../../db/repositories/people.js';
import { NATIONAL_ADMIN } from '../../domain/tenancy.js';
import { changeUser, createIntegration, createPerson, decideRoleChange, INTEGRATION_ROLES, requestRoleChange, STAFF_ROLE_CHOICES } from '../services/accounts.js';
import { roles, route, SIGNED_IN } from '../access.js';
import { currentUser, type TAppEnv } from '../auth.js';
import { invalidField } from '../errors.js';
import { ERROR_RESPONSES as errors, patchBody, ZDateTime } from '../schemas.js';

const ZRole = z.enum(STAFF_ROLE_CHOICES as [string, ...string[]]);
const ZIntegrationRole = z.enum(INTEGRATION_ROLES as [string, ...string[]]);
const ZUserOut = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.string()),
    teamId: z.string().nullable(),
    active: z.boolean(),
    kind: z.enum(['PERSON', 'INTEGRATION']).openapi({ description: 'INTEGRATION: no password, acts only through API tokens' }),
    deputy: z.boolean().openapi({ description: 'A deputy (Phó Chi cục trưởng, Phó Đội trưởng) of the DIRECTOR or TEAM_LEAD role held: signs decisions only under a delegation (docs/adr/0197)' }),
  })
  .openapi('StaffUser');
const ZUsername = z.string().regex(/^[a-z][a-z0-9._-]{2,49}$/, 'must be 3–50 lower-case letters, digits, . _ -');
const ZRoleRequest = z
  .object({
    id: z.string(),
    userId: z.string(),
    fromRoles: z.array(z.string()),
    toRoles: z.array(z.string()),
    reason: z.string(),
    status: z.enum(['PENDING', 'APPROVED', 'REJECTED', 'EXPIRED']).openapi({ description: 'EXPIRED: undecided for 7 days' }),
    requestedBy: z.string(),
    requestedAt: ZDateTime,
    expiresAt: ZDateTime,
    decidedBy: z.string().nullable(),
    decidedAt: ZDateTime.nullable(),
  })
  .openapi('RoleRequest');

const ZTeam = z.object({ id: z.string(), name: z.string() }).openapi('Team');
/** Users of the unit are managed by its administrator. */
const MANAGE_USERS = roles(['ADMIN'], 'manage users');

const listUsers = route({
  access: MANAGE_USERS,
  method: 'get',
  path: '/api/v1/users',
  tags: ['people'],
  summary: 'Users of my unit',
  responses: { 200: { description: 'Users', content: { 'application/json': { schema: z.object({ users: z.array(ZUserOut) }) } } }, ...errors },
});
const createUserRoute = route({
  access: MANAGE_USERS,
  method: 'post',
  path: '/api/v1/users',
  tags: ['people'],
  summary: 'Create a user of my unit (ADMIN and DIRECTOR come afterwards, by a role request another admin approves)',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            username: ZUsername,
            displayName: z.string().min(1).max(200),
            password: z.string().min(12, 'must have at least 12 characters').max(200),
            roles: z.array(ZRole).min(1),
            teamId: z.string().min(1).max(60).nullable().default(null),
            deputy: z.boolean().optional().openapi({ description: 'A deputy of the DIRECTOR or TEAM_LEAD role (docs/adr/0197); default false' }),
          }),
        },
      },
    },
  },
  responses: { 201: { description: 'Created', content: { 'application/json': { schema: ZUserOut } } }, ...errors },
});
const updateUserRoute = route({
  access: MANAGE_USERS,
  method: 'patch',
  path: '/api/v1/users/{id}',
  tags: ['people'],
  summary: 'Change roles, team, active state or deputy mark of another user of my unit; granting ADMIN or DIRECTOR (or making a deputy DIRECTOR the head) takes a role request instead',
  request: {
    params: z.object({ id: z.string().min(1).max(100) }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: patchBody(
            z.object({ roles: z.array(ZRole).min(1).optional(), teamId: z.string().min(1).max(60).nullable().optional(), active: z.boolean().optional(), deputy: z.boolean().optional() }),
            'roles, teamId, active or deputy',
          ),
        },
      },
    },
  },
  responses: { 200: { description: 'Updated', content: { 'application/json': { schema: ZUserOut } } }, ...errors },
});
const createIntegrationRoute = route({
  access: roles(['ADMIN'], 'manage integration accounts'),
  method: 'post',
  path: '/api/v1/integrations',
  tags: ['people'],
  summary: 'Create an integration account of my unit: no password (it acts only through API tokens), never ADMIN or DIRECTOR',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ username: ZUsername, displayName: z.string().min(1).max(200), roles: z.array(ZIntegrationRole).min(1), teamId: z.string().min(1).max(60).nullable().default(null) }),
        },
      },
    },
  },
  responses: { 201: { description: 'Created', content: { 'application/json': { schema: ZUserOut } } }, ...errors },
});
const requestRolesRoute = route({
  access: roles(['ADMIN'], 'ask for role changes'),
  method: 'post',
  path: '/api/v1/users/{id}/role-requests',
  tags: ['people'],
  summary: 'Ask for a change of a user’s roles (one’s own too); a second admin of the unit approves it',
  request: {
    params: z.object({ id: z.string().min(1).max(100) }),
    body: { required: true, content: { 'application/json': { schema: z.object({ roles: z.array(ZRole).min(1), reason: z.string().min(1).max(500) }) } } },
  },
  responses: { 201: { description: 'Asked; pending', content: { 'application/json': { schema: ZRoleRequest } } }, ...errors },
});
const listRoleRequestsRoute = route({
  access: roles(['ADMIN'], 'see role change requests'),
  method: 'get',
  path: '/api/v1/role-requests',
  tags: ['people'],
  summary: 'Role change requests of my unit, newest first',
  request: { query: z.object({ status: z.enum(['PENDING', 'APPROVED', 'REJECTED', 'EXPIRED']).optional() }) },
  responses: { 200: { description: 'Requests', content: { 'application/json': { schema: z.object({ requests: z.array(ZRoleRequest) }) } } }, ...errors },
});
const decideParams = z.object({ id: z.string().min(1).max(100) });
const approveRoute = route({
  access: roles(['ADMIN'], 'approve role changes'),
  method: 'post',
  path: '/api/v1/role-requests/{id}/approve',
  tags: ['people'],
  summary: 'Approve a role change request: a second admin, neither the one who asked nor the one who gains the roles; the roles change and the user signs in again',
  request: { params: decideParams },
  responses: { 200: { description: 'Approved and applied', content: { 'application/json': { schema: ZRoleRequest } } }, ...errors },
});
const rejectRoute = route({
  access: roles(['ADMIN'], 'reject role changes'),
  method: 'post',
  path: '/api/v1/role-requests/{id}/reject',
  tags: ['people'],
  summary: 'Reject (or, by the one who asked, withdraw) a role change request',
  request: { params: decideParams },
  responses: { 200: { description: 'Rejected', content: { 'application/json': { schema: ZRoleRequest } } }, ...errors },
});
const ZStaff = z.object({ id: z.string(), displayName: z.string(), roles: z.array(z.string()), teamId: z.string().nullable(), active: z.boolean() }).openapi('Colleague');
const listStaff = route({
  access: SIGNED_IN,
  method: 'get',
  path: '/api/v1/staff',
  tags: ['people'],
  summary: 'Colleagues of my unit (name, roles, team): who did what in a case, whom to assign a step to',
  responses: { 200: { description: 'Staff', content: { 'application/json': { schema: z.object({ staff: z.array(ZStaff) }) } } }, ...errors },
});
const listTeams = route({
  access: roles(['ADMIN', 'DIRECTOR', 'TEAM_LEAD', 'SCHEDULER', 'LEADER_VIEWER', 'LEGAL_OFFICER', 'INSPECTOR', NATIONAL_ADMIN], 'see teams'),
  method: 'get',
  path: '/api/v1/teams',
  tags: ['people'],
  summary: 'Teams of my unit',
  responses: { 200: { description: 'Teams', content: { 'application/json': { schema: z.object({ teams: z.array(ZTeam) }) } } }, ...errors },
});
const createTeamRoute = route({
  access: roles(['ADMIN'], 'manage teams'),
  method: 'post',
  path: '/api/v1/teams',
  tags: ['people'],
  summary: 'Create a team (Đội) in my unit',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ id: z.string().regex(/^[a-z0-9-]{2,60}$/, 'must be 2–60 lower-case letters, digits or -'), name: z.string().min(1).max(200) }) } },
    },
  },
  responses: { 201: { description: 'Created', content: { 'application/json': { schema: ZTeam } } }, ...errors },
});

const roleRequestOut = (r: TRoleRequest) => ({ ...r, requestedAt: r.requestedAt.toISOString(), expiresAt: r.expiresAt.toISOString(), decidedAt: r.decidedAt?.toISOString() ?? null });

export function peopleRoutes(db: Db) {
  const teamOfUnit = async (teamId: string | null | undefined, unitId: string): Promise<void> => {
    if (!teamId) return;
    if ((await teamUnit(db, teamId)) !== unitId) throw invalidField('teamId', `${teamId} is not a team of your unit`, 'unknownTeam', { team: teamId });
  };
  return new OpenAPIHono<TAppEnv>()
    .openapi(listUsers, async (c) => {
      const admin = currentUser(c);
      return c.json({ users: await listUnitUsers(db, admin.unitId) }, 200);
    })
    .openapi(createUserRoute, async (c) => {
      const admin = currentUser(c);
      const b = c.req.valid('json');
      await teamOfUnit(b.teamId, admin.unitId);
      return c.json(await createPerson(db, admin, b), 201);
    })
    .openapi(createIntegrationRoute, async (c) => {
      const admin = currentUser(c);
      const b = c.req.valid('json');
      await teamOfUnit(b.teamId, admin.unitId);
      return c.json(await createIntegration(db, admin, b), 201);
    })
    .openapi(updateUserRoute, async (c) => {
      const admin = currentUser(c);
      const { id } = c.req.valid('param');
      const b = c.req.valid('json');
      await teamOfUnit(b.teamId, admin.unitId);
      return c.json(await changeUser(db, admin, id, b), 200);
    })
    .openapi(requestRolesRoute, async (c) => {
      const admin = currentUser(c);
      return c.json(roleRequestOut(await requestRoleChange(db, admin, c.req.valid('param').id, c.req.valid('json'))), 201);
    })
    .openapi(listRoleRequestsRoute, async (c) => {
      const admin = currentUser(c);
      await expireRoleRequests(db, admin.unitId);
      return c.json({ requests: (await listRoleRequests(db, admin.unitId, { status: c.req.valid('query').status, limit: 200 })).map(roleRequestOut) }, 200);
    })
    .openapi(approveRoute, async (c) => {
      const admin = currentUser(c);
      return c.json(roleRequestOut(await decideRoleChange(db, admin, c.req.valid('param').id, true)), 200);
    })
    .openapi(rejectRoute, async (c) => {
      const admin = currentUser(c);
      return c.json(roleRequestOut(await decideRoleChange(db, admin, c.req.valid('param').id, false)), 200);
    })
    .openapi(listStaff, async (c) => {
      // Names, roles and teams of the unit only (API tokens are refused by the session middleware).
      const user = currentUser(c);
      return c.json({ staff: await listColleagues(db, user.unitId) }, 200);
    })
    .openapi(listTeams, async (c) => {
      const user = currentUser(c);
      return c.json({ teams: await listUnitTeams(db, user.unitId) }, 200);
    })
    .openapi(createTeamRoute, async (c) => {
      const admin = currentUser(c);
      const b = c.req.valid('json');
      if ((await teamUnit(db, b.id)) !== undefined) throw invalidField('id', `team ${b.id} exists`, 'taken', { value: b.id }, 'CONFLICT');
      await createTeam(db, { id: b.id, unitId: admin.unitId, name: b.name });
      return c.json(b, 201);
    });
}
