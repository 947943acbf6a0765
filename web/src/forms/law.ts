/**
 * The law's rules in the step form, as the officer types: the very functions the workflow refuses
 * with (domain/law-rules.ts over domain/rules.ts), evaluated on the case as the read model has it,
 * the legal parameters and the violation catalogue. The server checks again and has the last word.
 */
import { fieldsAskedNow, lawFailures, type TRuleFailure } from '../../../domain/law-rules.js';
import type { TOutcome as TDomainOutcome, TStep as TDomainStep } from '../../../domain/procedure.js';
import type { TRuleCase, TRuleScope } from '../../../domain/rules.js';
import { resolveViolations } from '../../../domain/violation-catalogue.js';
import type { TCase, TLegalParam, TStep, TViolation } from '../lib/contract/types.js';

export type { TRuleFailure };

export interface TLawContext {
  caseFile: TCase;
  params: readonly TLegalParam[];
  catalogue: readonly TViolation[];
  roles: readonly string[];
  /** The current instant (ms). */
  now: number;
}

/** The form's data with the catalogue's facts in its violation fields, as the server will store it. */
function withCatalogueFacts(step: TStep, data: Record<string, unknown>, catalogue: readonly TViolation[]): Record<string, unknown> {
  return resolveViolations(step.form.fields, data, catalogue).data;
}

/** The scope the law's rules are evaluated in: the case as the read model has it, the form's data, the outcome. */
function scopeOf(step: TStep, outcomeId: string, data: Record<string, unknown>, ctx: TLawContext): TRuleScope {
  const snapshot = ctx.caseFile.snapshot;
  const theCase: TRuleCase = {
    completed: snapshot.completed,
    open: snapshot.open,
    legalParams: ctx.params,
    ...(snapshot.facts ? { facts: snapshot.facts } : {}),
    // The payments reported to the case: the surcharge on the unpaid part reads them (docs/adr/0127).
    events: snapshot.events,
  };
  return { case: theCase, stepId: step.id, data: withCatalogueFacts(step, data, ctx.catalogue), outcome: outcomeId, now: new Date(ctx.now).toISOString() };
}

/** The rules completing `step` with `outcomeId` would break now (none while the outcome is not chosen). */
export function lawCheck(step: TStep, outcomeId: string, data: Record<string, unknown>, ctx: TLawContext): TRuleFailure[] {
  const domainStep = step as unknown as TDomainStep;
  const outcome = domainStep.outcomes.find((o: TDomainOutcome) => o.id === outcomeId);
  if (!outcome) return [];
  const actingRole = ctx.roles.find((r) => step.roles.includes(r)) ?? '';
  const r = lawFailures(domainStep, outcome, scopeOf(step, outcomeId, data, ctx), actingRole);
  // A rule that cannot be evaluated here (a parameter not loaded yet) is left to the server.
  return 'failures' in r ? r.failures : [];
}

/** The optional fields the law asks for with the outcome chosen, on the form as it stands (none while no outcome is chosen): marked required. */
export function askedFields(step: TStep, outcomeId: string, data: Record<string, unknown>, ctx: TLawContext): Set<string> {
  const domainStep = step as unknown as TDomainStep;
  const outcome = domainStep.outcomes.find((o: TDomainOutcome) => o.id === outcomeId);
  return fieldsAskedNow(domainStep, outcome, scopeOf(step, outcomeId, data, ctx));
}

/** The failures by the form path they belong to (`''` for those of the step as a whole). */
export function failuresByField(failures: readonly TRuleFailure[]): Map<string, TRuleFailure[]> {
  const out = new Map<string, TRuleFailure[]>();
  for (const f of failures) out.set(f.field ?? '', [...(out.get(f.field ?? '') ?? []), f]);
  return out;
}
