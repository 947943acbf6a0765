/**
 * Issuing a paper (docs/documents.md): the case's data and what the database knows (the unit's
 * names as of the paper's date, the business, the officers) make the template's context; the
 * published template in force on that date, from the database (docs/adr/0157), makes the layout; the renderer draws it with its number and the QR
 * code of its verification page; a decision is signed with the unit's certificate (PAdES). The
 * issuing activity and the draft preview use the same path, the preview with no number and no QR.
 */
import { delegationInForce } from '../../db/repositories/delegations.js';
import { isDelegableRole } from '../../domain/delegation.js';
import { NoResultError, type Kysely } from 'kysely';
import { DOCUMENT_TYPE_INFO } from '../../domain/documents/catalogue.js';
import type { TDocumentContext } from '../../domain/documents/context.js';
import { layoutOf } from '../../domain/documents/fill.js';
import { isPartyDocument } from '../../domain/documents/party.js';
import { formatLookupCode, partyIdentifierFrom } from '../../domain/lookup-code.js';
import { caseLookupOf } from '../../db/repositories/case-lookup.js';
import { ZDocumentTemplate, type TDocumentTemplate } from '../../domain/documents/template.js';
import type { TDocumentType } from '../../domain/documents/types.js';
import type { TIssuedDocument } from '../../domain/engine/state.js';
import { templateInForce } from '../../db/repositories/document-templates.js';
import { issueDocument as issueInRegister, unitAsOf } from '../../db/repositories/documents.js';
import type { Database } from '../../db/schema.js';
import { buildCaseFile } from './archive.js';
import { renderPdf } from './pdf.js';
import { signPdf, type TSigningIdentity } from './sign.js';

type Db = Kysely<Database>;

/** What the workflow hands the issuing activity: the case as it holds it. */
export interface TIssueDocumentInput {
  /** Idempotency: the case, the action's request id and the type. */
  key: string;
  caseId: string;
  unitId: string;
  teamId: string;
  caseTitle: string;
  procedure: { id: string; version: number };
  businessId?: string | undefined;
  type: TDocumentType;
  stepId: string;
  outcome?: string | undefined;
  date: string;
  steps: Record<string, Record<string, unknown>>;
  facts: Record<string, unknown>;
  issued: Array<{ type: TDocumentType; number: string; date: string }>;
  actorId: string;
  actorRole: string;
  /** Whether the officer acted as a deputy, as the action was judged (docs/adr/0197); absent for actions sent before: the mark is read now. */
  actorDeputy?: boolean | undefined;
  extension?: TDocumentContext['extension'];
  correction?: (NonNullable<TDocumentContext['correction']> & { ofId: string }) | undefined;
}

export interface TDocumentDeps {
  /** The public address of INS: the QR code opens `${publicBaseUrl}/xac-thuc/{id}`. */
  publicBaseUrl: string;
  /** The unit's signing certificate; without it decisions are issued unsigned (and say so). */
  signer?: TSigningIdentity | undefined;
}

/** The template could not be filled from this case (a template or data defect, not a passing fault): retrying will not help. */
export class DocumentTemplateError extends Error {
  override name = 'DocumentTemplateError';
}

function fill(ctx: TDocumentContext, opts: Parameters<typeof layoutOf>[1]): ReturnType<typeof layoutOf> {
  try {
    return layoutOf(ctx, opts);
  } catch (err) {
    throw new DocumentTemplateError(`${ctx.type}: ${(err as Error).message}`);
  }
}

/**
 * The published template of the paper's type in force on its date, from the database, checked;
 * none, or one that no longer validates against the view, is a template defect.
 */
export async function templateOf(db: Db, type: TDocumentType, date: string): Promise<TDocumentTemplate> {
  const definition = await templateInForce(db, type, date);
  if (definition === undefined) throw new DocumentTemplateError(`${type}: no published template of ${type} is in force on ${date}`);
  const parsed = ZDocumentTemplate.safeParse(definition);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new DocumentTemplateError(`${type}: the template in force on ${date} does not validate (${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'})`);
  }
  return parsed.data;
}

const verifyUrl = (publicBaseUrl: string, id: string): string => `${publicBaseUrl.replace(/\/+$/, '')}/xac-thuc/${id}`;

/**
 * What a paper the party of a penalty case receives prints of the case's lookup (docs/adr/0120):
 * its code and the public lookup page (`/tra-cuu`), when the lookup can find the case — the party's
 * identifier is known, as the lookup hashes it (the registry business's tax code, else the one the
 * record states). Otherwise nothing: a code no lookup matches would only send the party astray.
 */
async function lookupOf(db: Db, publicBaseUrl: string, i: Omit<TIssueDocumentInput, 'key'>, ctx: TDocumentContext): Promise<{ code: string; url: string } | undefined> {
  if (!isPartyDocument(i.type)) return undefined;
  // Derived from what the paper is drawn from, not from the lookup row's hash: the case's projection that hashes it may land after the paper.
  if (!partyIdentifierFrom(ctx.business?.taxCode, i.steps.B1?.partyIdentifier)) return undefined;
  const lookup = await caseLookupOf(db, i.caseId);
  return lookup ? { code: formatLookupCode(lookup.code), url: `${publicBaseUrl.replace(/\/+$/, '')}/tra-cuu` } : undefined;
}

/** The template's context from the case and the database. */
async function documentContext(db: Db, i: Omit<TIssueDocumentInput, 'key'>): Promise<TDocumentContext> {
  const [unit, team, business, signer] = await Promise.all([
    // A case of a unit INS does not know is a configuration defect, not a passing fault: no retry will find it.
    unitAsOf(db, i.unitId, i.date).catch((err: unknown) => {
      if (err instanceof NoResultError) throw new DocumentTemplateError(`${i.type}: unit ${i.unitId} is not configured`);
      throw err;
    }),
    db.selectFrom('team').select(['id', 'name']).where('id', '=', i.teamId).executeTakeFirst(),
    i.businessId
      ? db.selectFrom('business').select(['name', 'address_line', 'commune', 'province', 'tax_code', 'legal_representative']).where('id', '=', i.businessId).executeTakeFirst()
      : Promise.resolve(undefined),
    // The signer's own team: a team lead decides as the Đội trưởng of it (domain/documents/issuer.ts).
    db
      .selectFrom('app_user')
      .leftJoin('team', 'team.id', 'app_user.team_id')
      .select(['app_user.display_name', 'team.name as team_name', 'app_user.deputy'])
      .where('app_user.id', '=', i.actorId)
      .executeTakeFirst(),
  ]);
  // A deputy signs "KT." under the head's delegation in force on the paper's date (docs/adr/0197):
  // the completion was refused without one; a delegation is revoked only from today on, so the one
  // it was accepted under still covers the paper's date when the paper is issued again later.
  const deputy = i.actorDeputy ?? signer?.deputy === true;
  const delegation =
    deputy && isDelegableRole(i.actorRole)
      ? await delegationInForce(db, { unitId: i.unitId, delegateId: i.actorId, role: i.actorRole, caseId: i.caseId, date: i.date, coercion: i.type === 'COERCION_DECISION' })
      : undefined;
  return {
    type: i.type,
    caseId: i.caseId,
    caseTitle: i.caseTitle,
    procedureId: i.procedure.id,
    procedureVersion: i.procedure.version,
    stepId: i.stepId,
    outcome: i.outcome,
    date: i.date,
    unit,
    team: team ? { id: team.id, name: team.name } : undefined,
    business: business
      ? {
          name: business.name,
          address: [business.address_line, business.commune, business.province].filter(Boolean).join(', '),
          taxCode: business.tax_code,
          representative: business.legal_representative ?? undefined,
        }
      : undefined,
    steps: i.steps,
    facts: i.facts,
    issued: i.issued,
    signer: {
      name: signer?.display_name ?? i.actorId,
      role: i.actorRole,
      team: signer?.team_name ?? undefined,
      ...(deputy ? { deputy: true, ...(delegation ? { delegation: { number: delegation.decisionNumber, date: delegation.decisionDate } } : {}) } : {}),
    },
    extension: i.extension,
    correction: i.correction ? { of: i.correction.of, kind: i.correction.kind, reason: i.correction.reason, text: i.correction.text } : undefined,
  };
}

/** A draft of the paper, as it would be issued now: no number, no QR code, "DỰ THẢO" across it. */
export async function previewDocument(db: Db, i: Omit<TIssueDocumentInput, 'key'>): Promise<Uint8Array> {
  const [ctx, template] = await Promise.all([documentContext(db, i), templateOf(db, i.type, i.date)]);
  const { layout } = fill(ctx, { number: null, draft: true, template });
  return renderPdf(layout);
}

/** Issues the paper once per key (numbered, rendered, signed, frozen), in the unit's register. */
export async function issue(db: Db, deps: TDocumentDeps, i: TIssueDocumentInput): Promise<TIssuedDocument> {
  const info = DOCUMENT_TYPE_INFO[i.type];
  const { row } = await issueInRegister(
    db,
    {
      key: i.key,
      caseId: i.caseId,
      unitId: i.unitId,
      type: i.type,
      symbol: info.symbol,
      stepId: i.stepId,
      date: i.date,
      title: info.title.vi,
      issuedBy: i.actorId,
      correctsId: i.correction?.ofId,
      correctionKind: i.correction?.kind,
    },
    // Inside the register's transaction, under the shared locks of the template and the agency
    // lines: the template and the unit's names are those in force when the paper is numbered.
    async (number, id, trx) => {
      const ctx = await documentContext(trx, i);
      if (info.output === 'ZIP') return { ...(await buildCaseFile(trx, { caseId: i.caseId, number, date: i.date, unit: ctx.unit })), templateVersion: 1, signed: false };
      const [template, lookup] = await Promise.all([templateOf(trx, i.type, i.date), lookupOf(trx, deps.publicBaseUrl, i, ctx)]);
      const { layout, templateVersion } = fill(ctx, { number, draft: false, verifyUrl: verifyUrl(deps.publicBaseUrl, id), lookup, template });
      const issuedAt = new Date();
      const pdf = await renderPdf(layout, { date: issuedAt });
      if (!info.signed || !deps.signer) return { bytes: pdf, mime: 'application/pdf', templateVersion, signed: false };
      const signed = await signPdf(pdf, { ...deps.signer, name: ctx.signer.name, reason: `${info.title.vi} số ${number}`, location: ctx.unit.place, signingTime: issuedAt });
      return { bytes: signed, mime: 'application/pdf', templateVersion, signed: true };
    },
  );
  return { id: row.id, type: row.type, stepId: row.stepId, number: row.number, date: row.date, sha256: row.sha256, signed: row.signed };
}
