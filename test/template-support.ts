/**
 * A template defect that only the issuing path finds (docs/adr/0156, 0196): every published version
 * of a paper's template stops validating (an unknown placeholder in its title), so the paper is not
 * issued (`DOCUMENT_NOT_ISSUED`) while the completion's own checks, which look only for a version in
 * force on the paper's date, let the step through.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { TDocumentType } from '../domain/documents/types.js';

/** Breaks every published template version of `type`; returns what mends them as they were (safe to call more than once). */
export async function breakTemplates(db: Kysely<Database>, type: TDocumentType): Promise<() => Promise<void>> {
  const saved = await db.selectFrom('document_template').select(['version', 'definition']).where('type', '=', type).where('status', '=', 'PUBLISHED').execute();
  const setAll = async (broken: boolean): Promise<void> => {
    for (const t of saved)
      await db
        .updateTable('document_template')
        .set({ definition: JSON.stringify(broken ? { ...(t.definition as object), title: 'QUYẾT ĐỊNH {{khong.co}}' } : t.definition) })
        .where('type', '=', type)
        .where('version', '=', t.version)
        .execute();
  };
  await setAll(true);
  return () => setAll(false);
}
