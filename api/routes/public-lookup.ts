/**
 * The public case lookup's API (issue 16): `POST /api/v1/public/case-lookup`, no sign-in. A POST so
 * that neither the code nor the identifier lands in a URL, a log line or a browser history. An
 * unknown code and a wrong identifier get the same 404, byte for byte (no request id in that body:
 * it is in the X-Request-Id header), after the same work: docs/adr/0121.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Db } from '../../db/database.js';
import { PUBLIC, route } from '../access.js';
import type { Context } from 'hono';
import type { TAppEnv } from '../auth.js';
import { AppError, invalidIssues } from '../errors.js';
import { TOKEN_ERRORS, ZErrorBody } from '../schemas.js';
import { DOCUMENT_TYPES } from '../../domain/documents/types.js';
import { documentFileName } from '../../domain/documents/file-name.js';
import { PARTY_CHANNELS } from '../../domain/party-messages.js';
import { HOW_TO_PAY, lookupCase, lookupPaper, lookupReceipts, maskedSubscriptions, subscribeToCase, unsubscribeFromCase, type TLookupLimits, type TLookupResult } from '../services/case-lookup.js';

const ZText = z.object({ vi: z.string(), en: z.string() });

const ZPartyView = z
  .object({
    status: z.enum(['OPEN', 'CLOSED']),
    openedOn: z.string(),
    title: ZText.openapi({ description: 'The procedure the case follows' }),
    today: z.string().openapi({ description: 'The Vietnamese date the surcharge is counted to' }),
    steps: z.array(
      z.object({
        title: ZText,
        state: z.enum(['DONE', 'OPEN']),
        on: z.string().optional(),
        due: z.string().optional().openapi({ description: 'The legal deadline, counted on the legal calendar' }),
        kept: z.boolean().optional().openapi({ description: 'Done in time (DONE) or not yet overdue (OPEN); absent without a deadline' }),
        binds: z.enum(['AGENCY', 'PARTY']).openapi({ description: 'Whose period: the agency’s, or the party’s own (the time to pay)' }),
      }),
    ),
    documents: z.array(
      z.object({
        kind: z.enum(['VIOLATION_RECORD', 'PENALTY_DECISION', 'POSTPONEMENT_DECISION', 'INSTALMENT_DECISION']),
        number: z.string().optional(),
        date: z.string().optional(),
        signedBy: z.string().optional(),
      }),
    ),
    fine: z
      .object({
        amount: z.number().int(),
        dueDate: z.string().optional(),
        paid: z.number().int(),
        outstanding: z.number().int().openapi({ description: 'What of the fine itself is not paid yet (payments pay the fine before the surcharge)' }),
        payments: z.array(z.object({ on: z.string(), amount: z.number().int() })),
        surcharge: z
          .object({ days: z.number().int(), ratePerDay: z.number(), amount: z.number().int(), legalBasis: z.string() })
          .openapi({ description: 'The late-payment surcharge the case’s procedure version charges for a payment today (or charged at the settling payment)' }),
        toPay: z.number().int().openapi({ description: 'To pay today to settle: the fine and the surcharge less what is paid' }),
        settled: z.boolean().openapi({ description: 'The compliance step was completed as paid in full' }),
        postponedUntil: z.string().optional(),
        instalments: z.object({ count: z.number().int().optional(), firstAmount: z.number().int().optional(), lastDueDate: z.string().optional() }).optional(),
        payTo: z
          .object({ treasury: z.string(), account: z.string() })
          .optional()
          .openapi({ description: 'Where to pay, as the decision states it: the State Treasury and account the unit had set on the decision’s date (absent when none is set)' }),
      })
      .optional(),
  })
  .openapi('PartyCaseView');

const ZSubscriptions = z
  .array(z.object({ channel: z.enum(PARTY_CHANNELS), address: z.string().openapi({ description: 'Masked: the first letter of an e-mail and its domain, or a number’s last three digits' }) }))
  .openapi('PartySubscriptions', { description: 'Where the case’s news is sent (docs/adr/0145)' });

const ZPartyPapers = z
  .array(
    z.object({
      id: z.string().openapi({ description: 'The paper’s id: download it with POST /api/v1/public/case-lookup/documents/{id}' }),
      type: z.enum(DOCUMENT_TYPES),
      title: ZText,
      number: z.string().openapi({ example: '15/QĐ-XPHC' }),
      date: z.string().openapi({ description: 'The paper’s date (yyyy-mm-dd)' }),
      status: z.enum(['ISSUED', 'CORRECTED', 'REPLACED']).openapi({ description: 'CORRECTED or REPLACED once a later paper of the list corrected or replaced it' }),
      sha256: z.string().openapi({ description: 'SHA-256 of the file as issued (hex)' }),
      verifyPath: z.string().openapi({ description: 'The paper’s public verification page', example: '/xac-thuc/k7m2q9x4w8c3p5r6' }),
    }),
  )
  .openapi('PartyPapers', {
    description: 'The papers INS issued in the case and its sub-procedures’ cases that go to the party (every record and decision; never the archive package), oldest first: docs/adr/0154',
  });

const ZCodeAndIdentifier = {
  code: z.string().max(40).openapi({ description: 'The lookup code printed on the record and the decision', example: '7KQ2-M9XD-4TW8' }),
  identifier: z.string().max(40).openapi({ description: 'The party’s 12-digit personal ID number, or its 10- or 13-digit tax code', example: '2700123459' }),
};

const lookupRoute = route({
  access: PUBLIC,
  method: 'post',
  path: '/api/v1/public/case-lookup',
  tags: ['public'],
  summary: 'The party’s view of its penalty case, by the lookup code and the party’s identifier',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object(ZCodeAndIdentifier),
        },
      },
    },
  },
  responses: {
    ...TOKEN_ERRORS,
    200: {
      description: 'The case as its party sees it, its papers to download, and who is told of its news (masked)',
      content: { 'application/json': { schema: z.object({ case: ZPartyView, howToPay: ZText, subscriptions: ZSubscriptions, documents: ZPartyPapers }).openapi('PartyLookup') } },
    },
    400: { description: 'Not a lookup code or not an identifier (by their shape alone)', content: { 'application/json': { schema: ZErrorBody } } },
    404: {
      description: 'No case with this code and identifier — the same answer for an unknown code and for a wrong identifier',
      content: { 'application/json': { schema: z.object({ error: z.object({ code: z.literal('NOT_FOUND'), message: z.string() }) }).openapi('LookupNoMatch') } },
    },
    429: { description: 'Too many lookups from this address or for this code; see Retry-After', content: { 'application/json': { schema: ZErrorBody } } },
  },
});

const NO_MATCH_RESPONSE = {
  description: 'No case with this code and identifier — the same answer for an unknown code and for a wrong identifier',
  content: { 'application/json': { schema: z.object({ error: z.object({ code: z.literal('NOT_FOUND'), message: z.string() }) }) } },
};

const subscribeRoute = route({
  access: PUBLIC,
  method: 'post',
  path: '/api/v1/public/case-lookup/subscriptions',
  tags: ['public'],
  summary: 'Be told of the case’s news (the decision, each payment) by e-mail, SMS or Zalo',
  description:
    'The code and the identifier are checked as by the lookup (same limits, same "no match"). The address gets a confirmation, then a message when the decision is issued and when a payment is recorded. Subscribing an address again changes only the language. See docs/adr/0145.',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            ...ZCodeAndIdentifier,
            channel: z.enum(PARTY_CHANNELS),
            address: z.string().max(254).openapi({ description: 'An e-mail address (EMAIL) or a Vietnamese mobile number (SMS, ZALO)', example: '0912 345 678' }),
            lang: z.enum(['vi', 'en']).default('vi').openapi({ description: 'The language of the messages' }),
          }),
        },
      },
    },
  },
  responses: {
    ...TOKEN_ERRORS,
    200: { description: 'Subscribed (created: false when it was already)', content: { 'application/json': { schema: z.object({ created: z.boolean(), subscriptions: ZSubscriptions }) } } },
    400: { description: 'Not a code, an identifier or an address of the channel (by shape alone)', content: { 'application/json': { schema: ZErrorBody } } },
    404: NO_MATCH_RESPONSE,
    429: { description: 'Too many lookups from this address or for this code; see Retry-After', content: { 'application/json': { schema: ZErrorBody } } },
  },
});

const unsubscribeRoute = route({
  access: PUBLIC,
  method: 'post',
  path: '/api/v1/public/case-lookup/subscriptions/withdraw',
  tags: ['public'],
  summary: 'Stop being told of the case’s news at one address',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            ...ZCodeAndIdentifier,
            channel: z.enum(PARTY_CHANNELS),
            address: z.string().max(254).openapi({ description: 'The address as typed, or as the lookup shows it masked' }),
          }),
        },
      },
    },
  },
  responses: {
    ...TOKEN_ERRORS,
    200: {
      description: 'Withdrawn (false when no live subscription had this address)',
      content: { 'application/json': { schema: z.object({ withdrawn: z.boolean(), subscriptions: ZSubscriptions }) } },
    },
    400: { description: 'Not a code or an identifier (by shape alone)', content: { 'application/json': { schema: ZErrorBody } } },
    404: NO_MATCH_RESPONSE,
    429: { description: 'Too many lookups from this address or for this code; see Retry-After', content: { 'application/json': { schema: ZErrorBody } } },
  },
});

const ZPartyReceipts = z
  .object({
    case: z.object({
      lookupCode: z.string().openapi({ description: 'The case, by the code the party holds' }),
      title: ZText,
      decisionNo: z.string().optional().openapi({ description: 'The number of the penalty decision the payments are for' }),
      decisionDate: z.string().optional(),
    }),
    receipts: z.array(
      z.object({
        receiptNo: z.string().optional().openapi({ description: 'The receipt number given when the payment was reported (BL-…)' }),
        transactionId: z.string().openapi({ description: 'The treasury’s or the payment platform’s transaction id' }),
        amount: z.number().int(),
        paidAt: z.string().openapi({ description: 'When it was paid (ISO instant)' }),
        paidOn: z.string().openapi({ description: 'The Vietnamese date of the payment' }),
        channel: z.string().openapi({ description: 'How it was paid, as the reporter named it (KHO_BAC, NPP…)' }),
        recorded: z.boolean().openapi({ description: 'The case recorded the payment (else it is being reconciled)' }),
      }),
    ),
    fine: z.object({ amount: z.number().int(), paid: z.number().int(), toPay: z.number().int(), settled: z.boolean() }).optional(),
  })
  .openapi('PartyReceipts');

const receiptRoute = route({
  access: PUBLIC,
  method: 'post',
  path: '/api/v1/public/payments/receipt',
  tags: ['public'],
  summary: 'The receipts of the payments of a penalty case, by the lookup code and the party’s identifier',
  description: 'The same checks, limits and answers as the case lookup (docs/adr/0121): an unknown code and a wrong identifier get the same 404; the tries count against the same limits.',
  request: { body: { required: true, content: { 'application/json': { schema: z.object(ZCodeAndIdentifier) } } } },
  responses: {
    ...TOKEN_ERRORS,
    200: { description: 'Each payment reported for the case, as its receipt', content: { 'application/json': { schema: ZPartyReceipts } } },
    400: { description: 'Not a lookup code or not an identifier (by their shape alone)', content: { 'application/json': { schema: ZErrorBody } } },
    404: {
      description: 'No case with this code and identifier — the same answer for an unknown code and for a wrong identifier',
      content: { 'application/json': { schema: z.object({ error: z.object({ code: z.literal('NOT_FOUND'), message: z.string() }) }) } },
    },
    429: { description: 'Too many lookups from this address or for this code; see Retry-After', content: { 'application/json': { schema: ZErrorBody } } },
  },
});

const paperRoute = route({
  access: PUBLIC,
  method: 'post',
  path: '/api/v1/public/case-lookup/documents/{documentId}',
  tags: ['public'],
  summary: 'One of the party’s papers (a record, a decision), byte for byte as issued, by the lookup code and the party’s identifier',
  description:
    'The same checks, limits and answers as the case lookup (docs/adr/0121): an unknown code and a wrong identifier get the same 404 and no file. With the right code and identifier, an id that is not one of the papers the lookup lists (another case’s, the archive package, none) is a 404 too. docs/adr/0154.',
  request: {
    params: z.object({
      documentId: z
        .string()
        .regex(/^[a-z2-9]{16}$/, 'must be a document id')
        .openapi({ description: 'An id from the lookup’s `documents`' }),
    }),
    body: { required: true, content: { 'application/json': { schema: z.object(ZCodeAndIdentifier) } } },
  },
  responses: {
    ...TOKEN_ERRORS,
    200: { description: 'The file (its SHA-256 is the one the lookup lists and the verification page shows)', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } },
    400: { description: 'Not a lookup code, an identifier or a document id (by their shape alone)', content: { 'application/json': { schema: ZErrorBody } } },
    404: {
      description: 'No case with this code and identifier (the lookup’s one answer), or no such paper among the case’s papers',
      content: { 'application/json': { schema: z.object({ error: z.object({ code: z.literal('NOT_FOUND'), message: z.string() }) }) } },
    },
    429: { description: 'Too many lookups from this address or for this code; see Retry-After', content: { 'application/json': { schema: ZErrorBody } } },
  },
});

/** The one answer to "no such case" (no request id: it would make two answers differ). */
const NO_MATCH_BODY = {
  error: { code: 'NOT_FOUND', message: 'No case matches this lookup code and identifier. Check both against the violation record or the decision.' },
} as const;

/** No such paper in the case found (the caller holds its code and identifier: no need to look like NO_MATCH_BODY). */
const NO_PAPER_BODY = { error: { code: 'NOT_FOUND', message: 'This case has no such paper for its party. Take the id from the lookup’s documents.' } } as const;

export function publicLookupRoutes(deps: { db: Db; limits: TLookupLimits }) {
  /** The answers every route shares: no match, bad input, too many tries. */
  const refuse = (c: Context<TAppEnv>, result: Exclude<TLookupResult, { kind: 'FOUND' }>) => {
    switch (result.kind) {
      case 'NO_MATCH':
        return c.json(NO_MATCH_BODY, 404);
      case 'INVALID':
        throw invalidIssues(result.issues);
      case 'RATE_LIMITED':
        c.header('Retry-After', String(result.retryAfter));
        throw new AppError('RATE_LIMITED', `Too many lookups; try again in ${result.retryAfter} s.`);
    }
  };
  return new OpenAPIHono<TAppEnv>()
    .openapi(lookupRoute, async (c) => {
      const result = await lookupCase(deps.db, c, deps.limits, c.req.valid('json'));
      c.header('Cache-Control', 'no-store');
      if (result.kind !== 'FOUND') return refuse(c, result);
      return c.json({ case: result.view, howToPay: HOW_TO_PAY, subscriptions: await maskedSubscriptions(deps.db, result.caseId), documents: result.papers }, 200);
    })
    .openapi(subscribeRoute, async (c) => {
      const result = await subscribeToCase(deps.db, c, deps.limits, c.req.valid('json'));
      c.header('Cache-Control', 'no-store');
      if (result.kind === 'BAD_ADDRESS') throw invalidIssues(result.issues);
      if (result.kind !== 'SUBSCRIBED') return refuse(c, result);
      return c.json({ created: result.created, subscriptions: result.subscriptions }, 200);
    })
    .openapi(unsubscribeRoute, async (c) => {
      const result = await unsubscribeFromCase(deps.db, c, deps.limits, c.req.valid('json'));
      c.header('Cache-Control', 'no-store');
      if (result.kind !== 'WITHDRAWN') return refuse(c, result);
      return c.json({ withdrawn: result.withdrawn, subscriptions: result.subscriptions }, 200);
    })
    .openapi(receiptRoute, async (c) => {
      const result = await lookupReceipts(deps.db, c, deps.limits, c.req.valid('json'));
      c.header('Cache-Control', 'no-store');
      if (result.kind !== 'FOUND') return refuse(c, result);
      return c.json(result.receipts, 200);
    })
    .openapi(paperRoute, async (c) => {
      const result = await lookupPaper(deps.db, c, deps.limits, c.req.valid('json'), c.req.valid('param').documentId);
      c.header('Cache-Control', 'no-store');
      if (result.kind === 'NO_DOCUMENT') return c.json(NO_PAPER_BODY, 404);
      if (result.kind !== 'FILE') return refuse(c, result);
      c.header('Content-Type', result.document.mime);
      c.header('Content-Disposition', `attachment; filename="${documentFileName(result.document)}"`);
      return c.body(new Uint8Array(result.bytes), 200) as never;
    });
}
