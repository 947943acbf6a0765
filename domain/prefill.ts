/**
 * Prefill and carry-over (docs/adr/0116): the defaults a step's form starts from, resolved from
 * what the case already knows — its business in the registry, its earlier steps, the steps of the
 * case that started it as a sub-procedure, today, the officer. Pure: the API loads the read model
 * and hands it in. A default is only a starting value: the officer may change it, and the server
 * checks the submitted form as if it had been typed.
 */
import { fileRefsIn, type TFormData } from './forms.js';
import type { PREFILL_BUSINESS_ATTRIBUTES, TField, TPrefill, TProcedureDefinition, TStep, TText } from './procedure.js';

/** The business's attributes a field may start from, as text. */
export type TPrefillBusiness = Partial<Record<(typeof PREFILL_BUSINESS_ATTRIBUTES)[number], string>>;

/** A case's completed steps as the read model holds them (protected fields already redacted), and its procedure. */
export interface TPrefillCase {
  definition: TProcedureDefinition;
  completed: readonly { stepId: string; data: TFormData }[];
}

export interface TPrefillContext {
  /** The case whose step is being filled. */
  own: TPrefillCase;
  /** The case that started this one as a sub-procedure, when the officer may see it. */
  parent?: TPrefillCase | undefined;
  business?: TPrefillBusiness | undefined;
  /** Today in Vietnam, YYYY-MM-DD. */
  today: string;
  /** The signed-in officer's name. */
  officerName: string;
}

export interface TPrefillResult {
  /** Each prefilled field's value, as the API's form data holds it (dates YYYY-MM-DD, amounts in đồng, file references). */
  values: Record<string, unknown>;
  /** Where each value came from: the field's `prefill`, with the title of the step it was carried from. */
  sources: Record<string, TPrefill & { stepTitle?: TText }>;
}

/** A registry business's attributes as a form's text: its address on one line (street, commune, province). */
export function prefillBusiness(b: { name: string; taxCode: string; address: { line: string | null; commune: string; province: string }; legalRepresentative: string | null }): TPrefillBusiness {
  return {
    name: b.name,
    taxCode: b.taxCode,
    address: [b.address.line, b.address.commune, b.address.province].filter(Boolean).join(', '),
    ...(b.legalRepresentative ? { legalRepresentative: b.legalRepresentative } : {}),
  };
}

/** The value of `field` in the latest completion of `stepId`, if that field may be carried over into `target`, and the step's title. */
function carried(c: TPrefillCase | undefined, stepId: string, field: string, target: TField): { value: unknown; stepTitle?: TText } {
  const step = c?.definition.steps.find((s) => s.id === stepId);
  const source = step?.form.fields.find((f) => f.key === field);
  // A protected field (an informant's identity) is never carried into another field; nor a value of another kind.
  if (!c || !step || !source || source.sensitive || source.type !== target.type) return { value: undefined };
  return { value: c.completed.findLast((x) => x.stepId === stepId)?.data[field], stepTitle: step.title };
}

/** The value as `field` takes it, or undefined when it does not fit (a default never breaks the form's shape). */
function fitted(field: TField, value: unknown): unknown {
  switch (field.type) {
    case 'text':
      return typeof value === 'string' && value.trim() !== '' ? value : undefined;
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
    case 'number':
    case 'money':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'enum':
      return typeof value === 'string' && field.options.some((o) => o.value === value) ? value : undefined;
    case 'file': {
      const refs = fileRefsIn([field], { [field.key]: value });
      return refs.length ? refs.map(({ sha256, name, size, mime }) => ({ sha256, name, size, mime })) : undefined;
    }
    default:
      return undefined;
  }
}

/** The defaults of `step`'s form in this case: only fields that declare one and whose source has a value. */
export function resolvePrefill(step: TStep, ctx: TPrefillContext): TPrefillResult {
  const values: Record<string, unknown> = {};
  const sources: TPrefillResult['sources'] = {};
  for (const field of step.form.fields) {
    const p = field.prefill;
    if (!p) continue;
    const found =
      p.from === 'business'
        ? { value: ctx.business?.[p.attribute] }
        : p.from === 'today'
          ? { value: ctx.today }
          : p.from === 'officer'
            ? { value: ctx.officerName }
            : carried(p.from === 'step' ? ctx.own : ctx.parent, p.stepId, p.field, field);
    const value = fitted(field, found.value);
    if (value === undefined) continue;
    values[field.key] = value;
    sources[field.key] = found.stepTitle ? { ...p, stepTitle: found.stepTitle } : p;
  }
  return { values, sources };
}
