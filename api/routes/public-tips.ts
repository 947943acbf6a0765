/**
 * Tips from the public, the JSON side (issue 16; docs/adr/0130–0133), no sign-in: a proof-of-work
 * challenge, the units a tip may be sent to, the tip itself (which starts an `ins-tip` case and
 * answers a tracking code, once), and the tip's status by that code — a POST, so the code never
 * lands in a URL, with the same 404 for a code no tip has as for a mistyped one.
 *
 * And the staff side of a tip's case: the tip as the reporter wrote it with the tips linked to it
 * (anyone who may see the case), and the reporter's contact (the unit's director and team leads
 * only: docs/adr/0131).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { getCaseRow } from '../../db/repositories/cases.js';
import { appendRequestAudit } from '../../db/repositories/request-audit.js';
import { relatedTips, tipOfCase, tipReporter } from '../../db/repositories/tips.js';
import { TIP_THEMES } from '../../domain/public-tip.js';
import { PUBLIC, roles, route, SIGNED_IN } from '../access.js';
import { canSeeCase, currentUser, type TAppEnv } from '../auth.js';
import { AppError, invalidIssues } from '../errors.js';
import { ERROR_RESPONSES, TOKEN_ERRORS, ZErrorBody } from '../schemas.js';
import { issueChallenge, submitTip, tipUnits, trackTip, ZTipSubmission, type TTipDeps } from '../services/public-tips.js';

const error = (description: string) => ({ description, content: { 'application/json': { schema: ZErrorBody } } });
const json = (description: string, schema: z.ZodType) => ({ description, content: { 'application/json': { schema } } });

const ZChallenge = z
  .object({
    token: z.string().openapi({ description: '`id.issuedAt.difficulty.signature`: send it back as `challenge`' }),
    difficulty: z.number().int().openapi({ description: 'Leading zero bits sha256(token + nonce) must have' }),
    expiresAt: z.string().openapi({ description: 'Send the tip before then' }),
  })
  .openapi('TipChallenge');

const ZTipTracking = z
  .object({
    status: z.enum(['RECEIVED', 'CHECKING', 'HANDLED']).openapi({ description: 'Received (not yet logged by an officer), being checked, handled' }),
    receivedAt: z.string(),
    checkingSince: z.string().optional(),
    handledAt: z.string().optional(),
  })
  .openapi('TipTracking');

const challengeRoute = route({
  access: PUBLIC,
  method: 'get',
  path: '/api/v1/public/tips/challenge',
  tags: ['public'],
  summary: 'A proof-of-work challenge for one tip: find a nonce such that sha256(token + nonce) has `difficulty` leading zero bits',
  responses: { ...TOKEN_ERRORS, 200: json('A fresh challenge, used once', ZChallenge), 429: error('Too many requests; see Retry-After') },
});

const unitsRoute = route({
  access: PUBLIC,
  method: 'get',
  path: '/api/v1/public/tips/units',
  tags: ['public'],
  summary: 'The units a tip may be sent to',
  responses: {
    ...TOKEN_ERRORS,
    200: json('Units by name', z.object({ units: z.array(z.object({ id: z.string(), name: z.string() })) }).openapi('TipUnits')),
    429: error('Too many requests; see Retry-After'),
  },
});

const submitRoute = route({
  access: PUBLIC,
  method: 'post',
  path: '/api/v1/public/tips',
  tags: ['public'],
  summary: 'Send a tip: starts the hotline-tip procedure in the unit and answers a tracking code, shown once',
  request: { body: { required: true, content: { 'application/json': { schema: ZTipSubmission.openapi('TipSubmission') } } } },
  responses: {
    ...TOKEN_ERRORS,
    201: json(
      'Received: the tracking code (kept nowhere in clear: it cannot be shown again)',
      z.object({ trackingCode: z.string().openapi({ example: '7KQ2-M9XD-4TW8' }), receivedAt: z.string() }).openapi('TipReceipt'),
    ),
    400: error('Bad input (VALIDATION_FAILED, each field named), or the challenge is forged, stale, unsolved or used (CHALLENGE_REFUSED, `details.reason`)'),
    429: error('Too many tips from this address; see Retry-After'),
    503: error('The tip could not be recorded now; try again with a new challenge'),
  },
});

const trackRoute = route({
  access: PUBLIC,
  method: 'post',
  path: '/api/v1/public/tips/track',
  tags: ['public'],
  summary: 'A tip’s status by its tracking code: received, being checked, handled — and the dates, nothing else',
  request: { body: { required: true, content: { 'application/json': { schema: z.object({ code: z.string().max(40).openapi({ example: '7KQ2-M9XD-4TW8' }) }) } } } },
  responses: {
    ...TOKEN_ERRORS,
    200: json('The tip’s status', z.object({ tip: ZTipTracking }).openapi('TipTrackingAnswer')),
    400: error('Not a tracking code (by its shape alone)'),
    404: json('No tip has this code (one answer for every unknown code)', z.object({ error: z.object({ code: z.literal('NOT_FOUND'), message: z.string() }) }).openapi('TipNoMatch')),
    429: error('Too many requests from this address or for this code; see Retry-After'),
  },
});

const ZCaseParam = z.object({ caseId: z.string().min(1).max(200) });

const ZStaffTip = z
  .object({
    tip: z.object({
      receivedAt: z.string(),
      theme: z.enum(TIP_THEMES),
      content: z.string(),
      place: z.string(),
      businessName: z.string().optional(),
      taxCode: z.string().optional(),
      anonymous: z.boolean(),
      wantsReply: z.boolean(),
      photos: z.array(z.object({ sha256: z.string(), name: z.string(), size: z.number().int(), mime: z.string() })),
    }),
    related: z
      .array(z.object({ caseId: z.string(), receivedAt: z.string(), theme: z.enum(TIP_THEMES), status: z.enum(['OPEN', 'CLOSED']).optional() }))
      .openapi({ description: 'The unit’s other tips about the same business (tax code, or name) and theme that this user may see, newest first' }),
  })
  .openapi('CaseTip');

const caseTipRoute = route({
  access: SIGNED_IN,
  method: 'get',
  path: '/api/v1/cases/{caseId}/tip',
  tags: ['cases'],
  summary: 'The public tip a case was started by, as the reporter wrote it (never who they are), and the tips linked to it',
  request: { params: ZCaseParam },
  responses: { 200: json('The tip', ZStaffTip), ...ERROR_RESPONSES },
});

/** Who may see a tip's reporter: the unit's director and its team leads (docs/adr/0131). */
const REPORTER_READERS = roles(['DIRECTOR', 'TEAM_LEAD'], 'see who sent a tip');

const reporterRoute = route({
  access: REPORTER_READERS,
  method: 'get',
  path: '/api/v1/cases/{caseId}/tip/reporter',
  tags: ['cases'],
  summary: 'Who sent the tip, if they gave a contact (the unit’s director and team leads only; each read is recorded in the unit’s request audit first)',
  request: { params: ZCaseParam },
  responses: {
    200: json(
      'The contact; `anonymous` when none was kept',
      z.object({ anonymous: z.boolean(), name: z.string().optional(), phone: z.string().optional(), email: z.string().optional() }).openapi('TipReporter'),
    ),
    ...ERROR_RESPONSES,
  },
});

/** The one answer to "no such tip". */
const NO_MATCH_BODY = { error: { code: 'NOT_FOUND', message: 'No tip has this tracking code. Check it against the code shown when the tip was sent.' } } as const;

export function publicTipRoutes(deps: TTipDeps) {
  const { db } = deps;

  async function caseTip(user: ReturnType<typeof currentUser>, caseId: string) {
    const row = await getCaseRow(db, caseId);
    if (!row || !canSeeCase(user, row)) throw new AppError('NOT_FOUND', `No case ${caseId}.`);
    const tip = await tipOfCase(db, caseId);
    if (!tip) throw new AppError('NOT_FOUND', `Case ${caseId} was not started by a public tip.`);
    return { tip, user };
  }

  return new OpenAPIHono<TAppEnv>()
    .openapi(challengeRoute, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await issueChallenge(db, deps.settings), 200);
    })
    .openapi(unitsRoute, async (c) => c.json({ units: await tipUnits(db) }, 200))
    .openapi(submitRoute, async (c) => {
      const body = c.req.valid('json');
      const photos = (body.photos ?? []).map((p) => ({ name: p.name, mime: p.mime, bytes: Buffer.from(p.data, 'base64') }));
      const result = await submitTip(deps, c, body, photos);
      c.header('Cache-Control', 'no-store');
      switch (result.kind) {
        case 'CREATED':
          return c.json({ trackingCode: result.trackingCode, receivedAt: result.receivedAt }, 201);
        case 'INVALID':
          throw invalidIssues(result.issues);
        case 'CHALLENGE_REFUSED':
          throw new AppError('CHALLENGE_REFUSED', `challenge: refused (${result.reason}); ask GET /api/v1/public/tips/challenge for a new one and solve it.`, undefined, { reason: result.reason });
        case 'RATE_LIMITED':
          c.header('Retry-After', String(result.retryAfter));
          throw new AppError('RATE_LIMITED', `Too many tips from this address; try again in ${result.retryAfter} s.`);
      }
    })
    .openapi(trackRoute, async (c) => {
      const result = await trackTip(db, c, deps.settings, c.req.valid('json'));
      c.header('Cache-Control', 'no-store');
      switch (result.kind) {
        case 'FOUND':
          return c.json({ tip: result.tip }, 200);
        case 'NO_MATCH':
          return c.json(NO_MATCH_BODY, 404);
        case 'INVALID':
          throw invalidIssues(result.issues);
        case 'RATE_LIMITED':
          c.header('Retry-After', String(result.retryAfter));
          throw new AppError('RATE_LIMITED', `Too many tracking requests; try again in ${result.retryAfter} s.`);
      }
    })
    .openapi(caseTipRoute, async (c) => {
      const { tip, user } = await caseTip(currentUser(c), c.req.valid('param').caseId);
      const related = tip.link_key ? await relatedTips(db, tip.unit_id, tip.link_key, tip.id) : [];
      return c.json(
        {
          tip: {
            receivedAt: tip.received_at.toISOString(),
            theme: tip.theme as (typeof TIP_THEMES)[number],
            content: tip.content,
            place: tip.place,
            ...(tip.business_name ? { businessName: tip.business_name } : {}),
            ...(tip.tax_code ? { taxCode: tip.tax_code } : {}),
            anonymous: tip.anonymous,
            wantsReply: tip.wants_reply,
            photos: tip.photos,
          },
          related: related
            .filter((r) => r.team_id !== null && canSeeCase(user, { unit_id: tip.unit_id, team_id: r.team_id }))
            .map((r) => ({ caseId: r.case_id, receivedAt: r.received_at.toISOString(), theme: r.theme as (typeof TIP_THEMES)[number], ...(r.status ? { status: r.status } : {}) })),
        },
        200,
      );
    })
    .openapi(reporterRoute, async (c) => {
      const { tip, user } = await caseTip(currentUser(c), c.req.valid('param').caseId);
      const who = await tipReporter(db, tip.id);
      // Who read an informant's identity is in the unit's hash-chained request audit, written before
      // the answer: without the record there is no answer (docs/adr/0131). The next request of the
      // unit, or the sweep, chains it (docs/adr/0173).
      await appendRequestAudit(db, {
        chainId: user.unitId,
        at: new Date().toISOString(),
        actorId: user.id,
        actorRoles: [...user.roles],
        method: 'GET',
        path: c.req.path,
        status: 200,
        outcome: 'ACCEPTED',
        code: null,
        requestId: c.get('requestId'),
        idempotencyKey: null,
      });
      c.header('Cache-Control', 'no-store');
      return c.json({ anonymous: !who, ...(who?.name ? { name: who.name } : {}), ...(who?.phone ? { phone: who.phone } : {}), ...(who?.email ? { email: who.email } : {}) }, 200);
    });
}
