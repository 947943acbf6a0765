/**
 * Evidence upload and download: the body is the file itself (streamed, never buffered whole),
 * stored under its SHA-256, so the same photo uploaded twice is stored once and the hash recorded
 * in a case proves what was seen. Size and type limits apply.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Db } from '../../db/database.js';
import { TooLargeError, type EvidenceStore } from '../../lib/evidence-store.js';
import { currentUser, requireRole, type TAppEnv } from '../auth.js';
import { AppError } from '../errors.js';
import { TOKEN_ERRORS, ZErrorBody } from '../schemas.js';

export const EVIDENCE_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'video/mp4',
  'video/webm',
  'video/quicktime',
  'audio/mpeg',
  'audio/webm',
  'application/pdf',
] as const;

const ZEvidence = z.object({ sha256: z.string(), size: z.number().int(), mime: z.string(), name: z.string() }).openapi('Evidence');

const uploadRoute = createRoute({
  method: 'post',
  path: '/api/v1/evidence',
  tags: ['evidence'],
  summary: 'Upload a file (the request body is the file; Content-Type its type; X-File-Name its URL-encoded name)',
  request: { headers: z.object({ 'content-type': z.string(), 'x-file-name': z.string().min(1).max(600) }) },
  responses: {
    201: { description: 'Stored; reference it in a step form by its sha256', content: { 'application/json': { schema: ZEvidence } } },
    400: { description: 'Bad input', content: { 'application/json': { schema: ZErrorBody } } },
    401: { description: 'Not signed in', content: { 'application/json': { schema: ZErrorBody } } },
    403: { description: 'Role not allowed', content: { 'application/json': { schema: ZErrorBody } } },
    413: { description: 'Too large', content: { 'application/json': { schema: ZErrorBody } } },
    415: { description: 'Type not accepted', content: { 'application/json': { schema: ZErrorBody } } },
  },
});

const downloadRoute = createRoute({
  method: 'get',
  path: '/api/v1/evidence/{sha256}',
  tags: ['evidence'],
  summary: 'Download a piece of evidence of one’s unit',
  request: { params: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex') }) },
  responses: {
    ...TOKEN_ERRORS,
    200: { description: 'The file, with the type it was uploaded as', content: { '*/*': { schema: z.string().openapi({ format: 'binary' }) } } },
    400: { description: 'Not a SHA-256', content: { 'application/json': { schema: ZErrorBody } } },
    401: { description: 'Not signed in', content: { 'application/json': { schema: ZErrorBody } } },
    404: { description: 'Not found', content: { 'application/json': { schema: ZErrorBody } } },
  },
});

export function evidenceRoutes(deps: { db: Db; store: EvidenceStore; maxBytes: number }) {
  const { db, store, maxBytes } = deps;
  return new OpenAPIHono<TAppEnv>()
    .openapi(uploadRoute, async (c) => {
      const user = requireRole(c, ['INSPECTOR', 'TEAM_LEAD', 'DIRECTOR', 'LEGAL_OFFICER'], 'upload evidence');
      const mime = c.req.valid('header')['content-type'].split(';')[0]!.trim().toLowerCase();
      if (!(EVIDENCE_TYPES as readonly string[]).includes(mime)) {
        return c.json({ error: { code: 'VALIDATION_FAILED', message: `content-type: ${mime} is not accepted; send one of ${EVIDENCE_TYPES.join(', ')}`, requestId: c.get('requestId') } }, 415);
      }
      let name: string;
      try {
        // Path separators and control characters never reach a stored name.
        name = [...decodeURIComponent(c.req.valid('header')['x-file-name'])].map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 32 ? '_' : ch)).join('').slice(0, 255);
      } catch {
        throw new AppError('VALIDATION_FAILED', 'x-file-name: must be URL-encoded');
      }
      const declared = Number(c.req.header('content-length') ?? '0');
      if (declared > maxBytes) return c.json({ error: { code: 'VALIDATION_FAILED', message: `The file is larger than ${maxBytes} bytes.`, requestId: c.get('requestId') } }, 413);
      if (!c.req.raw.body) throw new AppError('VALIDATION_FAILED', 'The request has no body: send the file as the body.');
      let stored;
      try {
        stored = await store.put(c.req.raw.body, maxBytes);
      } catch (err) {
        if (err instanceof TooLargeError) return c.json({ error: { code: 'VALIDATION_FAILED', message: `The file is larger than ${maxBytes} bytes.`, requestId: c.get('requestId') } }, 413);
        throw err;
      }
      if (stored.size === 0) throw new AppError('VALIDATION_FAILED', 'The file is empty.');
      await db
        .insertInto('evidence')
        .values({ sha256: stored.sha256, size: stored.size, mime, name, unit_id: user.unitId, uploaded_by: user.id, storage: store.kind })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
      return c.json({ sha256: stored.sha256, size: stored.size, mime, name }, 201);
    })
    .openapi(downloadRoute, async (c) => {
      const user = currentUser(c);
      const { sha256 } = c.req.valid('param');
      const row = await db.selectFrom('evidence').selectAll().where('sha256', '=', sha256).executeTakeFirst();
      if (!row || row.unit_id !== user.unitId) throw new AppError('NOT_FOUND', `No evidence ${sha256}.`);
      const body = await store.get(sha256);
      if (!body) throw new AppError('NOT_FOUND', `The file of evidence ${sha256} is missing from the store.`);
      return new Response(body, { status: 200, headers: { 'content-type': row.mime, 'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(row.name)}`, 'cache-control': 'private, max-age=31536000, immutable' } }) as never;
    });
}
