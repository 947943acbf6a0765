/**
 * Tips from the public (issue 16; docs/adr/0130–0133), shared by the JSON routes
 * (api/routes/public-tips.ts) and the server-rendered pages (api/public/tip-pages.ts):
 *
 *  - a proof-of-work challenge, signed with a key kept in PostgreSQL (every replica signs and
 *    checks alike), fresh for a while and used once (the use recorded in PostgreSQL);
 *  - a submission: counted against the client's address, checked, its photos stored in the
 *    evidence store, its hotline-tip case (`ins-tip`) started in the chosen unit, the tip stored
 *    with its reporter's contact apart, and a tracking code shown once;
 *  - the tracking: the tip's status (received, being checked, handled) and dates by the code,
 *    the same "no match" for a code no tip has as for a mistyped one, limits per address and code.
 */
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Client } from '@temporalio/client';
import type { Context } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { caseIdForRequest } from '../../db/repositories/case-opening.js';
import { insertEvidence } from '../../db/repositories/evidence-uploads.js';
import { latestPublishedVersion } from '../../db/repositories/procedures.js';
import { countRequest } from '../../db/repositories/rate-limit.js';
import { challengeUsed, findTipByTracking, insertTip, listUnits, pruneUsedChallenges, tipChallengeSecret, tipIntakeTeam, useChallenge } from '../../db/repositories/tips.js';
import type { TTipPhoto } from '../../db/tables/tip.table.js';
import { parseTaxCode } from '../../domain/business.js';
import { caseNumberScope } from '../../domain/case-opening.js';
import { generateLookupCode, LOOKUP_CODE_RANDOM_BYTES, normaliseLookupCode } from '../../domain/lookup-code.js';
import { challengePayload, checkProof, TIP_THEMES, tipLinkKey, tipStatus, type TProofRefusal, type TTipStatus } from '../../domain/public-tip.js';
import { isStorableText, issueOf, ruleParams, STORABLE_TEXT, zodIssues, type TValidationIssue } from '../../domain/validation-issues.js';
import type { EvidenceStore } from '../../lib/evidence-store.js';
import type { TAppEnv } from '../auth.js';
import { clientAddress } from '../client-address.js';
import { AppError } from '../errors.js';
import { checkEvidenceType, SNIFF_BYTES } from './evidence-type.js';
import { startCaseReportingOutcome } from './case-actions.js';

/** The procedure a public tip starts, and the step its officer logs it in. */
export const TIP_PROCEDURE = 'ins-tip';
export const TIP_FIRST_STEP = 'C1';

/** Thrown to roll back the trial write of a tip's row. */
const ROLLED_BACK = Symbol('rolled back');

/** Who starts a tip's case: the portal, not an officer (its events say so). */
const PORTAL_ACTOR = { userId: 'public-portal', roles: ['SYSTEM'] };

/** Photos a tip may carry: how many, how large each, which types (what a phone takes and a browser shows). */
export const TIP_PHOTOS = { max: 3, maxBytes: 2 * 1024 * 1024, types: ['image/jpeg', 'image/png', 'image/webp'] as const };

/** The limits of the public tips (api/app.ts takes overrides; tests lower the difficulty and the limits). */
export interface TTipSettings {
  /** Tips per client address per window. */
  perAddress: number;
  /** Tracking requests per address, and per code, per window. */
  trackPerAddress: number;
  trackPerCode: number;
  windowMs: number;
  /** Leading zero bits the proof of work needs (each bit doubles the work: 16 is about a second in a phone's browser). */
  difficulty: number;
  /** How long a challenge may be used after it was issued. */
  challengeTtlMs: number;
  /** The form posted without a script (no proof of work): the challenge must be at least this old (docs/adr/0132). */
  noScriptMinAgeMs: number;
}

/** 5 tips an hour per address; tracking like the case lookup; 16 bits; a challenge lasts 30 min; a form without a script takes 20 s at least. */
export const DEFAULT_TIP_SETTINGS: TTipSettings = {
  perAddress: 5,
  trackPerAddress: 20,
  trackPerCode: 10,
  windowMs: 60 * 60_000,
  difficulty: 16,
  challengeTtlMs: 30 * 60_000,
  noScriptMinAgeMs: 20_000,
};

/**
 * The tip as the reporter sends it (the JSON route's body; the form's fields map onto it). Its texts
 * refuse what PostgreSQL cannot store (U+0000, an unpaired surrogate) at their fields: the form is
 * read with `parseBody()`, which the JSON routes' input guard (api/text-guard.ts) never sees, and
 * such a text used to start the tip's case and then fail its row (docs/adr/0208).
 */
export const ZTipSubmission = z.object({
  unitId: z.string().min(1).max(40).refine(isStorableText, STORABLE_TEXT).meta({ description: 'The unit the tip is for (GET /api/v1/public/tips/units)' }),
  theme: z.enum(TIP_THEMES).meta({ description: 'What the tip is about' }),
  content: z.string().trim().min(10).max(4000).refine(isStorableText, STORABLE_TEXT).meta({ description: 'What was seen: what, when, how' }),
  place: z.string().trim().min(3).max(300).refine(isStorableText, STORABLE_TEXT).meta({ description: 'Where: the address or a description of the place' }),
  businessName: z.string().trim().max(200).refine(isStorableText, STORABLE_TEXT).optional().meta({ description: 'The business, if known' }),
  taxCode: z
    .string()
    .trim()
    .max(20)
    .optional()
    .superRefine((v, ctx) => {
      if (!v) return;
      if (!isStorableText(v)) return ctx.addIssue({ code: 'custom', ...STORABLE_TEXT });
      const parsed = parseTaxCode(v);
      // The registry's own rule (format, serial, branch, check digit), so that the page can say which.
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `must be a valid tax code, or left empty: ${parsed.message}`, params: ruleParams(parsed.rule, parsed.params) });
    })
    .meta({ description: 'Its tax code, if known' }),
  anonymous: z.boolean().default(false).meta({ description: 'Anonymous: no contact is kept at all, whatever is sent' }),
  contact: z
    .object({
      name: z.string().trim().max(120).refine(isStorableText, STORABLE_TEXT).optional(),
      phone: z
        .string()
        .trim()
        .regex(/^\+?[0-9 .()-]{8,20}$/, 'must be a phone number (8 to 20 digits, spaces, dots or dashes)')
        .optional(),
      email: z.email().max(200).optional(),
    })
    .optional()
    .meta({ description: 'How the agency may reach the reporter (seen only by the unit’s director and team leads)' }),
  wantsReply: z.boolean().default(false).meta({ description: 'The reporter asks to be told the outcome (needs a phone or an e-mail)' }),
  photos: z
    .array(z.object({ name: z.string().min(1).max(200), mime: z.enum(TIP_PHOTOS.types), data: z.base64().max(Math.ceil(TIP_PHOTOS.maxBytes / 3) * 4 + 4) }))
    .max(TIP_PHOTOS.max)
    .optional()
    .meta({ description: `Up to ${TIP_PHOTOS.max} photos (JPEG, PNG or WebP, at most ${TIP_PHOTOS.maxBytes} bytes each), base64` }),
  challenge: z.string().max(200).refine(isStorableText, STORABLE_TEXT).meta({ description: 'The token of GET /api/v1/public/tips/challenge' }),
  nonce: z.string().max(32).refine(isStorableText, STORABLE_TEXT).meta({ description: 'A nonce such that sha256(challenge + nonce) has the challenge’s number of leading zero bits' }),
});
export type TTipSubmission = z.output<typeof ZTipSubmission>;

/** A photo as received (decoded from base64 or taken from the form). */
export interface TPhotoIn {
  name: string;
  mime: string;
  bytes: Uint8Array;
}

const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');
const sign = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

/** A fresh challenge: `id.issuedAt.difficulty.signature`. */
export async function issueChallenge(db: Db, settings: TTipSettings, now = Date.now()): Promise<{ token: string; difficulty: number; expiresAt: string }> {
  const challenge = { id: randomBytes(16).toString('base64url'), issuedAt: now, difficulty: settings.difficulty };
  const payload = challengePayload(challenge);
  return { token: `${payload}.${sign(await tipChallengeSecret(db), payload)}`, difficulty: challenge.difficulty, expiresAt: new Date(now + settings.challengeTtlMs).toISOString() };
}

export type TChallengeRefusal = TProofRefusal | 'USED' | 'TOO_QUICK';

/** Checks a challenge's proof (or, for the form without a script, its age) and that it is not used; does not use it. */
async function checkChallenge(db: Db, settings: TTipSettings, token: string, nonce: string | undefined, now: number): Promise<{ id: string } | { refusal: TChallengeRefusal }> {
  const secret = await tipChallengeSecret(db);
  const signatureOk = (payload: string, signature: string) => {
    const a = Buffer.from(sign(secret, payload));
    const b = Buffer.from(signature);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const sha256 = (s: string) => createHash('sha256').update(s).digest();
  let result;
  if (nonce === undefined) {
    // No script ran: the proof is time instead of work — the challenge must have waited on the page (docs/adr/0132).
    result = checkProof(token, '0', { now, maxAgeMs: settings.challengeTtlMs, minDifficulty: 0, signatureOk, sha256: () => new Uint8Array(32) });
    if ('challenge' in result && now - result.challenge.issuedAt < settings.noScriptMinAgeMs) return { refusal: 'TOO_QUICK' };
  } else {
    result = checkProof(token, nonce, { now, maxAgeMs: settings.challengeTtlMs, minDifficulty: settings.difficulty, signatureOk, sha256 });
  }
  if ('refusal' in result) return result;
  if (await challengeUsed(db, result.challenge.id)) return { refusal: 'USED' };
  return { id: result.challenge.id };
}

async function overLimit(db: Db, bucket: string, limit: number, windowMs: number): Promise<number | undefined> {
  const windowStart = new Date(Math.floor(Date.now() / windowMs) * windowMs);
  const count = await countRequest(db, bucket, windowStart);
  return count > limit ? Math.max(1, Math.ceil((windowStart.getTime() + windowMs - Date.now()) / 1000)) : undefined;
}

export type TSubmitResult =
  | { kind: 'CREATED'; trackingCode: string; receivedAt: string }
  | { kind: 'INVALID'; issues: TValidationIssue[] }
  | { kind: 'CHALLENGE_REFUSED'; reason: TChallengeRefusal }
  | { kind: 'RATE_LIMITED'; retryAfter: number };

export interface TTipDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  settings: TTipSettings;
  evidence?: { store: EvidenceStore } | undefined;
}

/** Checks the raw submission against {@link ZTipSubmission}: the parsed tip, or the issues (each naming its field). */
export function parseSubmission(raw: unknown): { tip: TTipSubmission } | { issues: TValidationIssue[] } {
  const parsed = ZTipSubmission.safeParse(raw);
  return parsed.success ? { tip: parsed.data } : { issues: zodIssues(parsed.error.issues, { input: raw, missingMessage: 'is required' }) };
}

/**
 * One tip from the public. `nonce` undefined: the form was posted without a script (the
 * challenge's age stands for the work). Photos come decoded (from base64 or the form).
 */
export async function submitTip(deps: TTipDeps, c: Context<TAppEnv>, tip: TTipSubmission, photosIn: TPhotoIn[], opts: { noScript?: boolean } = {}): Promise<TSubmitResult> {
  const { db, settings } = deps;
  const byAddress = await overLimit(db, `tip-address:${clientAddress(c)}`, settings.perAddress, settings.windowMs);
  if (byAddress !== undefined) return { kind: 'RATE_LIMITED', retryAfter: byAddress };
  const now = Date.now();
  const checked = await checkChallenge(db, settings, tip.challenge, opts.noScript ? undefined : tip.nonce, now);
  if ('refusal' in checked) return { kind: 'CHALLENGE_REFUSED', reason: checked.refusal };

  const issues: TValidationIssue[] = [];
  const units = await listUnits(db);
  const teamId = units.some((u) => u.id === tip.unitId) ? await tipIntakeTeam(db, tip.unitId) : undefined;
  if (!teamId) issues.push(issueOf('unitId', 'is not a unit that takes tips', 'oneOf', { values: units.map((u) => u.id).join(', ') }));
  const contact = tip.anonymous ? undefined : tip.contact && (tip.contact.name || tip.contact.phone || tip.contact.email) ? tip.contact : undefined;
  if (tip.wantsReply && !tip.anonymous && !contact?.phone && !contact?.email)
    issues.push(issueOf('contact', 'a reply needs a phone number or an e-mail address', 'atLeastOne', { fields: 'phone, email' }));
  if (photosIn.length > TIP_PHOTOS.max) issues.push(issueOf('photos', `at most ${TIP_PHOTOS.max} photos`, 'maxItems', { n: TIP_PHOTOS.max }));
  if (photosIn.length && !deps.evidence) issues.push(issueOf('photos', 'photos cannot be received at the moment; send the tip without them', 'invalid'));
  for (const [i, p] of photosIn.entries()) {
    if (!(TIP_PHOTOS.types as readonly string[]).includes(p.mime)) issues.push(issueOf(`photos.${i}`, `must be a JPEG, PNG or WebP photo`, 'oneOf', { values: TIP_PHOTOS.types.join(', ') }));
    else if (p.bytes.byteLength > TIP_PHOTOS.maxBytes) issues.push(issueOf(`photos.${i}`, `is larger than ${TIP_PHOTOS.maxBytes} bytes`, 'max', { n: TIP_PHOTOS.maxBytes }));
    else if (p.bytes.byteLength === 0) issues.push(issueOf(`photos.${i}`, 'is empty', 'required'));
    else {
      try {
        await checkEvidenceType(p.mime as (typeof TIP_PHOTOS.types)[number], p.bytes.subarray(0, SNIFF_BYTES), `photos.${i}`);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        issues.push(issueOf(`photos.${i}`, 'is not the photo type it was sent as', 'invalid'));
      }
    }
  }
  if (issues.length || !teamId) return { kind: 'INVALID', issues };

  const photos: TTipPhoto[] = [];
  for (const p of photosIn) {
    const stored = await deps.evidence!.store.put(Readable.toWeb(Readable.from(Buffer.from(p.bytes))) as ReadableStream<Uint8Array>, TIP_PHOTOS.maxBytes);
    const name = [...p.name]
      .map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 32 ? '_' : ch))
      .join('')
      .slice(0, 200);
    await insertEvidence(db, { sha256: stored.sha256, size: stored.size, mime: p.mime, name, unitId: tip.unitId, uploadedBy: PORTAL_ACTOR.userId, storage: deps.evidence!.store.kind });
    photos.push({ sha256: stored.sha256, name, size: stored.size, mime: p.mime });
  }

  // The case number is the challenge's: a retry after a failure below joins the case its first attempt started.
  const version = await latestPublishedVersion(db, TIP_PROCEDURE);
  if (version === undefined) throw new AppError('UNAVAILABLE', 'Tips cannot be received at the moment; try again later.');
  const { caseId, reused } = await caseIdForRequest(db, `tip:${checked.id}`, caseNumberScope('TIP', tip.unitId, new Date(now)));
  const title = tip.businessName ? `Tin báo: ${tip.businessName}`.slice(0, 200) : 'Tin báo qua Cổng thông tin';

  const trackingCode = generateLookupCode(randomBytes(LOOKUP_CODE_RANDOM_BYTES));
  const row = {
    id: randomUUID(),
    unitId: tip.unitId,
    caseId,
    trackingHash: sha256Hex(trackingCode.replaceAll('-', '')),
    theme: tip.theme,
    content: tip.content,
    place: tip.place,
    businessName: tip.businessName || undefined,
    taxCode: tip.taxCode ? (parseTaxCode(tip.taxCode) as { taxCode: string }).taxCode : undefined,
    linkKey: tipLinkKey({ name: tip.businessName, taxCode: tip.taxCode }, tip.theme),
    wantsReply: !!contact && tip.wantsReply,
    photos,
    receivedAt: new Date(now),
    contact: contact && { name: contact.name || undefined, phone: contact.phone || undefined, email: contact.email || undefined },
  };
  // A row PostgreSQL refuses starts nothing (docs/adr/0208): the row is first written and rolled
  // back. No connection is held while the case starts (docs/adr/0212): a transaction kept open across
  // the start held one connection per tip while the start's own queries waited for another, so as
  // many tips at once as the pool has connections stalled every request of the replica.
  await db
    .transaction()
    .execute(async (trx) => {
      await insertTip(trx, row);
      throw ROLLED_BACK;
    })
    .catch((err: unknown) => {
      if (err !== ROLLED_BACK) throw err;
    });
  await startCaseReportingOutcome(deps.temporal, db, deps.taskQueue, {
    caseId,
    procedureId: TIP_PROCEDURE,
    version,
    unitId: tip.unitId,
    teamId,
    title,
    startedBy: PORTAL_ACTOR,
    join: reused,
  });
  // Then the row, with the challenge's use. Should this fail, the case is started without its row and
  // the challenge is still unused: the same tip sent again joins the case and writes the row.
  const stored = await db.transaction().execute(async (trx) => {
    // Another request with the same challenge waits here until this one ends, then finds it used.
    if (!(await useChallenge(trx, checked.id))) return false;
    await insertTip(trx, row);
    return true;
  });
  // Another request with the same challenge got there first: this one is a replay.
  if (!stored) return { kind: 'CHALLENGE_REFUSED', reason: 'USED' };
  // Now and then, forget the uses of challenges too old to be accepted anyway (as api/rate-limit.ts prunes its windows).
  if (Math.random() < 0.01) await pruneUsedChallenges(db, new Date(now - settings.challengeTtlMs - 60_000));
  return { kind: 'CREATED', trackingCode, receivedAt: new Date(now).toISOString() };
}

/** What the reporter sees of the tip: its status and dates, nothing else (docs/adr/0133). */
export interface TTipTracking {
  status: TTipStatus;
  receivedAt: string;
  checkingSince?: string | undefined;
  handledAt?: string | undefined;
}

export type TTrackResult = { kind: 'FOUND'; tip: TTipTracking } | { kind: 'NO_MATCH' } | { kind: 'INVALID'; issues: TValidationIssue[] } | { kind: 'RATE_LIMITED'; retryAfter: number };

/** The tip's status by its tracking code, counted against the address and the code. */
export async function trackTip(db: Db, c: Context<TAppEnv>, settings: TTipSettings, input: { code: string }): Promise<TTrackResult> {
  const byAddress = await overLimit(db, `tip-track-address:${clientAddress(c)}`, settings.trackPerAddress, settings.windowMs);
  if (byAddress !== undefined) return { kind: 'RATE_LIMITED', retryAfter: byAddress };
  const code = normaliseLookupCode(input.code);
  if (!code) return { kind: 'INVALID', issues: [issueOf('code', 'must be the 12-character tracking code shown when the tip was sent (e.g. 7KQ2-M9XD-4TW8)', 'format', { format: 'lookupCode' })] };
  const byCode = await overLimit(db, `tip-track-code:${code}`, settings.trackPerCode, settings.windowMs);
  if (byCode !== undefined) return { kind: 'RATE_LIMITED', retryAfter: byCode };
  // One hash and one indexed query, whether a tip has the code or not.
  const row = await findTipByTracking(db, sha256Hex(code));
  if (!row) return { kind: 'NO_MATCH' };
  const s = row.snapshot ? tipStatus({ status: row.status ?? 'OPEN', completed: row.snapshot.completed }, TIP_FIRST_STEP) : { status: 'RECEIVED' as const };
  return {
    kind: 'FOUND',
    tip: {
      status: s.status,
      receivedAt: row.received_at.toISOString(),
      ...(s.checkingSince ? { checkingSince: s.checkingSince } : {}),
      ...(s.status === 'HANDLED' && row.closed_at ? { handledAt: new Date(row.closed_at).toISOString() } : {}),
    },
  };
}

/** The units a tip may be sent to (provincial units with a team). */
export async function tipUnits(db: Db): Promise<{ id: string; name: string }[]> {
  return (await listUnits(db)).map((u) => ({ id: u.id, name: u.name }));
}
