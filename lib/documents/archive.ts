/**
 * The archive package of a closed case (hồ sơ lưu trữ, docs/documents.md): one ZIP with a manifest
 * (the case, its archive number from the unit's register, every paper issued with its SHA-256, the
 * evidence list with the hashes the files were stored under, the audit chain's extract with its
 * head), the papers themselves and the audit extract as JSON. fflate writes it: a small, pure,
 * well-kept ZIP library; the entries' dates are the package's date, so the bytes depend on the case only.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Kysely } from 'kysely';
import type { TUnitAsOf } from '../../domain/documents/context.js';
import type { TFileRef } from '../../domain/forms.js';
import { caseDocuments, documentBytes } from '../../db/repositories/documents.js';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database>;

interface TCaseFileManifest {
  format: 'ins-case-file/1';
  archiveNumber: string;
  date: string;
  unit: { id: string; agency: string; parentAgency: string };
  case: { id: string; title: string; procedure: string; openedAt: string; closedAt: string | null; closeOutcome: string | null };
  documents: Array<{ file: string; id: string; caseId: string; type: string; number: string; date: string; sha256: string; signed: boolean; status: string }>;
  evidence: Array<{ stepId: string; name: string; sha256: string; size: number; mime: string }>;
  audit: { file: string; events: number; head: string | null };
}

const safeName = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '-');

/** Builds the package of a case (its sub-procedures' cases' papers included) as it stands in the read model. */
export async function buildCaseFile(db: Db, a: { caseId: string; number: string; date: string; unit: TUnitAsOf }): Promise<{ bytes: Uint8Array; mime: string }> {
  const c = await db
    .selectFrom('case_file')
    .select(['case_id', 'title', 'procedure_id', 'procedure_version', 'opened_at', 'closed_at', 'close_outcome', 'snapshot'])
    .where('case_id', '=', a.caseId)
    .executeTakeFirstOrThrow();
  const docs = (await caseDocuments(db, a.caseId, true)).filter((d) => d.type !== 'CASE_FILE');
  const audit = await db
    .selectFrom('audit_event')
    .select(['seq', 'at', 'actor_id', 'actor_role', 'action', 'step_id', 'legal_basis', 'prev_hash', 'hash'])
    .where('case_id', '=', a.caseId)
    .orderBy('seq')
    .execute();
  const completed = (c.snapshot as { completed?: Array<{ stepId: string; evidence?: TFileRef[] }> }).completed ?? [];
  const evidence = completed.flatMap((s) => (s.evidence ?? []).map((e) => ({ stepId: s.stepId, name: e.name, sha256: e.sha256, size: e.size, mime: e.mime })));
  const files: Zippable = {};
  const listed: TCaseFileManifest['documents'] = [];
  for (const d of docs) {
    const bytes = await documentBytes(db, d.id);
    if (!bytes) continue;
    const file = `van-ban/${safeName(`${d.date}_${d.number}_${d.id}`)}.pdf`;
    files[file] = new Uint8Array(bytes);
    listed.push({ file, id: d.id, caseId: d.caseId, type: d.type, number: d.number, date: d.date, sha256: d.sha256, signed: d.signed, status: d.status });
  }
  const auditExtract = audit.map((e) => ({
    seq: e.seq,
    at: new Date(e.at).toISOString(),
    actorId: e.actor_id,
    actorRole: e.actor_role,
    action: e.action,
    stepId: e.step_id,
    legalBasis: e.legal_basis,
    prevHash: e.prev_hash,
    hash: e.hash,
  }));
  files['nhat-ky.json'] = strToU8(JSON.stringify(auditExtract, null, 1));
  const manifest: TCaseFileManifest = {
    format: 'ins-case-file/1',
    archiveNumber: a.number,
    date: a.date,
    unit: { id: a.unit.unitId, agency: a.unit.agency, parentAgency: a.unit.parentAgency },
    case: {
      id: c.case_id,
      title: c.title,
      procedure: `${c.procedure_id}@${c.procedure_version}`,
      openedAt: new Date(c.opened_at).toISOString(),
      closedAt: c.closed_at ? new Date(c.closed_at).toISOString() : null,
      closeOutcome: c.close_outcome,
    },
    documents: listed,
    evidence,
    audit: { file: 'nhat-ky.json', events: auditExtract.length, head: auditExtract.at(-1)?.hash ?? null },
  };
  files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 1));
  const mtime = new Date(`${a.date}T00:00:00Z`);
  const bytes = zipSync(files, { level: 6, mtime });
  return { bytes, mime: 'application/zip' };
}
