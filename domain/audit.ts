/**
 * The audit chain: each case's events are chained by SHA-256, so that editing or removing an event
 * in the database breaks every later link. Pure JavaScript hashing (@noble/hashes) so the workflow
 * itself can extend the chain deterministically and carry its head across continue-as-new.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export const GENESIS_HASH = '0'.repeat(64);

/** One state change of a case: who, what, when, why, on which legal basis. */
export interface TAuditEvent {
  caseId: string;
  seq: number;
  at: string;
  actorId: string;
  actorRole: string;
  action: string;
  stepId?: string | undefined;
  detail: Record<string, unknown>;
  legalBasis?: string | undefined;
  prevHash: string;
  hash: string;
}

/** JSON with sorted keys, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function hashEvent(event: Omit<TAuditEvent, 'hash'>): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(event))));
}

/** Builds the next event of a chain whose head is `prevHash`. */
export function chainEvent(prevHash: string, event: Omit<TAuditEvent, 'hash' | 'prevHash'>): TAuditEvent {
  const withPrev = { ...event, prevHash };
  return { ...withPrev, hash: hashEvent(withPrev) };
}

/** What every hash-chained record has: its place in the chain and the two hashes. */
export interface TChainLink {
  seq: number;
  prevHash: string;
  hash: string;
}

/**
 * Returns the first link (by seq, from 1) that is broken — missing, pointing at the wrong previous
 * hash, or with content that does not match its hash — or undefined when the chain holds.
 */
export function verifyLinks<T extends TChainLink>(events: T[], hashOf: (e: Omit<T, 'hash'>) => string): { seq: number; reason: string } | undefined {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    if (e.seq !== expectedSeq) return { seq: expectedSeq, reason: `event ${expectedSeq} is missing` };
    if (e.prevHash !== prev) return { seq: e.seq, reason: 'its previous-hash does not match the event before it' };
    const { hash, ...rest } = e;
    if (hashOf(rest) !== hash) return { seq: e.seq, reason: 'its content does not match its hash' };
    prev = hash;
    expectedSeq++;
  }
  return undefined;
}

/** Returns the first event (by seq) of a case whose link is broken, or undefined when the chain holds. */
export function verifyChain(events: TAuditEvent[]): { seq: number; reason: string } | undefined {
  return verifyLinks(events, hashEvent);
}

/**
 * One state-changing API request, accepted or rejected (bảo đảm truy vết): who asked for what, and
 * the answer. Never the body: it may hold personal data.
 */
export interface TRequestAuditEvent extends TChainLink {
  chainId: string;
  at: string;
  actorId: string | null;
  actorRoles: string[];
  method: string;
  path: string;
  status: number;
  outcome: 'ACCEPTED' | 'REJECTED';
  code: string | null;
  requestId: string;
  idempotencyKey: string | null;
}

export function hashRequestEvent(event: Omit<TRequestAuditEvent, 'hash'>): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(event))));
}
