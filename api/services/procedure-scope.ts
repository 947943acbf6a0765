/**
 * Whose a procedure is, and what that allows (docs/adr/0040-tenancy-national-and-unit-configuration.md):
 * a national procedure is read by every unit and changed by a national administrator; a unit's own
 * procedure — a variant of a national one that keeps to it — is seen, changed and used by that unit
 * only (and read by national administrators, who oversee the variants).
 */
import type { TProcedureDefinition } from '../../domain/procedure.js';
import { checkProcedureScope, checkVariant, type TProcedureScope, type TVariantIssue } from '../../domain/procedure-variant.js';
import { isNationalAdmin, procedureIdUnit } from '../../domain/tenancy.js';
import type { Db } from '../../db/database.js';
import { nationalProcedureIds, nationalVersion, procedureOwner, unitProcedures } from '../../db/repositories/procedures.js';
import type { TUser } from '../../db/repositories/people.js';
import { AppError } from '../errors.js';

/** Who owns a procedure: the nation (its national administrators) or one unit. */
export type TProcedureOwner = { kind: 'NATIONAL' } | { kind: 'UNIT'; unitId: string };

const PROCEDURE_ID = /^[A-Za-z][A-Za-z0-9_'.-]{0,39}$/;

/**
 * Whose the procedure `procedureId` is, or would be if a first version were saved under it: an
 * existing procedure's owner is recorded; a new id with a dot belongs to the unit its prefix names
 * (`nb.ins-penalty`), one without is national. Decided from the path alone, before the body is read.
 */
export async function procedureWriteOwner(db: Db, procedureId: string): Promise<TProcedureOwner> {
  // A malformed id is never looked up (the route's validation refuses it once the caller is admitted).
  const owner = PROCEDURE_ID.test(procedureId) ? await procedureOwner(db, procedureId) : undefined;
  const unitId = owner ? owner.ownerUnitId : (procedureIdUnit(procedureId) ?? null);
  return unitId === null ? { kind: 'NATIONAL' } : { kind: 'UNIT', unitId };
}

/** Whether `user` may read the procedure: a national one, their unit's own, or any for a national administrator. */
export function canReadProcedure(user: TUser, ownerUnitId: string | null): boolean {
  return ownerUnitId === null || ownerUnitId === user.unitId || isNationalAdmin(user.roles);
}

/** 404 unless `user` may read the procedure (another unit's procedure is not revealed). */
export async function assertReadable(db: Db, user: TUser, procedureId: string, what: string): Promise<void> {
  const owner = await procedureOwner(db, procedureId);
  if (!owner || !canReadProcedure(user, owner.ownerUnitId)) throw new AppError('NOT_FOUND', what);
}

/**
 * The procedure a case of `unitId` may start on: national, or the unit's own whose national version
 * is still in force (not retired). Another unit's is "not found", as if it did not exist.
 */
export async function assertOpenable(db: Db, unitId: string, procedureId: string, def: TProcedureDefinition | undefined): Promise<TProcedureDefinition> {
  const owner = await procedureOwner(db, procedureId);
  if (!def || !owner || (owner.ownerUnitId !== null && owner.ownerUnitId !== unitId)) throw new AppError('NOT_FOUND', `procedureId: no published procedure ${procedureId}`);
  if (def.variantOf) {
    const base = await nationalVersion(db, def.variantOf.procedureId, def.variantOf.version);
    if (base?.status !== 'PUBLISHED') {
      throw new AppError(
        'BUSINESS_RULE',
        `${def.id}@${def.version} is your unit's variant of the national procedure ${def.variantOf.procedureId}@${def.variantOf.version}, which is ${base ? base.status.toLowerCase() : 'gone'}: no case starts on it until your unit publishes a variant of the national version in force.`,
        undefined,
        { reason: 'VARIANT_BASE_RETIRED', procedureId: def.id, variantOf: def.variantOf },
      );
    }
  }
  return def;
}

/**
 * What a definition owned by `owner` must also satisfy beyond the validator: a national procedure
 * runs national sub-procedures only and varies nothing; a unit's procedure of a kind a national
 * procedure covers is a variant of a published national version of that kind and keeps to it
 * (domain/procedure-variant.ts), and runs national sub-procedures or the unit's own.
 */
export async function tenancyIssues(db: Db, def: TProcedureDefinition, owner: TProcedureOwner): Promise<TVariantIssue[]> {
  const unitId = owner.kind === 'UNIT' ? owner.unitId : undefined;
  const refs = [...new Set([...def.steps.flatMap((s) => (s.subProcedure ? [s.subProcedure.procedureId] : [])), ...(def.variantOf ? [def.variantOf.procedureId] : [])])];
  const [national, own] = await Promise.all([nationalProcedureIds(db, refs), unitId ? unitProcedures(db, unitId) : Promise.resolve(new Map<string, string | null>())]);
  const scopeOf = (id: string): TProcedureScope | undefined => (national.has(id) ? { scope: 'NATIONAL' } : own.has(id) ? { scope: 'OWN', variantOf: own.get(id) ?? null } : { scope: 'OTHER' });

  if (owner.kind === 'NATIONAL') {
    const issues = checkProcedureScope(def, true, scopeOf);
    if (def.variantOf) issues.unshift({ path: 'variantOf', code: 'VARIANT_BASE', message: 'a national procedure is no variant: remove variantOf' });
    return issues;
  }
  if (!def.variantOf) {
    const covered = await db
      .selectFrom('procedure_version as v')
      .innerJoin('procedure as p', 'p.procedure_id', 'v.procedure_id')
      .select('v.procedure_id')
      .where('p.owner_unit_id', 'is', null)
      .where('v.kind', '=', def.kind)
      .where('v.status', '=', 'PUBLISHED')
      .executeTakeFirst();
    const issues = checkProcedureScope(def, false, scopeOf);
    if (covered)
      issues.unshift({
        path: 'variantOf',
        code: 'VARIANT_BASE',
        message: `a unit's ${def.kind} procedure is a variant of a national ${def.kind} procedure (such as ${covered.procedure_id}) and keeps to it: set variantOf to its id and published version`,
      });
    return issues;
  }
  const { procedureId: baseId, version: baseVersion } = def.variantOf;
  const base = await nationalVersion(db, baseId, baseVersion);
  if (!base) return [{ path: 'variantOf', code: 'VARIANT_BASE', message: `${baseId}@${baseVersion} is not a version of a national procedure` }];
  if (base.status !== 'PUBLISHED')
    return [{ path: 'variantOf', code: 'VARIANT_BASE', message: `${baseId}@${baseVersion} is ${base.status.toLowerCase()}: a variant keeps to a published national version` }];
  const issues: TVariantIssue[] = [];
  const earlier = own.get(def.id);
  if (earlier && earlier !== baseId)
    issues.push({ path: 'variantOf.procedureId', code: 'VARIANT_BASE', message: `the versions of ${def.id} vary ${earlier}; a variant of ${baseId} is another procedure (another id)` });
  const baseSteps = new Set(base.definition.steps.map((s) => s.id));
  const added = { ...def, steps: def.steps.filter((s) => !baseSteps.has(s.id)) };
  issues.push(
    ...checkVariant(base.definition, def, scopeOf),
    // Sub-procedures of the steps the unit added (those of national steps are checked as a variant's).
    ...checkProcedureScope(added, false, scopeOf).map((i) => ({ ...i, path: i.path.replace(/^steps\[(\d+)\]/, (_m, n: string) => `steps[${def.steps.indexOf(added.steps[Number(n)]!)}]`) })),
  );
  return issues;
}
