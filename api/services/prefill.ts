/**
 * A step's defaults in a case (docs/adr/0116): loads what the resolution reads from the read model —
 * the case's completed steps (protected fields already redacted), its business in the unit's
 * registry, the parent case when the officer may see it — and resolves them in domain/prefill.ts.
 */
import type { Db } from '../../db/database.js';
import type { CaseFileRow } from '../../db/tables/cases.table.js';
import { getBusiness } from '../../db/repositories/businesses.js';
import { getCaseRow } from '../../db/repositories/cases.js';
import type { TUser } from '../../db/repositories/people.js';
import { getPublished } from '../../db/repositories/procedures.js';
import { tipOfCase } from '../../db/repositories/tips.js';
import { prefillBusiness, resolvePrefill, type TPrefillCase, type TPrefillResult } from '../../domain/prefill.js';
import { vnDateOf } from '../../domain/vn-time.js';
import { canSeeCase } from '../auth.js';
import { AppError } from '../errors.js';
import { TIP_FIRST_STEP, TIP_PROCEDURE } from './public-tips.js';

async function prefillCase(db: Db, row: CaseFileRow): Promise<TPrefillCase | undefined> {
  const definition = await getPublished(db, row.procedure_id, row.procedure_version);
  return definition && { definition, completed: row.snapshot.completed };
}

/**
 * The first step of a case a public tip started (docs/adr/0130): the tip as the reporter wrote it,
 * for the officer who logs it — channel PORTAL, what, where, which business — and the tip's id as
 * the protected informant reference (the contact itself is never in a form: docs/adr/0131).
 */
async function publicTipPrefill(db: Db, row: CaseFileRow, stepId: string): Promise<TPrefillResult | undefined> {
  if (row.procedure_id !== TIP_PROCEDURE || stepId !== TIP_FIRST_STEP) return undefined;
  const tip = await tipOfCase(db, row.case_id);
  if (!tip) return undefined;
  const target = [tip.business_name, tip.tax_code && `MST ${tip.tax_code}`].filter(Boolean).join(', ');
  return {
    values: { channel: 'PORTAL', content: tip.content, target: target || '—', place: tip.place, informantRef: `tip:${tip.id}`, wantsReply: tip.wants_reply },
    sources: {},
  };
}

/** The defaults of `stepId`'s form in the case `row` (which `user` may see). */
export async function stepPrefill(db: Db, user: TUser, row: CaseFileRow, stepId: string): Promise<TPrefillResult> {
  const own = await prefillCase(db, row);
  const step = own?.definition.steps.find((s) => s.id === stepId);
  if (!own || !step) throw new AppError('NOT_FOUND', `Case ${row.case_id} has no step ${stepId}.`);
  const fromTip = await publicTipPrefill(db, row, stepId);
  if (fromTip) return fromTip;
  if (!step.form.fields.some((f) => f.prefill)) return { values: {}, sources: {} };
  // The business of the case's own unit only (getBusiness filters by unit), the parent only if this officer may see it.
  const business = row.business_id ? await getBusiness(db, row.unit_id, row.business_id) : undefined;
  const parentRow = row.parent_case_id ? await getCaseRow(db, row.parent_case_id) : undefined;
  const parent = parentRow && canSeeCase(user, parentRow) ? await prefillCase(db, parentRow) : undefined;
  return resolvePrefill(step, { own, parent, business: business && prefillBusiness(business), today: vnDateOf(Date.now()), officerName: user.displayName });
}
