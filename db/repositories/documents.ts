/**
 * The papers INS issues (docs/documents.md): issued once per key in one transaction that takes the
 * next number of the unit's register, renders the paper with it and stores it frozen — so a
 * rolled-back issue gives its number back (no gaps), two at once never share one (the register's
 * row lock), and a retried activity finds what it issued (the key).
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { defaultAgencyAsOf } from '../../domain/documents/agency.js';
import { registerTypeOf } from '../../domain/documents/catalogue.js';
import type { TUnitAsOf } from '../../domain/documents/context.js';
import { effectiveDateIssue } from '../../domain/documents/effective-date.js';
import { DOCUMENT_TYPES, type TDocumentType } from '../../domain/documents/types.js';
import type { TValidationIssue } from '../../domain/validation-issues.js';
import type { Database } from '../schema.js';
import { templateLockKey } from './document-templates.js';

type Db = Kysely<Database>;

/** A paper as the case page and the verification page list it (never its bytes). */
export interface TDocumentRow {
  id: string;
  caseId: string;
  unitId: string;
  type: TDocumentType;
  stepId: string;
  number: string;
  date: string;
  title: string;
  templateVersion: number;
  status: 'ISSUED' | 'CORRECTED' | 'REPLACED';
  correctsId: string | null;
  sha256: string;
  signed: boolean;
  mime: string;
  size: number;
  issuedBy: string;
  issuedAt: string;
}

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A document's id: 16 characters from 80 random bits, short enough for the QR code's address, not guessable. */
function newDocumentId(): string {
  const bytes = randomBytes(16);
  return Array.from(bytes, (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
}

const columns = [
  'id',
  'case_id',
  'unit_id',
  'type',
  'step_id',
  'number',
  sql<string>`to_char(doc_date, 'YYYY-MM-DD')`.as('date'),
  'title',
  'template_version',
  'status',
  'corrects_id',
  'sha256',
  'signed',
  'mime',
  'size',
  'issued_by',
  'issued_at',
] as const;

type TRaw = {
  id: string;
  case_id: string;
  unit_id: string;
  type: TDocumentType;
  step_id: string;
  number: string;
  date: string;
  title: string;
  template_version: number;
  status: TDocumentRow['status'];
  corrects_id: string | null;
  sha256: string;
  signed: boolean;
  mime: string;
  size: number;
  issued_by: string;
  issued_at: Date;
};

const toRow = (r: TRaw): TDocumentRow => ({
  id: r.id,
  caseId: r.case_id,
  unitId: r.unit_id,
  type: r.type,
  stepId: r.step_id,
  number: r.number,
  date: r.date,
  title: r.title,
  templateVersion: r.template_version,
  status: r.status,
  correctsId: r.corrects_id,
  sha256: r.sha256,
  signed: r.signed,
  mime: r.mime,
  size: r.size,
  issuedBy: r.issued_by,
  issuedAt: r.issued_at.toISOString(),
});

/** The unit's names on a paper dated `date`: its own configuration from that date, else the national rule. */
export async function unitAsOf(db: Db, unitId: string, date: string): Promise<TUnitAsOf> {
  const unit = await db.selectFrom('unit').select(['id', 'province']).where('id', '=', unitId).executeTakeFirstOrThrow();
  const own = await db
    .selectFrom('unit_agency')
    .select(['parent_agency', 'agency', 'head_title', 'place', 'treasury', 'treasury_account'])
    .where('unit_id', '=', unitId)
    .where('valid_from', '<=', date)
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  const national = defaultAgencyAsOf(unit, date);
  if (!own) return national;
  const treasury = own.treasury && own.treasury_account ? { treasury: own.treasury, treasuryAccount: own.treasury_account } : {};
  return { ...national, parentAgency: own.parent_agency, agency: own.agency, headTitle: own.head_title, place: own.place, ...treasury };
}

/**
 * The advisory lock between changing a unit's agency lines (exclusive) and issuing one of its papers
 * (shared, in the issuing transaction), like the templates' (./document-templates.ts).
 */
const agencyLockKey = (unitId: string): string => `unit-agency:${unitId}`;

/** A unit's own agency lines from a date (docs/adr/0158). */
export interface TUnitAgencyRow {
  validFrom: string;
  parentAgency: string;
  agency: string;
  headTitle: string;
  place: string;
  /** Where the unit's fines are paid from this date (docs/adr/0193), or null. */
  treasury: string | null;
  treasuryAccount: string | null;
  createdBy: string | null;
  createdAt: string;
}

/** A unit's own agency lines, oldest first. */
export async function unitAgencyRows(db: Db, unitId: string): Promise<TUnitAgencyRow[]> {
  const rows = await db
    .selectFrom('unit_agency')
    .select([sql<string>`to_char(valid_from, 'YYYY-MM-DD')`.as('valid_from'), 'parent_agency', 'agency', 'head_title', 'place', 'treasury', 'treasury_account', 'created_by', 'created_at'])
    .where('unit_id', '=', unitId)
    .orderBy('valid_from')
    .execute();
  return rows.map((r) => ({
    validFrom: r.valid_from,
    parentAgency: r.parent_agency,
    agency: r.agency,
    headTitle: r.head_title,
    place: r.place,
    treasury: r.treasury,
    treasuryAccount: r.treasury_account,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
  }));
}

export class UnitAgencyError extends Error {
  constructor(
    message: string,
    readonly issue: TValidationIssue,
  ) {
    super(message);
  }
}

/**
 * Sets a unit's agency lines from `row.validFrom` (a row of that date is replaced): from today or
 * later and after every paper of the unit already issued (domain/documents/effective-date.ts), so
 * what an issued paper's header says stays what its verification page says.
 */
export async function setUnitAgency(
  db: Db,
  unitId: string,
  row: { validFrom: string; parentAgency: string; agency: string; headTitle: string; place: string; treasury?: string | undefined; treasuryAccount?: string | undefined },
  by: string,
  today: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${agencyLockKey(unitId)}, 0))`.execute(trx);
    const last = await trx
      .selectFrom('document')
      .select(sql<string | null>`to_char(max(doc_date), 'YYYY-MM-DD')`.as('d'))
      .where('unit_id', '=', unitId)
      .executeTakeFirst();
    const issue = effectiveDateIssue('validFrom', row.validFrom, today, last?.d ?? undefined);
    if (issue) throw new UnitAgencyError(`The agency lines cannot take effect on ${row.validFrom}: validFrom ${issue.message}.`, issue);
    const values = { parent_agency: row.parentAgency, agency: row.agency, head_title: row.headTitle, place: row.place, treasury: row.treasury ?? null, treasury_account: row.treasuryAccount ?? null };
    await trx
      .insertInto('unit_agency')
      .values({ unit_id: unitId, valid_from: row.validFrom, ...values, created_by: by })
      .onConflict((oc) => oc.columns(['unit_id', 'valid_from']).doUpdateSet({ ...values, created_by: by, created_at: new Date() }))
      .execute();
  });
}

/**
 * "01/QĐ-XPHC": the register's number in Arabic figures, with a leading 0 below 10, then the
 * symbol (Decree 30/2020/NĐ-CP, Appendix I, II.3).
 */
function documentNumber(seq: number, symbol: string): string {
  return `${seq < 10 ? `0${seq}` : seq}/${symbol}`;
}

export interface TIssueRequest {
  key: string;
  caseId: string;
  unitId: string;
  type: TDocumentType;
  symbol: string;
  stepId: string;
  date: string;
  title: string;
  issuedBy: string;
  correctsId?: string | undefined;
  /** How `correctsId` is corrected: its status becomes CORRECTED or REPLACED. */
  correctionKind?: 'CORRECT' | 'REPLACE' | undefined;
}

export interface TRendered {
  bytes: Uint8Array;
  mime: string;
  templateVersion: number;
  signed: boolean;
}

/**
 * Issues the paper of `req.key` once: the same key again returns the paper issued the first time.
 * `render` draws it with its number and id (the QR code's address); it runs inside the transaction,
 * which it is given, holding shared the locks of the paper's template and its unit's agency lines
 * (a change of either waits for it, and then sees it).
 */
export async function issueDocument(db: Db, req: TIssueRequest, render: (number: string, id: string, trx: Db) => Promise<TRendered>): Promise<{ row: TDocumentRow; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    // Two attempts of one key at once (a retried activity whose first attempt still runs) wait for each other.
    await sql`select pg_advisory_xact_lock(hashtextextended(${`document:${req.key}`}, 0))`.execute(trx);
    const existing = await trx.selectFrom('document').select(columns).where('issue_key', '=', req.key).executeTakeFirst();
    if (existing) return { row: toRow(existing as TRaw), created: false };
    const year = Number(req.date.slice(0, 4));
    const { last_seq: seq } = await trx
      .insertInto('document_register')
      // The register of the paper's number symbol: sanction decisions of every kind share one (docs/adr/0205).
      .values({ unit_id: req.unitId, type: registerTypeOf(req.type), year, last_seq: 1 })
      .onConflict((oc) => oc.columns(['unit_id', 'type', 'year']).doUpdateSet({ last_seq: sql`document_register.last_seq + 1` }))
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    const number = documentNumber(seq, req.symbol);
    const id = newDocumentId();
    await sql`select pg_advisory_xact_lock_shared(hashtextextended(${templateLockKey(req.type)}, 0)), pg_advisory_xact_lock_shared(hashtextextended(${agencyLockKey(req.unitId)}, 0))`.execute(trx);
    const out = await render(number, id, trx);
    const sha256 = createHash('sha256').update(out.bytes).digest('hex');
    const inserted = await trx
      .insertInto('document')
      .values({
        id,
        issue_key: req.key,
        case_id: req.caseId,
        unit_id: req.unitId,
        type: req.type,
        step_id: req.stepId,
        year,
        seq,
        number,
        doc_date: req.date,
        title: req.title,
        template_version: out.templateVersion,
        corrects_id: req.correctsId ?? null,
        sha256,
        signed: out.signed,
        mime: out.mime,
        size: out.bytes.byteLength,
        content: out.bytes,
        issued_by: req.issuedBy,
      })
      .returning(columns)
      .executeTakeFirstOrThrow();
    if (req.correctsId)
      await trx
        .updateTable('document')
        .set({ status: req.correctionKind === 'REPLACE' ? 'REPLACED' : 'CORRECTED' })
        .where('id', '=', req.correctsId)
        .execute();
    return { row: toRow(inserted as TRaw), created: true };
  });
}

/** The papers of a case (and of its sub-procedures' cases when `withChildren`), oldest first. */
export async function caseDocuments(db: Db, caseId: string, withChildren = false): Promise<TDocumentRow[]> {
  let q = db.selectFrom('document').select(columns);
  q = withChildren ? q.where((eb) => eb.or([eb('case_id', '=', caseId), eb('case_id', 'like', `${caseId.replace(/[%_\\]/g, '\\$&')}/%`)])) : q.where('case_id', '=', caseId);
  const rows = await q.orderBy('issued_at').orderBy('id').execute();
  return rows.map((r) => toRow(r as TRaw));
}

export async function documentById(db: Db, id: string): Promise<TDocumentRow | undefined> {
  const r = await db.selectFrom('document').select(columns).where('id', '=', id).executeTakeFirst();
  return r ? toRow(r as TRaw) : undefined;
}

export async function documentBytes(db: Db, id: string): Promise<Uint8Array | undefined> {
  const r = await db.selectFrom('document').select('content').where('id', '=', id).executeTakeFirst();
  return r?.content;
}

/** The correction that took a paper's place, if any. */
export async function correctionOf(db: Db, id: string): Promise<TDocumentRow | undefined> {
  const r = await db.selectFrom('document').select(columns).where('corrects_id', '=', id).orderBy('issued_at', 'desc').limit(1).executeTakeFirst();
  return r ? toRow(r as TRaw) : undefined;
}

/**
 * The papers a case's steps could not issue and that were not issued again since (its
 * `DOCUMENT_NOT_ISSUED` audit events not answered by a `DOCUMENT_REISSUE_REQUESTED`: docs/adr/0156,
 * 0196), oldest first: each with its event's seq (what a re-issue names) and whose paper it is.
 */
export async function papersNotIssued(db: Db, caseId: string): Promise<Array<{ seq: number; stepId: string; type: TDocumentType; at: string; reason: string; officerId: string }>> {
  const rows = await db
    .selectFrom('audit_event')
    .select(['seq', 'action', 'step_id', 'at', 'actor_id', 'detail'])
    .where('case_id', '=', caseId)
    .where('action', 'in', ['DOCUMENT_NOT_ISSUED', 'DOCUMENT_REISSUE_REQUESTED'])
    .orderBy('seq')
    .execute();
  const answered = new Set(rows.filter((r) => r.action === 'DOCUMENT_REISSUE_REQUESTED').map((r) => (r.detail as { failureSeq?: unknown }).failureSeq));
  return rows.flatMap((r) => {
    const d = r.detail as { type?: unknown; reason?: unknown };
    if (r.action !== 'DOCUMENT_NOT_ISSUED' || answered.has(Number(r.seq))) return [];
    if (typeof d.type !== 'string' || !(DOCUMENT_TYPES as readonly string[]).includes(d.type)) return [];
    return [
      { seq: Number(r.seq), stepId: r.step_id ?? '', type: d.type as TDocumentType, at: new Date(r.at).toISOString(), reason: typeof d.reason === 'string' ? d.reason : '', officerId: r.actor_id },
    ];
  });
}
