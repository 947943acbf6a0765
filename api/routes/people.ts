/**
 * Users and teams of the admin's own unit. Passwords are set by the admin once and changed by the
 * user; deactivating a user ends their sessions and stops their tokens.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { STAFF_ROLES } from '../../domain/procedure.js';
import type { Db } from '../../db/database.js';
import { createTeam, createUser, isUsernameTaken, listColleagues, listUnitTeams, listUnitUsers, teamUnit, updateUser, userUnit } from '../../db/repositories/people.js';
import { roles, route, SIGNED_IN } from '../access.js';
import { currentUser, type TAppEnv } from '../auth.js';
import { AppError } from '../errors.js';
import { ERROR_RESPONSES as errors, patchBody } from '../schemas.js';

const ZRole = z.enum(STAFF_ROLES.filter((r) => r !== 'SYSTEM') as [string, ...string[]]);
const ZUserOut = z.object({ id: z.string(), username: z.string(), displayName: z.string(), roles: z.array(z.string()), teamId: z.string().nullable(), active: z.boolean() }).openapi('StaffUser');

const ZTeam = z.object({ id: z.string(), name: z.string() }).openapi('Team');
/** Users of the unit are managed by its administrator. */
const MANAGE_USERS = roles(['ADMIN'], 'manage users');

const listUsers = route({ access: MANAGE_USERS, method: 'get', path: '/api/v1/users', tags: ['people'], summary: 'Users of my unit', responses: { 200: { description: 'Users', content: { 'application/json': { schema: z.object({ users: z.array(ZUserOut) }) } } }, ...errors } });
const createUserRoute = route({
  access: MANAGE_USERS,
  method: 'post',
  path: '/api/v1/users',
  tags: ['people'],
  summary: 'Create a user of my unit',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            username: z.string().regex(/^[a-z][a-z0-9._-]{2,49}$/, 'must be 3–50 lower-case letters, digits, . _ -'),
            displayName: z.string().min(1).max(200),
            password: z.string().min(12, 'must have at least 12 characters').max(200),
            roles: z.array(ZRole).min(1),
            teamId: z.string().min(1).max(60).nullable().default(null),
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
  summary: 'Change roles, team or active state of a user of my unit',
  request: { params: z.object({ id: z.string().min(1).max(100) }), body: { required: true, content: { 'application/json': { schema: patchBody(z.object({ roles: z.array(ZRole).min(1).optional(), teamId: z.string().min(1).max(60).nullable().optional(), active: z.boolean().optional() }), 'roles, teamId or active') } } } },
  responses: { 200: { description: 'Updated', content: { 'application/json': { schema: ZUserOut } } }, ...errors },
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
const listTeams = route({ access: roles(['ADMIN', 'DIRECTOR', 'TEAM_LEAD', 'SCHEDULER', 'LEADER_VIEWER', 'LEGAL_OFFICER', 'INSPECTOR'], 'see teams'), method: 'get', path: '/api/v1/teams', tags: ['people'], summary: 'Teams of my unit', responses: { 200: { description: 'Teams', content: { 'application/json': { schema: z.object({ teams: z.array(ZTeam) }) } } }, ...errors } });
const createTeamRoute = route({
  access: roles(['ADMIN'], 'manage teams'),
  method: 'post',
  path: '/api/v1/teams',
  tags: ['people'],
  summary: 'Create a team (Đội) in my unit',
  request: { body: { required: true, content: { 'application/json': { schema: z.object({ id: z.string().regex(/^[a-z0-9-]{2,60}$/, 'must be 2–60 lower-case letters, digits or -'), name: z.string().min(1).max(200) }) } } } },
  responses: { 201: { description: 'Created', content: { 'application/json': { schema: ZTeam } } }, ...errors },
});

export function peopleRoutes(db: Db) {
  const teamOfUnit = async (teamId: string | null | undefined, unitId: string): Promise<void> => {
    if (!teamId) return;
    if ((await teamUnit(db, teamId)) !== unitId) throw new AppError('VALIDATION_FAILED', `teamId: ${teamId} is not a team of your unit`);
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
      if (await isUsernameTaken(db, b.username)) throw new AppError('CONFLICT', `username: ${b.username} is taken`);
      await createUser(db, { id: b.username, username: b.username, displayName: b.displayName, password: b.password, roles: b.roles, unitId: admin.unitId, teamId: b.teamId });
      return c.json({ id: b.username, username: b.username, displayName: b.displayName, roles: b.roles, teamId: b.teamId, active: true }, 201);
    })
    .openapi(updateUserRoute, async (c) => {
      const admin = currentUser(c);
      const { id } = c.req.valid('param');
      const b = c.req.valid('json');
      if ((await userUnit(db, id)) !== admin.unitId) throw new AppError('NOT_FOUND', `No user ${id} in your unit.`);
      if (id === admin.id && b.active === false) throw new AppError('BUSINESS_RULE', 'You cannot deactivate yourself.');
      await teamOfUnit(b.teamId, admin.unitId);
      return c.json(await updateUser(db, id, b), 200);
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
      if ((await teamUnit(db, b.id)) !== undefined) throw new AppError('CONFLICT', `id: team ${b.id} exists`);
      await createTeam(db, { id: b.id, unitId: admin.unitId, name: b.name });
      return c.json(b, 201);
    });
}
