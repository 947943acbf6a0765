/**
 * The public case lookup (docs/adr/0121-case-lookup-without-an-oracle.md), shared by its JSON route
 * and its server-rendered page: a code and the party's identifier in, the party's view out — or
 * one and the same "no match" whether the code is unknown or the identifier wrong, after the same
 * work (one query by code, one hash, one constant-time comparison).
 */
import type { Context } from 'hono';
import type { Db } from '../../db/database.js';
import { findLookup, identifierMatches } from '../../db/repositories/case-lookup.js';
import { listLegalParams } from '../../db/repositories/legal.js';
import { getPublished } from '../../db/repositories/procedures.js';
import { countRequest } from '../../db/repositories/rate-limit.js';
import { subscribeParty, subscriptionsOf, withdrawSubscription } from '../../db/repositories/party-messages.js';
import { normaliseLookupCode, normalisePartyIdentifier } from '../../domain/lookup-code.js';
import { partyView, type TPartyView } from '../../domain/party-view.js';
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

/** FOUND carries the case's ids for the routes that act on it (subscriptions); they are never shown to the party. */
export type TLookupResult =
  { kind: 'FOUND'; view: TPartyView; caseId: string; unitId: string } | { kind: 'NO_MATCH' } | { kind: 'INVALID'; issues: TValidationIssue[] } | { kind: 'RATE_LIMITED'; retryAfter: number };

async function overLimit(db: Db, bucket: string, limit: number, windowMs: number): Promise<number | undefined> {
  const windowStart = new Date(Math.floor(Date.now() / windowMs) * windowMs);
  const count = await countRequest(db, bucket, windowStart);
  return count > limit ? Math.max(1, Math.ceil((windowStart.getTime() + windowMs - Date.now()) / 1000)) : undefined;
}

/** One lookup, counted against the client's address and the code. */
export async function lookupCase(db: Db, c: Context<TAppEnv>, limits: TLookupLimits, input: { code: string; identifier: string }): Promise<TLookupResult> {
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

  const [def, params] = await Promise.all([getPublished(db, row.procedure_id, row.procedure_version), listLegalParams(db)]);
  if (!def) throw new AppError('INTERNAL', `procedure ${row.procedure_id} v${row.procedure_version} of a looked-up case is not published`);
  return { kind: 'FOUND', view: partyView(def, row.snapshot, params, vnDateOf(Date.now())), caseId: row.case_id, unitId: row.unit_id };
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
  | { kind: 'SUBSCRIBED'; created: boolean; view: TPartyView; subscriptions: TSubscriptionView[] }
  /** The code and identifier were right; the address is not one of its channel's (said on the case's page). */
  | { kind: 'BAD_ADDRESS'; issues: TValidationIssue[]; view: TPartyView; subscriptions: TSubscriptionView[] };

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
    return { kind: 'BAD_ADDRESS', issues: [issue], view: found.view, subscriptions: await maskedSubscriptions(db, found.caseId) };
  }
  const r = await subscribeParty(db, { caseId: found.caseId, unitId: found.unitId, channel: input.channel, address, lang: input.lang });
  return { kind: 'SUBSCRIBED', created: r.created, view: found.view, subscriptions: await maskedSubscriptions(db, found.caseId) };
}

export type TWithdrawResult = Exclude<TLookupResult, { kind: 'FOUND' }> | { kind: 'WITHDRAWN'; withdrawn: boolean; view: TPartyView; subscriptions: TSubscriptionView[] };

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
  return { kind: 'WITHDRAWN', withdrawn, view: found.view, subscriptions: await maskedSubscriptions(db, found.caseId) };
}
