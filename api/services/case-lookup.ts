/**
 * The public case lookup (docs/adr/0121-case-lookup-without-an-oracle.md), shared by its JSON route
 * and its server-rendered page: a code and the party's identifier in, the party's view out — or
 * one and the same "no match" whether the code is unknown or the identifier wrong, after the same
 * work (one query by code, one hash, one constant-time comparison).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import type { Db } from '../../db/database.js';
import { findLookup, identifierMatches } from '../../db/repositories/case-lookup.js';
import { caseDocuments, documentBytes, documentById, unitAsOf, type TDocumentRow } from '../../db/repositories/documents.js';
import { listLegalParams } from '../../db/repositories/legal.js';
import { getPublished } from '../../db/repositories/procedures.js';
import { countRequest } from '../../db/repositories/rate-limit.js';
import { subscribeParty, subscriptionsOf, withdrawSubscription } from '../../db/repositories/party-messages.js';
import { DOCUMENT_TYPE_INFO } from '../../domain/documents/catalogue.js';
import { isPartyDocument } from '../../domain/documents/party.js';
import type { TDocumentType } from '../../domain/documents/types.js';
import { formatLookupCode, normaliseLookupCode, normalisePartyIdentifier } from '../../domain/lookup-code.js';
import type { TText } from '../../domain/procedure.js';
import { partyReceipts, partyView, type TPartyReceipts, type TPartyView } from '../../domain/party-view.js';
import { acceptedPaymentsOfCase } from '../../db/repositories/payments.js';
import { maskContact, normaliseContact, type TPartyChannel, type TPartyLang } from '../../domain/party-messages.js';
import type { TValidationIssue } from '../../domain/validation-issues.js';
import { issueOf } from '../../domain/validation-issues.js';
import { vnDateOf } from '../../domain/vn-time.js';
import type { TAppEnv } from '../auth.js';
import { clientAddress } from '../client-address.js';
import { AppError } from '../errors.js';

/** How many lookups a window allows per client address and per code (api/app.ts takes overrides). */
export interface TLookupLimits {
  perAddress: number;
  perCode: number;
  windowMs: number;
}

/** 20 tries per address and 10 per code in 15 minutes: a party mistyping now and then never meets them; a guesser does at once. */
export const DEFAULT_LOOKUP_LIMITS: TLookupLimits = { perAddress: 20, perCode: 10, windowMs: 15 * 60_000 };

/** Compared when the code is unknown, so that path hashes and compares like the other. */
const DUMMY_SALT = '00000000000000000000000000000000';
const DUMMY_HASH = '0'.repeat(64);

/**
 * A paper INS issued in the case, as its party sees it (docs/adr/0154): what it is, its number and
 * date, whether a later paper corrected it, the hash of the file as issued and where anyone can
 * verify it. Never the case's ids, the step or who issued it.
 */
export interface TPartyPaper {
  id: string;
  type: TDocumentType;
  title: TText;
  number: string;
  date: string;
  status: TDocumentRow['status'];
  sha256: string;
  /** The paper's public verification page (its QR code's address). */
  verifyPath: string;
}

const paperOf = (d: TDocumentRow): TPartyPaper => ({
  id: d.id,
  type: d.type,
  title: DOCUMENT_TYPE_INFO[d.type].title,
  number: d.number,
  date: d.date,
  status: d.status,
  sha256: d.sha256,
  verifyPath: `/xac-thuc/${d.id}`,
});

/** Whether a paper is the case's own or one of its sub-procedures' cases' (their ids extend the case's). */
const isOfCase = (d: TDocumentRow, caseId: string): boolean => d.caseId === caseId || d.caseId.startsWith(`${caseId}/`);

/** The papers of the case and of its sub-procedures' cases that go to its party (not the archive package), oldest first. */
async function partyPapers(db: Db, caseId: string): Promise<TPartyPaper[]> {
  return (await caseDocuments(db, caseId, true)).filter((d) => isPartyDocument(d.type)).map(paperOf);
}

/** FOUND carries the case's ids for the routes that act on it (subscriptions, receipts); they are never shown to the party. */
export type TLookupResult =
  | { kind: 'FOUND'; view: TPartyView; papers: TPartyPaper[]; liveToken: string; caseId: string; unitId: string }
  | { kind: 'NO_MATCH' }
  | { kind: 'INVALID'; issues: TValidationIssue[] }
  | { kind: 'RATE_LIMITED'; retryAfter: number };

async function overLimit(db: Db, bucket: string, limit: number, windowMs: number): Promise<number | undefined> {
  const windowStart = new Date(Math.floor(Date.now() / windowMs) * windowMs);
  const count = await countRequest(db, bucket, windowStart);
  return count > limit ? Math.max(1, Math.ceil((windowStart.getTime() + windowMs - Date.now()) / 1000)) : undefined;
}

type TLookupRow = NonNullable<Awaited<ReturnType<typeof findLookup>>> & { identifier_hash: string };
type TChecked = { kind: 'FOUND'; row: TLookupRow } | Exclude<TLookupResult, { kind: 'FOUND' }>;

/** One lookup, counted against the client's address and the code. */
export async function lookupCase(db: Db, c: Context<TAppEnv>, limits: TLookupLimits, input: { code: string; identifier: string }): Promise<TLookupResult> {
  const checked = await checkLookup(db, c, limits, input);
  if (checked.kind !== 'FOUND') return checked;
  return foundOf(db, checked.row, liveTokenFor(checked.row.code, checked.row.identifier_hash));
}

async function foundOf(db: Db, row: TLookupRow, liveToken: string): Promise<Extract<TLookupResult, { kind: 'FOUND' }>> {
  const [view, papers] = await Promise.all([viewOf(db, row), partyPapers(db, row.case_id)]);
  return { kind: 'FOUND', view, papers, liveToken, caseId: row.case_id, unitId: row.unit_id };
}

/** The case a code and an identifier name, or why not (the checks and counts of `lookupCase`). */
async function checkLookup(db: Db, c: Context<TAppEnv>, limits: TLookupLimits, input: { code: string; identifier: string }): Promise<TChecked> {
  const byAddress = await overLimit(db, `lookup-address:${clientAddress(c)}`, limits.perAddress, limits.windowMs);
  if (byAddress !== undefined) return { kind: 'RATE_LIMITED', retryAfter: byAddress };

  // The shape of the input says nothing about any case: refused as bad input, with the field named.
  const code = normaliseLookupCode(input.code);
  const identifier = normalisePartyIdentifier(input.identifier);
  const issues: TValidationIssue[] = [];
  if (!code) issues.push(issueOf('code', 'must be the 12-character lookup code printed on the record or the decision (e.g. 7KQ2-M9XD-4TW8)', 'format', { format: 'lookupCode' }));
  if (!identifier) issues.push(issueOf('identifier', 'must be a 12-digit personal ID number or a 10- or 13-digit tax code', 'format', { format: 'partyIdentifier' }));
  if (!code || !identifier) return { kind: 'INVALID', issues };

  const byCode = await overLimit(db, `lookup-code:${code}`, limits.perCode, limits.windowMs);
  if (byCode !== undefined) return { kind: 'RATE_LIMITED', retryAfter: byCode };

  const row = await findLookup(db, code);
  // Always one hash and one constant-time comparison, whether the code exists or not.
  const matches = identifierMatches(row?.identifier_salt ?? DUMMY_SALT, row?.identifier_hash ?? DUMMY_HASH, identifier);
  if (!row || row.identifier_hash === null || !matches) return { kind: 'NO_MATCH' };
  return { kind: 'FOUND', row: { ...row, identifier_hash: row.identifier_hash } };
}

async function viewOf(db: Db, row: TLookupRow): Promise<TPartyView> {
  const [def, params] = await Promise.all([getPublished(db, row.procedure_id, row.procedure_version), listLegalParams(db)]);
  if (!def) throw new AppError('INTERNAL', `procedure ${row.procedure_id} v${row.procedure_version} of a looked-up case is not published`);
  const view = partyView(def, row.snapshot, params, vnDateOf(Date.now()));
  if (!view.fine) return view;
  // Where to pay, as the decision states it: the unit's treasury and account on the decision's date (docs/adr/0193).
  const decided = view.documents.findLast((d) => d.kind === 'PENALTY_DECISION')?.date ?? view.today;
  const unit = await unitAsOf(db, row.unit_id, decided);
  return unit.treasury && unit.treasuryAccount ? { ...view, fine: { ...view.fine, payTo: { treasury: unit.treasury, account: unit.treasuryAccount } } } : view;
}

/** How long an open result page may follow its case without a new lookup. */
const LIVE_TOKEN_TTL_MS = 30 * 60_000;
/** Refreshes of open result pages per client address and window (a page asks every 10 s: 90 in 15 minutes). */
const LIVE_PER_ADDRESS = 200;

function liveSignature(code: string, expires: string, identifierHash: string): Buffer {
  return createHmac('sha256', identifierHash).update(`live:${code}.${expires}`).digest();
}

/**
 * The token an open result page refreshes itself with (docs/adr/0128): the code, an expiry, and an
 * HMAC keyed by the case's salted identifier hash — a secret only the database holds, so any API
 * replica can check it, it proves a lookup succeeded, and it dies when the party's identifier changes.
 */
function liveTokenFor(code: string, identifierHash: string, now = Date.now()): string {
  const expires = String(Math.floor((now + LIVE_TOKEN_TTL_MS) / 1000));
  return `${code}.${expires}.${liveSignature(code, expires, identifierHash).toString('base64url')}`;
}

/**
 * The party's view again, for an open result page (its token instead of the code and identifier):
 * not counted against the lookup's limits — the token proves the lookup — but per address; an
 * expired, forged or malformed token is NO_MATCH.
 */
export async function lookupLive(db: Db, c: Context<TAppEnv>, limits: TLookupLimits, token: string): Promise<TLookupResult> {
  const checked = await checkToken(db, c, limits, token);
  if (checked.kind !== 'FOUND') return checked;
  return foundOf(db, checked.row, token);
}

async function checkToken(db: Db, c: Context<TAppEnv>, limits: TLookupLimits, token: string): Promise<TChecked> {
  const byAddress = await overLimit(db, `lookup-live:${clientAddress(c)}`, LIVE_PER_ADDRESS, limits.windowMs);
  if (byAddress !== undefined) return { kind: 'RATE_LIMITED', retryAfter: byAddress };
  const [code, expires, signature] = token.split('.');
  // A code not of the lookup's shape is no case's (and text such as U+0000 never reaches PostgreSQL).
  if (!code || normaliseLookupCode(code) !== code || !expires || !signature || !/^\d{1,12}$/.test(expires) || Number(expires) * 1000 < Date.now()) return { kind: 'NO_MATCH' };
  const row = await findLookup(db, code);
  // The same work whether the code exists or not.
  const expected = liveSignature(code, expires, row?.identifier_hash ?? DUMMY_HASH);
  const given = Buffer.from(signature, 'base64url');
  const matches = given.length === expected.length && timingSafeEqual(given, expected);
  if (!row || row.identifier_hash === null || !matches) return { kind: 'NO_MATCH' };
  return { kind: 'FOUND', row: { ...row, identifier_hash: row.identifier_hash } };
}

export type TReceiptsResult = { kind: 'FOUND'; receipts: TPartyReceipts; liveToken: string } | Exclude<TLookupResult, { kind: 'FOUND' }>;

/**
 * The receipts of a case's payments (docs/adr/0129): by the code and the identifier (the JSON
 * route; the lookup's checks and counts), or by an open result page's token (the printable page).
 */
export async function lookupReceipts(db: Db, c: Context<TAppEnv>, limits: TLookupLimits, by: { code: string; identifier: string } | { token: string }): Promise<TReceiptsResult> {
  const checked = 'token' in by ? await checkToken(db, c, limits, by.token) : await checkLookup(db, c, limits, by);
  if (checked.kind !== 'FOUND') return checked;
  const { row } = checked;
  const [view, reported] = await Promise.all([viewOf(db, row), acceptedPaymentsOfCase(db, row.case_id)]);
  return { kind: 'FOUND', receipts: partyReceipts(view, row.snapshot, formatLookupCode(row.code), reported), liveToken: liveTokenFor(row.code, row.identifier_hash) };
}

export type TPaperFileResult =
  | { kind: 'FILE'; document: TDocumentRow; bytes: Uint8Array }
  /** The case was found, but the id names none of the papers its party receives (another case's, the archive package, none). */
  | { kind: 'NO_DOCUMENT' }
  | Exclude<TLookupResult, { kind: 'FOUND' }>;

/**
 * One of the party's papers, byte for byte as issued (docs/adr/0154): by the code and the
 * identifier (the JSON route; the lookup's checks and counts), or by an open result page's token
 * (the page's download buttons). The same NO_DOCUMENT whether the id is another case's paper, the
 * archive package or nothing at all.
 */
export async function lookupPaper(db: Db, c: Context<TAppEnv>, limits: TLookupLimits, by: { code: string; identifier: string } | { token: string }, documentId: string): Promise<TPaperFileResult> {
  const checked = 'token' in by ? await checkToken(db, c, limits, by.token) : await checkLookup(db, c, limits, by);
  if (checked.kind !== 'FOUND') return checked;
  const document = /^[a-z2-9]{16}$/.test(documentId) ? await documentById(db, documentId) : undefined;
  if (!document || !isPartyDocument(document.type) || !isOfCase(document, checked.row.case_id)) return { kind: 'NO_DOCUMENT' };
  const bytes = await documentBytes(db, document.id);
  return bytes ? { kind: 'FILE', document, bytes } : { kind: 'NO_DOCUMENT' };
}

/** Where and how to pay a fine (Law Art. 78; Decree 118/2021 Art. 15): the same for every unit for now. */
export const HOW_TO_PAY = {
  vi: 'Nộp tiền phạt tại Kho bạc Nhà nước hoặc ngân hàng thương mại nơi Kho bạc mở tài khoản được ghi trong quyết định xử phạt, hoặc nộp trực tuyến qua Cổng Dịch vụ công quốc gia; ghi số quyết định xử phạt khi nộp. Quá hạn nộp, mỗi ngày chậm nộp phải nộp thêm 0,05 % số tiền phạt chưa nộp.',
  en: 'Pay the fine at the State Treasury or at the commercial bank named in the penalty decision where the Treasury holds its account, or online through the National Public Service Portal, quoting the decision number. After the due date, 0.05 % of the unpaid fine is added for each day of delay.',
} as const;

/** A live subscription as its party sees it: the channel and the address masked (docs/adr/0145). */
export interface TSubscriptionView {
  channel: TPartyChannel;
  address: string;
}

/** The case's live subscriptions, masked. */
export async function maskedSubscriptions(db: Db, caseId: string): Promise<TSubscriptionView[]> {
  return (await subscriptionsOf(db, caseId)).map((s) => ({ channel: s.channel, address: maskContact(s.channel, s.address) }));
}

export type TSubscribeResult =
  | Exclude<TLookupResult, { kind: 'FOUND' }>
  | { kind: 'SUBSCRIBED'; created: boolean; view: TPartyView; papers: TPartyPaper[]; subscriptions: TSubscriptionView[]; liveToken: string }
  /** The code and identifier were right; the address is not one of its channel's (said on the case's page). */
  | { kind: 'BAD_ADDRESS'; issues: TValidationIssue[]; view: TPartyView; papers: TPartyPaper[]; subscriptions: TSubscriptionView[]; liveToken: string };

/**
 * Subscribes an address to the news of the case the code and identifier find (the same checks,
 * limits and "no match" as a lookup), then sends it a confirmation. An address that is not one of
 * its channel's is refused at its field, after the lookup (so the answer says nothing of the case
 * to whoever does not hold both).
 */
export async function subscribeToCase(
  db: Db,
  c: Context<TAppEnv>,
  limits: TLookupLimits,
  input: { code: string; identifier: string; channel: TPartyChannel; address: string; lang: TPartyLang },
): Promise<TSubscribeResult> {
  const found = await lookupCase(db, c, limits, input);
  if (found.kind !== 'FOUND') return found;
  const address = normaliseContact(input.channel, input.address);
  if (!address) {
    const issue =
      input.channel === 'EMAIL'
        ? issueOf('address', 'must be an e-mail address such as ten@example.vn', 'format', { format: 'email' })
        : issueOf('address', 'must be a Vietnamese mobile number such as 0912 345 678', 'format', { format: 'mobile' });
    return { kind: 'BAD_ADDRESS', issues: [issue], view: found.view, papers: found.papers, subscriptions: await maskedSubscriptions(db, found.caseId), liveToken: found.liveToken };
  }
  const r = await subscribeParty(db, { caseId: found.caseId, unitId: found.unitId, channel: input.channel, address, lang: input.lang });
  return { kind: 'SUBSCRIBED', created: r.created, view: found.view, papers: found.papers, subscriptions: await maskedSubscriptions(db, found.caseId), liveToken: found.liveToken };
}

export type TWithdrawResult =
  Exclude<TLookupResult, { kind: 'FOUND' }> | { kind: 'WITHDRAWN'; withdrawn: boolean; view: TPartyView; papers: TPartyPaper[]; subscriptions: TSubscriptionView[]; liveToken: string };

/** Ends one of the case's subscriptions, named by its channel and its address as typed (or masked, as the page shows it). */
export async function unsubscribeFromCase(
  db: Db,
  c: Context<TAppEnv>,
  limits: TLookupLimits,
  input: { code: string; identifier: string; channel: TPartyChannel; address: string },
): Promise<TWithdrawResult> {
  const found = await lookupCase(db, c, limits, input);
  if (found.kind !== 'FOUND') return found;
  const live = await subscriptionsOf(db, found.caseId);
  const typed = normaliseContact(input.channel, input.address);
  const target = live.find((s) => s.channel === input.channel && (s.address === typed || maskContact(s.channel, s.address) === input.address));
  const withdrawn = target ? await withdrawSubscription(db, { caseId: found.caseId, channel: target.channel, address: target.address }) : false;
  return { kind: 'WITHDRAWN', withdrawn, view: found.view, papers: found.papers, subscriptions: await maskedSubscriptions(db, found.caseId), liveToken: found.liveToken };
}
