/**
 * Evidence upload and download: the body is the file itself (streamed, never buffered whole),
 * stored under its SHA-256, so the same photo uploaded twice is stored once and the hash recorded
 * in a case proves what was seen. Size and type limits apply. Downloads stream from the store and
 * honour a single `Range` (video seeking, resumed downloads).
 *
 * Resumable uploads (`/api/v1/evidence/uploads…`) send one file in chunks that any replica may
 * receive; the protocol, INS's own (tus's header names, not tus: docs/adr/0075), is described in
 * `api/services/evidence-uploads.ts`.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Db } from '../../db/database.js';
import { getCaseRow } from '../../db/repositories/cases.js';
import { findEvidence, insertEvidence, type TUploadRow } from '../../db/repositories/evidence-uploads.js';
import { logEvidenceArrival } from '../../db/repositories/supervision.js';
import { SHA256_HEX, TooLargeError, type EvidenceStore, type TByteRange } from '../../lib/evidence-store.js';
import { roles, route, SIGNED_IN } from '../access.js';
import { canSeeCase, currentUser, type TAppEnv } from '../auth.js';
import { AppError, errorBody, invalidField } from '../errors.js';
import { issueOf } from '../../domain/validation-issues.js';
import { ERROR_RESPONSES, TOKEN_ERRORS, ZErrorBody } from '../schemas.js';
import { appendChunk, createUpload, discardUpload, finalizeUpload, getUpload, type TUploadDeps } from '../services/evidence-uploads.js';
import { checkEvidenceType, EVIDENCE_TYPES, peek, SNIFF_BYTES, type TEvidenceType } from '../services/evidence-type.js';

/** Roles that collect evidence. */
const COLLECTORS = ['INSPECTOR', 'TEAM_LEAD', 'DIRECTOR', 'LEGAL_OFFICER'];
const COLLECT = roles(COLLECTORS, 'upload evidence');

const ZEvidence = z.object({ sha256: z.string(), size: z.number().int(), mime: z.string(), name: z.string() }).openapi('Evidence');

const ZUpload = z
  .object({
    id: z.string(),
    name: z.string(),
    mime: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    offset: z.number().int().openapi({ description: 'Bytes received so far: where the next chunk starts' }),
    status: z.enum(['OPEN', 'COMPLETED', 'FAILED']),
    expiresAt: z.string().openapi({ description: 'When the upload is discarded unless a chunk arrives before' }),
    evidence: ZEvidence.optional().openapi({ description: 'Once COMPLETED: the stored evidence, to reference in a step form' }),
  })
  .openapi('EvidenceUpload');

/** A request without the bytes it is for: the body is what is missing. */
const missingBody = (message: string): AppError => new AppError('VALIDATION_FAILED', message, undefined, [issueOf('body', message, 'required')]);
const json = (description: string, schema: z.ZodType) => ({ description, content: { 'application/json': { schema } } });
const error = (description: string) => json(description, ZErrorBody);
const zHex = z.string().regex(SHA256_HEX, 'must be a SHA-256 in lower-case hex');
const zUploadId = z.object({ id: z.uuid({ error: 'must be an upload id' }) });
const zByteCount = (what: string) => z.string().regex(/^\d{1,15}$/, `must be ${what} as a whole number of bytes`);

const uploadRoute = route({
  access: COLLECT,
  method: 'post',
  path: '/api/v1/evidence',
  tags: ['evidence'],
  summary: 'Upload a file (the request body is the file; Content-Type its type; X-File-Name its URL-encoded name)',
  request: { headers: z.object({ 'content-type': z.string(), 'x-file-name': z.string().min(1).max(600) }) },
  responses: {
    201: json('Stored; reference it in a step form by its sha256', ZEvidence),
    ...ERROR_RESPONSES,
    413: error('Too large'),
    415: error('Type not accepted, or the bytes are not of the declared type (EVIDENCE_TYPE_MISMATCH)'),
  },
});

const downloadRoute = route({
  access: SIGNED_IN,
  method: 'get',
  path: '/api/v1/evidence/{sha256}',
  tags: ['evidence'],
  summary: 'Download a piece of evidence of one’s unit (a single `Range: bytes=…` gets 206)',
  request: { params: z.object({ sha256: zHex }) },
  responses: {
    ...ERROR_RESPONSES,
    ...TOKEN_ERRORS,
    200: { description: 'The file, with the type it was uploaded as', content: { '*/*': { schema: z.string().openapi({ format: 'binary' }) } } },
    206: { description: 'The requested bytes of the file', content: { '*/*': { schema: z.string().openapi({ format: 'binary' }) } } },
    400: { description: 'Not a SHA-256', content: { 'application/json': { schema: ZErrorBody } } },
    416: error('Range outside the file'),
  },
});

const createUploadRoute = route({
  access: COLLECT,
  method: 'post',
  path: '/api/v1/evidence/uploads',
  tags: ['evidence'],
  summary: 'Start a resumable upload: declare the file; then PATCH its chunks and finalize',
  description:
    'INS’s own resumable protocol. It uses the tus 1.0 names `Upload-Offset`, `Upload-Length` and `application/offset+octet-stream` with their tus meaning, but it is not tus: no `Tus-Resumable` or `OPTIONS`, the file is declared as JSON (with its SHA-256), chunks are answered with 200 and JSON, a chunk cut off is not kept, and `…/finalize` verifies the whole file. tus clients cannot use it (docs/adr/0075).',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            name: z.string().min(1).max(255),
            mime: z.string().min(1).max(100),
            size: z.number().int().min(1),
            sha256: zHex,
          }),
        },
      },
    },
  },
  responses: {
    201: json('Upload started at offset 0 (Location: its URL)', ZUpload),
    ...ERROR_RESPONSES,
    413: error('Declared size over the limit'),
    415: error('Type not accepted'),
  },
});

const statusRoute = route({
  access: COLLECT,
  method: 'get',
  path: '/api/v1/evidence/uploads/{id}',
  tags: ['evidence'],
  summary: 'Where one’s upload stands (also as HEAD: `Upload-Offset` and `Upload-Length` headers)',
  request: { params: zUploadId },
  responses: { 200: json('The upload', ZUpload), ...ERROR_RESPONSES, 410: error('Expired') },
});

const chunkRoute = route({
  access: COLLECT,
  method: 'patch',
  path: '/api/v1/evidence/uploads/{id}',
  tags: ['evidence'],
  summary: 'Send the chunk that starts at `Upload-Offset` (the body is the bytes; any length up to the rest of the file)',
  request: {
    params: zUploadId,
    headers: z.object({ 'upload-offset': zByteCount('the offset of the chunk'), 'content-length': zByteCount('the length of the chunk'), 'content-type': z.string() }),
    body: { required: true, content: { 'application/offset+octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } },
  },
  responses: {
    200: json('Kept; `offset` (and the `Upload-Offset` header) is where the next chunk starts', ZUpload),
    ...ERROR_RESPONSES,
    410: error('Expired'),
  },
});

const finalizeRoute = route({
  access: COLLECT,
  method: 'post',
  path: '/api/v1/evidence/uploads/{id}/finalize',
  tags: ['evidence'],
  summary: 'Check the received bytes against the declared size and SHA-256 and store them as evidence (idempotent); with a case, tell its watchers the evidence arrived',
  request: {
    params: zUploadId,
    // Optional: the case (and step) the file is collected for; the live feed of those who supervise the case shows it arriving.
    query: z.object({
      caseId: z.string().min(1).max(200).optional().openapi({ description: 'The case the file is collected for (its supervisors see it arrive)' }),
      stepId: z.string().min(1).max(40).optional().openapi({ description: 'The step of that case' }),
    }),
  },
  responses: {
    201: json('Stored; `evidence.sha256` is what a step form references', ZUpload),
    ...ERROR_RESPONSES,
    410: error('Expired'),
    415: error('The file’s bytes are not of its declared type (EVIDENCE_TYPE_MISMATCH); the upload is discarded'),
  },
});

const discardRoute = route({
  access: COLLECT,
  method: 'delete',
  path: '/api/v1/evidence/uploads/{id}',
  tags: ['evidence'],
  summary: 'Abandon one’s upload and remove what was received',
  request: { params: zUploadId },
  responses: { 204: { description: 'Removed' }, ...ERROR_RESPONSES },
});

/** Path separators and control characters never reach a stored name. */
function safeName(raw: string): string {
  return [...raw]
    .map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 32 ? '_' : ch))
    .join('')
    .slice(0, 255);
}

function acceptedType(raw: string, field: string): TEvidenceType {
  const mime = raw.split(';')[0]!.trim().toLowerCase();
  if (!(EVIDENCE_TYPES as readonly string[]).includes(mime)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${field}: ${mime} is not accepted; send one of ${EVIDENCE_TYPES.join(', ')}`);
  }
  return mime as TEvidenceType;
}

/** A single `bytes=` range against `size`; undefined for none or for forms served whole (several ranges). */
function parseRange(header: string | undefined, size: number): TByteRange | 'unsatisfiable' | undefined {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

function uploadBody(row: TUploadRow) {
  return {
    id: row.id,
    name: row.name,
    mime: row.mime,
    size: row.size,
    sha256: row.sha256,
    offset: row.received,
    status: row.status,
    expiresAt: row.expiresAt.toISOString(),
    ...(row.status === 'COMPLETED' ? { evidence: { sha256: row.sha256, size: row.size, mime: row.mime, name: row.name } } : {}),
  };
}

function offsetHeaders(c: Context<TAppEnv>, row: TUploadRow): void {
  c.header('Upload-Offset', String(row.received));
  c.header('Upload-Length', String(row.size));
  c.header('Cache-Control', 'no-store');
}

export function evidenceRoutes(deps: { db: Db; store: EvidenceStore; maxBytes: number; uploadTtlMs?: number }) {
  const { db, store, maxBytes } = deps;
  const uploads: TUploadDeps = { db, store, maxBytes, uploadTtlMs: deps.uploadTtlMs ?? 24 * 3_600_000 };
  return new OpenAPIHono<TAppEnv>()
    .openapi(uploadRoute, async (c) => {
      const user = currentUser(c);
      const mime = acceptedType(c.req.valid('header')['content-type'], 'content-type');
      let name: string;
      try {
        name = safeName(decodeURIComponent(c.req.valid('header')['x-file-name']));
      } catch {
        throw invalidField('x-file-name', 'must be URL-encoded', 'format', { format: 'url-encoded' });
      }
      const declared = Number(c.req.header('content-length') ?? '0');
      if (declared > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${maxBytes} bytes.`);
      if (!c.req.raw.body) throw missingBody('The request has no body: send the file as the body.');
      // The type is read from the first bytes before anything is stored; the rest streams on into the store.
      const { head, body } = await peek(c.req.raw.body, SNIFF_BYTES);
      if (head.byteLength === 0) throw missingBody('The file is empty.');
      try {
        await checkEvidenceType(mime, head, 'content-type');
      } catch (err) {
        await body.cancel().catch(() => undefined);
        throw err;
      }
      let stored;
      try {
        stored = await store.put(body, maxBytes);
      } catch (err) {
        if (err instanceof TooLargeError) throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${maxBytes} bytes.`);
        throw err;
      }
      if (stored.size === 0) throw missingBody('The file is empty.');
      await insertEvidence(db, { sha256: stored.sha256, size: stored.size, mime, name, unitId: user.unitId, uploadedBy: user.id, storage: store.kind });
      return c.json({ sha256: stored.sha256, size: stored.size, mime, name }, 201);
    })
    .openapi(createUploadRoute, async (c) => {
      const user = currentUser(c);
      const body = c.req.valid('json');
      const mime = acceptedType(body.mime, 'mime');
      const row = await createUpload(uploads, user, { name: safeName(body.name), mime, size: body.size, sha256: body.sha256 });
      offsetHeaders(c, row);
      c.header('Location', `/api/v1/evidence/uploads/${row.id}`);
      return c.json(uploadBody(row), 201);
    })
    .openapi(statusRoute, async (c) => {
      const user = currentUser(c);
      const row = await getUpload(uploads, user, c.req.valid('param').id);
      offsetHeaders(c, row);
      return c.json(uploadBody(row), 200);
    })
    .openapi(chunkRoute, async (c) => {
      const user = currentUser(c);
      const h = c.req.valid('header');
      const type = h['content-type'].split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/offset+octet-stream' && type !== 'application/octet-stream') {
        throw invalidField('content-type', 'a chunk is sent as application/offset+octet-stream', 'mediaType', { expected: 'application/offset+octet-stream' });
      }
      if (!c.req.raw.body) throw missingBody('The request has no body: send the chunk as the body.');
      const row = await appendChunk(uploads, user, c.req.valid('param').id, Number(h['upload-offset']), Number(h['content-length']), c.req.raw.body);
      offsetHeaders(c, row);
      return c.json(uploadBody(row), 200);
    })
    .openapi(finalizeRoute, async (c) => {
      const user = currentUser(c);
      const context = c.req.valid('query');
      if (context.caseId) {
        const found = await getCaseRow(db, context.caseId);
        if (!found || !canSeeCase(user, found)) throw new AppError('NOT_FOUND', `caseId: no case ${context.caseId}.`);
      }
      const row = await finalizeUpload(uploads, user, c.req.valid('param').id);
      if (context.caseId) await logEvidenceArrival(db, { caseId: context.caseId, stepId: context.stepId, actorId: user.id, sha256: row.sha256, at: new Date() });
      offsetHeaders(c, row);
      return c.json(uploadBody(row), 201);
    })
    .openapi(discardRoute, async (c) => {
      const user = currentUser(c);
      await discardUpload(uploads, user, c.req.valid('param').id);
      return c.body(null, 204);
    })
    .openapi(downloadRoute, async (c) => {
      const user = currentUser(c);
      const { sha256 } = c.req.valid('param');
      const row = await findEvidence(db, sha256, user.unitId);
      if (!row || row.unit_id !== user.unitId) throw new AppError('NOT_FOUND', `No evidence ${sha256}.`);
      const range = parseRange(c.req.header('range'), row.size);
      if (range === 'unsatisfiable') {
        c.header('Content-Range', `bytes */${row.size}`);
        return c.json(errorBody(c, 'RANGE_NOT_SATISFIABLE', `range: the file has ${row.size} bytes.`), 416);
      }
      const body = await store.get(sha256, range);
      if (!body) throw new AppError('NOT_FOUND', `The file of evidence ${sha256} is missing from the store.`);
      const headers: Record<string, string> = {
        'content-type': row.mime,
        'content-length': String(range ? range.end - range.start + 1 : row.size),
        'accept-ranges': 'bytes',
        etag: `"${sha256}"`,
        'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(row.name)}`,
        'cache-control': 'private, max-age=31536000, immutable',
      };
      if (range) headers['content-range'] = `bytes ${range.start}-${range.end}/${row.size}`;
      return new Response(body, { status: range ? 206 : 200, headers }) as never;
    });
}
