/**
 * A unit's own procedure keeps to the law: it is a variant of a national procedure version and may
 * only be stricter than it, never laxer (docs/adr/0040-tenancy-national-and-unit-configuration.md).
 *
 * What a variant may do:
 * - add steps (an internal review, a report to the unit's leaders) that lead on to exactly the
 *   national steps the national outcome leads to, whichever of their outcomes is chosen; and add
 *   form fields, rules (`requires`, `constraints`), events, escalation rungs, evidence demands;
 * - narrow who does a step, who grants an extension or stops a clock, and for which reasons;
 * - shorten the agency's own soft deadlines (targets that escalate) and its extensions; add a soft
 *   deadline to a step that has none;
 * - reword titles and help texts.
 *
 * What it may not: drop or reroute a national step or outcome, close the case or end a branch
 * earlier, widen a role, drop or change a rule, a guard, a window, a form field's constraints, a
 * hard deadline, a period that binds the party (the party never loses a day), a deadline counted
 * from a legal parameter, a sub-procedure; delay a step whose clock starts when it opens; or change
 * anything this checker does not know (a new part of the procedure language stays as nationally
 * until this file learns how it may vary).
 *
 * Pure: the API runs it when a unit's version is saved and refuses to publish a version with any
 * issue; the web editor shows each issue at its path.
 */
import { canonicalJson } from './audit.js';
import type { TDeadline, TField, TOutcome, TProcedureDefinition, TStep } from './procedure.js';

/** The problems a variant can have (beside the ordinary definition issues). */
export const VARIANT_ISSUE_CODES = [
  /** Not a variant of a published national procedure of its kind, or of another one than its earlier versions. */
  'VARIANT_BASE',
  /** A step of the national procedure is missing. */
  'VARIANT_STEP_MISSING',
  /** A part of a national step or outcome is laxer than nationally (a role widened, a rule dropped, a deadline lengthened…). */
  'VARIANT_RELAXES',
  /** The way between national steps changed: an outcome added or removed, a step skipped, the case closed early, a clock delayed. */
  'VARIANT_BYPASS',
  /** A sub-procedure that is neither national nor the unit's own (a national procedure only runs national ones). */
  'PROCEDURE_SCOPE',
] as const;
type TVariantIssueCode = (typeof VARIANT_ISSUE_CODES)[number];

export interface TVariantIssue {
  path: string;
  code: TVariantIssueCode;
  message: string;
}

/** What a procedure id is, seen from the unit whose procedure is checked. */
export type TProcedureScope = { scope: 'NATIONAL' } | { scope: 'OWN'; variantOf: string | null } | { scope: 'OTHER' };

const canon = canonicalJson;
const same = (a: unknown, b: unknown): boolean => canon(a) === canon(b);

/** A copy of `value` without `keys` (one level). */
function without<T extends object>(value: T | undefined, keys: readonly string[]): Record<string, unknown> | undefined {
  if (!value) return undefined;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)));
}

/** Whether every element of `base` is in `variant` (by canonical JSON). */
function superset(base: readonly unknown[] | undefined, variant: readonly unknown[] | undefined): boolean {
  const have = new Set((variant ?? []).map(canon));
  return (base ?? []).every((x) => have.has(canon(x)));
}

/** A field's constraints without its wording and without `required` (compared separately), nested groups too. */
function fieldCore(f: TField): unknown {
  const core: Record<string, unknown> = without(f, ['label', 'help', 'required'])!;
  if (f.type === 'enum') core.options = f.options.map((o) => o.value);
  if (f.type === 'group') core.fields = f.fields.map(fieldCore);
  return core;
}

/** Paths of fields required nationally but not in the variant (nested groups too). */
function requiredDropped(base: TField, variant: TField, path: string): string[] {
  const out: string[] = [];
  if (base.required && !variant.required) out.push(path);
  if (base.type === 'group' && variant.type === 'group') {
    base.fields.forEach((bf) => {
      const j = variant.fields.findIndex((vf) => vf.key === bf.key);
      const vf = variant.fields[j];
      if (vf) out.push(...requiredDropped(bf, vf, `${path}.fields[${j}]`));
    });
  }
  return out;
}

/** Whether a deadline (or one of its parts) is counted from the step's own opening. */
function countsFromOpening(s: TStep): boolean {
  const anchors = [s.deadline?.anchor, ...(s.deadline?.variants ?? []).map((v) => v.anchor), s.deadline?.cap?.anchor, ...(s.windows ?? []).map((w) => w.anchor)];
  return anchors.some((a) => a?.kind === 'STEP_OPENED');
}

/** The step parts this checker knows how a variant may change; any other part must stay as nationally. */
const KNOWN_STEP_KEYS = ['id', 'title', 'roles', 'legalBasis', 'form', 'outcomes', 'joinOf', 'deadline', 'extension', 'windows', 'constraints', 'pause', 'guard', 'subProcedure', 'requiresEvidence'];
const KNOWN_OUTCOME_KEYS = ['id', 'title', 'next', 'requires', 'closesCase', 'legalBasis', 'afterDeadline', 'competence'];
const KNOWN_PROCEDURE_KEYS = ['id', 'version', 'kind', 'title', 'description', 'legalBasis', 'variantOf', 'events', 'facts', 'start', 'steps'];

/**
 * The issues of `variant` as a variant of `base` (the national version it names in `variantOf`).
 * `scopeOf` says what a sub-procedure id is from the variant's unit.
 */
export function checkVariant(base: TProcedureDefinition, variant: TProcedureDefinition, scopeOf: (procedureId: string) => TProcedureScope | undefined): TVariantIssue[] {
  const issues: TVariantIssue[] = [];
  const add = (path: string, code: TVariantIssueCode, message: string): void => {
    issues.push({ path, code, message });
  };
  const nationally = `${base.id}@${base.version}`;

  if (variant.kind !== base.kind) add('kind', 'VARIANT_BASE', `a variant of ${nationally} is a ${base.kind} procedure, not ${variant.kind}`);
  if (base.legalBasis && !(variant.legalBasis ?? '').includes(base.legalBasis))
    add('legalBasis', 'VARIANT_RELAXES', `the legal basis of ${nationally} (“${base.legalBasis}”) must stay in the variant's legal basis`);
  base.events.forEach((e) => {
    if (!variant.events.some((v) => v.id === e.id)) add('events', 'VARIANT_RELAXES', `event ${e.id} of ${nationally} must stay`);
  });
  if (
    !same(
      base.facts.map((f) => [f.key, f.type]),
      variant.facts.map((f) => [f.key, f.type]),
    )
  )
    add('facts', 'VARIANT_RELAXES', `the facts a parent case hands over must stay as in ${nationally}`);
  for (const key of Object.keys({ ...base, ...variant })) {
    if (KNOWN_PROCEDURE_KEYS.includes(key)) continue;
    if (!same((base as Record<string, unknown>)[key], (variant as Record<string, unknown>)[key])) add(key, 'VARIANT_RELAXES', `${key} must stay as in ${nationally}`);
  }

  const baseIds = new Set(base.steps.map((s) => s.id));
  const vIndex = new Map(variant.steps.map((s, i) => [s.id, i] as const));
  const vStep = (id: string): TStep | undefined => {
    const i = vIndex.get(id);
    return i === undefined ? undefined : variant.steps[i];
  };

  // The national steps an added step leads on to, whichever of its outcomes is chosen (undefined:
  // it depends on the choice, or an outcome closes the case).
  const reachMemo = new Map<string, Set<string> | undefined | 'busy'>();
  const reachOfAdded = (id: string): Set<string> | undefined => {
    const memo = reachMemo.get(id);
    if (memo === 'busy') return new Set();
    if (memo !== undefined || reachMemo.has(id)) return memo as Set<string> | undefined;
    reachMemo.set(id, 'busy');
    const s = vStep(id);
    let result: Set<string> | undefined;
    if (s) {
      const perOutcome = s.outcomes.map((o) => (o.closesCase ? undefined : reachOf(o.next)));
      const first = perOutcome[0];
      result = first && perOutcome.every((r) => r && same([...r].sort(), [...first].sort())) ? first : undefined;
    }
    reachMemo.set(id, result);
    return result;
  };
  /** The national steps a list of next steps opens: directly, or through added steps. */
  const reachOf = (next: readonly string[]): Set<string> | undefined => {
    const out = new Set<string>();
    for (const id of next) {
      if (baseIds.has(id)) out.add(id);
      else {
        const r = reachOfAdded(id);
        if (!r) return undefined;
        r.forEach((x) => out.add(x));
      }
    }
    return out;
  };
  const opensDirectly = new Set(base.steps.filter(countsFromOpening).map((s) => s.id));
  /** Checks that `variantNext` opens exactly `baseNext`'s national steps, and opening-clocked ones directly. */
  const checkPath = (path: string, where: string, baseNext: readonly string[], variantNext: readonly string[]): void => {
    const reached = reachOf(variantNext);
    if (!reached) {
      add(path, 'VARIANT_BYPASS', `${where}: a step added here must lead on to the same national steps (${baseNext.join(', ') || 'none'}) whichever outcome is chosen, and may not close the case`);
      return;
    }
    if (!same([...reached].sort(), [...baseNext].sort())) {
      add(path, 'VARIANT_BYPASS', `${where} opens ${[...reached].sort().join(', ') || 'no national step'}; in ${nationally} it opens ${[...baseNext].sort().join(', ') || 'no further step'}`);
      return;
    }
    for (const id of baseNext) {
      if (opensDirectly.has(id) && !variantNext.includes(id))
        add(path, 'VARIANT_BYPASS', `${where}: step ${id} counts its period from its own opening, so it must open directly (a step added before it would delay its clock)`);
    }
  };

  checkPath('start', 'the start', base.start, variant.start);

  base.steps.forEach((b) => {
    const vi = vIndex.get(b.id);
    const v = vi === undefined ? undefined : variant.steps[vi];
    if (!v || vi === undefined) {
      add('steps', 'VARIANT_STEP_MISSING', `step ${b.id} of ${nationally} is missing: a variant keeps every national step`);
      return;
    }
    const at = `steps[${vi}]`;
    const relaxes = (path: string, message: string): void => add(`${at}${path}`, 'VARIANT_RELAXES', `step ${b.id}: ${message}`);
    const partyBound = b.deadline?.binds === 'PARTY';

    if (b.legalBasis && !(v.legalBasis ?? '').includes(b.legalBasis)) relaxes('.legalBasis', `its legal basis (“${b.legalBasis}”) must stay`);
    v.roles.forEach((r, j) => {
      if (!b.roles.includes(r)) relaxes(`.roles[${j}]`, `${r} may not do it nationally (only ${b.roles.join(', ')}): a unit may narrow who does a step, never widen it`);
    });

    // Form: every national field stays, with its constraints; required stays required.
    b.form.fields.forEach((bf) => {
      const j = v.form.fields.findIndex((f) => f.key === bf.key);
      const vf = v.form.fields[j];
      if (!vf) return relaxes('.form.fields', `form field ${bf.key} must stay`);
      if (!same(fieldCore(bf), fieldCore(vf))) relaxes(`.form.fields[${j}]`, `form field ${bf.key} must keep its type and constraints (only its wording may change)`);
      for (const p of requiredDropped(bf, vf, `.form.fields[${j}]`)) relaxes(p, `form field ${bf.key} is required nationally`);
    });

    // Outcomes: the same ones, each with its conditions; the way on is checked as a path.
    const vOutcomes = new Map(v.outcomes.map((o, j) => [o.id, j] as const));
    v.outcomes.forEach((o, j) => {
      if (!b.outcomes.some((x) => x.id === o.id))
        add(`${at}.outcomes[${j}]`, 'VARIANT_BYPASS', `step ${b.id}: outcome ${o.id} is not an outcome of ${nationally}; a unit may not add a way out of a national step`);
    });
    b.outcomes.forEach((bo: TOutcome) => {
      const j = vOutcomes.get(bo.id);
      const vo = j === undefined ? undefined : v.outcomes[j];
      if (!vo || j === undefined) return add(`${at}.outcomes`, 'VARIANT_BYPASS', `step ${b.id}: outcome ${bo.id} of ${nationally} must stay`);
      const oat = `${at}.outcomes[${j}]`;
      if (!same(without(bo, ['title', 'next', 'requires']), without(vo, ['title', 'next', 'requires']))) {
        add(oat, 'VARIANT_RELAXES', `step ${b.id}, outcome ${bo.id}: its legal conditions (closing the case, after the deadline, competence, legal basis) must stay as nationally`);
      }
      if (!superset(bo.requires, vo.requires)) add(`${oat}.requires`, 'VARIANT_RELAXES', `step ${b.id}, outcome ${bo.id}: every national rule (requires) must stay; a unit may add rules`);
      for (const key of Object.keys({ ...bo, ...vo })) {
        if (!KNOWN_OUTCOME_KEYS.includes(key) && !same((bo as Record<string, unknown>)[key], (vo as Record<string, unknown>)[key]))
          add(`${oat}.${key}`, 'VARIANT_RELAXES', `step ${b.id}, outcome ${bo.id}: ${key} must stay as nationally`);
      }
      if (!bo.closesCase) checkPath(`${oat}.next`, `step ${b.id}, outcome ${bo.id}`, bo.next, vo.next);
    });

    if (b.joinOf && !same(b.joinOf.slice().sort(), (v.joinOf ?? []).slice().sort())) relaxes('.joinOf', `it waits for ${b.joinOf.join(', ')} nationally; a variant keeps that join as it is`);
    if (!b.joinOf && v.joinOf && opensDirectly.has(b.id)) relaxes('.joinOf', 'its period counts from its opening: a join would delay its clock');

    // Deadline: the law's own stays; the agency's soft targets may be shortened.
    if (b.deadline) {
      const bd: TDeadline = b.deadline;
      const vd = v.deadline;
      if (!vd) relaxes('.deadline', `its deadline (${bd.amount} ${bd.unit}, ${bd.legalBasis}) must stay`);
      else {
        if (!same(without(bd, ['amount', 'escalation', 'hard']), without(vd, ['amount', 'escalation', 'hard'])))
          relaxes('.deadline', 'its deadline must keep its unit, anchor, variants, legal parameter, cap, whom it binds and its legal basis; only a soft deadline of the agency may be shortened');
        if (bd.hard && !vd.hard) relaxes('.deadline.hard', 'its deadline is hard (refuses completion after it) nationally');
        if (!bd.hard && vd.hard) relaxes('.deadline.hard', 'a hard deadline changes what may be decided after it: only the law makes one');
        const mayShorten = !bd.hard && !partyBound && !bd.amountParam;
        if (mayShorten ? vd.amount > bd.amount : vd.amount !== bd.amount) {
          relaxes(
            '.deadline.amount',
            mayShorten
              ? `its deadline is ${bd.amount} ${bd.unit} nationally; a unit may shorten it, never lengthen it`
              : `its deadline of ${bd.amount} ${bd.unit} ${partyBound ? 'is the party’s period' : bd.hard ? 'is hard' : 'comes from a legal parameter'} and stays as nationally`,
          );
        }
      }
    } else if (v.deadline && (v.deadline.hard || v.deadline.binds === 'PARTY')) {
      relaxes('.deadline', 'a unit may add only a soft deadline of the agency to a national step (not a hard one, not one that binds the party)');
    }

    // Extensions: none, or within the national ones (the party's own periods: as nationally).
    if (v.extension) {
      const be = b.extension;
      const ve = v.extension;
      if (!be) relaxes('.extension', 'it has no extension nationally');
      else if (partyBound) {
        if (!same(be, ve)) relaxes('.extension', 'its period binds the party: its extension stays as nationally');
      } else {
        if (!same(without(be, ['grantRoles', 'maxCount', 'maxAmount']), without(ve, ['grantRoles', 'maxCount', 'maxAmount'])))
          relaxes('.extension', 'its extension keeps its unit, condition, variants, legal parameter and legal basis');
        ve.grantRoles.forEach((r, j) => {
          if (!be.grantRoles.includes(r)) relaxes(`.extension.grantRoles[${j}]`, `${r} may not grant an extension nationally`);
        });
        if (ve.maxCount > be.maxCount) relaxes('.extension.maxCount', `at most ${be.maxCount} extension(s) nationally`);
        if (be.maxAmountParam ? ve.maxAmount !== be.maxAmount : ve.maxAmount > be.maxAmount) relaxes('.extension.maxAmount', `an extension is at most ${be.maxAmount} ${be.unit} nationally`);
      }
    } else if (b.extension && partyBound) relaxes('.extension', 'its period binds the party: its extension stays as nationally');

    if (!same(b.windows ?? [], v.windows ?? [])) relaxes('.windows', 'its periods (windows) are the party’s rights and stay as nationally');
    if (!superset(b.constraints, v.constraints)) relaxes('.constraints', 'every national rule (constraints) must stay; a unit may add rules');

    if (v.pause) {
      const bp = b.pause;
      if (!bp) relaxes('.pause', 'its clock cannot be stopped nationally');
      else if (partyBound) {
        if (!same(bp, v.pause)) relaxes('.pause', 'its period binds the party: stopping its clock stays as nationally');
      } else {
        if (bp.legalBasis !== v.pause.legalBasis) relaxes('.pause.legalBasis', 'stopping the clock keeps its legal basis');
        v.pause.roles.forEach((r, j) => {
          if (!bp.roles.includes(r)) relaxes(`.pause.roles[${j}]`, `${r} may not stop the clock nationally`);
        });
        v.pause.reasons.forEach((r, j) => {
          if (!bp.reasons.includes(r)) relaxes(`.pause.reasons[${j}]`, `${r} is not a reason to stop the clock nationally`);
        });
      }
    } else if (b.pause && partyBound) relaxes('.pause', 'its period binds the party: stopping its clock stays as nationally');

    if (!same(b.guard, v.guard)) relaxes('.guard', 'its guard (a period counted from an earlier date) stays as nationally');
    if (b.requiresEvidence && !v.requiresEvidence) relaxes('.requiresEvidence', 'it requires evidence nationally');

    if (b.subProcedure || v.subProcedure) {
      const bs = b.subProcedure;
      const vs = v.subProcedure;
      if (!bs || !vs) relaxes('.subProcedure', bs ? `it runs ${bs.procedureId} as a sub-case nationally` : 'it runs no sub-case nationally');
      else {
        const scope = scopeOf(vs.procedureId);
        const ownVariant = scope?.scope === 'OWN' && scope.variantOf === bs.procedureId;
        if (vs.procedureId !== bs.procedureId && !ownVariant)
          add(`${at}.subProcedure.procedureId`, 'PROCEDURE_SCOPE', `step ${b.id} runs ${bs.procedureId} nationally: the variant runs it or the unit's own variant of it`);
        if (vs.procedureId === bs.procedureId && vs.version !== bs.version) relaxes('.subProcedure.version', `it runs ${bs.procedureId}${bs.version ? `@${bs.version}` : ' (latest)'} nationally`);
        if (!same(bs.facts, vs.facts)) relaxes('.subProcedure.facts', 'the facts handed to the sub-case stay as nationally');
      }
    }

    for (const key of Object.keys({ ...b, ...v })) {
      if (!KNOWN_STEP_KEYS.includes(key) && !same((b as Record<string, unknown>)[key], (v as Record<string, unknown>)[key])) relaxes(`.${key}`, `${key} must stay as nationally`);
    }
  });

  return issues;
}

/**
 * Sub-procedures a procedure may run: a national procedure only national ones; a unit's procedure
 * national ones and the unit's own. (Those of national steps in a variant are checked by `checkVariant`.)
 */
export function checkProcedureScope(def: TProcedureDefinition, isNational: boolean, scopeOf: (procedureId: string) => TProcedureScope | undefined): TVariantIssue[] {
  const issues: TVariantIssue[] = [];
  def.steps.forEach((s, i) => {
    const ref = s.subProcedure?.procedureId;
    if (!ref) return;
    const scope = scopeOf(ref)?.scope;
    if (scope === 'NATIONAL') return;
    if (scope === 'OWN' && !isNational) return;
    issues.push({
      path: `steps[${i}].subProcedure.procedureId`,
      code: 'PROCEDURE_SCOPE',
      message: isNational ? `step ${s.id}: a national procedure runs national sub-procedures only; ${ref} is not one` : `step ${s.id}: ${ref} is neither a national procedure nor one of your unit's`,
    });
  });
  return issues;
}
