/**
 * The supervisor console's reads (team leads, directors, legal officers, the unit's leaders),
 * scoped like cases — a team lead's team, the unit for unit-wide roles:
 *
 * - `GET /api/v1/supervision/activity`: the field activity of the newest live events (steps
 *   completed, evidence arriving, deadlines, escalations), each with its case and the evidence it
 *   mentions; `lastEventId` is where `/api/v1/events?lastEventId=` goes on without a gap.
 * - `GET /api/v1/supervision/workload`: every open step of the scope, whatever its roles (the inbox
 *   shows a user only the steps of their own roles), for the open / overdue counts per team and
 *   per inspector.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Db } from '../../db/database.js';
import { evidenceOfUnit, newestEventId, openTasksOfScope, recentActivity } from '../../db/repositories/supervision.js';
import { roles, route } from '../access.js';
import { caseScope, currentUser, type TAppEnv } from '../auth.js';
import { ERROR_RESPONSES } from '../schemas.js';
import { CONSOLE_ROLES } from '../../domain/roles.js';

const CONSOLE = roles(CONSOLE_ROLES, 'read the supervisor console');

/** The most open steps one workload answer lists (a unit has a few hundred). */
const WORKLOAD_LIMIT = 2_000;

const ZIso = z.string().openapi({ format: 'date-time' });
const ZFile = z.object({ sha256: z.string(), name: z.string(), mime: z.string(), size: z.number().int() }).openapi('ActivityEvidence');

const ZActivity = z
  .object({
    id: z.string().openapi({ description: 'Position in the event log (the live event’s id)' }),
    at: ZIso,
    caseId: z.string(),
    caseTitle: z.string(),
    caseKind: z.string(),
    procedureId: z.string(),
    procedureVersion: z.number().int(),
    teamId: z.string(),
    status: z.string(),
    overdue: z.boolean(),
    currentSteps: z.array(z.string()),
    actions: z.array(
      z.object({
        seq: z.number().int(),
        action: z.string().openapi({ description: 'An audit action (STEP_COMPLETED, DEADLINE_BREACHED…) or EVIDENCE_ADDED' }),
        stepId: z.string().nullable(),
        actorId: z.string(),
        at: ZIso,
        evidence: z.array(ZFile).openapi({ description: 'The files the action brought, as stored (those of another unit are left out)' }),
      }),
    ),
  })
  .openapi('Activity');

const activityRoute = route({
  access: CONSOLE,
  method: 'get',
  path: '/api/v1/supervision/activity',
  tags: ['supervision'],
  summary: 'Field activity of the cases I supervise: the newest live events, newest first (after an event id: only the newer ones)',
  request: {
    query: z.object({
      after: z
        .string()
        .regex(/^\d{1,18}$/, 'must be an event id')
        .optional()
        .openapi({ description: 'Only events after this one' }),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
  },
  responses: {
    200: {
      description: 'The activity',
      content: {
        'application/json': { schema: z.object({ items: z.array(ZActivity), lastEventId: z.string().nullable().openapi({ description: 'Newest event id now: open the live stream from here' }) }) },
      },
    },
    ...ERROR_RESPONSES,
  },
});

const ZWorkTask = z
  .object({
    caseId: z.string(),
    caseTitle: z.string(),
    caseKind: z.string(),
    procedureId: z.string(),
    procedureVersion: z.number().int(),
    stepId: z.string(),
    stepTitle: z.string(),
    roles: z.array(z.string()),
    teamId: z.string(),
    assigneeId: z.string().nullable(),
    openedAt: ZIso,
    dueAt: ZIso.nullable(),
    overdue: z.boolean(),
    paused: z.boolean(),
  })
  .openapi('WorkloadTask');

const workloadRoute = route({
  access: CONSOLE,
  method: 'get',
  path: '/api/v1/supervision/workload',
  tags: ['supervision'],
  summary: 'Every open step of the cases I supervise, whatever its roles, soonest deadline first (for the team-load view)',
  responses: {
    200: { description: 'Open steps', content: { 'application/json': { schema: z.object({ tasks: z.array(ZWorkTask), truncated: z.boolean() }) } } },
    ...ERROR_RESPONSES,
  },
});

const iso = (d: Date | string): string => new Date(d).toISOString();

export function supervisionRoutes(db: Db) {
  return new OpenAPIHono<TAppEnv>()
    .openapi(activityRoute, async (c) => {
      const user = currentUser(c);
      const { after, limit } = c.req.valid('query');
      const scope = caseScope(user);
      // The newest id first: an event committed while the rest is read is then caught up by the stream.
      const lastEventId = await newestEventId(db);
      const rows = await recentActivity(db, scope, { afterId: after, limit });
      const hashes = [...new Set(rows.flatMap((r) => r.payload.actions.flatMap((a) => a.evidence ?? [])))];
      const files = new Map((await evidenceOfUnit(db, user.unitId, hashes)).map((e) => [e.sha256, e]));
      return c.json(
        {
          lastEventId: lastEventId ?? after ?? null,
          items: rows.map((r) => ({
            id: r.id,
            at: iso(r.at),
            caseId: r.payload.caseId,
            caseTitle: r.title,
            caseKind: r.kind,
            procedureId: r.procedure_id,
            procedureVersion: r.procedure_version,
            teamId: r.payload.teamId,
            status: r.payload.status,
            overdue: r.payload.overdue,
            currentSteps: r.payload.currentSteps,
            actions: r.payload.actions.map((a) => ({
              seq: a.seq,
              action: a.action,
              stepId: a.stepId ?? null,
              actorId: a.actorId,
              at: a.at,
              evidence: (a.evidence ?? []).flatMap((h) => {
                const f = files.get(h);
                return f ? [{ sha256: f.sha256, name: f.name, mime: f.mime, size: f.size }] : [];
              }),
            })),
          })),
        },
        200,
      );
    })
    .openapi(workloadRoute, async (c) => {
      const user = currentUser(c);
      const rows = await openTasksOfScope(db, caseScope(user), WORKLOAD_LIMIT + 1);
      return c.json(
        {
          truncated: rows.length > WORKLOAD_LIMIT,
          tasks: rows.slice(0, WORKLOAD_LIMIT).map((t) => ({
            caseId: t.case_id,
            caseTitle: t.case_title,
            caseKind: t.kind,
            procedureId: t.procedure_id,
            procedureVersion: t.procedure_version,
            stepId: t.step_id,
            stepTitle: t.title,
            roles: t.roles,
            teamId: t.team_id,
            assigneeId: t.assignee_id,
            openedAt: iso(t.opened_at),
            dueAt: t.due_at === null ? null : iso(t.due_at),
            overdue: t.overdue,
            paused: t.paused,
          })),
        },
        200,
      );
    });
}
