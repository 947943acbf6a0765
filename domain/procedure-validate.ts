/**
 * Checks a procedure definition before it is published. Each problem is reported with its path in
 * the definition (e.g. `steps[3].outcomes[1].next[0]`), so the editor can point at it.
 */
import { canonicalJson } from './audit.js';
import { zodIssues, type TIssueParams, type TIssueRule } from './validation-issues.js';
import { ZProcedureDefinition } from './procedure-schema.js';
import { STAFF_ROLES, type TAnchor, type TCondition, type TExpr, type TField, type TProcedureDefinition, type TStep } from './procedure.js';

/** The problems the validator reports, by code (the admin editor names each). */
export const DEFINITION_ISSUE_CODES = [
  'SCHEMA',
  'DUPLICATE_ID',
  'UNKNOWN_STEP',
  'UNKNOWN_ROLE',
  'UNKNOWN_OUTCOME',
  'UNKNOWN_FIELD',
  'UNKNOWN_EVENT',
  'UNREACHABLE_STEP',
  'DEAD_END',
  'ANCHOR_NEVER_HAPPENS',
  'JOIN_NEVER_COMPLETES',
  'BAD_ESCALATION',
  /** A rule compares values of different types, or uses a value where another type is needed. */
  'WRONG_TYPE',
  /** A rule reads a step that can never have completed before the step the rule belongs to. */
  'STEP_CANNOT_PRECEDE',
  /** A rule reads a fact, window or legal parameter the procedure does not have. */
  'UNKNOWN_REFERENCE',
  /** A field's default (`prefill`) cannot be given: a list or catalogue field, a field inside a list, or a protected source. */
  'BAD_PREFILL',
  /** A paper the step issues cannot be issued as declared: its number typed in the form, or an archive package on a step that never closes the case. */
  'BAD_DOCUMENT',
] as const;

export interface TDefinitionIssue {
  path: string;
  code: (typeof DEFINITION_ISSUE_CODES)[number];
  message: string;
  /** A `SCHEMA` issue's rule and params (domain/validation-issues.ts): what the editor words it from. */
  rule?: TIssueRule;
  params?: TIssueParams;
}

type TValueType = 'number' | 'date' | 'text' | 'boolean';

/** The facts a `violation` field stores (domain/violation-catalogue.ts `TViolationFacts`), and their types. */
const VIOLATION_FACTS: Record<string, TValueType> = {
  code: 'text',
  decree: 'text',
  article: 'number',
  clause: 'number',
  point: 'text',
  descriptionVi: 'text',
  offender: 'text',
  bracketMin: 'number',
  bracketMax: 'number',
  bracketMid: 'number',
  limitationYears: 'number',
  warningPossible: 'boolean',
  toConfirm: 'boolean',
};

function fieldType(f: TField): TValueType | undefined {
  switch (f.type) {
    case 'number':
    case 'money':
      return 'number';
    case 'date':
      return 'date';
    case 'text':
    case 'enum':
      return 'text';
    case 'boolean':
      return 'boolean';
    default:
      return undefined;
  }
}

export type TValidationResult = { ok: true; definition: TProcedureDefinition; issues: [] } | { ok: false; definition?: TProcedureDefinition; issues: TDefinitionIssue[] };

function zodPath(path: PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

/**
 * Whether condition `c`, required of a completion of `stepId`, holds only when its field `key` is
 * given (it asks for it, alone or with others); with `given`, whether it does whenever `given`
 * holds: `ANY(NOT(given), PRESENT(key))` (a deadline variant's anchor, present in the case the
 * variant is for: penalty version 18's day ashore, docs/adr/0232).
 */
function demandsPresent(c: TCondition, key: string, stepId: string, given?: TCondition): boolean {
  if (c.kind === 'FIELD_PRESENT') return c.field === key && (c.stepId === undefined || c.stepId === stepId);
  if (c.kind === 'ALL') return c.of.some((x) => demandsPresent(x, key, stepId, given));
  if (c.kind === 'ANY' && given) {
    const same = canonicalJson(onStep(given, stepId));
    return c.of.some((x) => demandsPresent(x, key, stepId)) && c.of.every((x) => demandsPresent(x, key, stepId) || (x.kind === 'NOT' && canonicalJson(onStep(x.of, stepId)) === same));
  }
  return false;
}

/** `c` with the step its fields are read from named (a rule reads its own step's fields without naming it). */
function onStep(c: TCondition, stepId: string): TCondition {
  if (c.kind === 'FIELD_EQUALS' || c.kind === 'FIELD_PRESENT') return { ...c, stepId: c.stepId ?? stepId };
  if (c.kind === 'NOT') return { ...c, of: onStep(c.of, stepId) };
  if (c.kind === 'ANY' || c.kind === 'ALL') return { ...c, of: c.of.map((x) => onStep(x, stepId)) };
  return c;
}

function fieldAt(fields: TField[], key: string): TField | undefined {
  return fields.find((f) => f.key === key);
}

/**
 * Validates the shape, then the graph and references. `paramKeys`, when given, are the legal
 * parameters that exist: a rule naming another one is reported.
 */
export function validateDefinition(input: unknown, opts: { roles?: readonly string[]; paramKeys?: readonly string[] } = {}): TValidationResult {
  const parsed = ZProcedureDefinition.safeParse(input);
  if (!parsed.success) {
    const rules = zodIssues(parsed.error.issues, { input });
    return {
      ok: false,
      issues: parsed.error.issues.map((i, k) => ({
        path: zodPath(i.path),
        code: 'SCHEMA' as const,
        message: i.message,
        rule: rules[k]!.rule,
        ...(rules[k]!.params ? { params: rules[k]!.params } : {}),
      })),
    };
  }
  const def = parsed.data;
  const roles = new Set(opts.roles ?? STAFF_ROLES);
  const issues: TDefinitionIssue[] = [];
  const add = (path: string, code: TDefinitionIssue['code'], message: string): void => {
    issues.push({ path, code, message });
  };

  const index = new Map<string, number>();
  def.steps.forEach((s, i) => {
    if (index.has(s.id)) add(`steps[${i}].id`, 'DUPLICATE_ID', `step id ${s.id} is used twice`);
    else index.set(s.id, i);
  });
  const step = (id: string): TStep | undefined => {
    const i = index.get(id);
    return i === undefined ? undefined : def.steps[i];
  };
  const events = new Set(def.events.map((e) => e.id));

  def.start.forEach((id, i) => {
    if (!index.has(id)) add(`start[${i}]`, 'UNKNOWN_STEP', `start step ${id} does not exist`);
  });

  const checkRole = (path: string, role: string): void => {
    if (!roles.has(role)) add(path, 'UNKNOWN_ROLE', `role ${role} is not one of ${[...roles].join(', ')}`);
  };
  const checkField = (path: string, stepId: string, field: string): void => {
    const s = step(stepId);
    if (!s) return add(`${path}.stepId`, 'UNKNOWN_STEP', `step ${stepId} does not exist`);
    if (!fieldAt(s.form.fields, field)) add(`${path}.field`, 'UNKNOWN_FIELD', `step ${stepId} has no form field ${field}`);
  };
  /**
   * Where a rule is: the step it belongs to (whose form is being submitted; `FIELD` without a step id
   * reads it) and the steps that may have completed before it (the only ones it may read).
   */
  interface TRuleAt {
    current?: TStep | undefined;
    before: Set<string>;
  }
  const facts = new Map(def.facts.map((f) => [f.key, f.type === 'text' ? ('text' as const) : f.type]));
  const paramKeys = opts.paramKeys ? new Set(opts.paramKeys) : undefined;

  /** The step a rule reads, if it may read it. */
  const readable = (path: string, at: TRuleAt, stepId: string | undefined): TStep | undefined => {
    if (stepId === undefined || stepId === at.current?.id) {
      if (!at.current) add(path, 'UNKNOWN_STEP', 'a field without a step id reads the step being completed, and this rule belongs to none: name the step');
      return at.current;
    }
    const s = step(stepId);
    if (!s) {
      add(`${path}.stepId`, 'UNKNOWN_STEP', `step ${stepId} does not exist`);
      return undefined;
    }
    if (!at.before.has(stepId)) add(`${path}.stepId`, 'STEP_CANNOT_PRECEDE', `step ${stepId} can never have completed before ${at.current ? `step ${at.current.id}` : 'this rule applies'}`);
    return s;
  };
  /** The type of a field path (`fineAmount`, `violation.bracketMax`) in a list of fields. */
  const pathType = (path: string, fields: TField[], fieldPath: string, where: string): TValueType | undefined => {
    const [head, tail] = fieldPath.split('.', 2) as [string, string | undefined];
    const f = fieldAt(fields, head);
    if (!f) {
      add(`${path}.field`, 'UNKNOWN_FIELD', `${where} has no form field ${head}`);
      return undefined;
    }
    if (f.type === 'violation') {
      if (tail === undefined) return 'text';
      const t = VIOLATION_FACTS[tail];
      if (!t) add(`${path}.field`, 'UNKNOWN_FIELD', `a violation field has no fact ${tail}; it has ${Object.keys(VIOLATION_FACTS).join(', ')}`);
      return t;
    }
    if (tail !== undefined) {
      add(`${path}.field`, 'UNKNOWN_FIELD', `field ${head} of ${where} is not a violation field, so it has no ${tail}`);
      return undefined;
    }
    const t = fieldType(f);
    if (!t) add(`${path}.field`, 'WRONG_TYPE', `field ${head} of ${where} is a ${f.type}, not a value a rule can compare`);
    return t;
  };
  const expect = (path: string, got: TValueType | undefined, want: TValueType, what: string): void => {
    if (got !== undefined && got !== want) add(path, 'WRONG_TYPE', `${what} must be a ${want}, not a ${got}`);
  };
  const hasPeriod = (path: string, s: TStep, window: string | undefined): void => {
    if (window !== undefined) {
      if (!s.windows?.some((w) => w.id === window)) add(`${path}.window`, 'UNKNOWN_REFERENCE', `step ${s.id} has no window ${window}`);
    } else if (!s.deadline) add(path, 'UNKNOWN_REFERENCE', `step ${s.id} has no deadline`);
  };

  const exprType = (path: string, e: TExpr, at: TRuleAt): TValueType | undefined => {
    switch (e.kind) {
      case 'CONST':
        return typeof e.value === 'number' ? 'number' : typeof e.value === 'boolean' ? 'boolean' : /^\d{4}-\d{2}-\d{2}$/.test(e.value) ? 'date' : 'text';
      case 'FIELD': {
        const s = readable(path, at, e.stepId);
        return s ? pathType(path, s.form.fields, e.field, `step ${s.id}`) : undefined;
      }
      case 'AGG': {
        const s = readable(path, at, e.stepId);
        if (!s) return undefined;
        const g = fieldAt(s.form.fields, e.group);
        if (!g || g.type !== 'group') {
          add(`${path}.group`, 'UNKNOWN_FIELD', `step ${s.id} has no group field ${e.group}`);
          return undefined;
        }
        const t = pathType(path, g.fields, e.field, `group ${e.group} of step ${s.id}`);
        if (e.withinLimitation) {
          const w = e.withinLimitation;
          const wp = `${path}.withinLimitation`;
          expect(`${wp}.since`, exprType(`${wp}.since`, w.since, at), 'date', 'the date a limitation period counts from');
          expect(`${wp}.on`, exprType(`${wp}.on`, w.on, at), 'date', 'the date a limitation period is judged on');
          expect(`${wp}.years`, pathType(`${wp}.years`, g.fields, w.years, `group ${e.group} of step ${s.id}`), 'number', 'a limitation period in years');
        }
        if (e.fn === 'COUNT') return 'number';
        if (e.fn === 'ALL' || e.fn === 'ANY') {
          expect(`${path}.field`, t, 'boolean', `${e.fn} of ${e.field}`);
          return 'boolean';
        }
        expect(`${path}.field`, t, 'number', `${e.fn} of ${e.field}`);
        return 'number';
      }
      case 'PARAM': {
        const keys = typeof e.param === 'string' ? [e.param] : [e.param.individual, e.param.organization];
        if (paramKeys) keys.forEach((k) => paramKeys.has(k) || add(`${path}.param`, 'UNKNOWN_REFERENCE', `there is no legal parameter ${k}`));
        if (typeof e.param !== 'string') {
          if (!e.subject) add(`${path}.subject`, 'UNKNOWN_FIELD', 'a parameter per kind of offender needs the field that names the offender');
          else {
            const s = readable(`${path}.subject`, at, e.subject.stepId);
            if (s) expect(`${path}.subject`, pathType(`${path}.subject`, s.form.fields, e.subject.field, `step ${s.id}`), 'text', 'the offender');
          }
        }
        expect(`${path}.on`, exprType(`${path}.on`, e.on, at), 'date', 'the date a parameter is read on');
        return 'number';
      }
      case 'DEADLINE': {
        const s = readable(path, at, e.stepId);
        if (s) hasPeriod(path, s, e.window);
        return 'date';
      }
      case 'TODAY':
        return 'date';
      case 'ROLE':
        readable(path, at, e.stepId);
        return 'text';
      case 'FACT': {
        const t = facts.get(e.fact);
        if (!t) add(`${path}.fact`, 'UNKNOWN_REFERENCE', `the procedure declares no fact ${e.fact}`);
        return t;
      }
      case 'ARITH':
        expect(`${path}.left`, exprType(`${path}.left`, e.left, at), 'number', `${e.op}'s left side`);
        expect(`${path}.right`, exprType(`${path}.right`, e.right, at), 'number', `${e.op}'s right side`);
        return 'number';
      case 'DATE_ADD':
        expect(`${path}.date`, exprType(`${path}.date`, e.date, at), 'date', 'DATE_ADD’s date');
        expect(`${path}.amount`, exprType(`${path}.amount`, e.amount, at), 'number', 'DATE_ADD’s amount');
        return 'date';
      case 'LATEST': {
        const types = e.of.map((x, i) => exprType(`${path}.of[${i}]`, x, at));
        const known = types.filter((t): t is TValueType => t !== undefined);
        if (new Set(known).size > 1) add(path, 'WRONG_TYPE', `LATEST mixes ${[...new Set(known)].join(' and ')}`);
        return known[0];
      }
      case 'IF': {
        checkCondition(`${path}.when`, e.when, at);
        const t = exprType(`${path}.then`, e.then, at);
        if (e.else) {
          const f = exprType(`${path}.else`, e.else, at);
          if (t !== undefined && f !== undefined && t !== f) add(path, 'WRONG_TYPE', `IF gives a ${t} or a ${f}`);
        }
        return t;
      }
      case 'SURCHARGE':
        expect(`${path}.amount`, exprType(`${path}.amount`, e.amount, at), 'number', 'the surcharge’s amount');
        expect(`${path}.lastDay`, exprType(`${path}.lastDay`, e.lastDay, at), 'date', 'the last day to pay');
        expect(`${path}.paidOn`, exprType(`${path}.paidOn`, e.paidOn, at), 'date', 'the payment date');
        return 'number';
      case 'SURCHARGE_ON_UNPAID':
        expect(`${path}.amount`, exprType(`${path}.amount`, e.amount, at), 'number', 'the surcharge’s amount');
        expect(`${path}.lastDay`, exprType(`${path}.lastDay`, e.lastDay, at), 'date', 'the last day to pay');
        expect(`${path}.paidOn`, exprType(`${path}.paidOn`, e.paidOn, at), 'date', 'the payment date');
        if (!events.has(e.event)) add(`${path}.event`, 'UNKNOWN_EVENT', `no event ${e.event} is declared in the procedure's events`);
        return 'number';
    }
  };

  const checkCondition = (path: string, c: TCondition, at: TRuleAt = { before: new Set(index.keys()) }): void => {
    if (c.kind === 'ANY' || c.kind === 'ALL') {
      c.of.forEach((x, i) => checkCondition(`${path}.of[${i}]`, x, at));
      return;
    }
    if (c.kind === 'NOT') return checkCondition(`${path}.of`, c.of, at);
    if (c.kind === 'CMP') {
      const l = exprType(`${path}.left`, c.left, at);
      const r = exprType(`${path}.right`, c.right, at);
      if (l !== undefined && r !== undefined && l !== r) add(path, 'WRONG_TYPE', `${c.op} compares a ${l} with a ${r}`);
      if ((l === 'boolean' || r === 'boolean') && c.op !== 'EQ' && c.op !== 'NE') add(`${path}.op`, 'WRONG_TYPE', `true/false values are compared with EQ or NE only, not ${c.op}`);
      return;
    }
    if (c.kind === 'HAS') {
      exprType(`${path}.value`, c.value, at);
      return;
    }
    if (c.kind === 'AFTER_DEADLINE') {
      const s = readable(path, at, c.stepId);
      if (s) hasPeriod(path, s, c.window);
      return;
    }
    if (c.kind === 'FIELD_EQUALS' || c.kind === 'FIELD_PRESENT') {
      const s = readable(path, at, c.stepId);
      if (s && !fieldAt(s.form.fields, c.field)) add(`${path}.field`, 'UNKNOWN_FIELD', `step ${s.id} has no form field ${c.field}`);
      return;
    }
    const s = readable(path, at, c.stepId);
    if (!s) return;
    if (c.kind === 'OUTCOME' && !s.outcomes.some((o) => o.id === c.outcome)) {
      add(`${path}.outcome`, 'UNKNOWN_OUTCOME', `step ${c.stepId} has no outcome ${c.outcome}`);
    }
    if (c.kind === 'PARAM_THRESHOLD') {
      checkField(path, c.stepId, c.field);
      checkField(`${path}.subject`, c.subject.stepId, c.subject.field);
      checkField(`${path}.date`, c.date.stepId, c.date.field);
    }
  };
  /**
   * Whether an optional field of step `from` is there whenever step `to` opens after `from`: each
   * outcome of `from` that leads to `to` (before `from` completes again) requires it, as a step
   * whose outcomes need different papers does (penalty version 9's B6, docs/adr/0211).
   */
  const presentOnTheWay = (from: TStep, key: string, to: string, given?: TCondition): boolean => {
    const leading = from.outcomes.filter((o) => reachableFrom(o.next, from.id).has(to));
    return leading.length > 0 && leading.every((o) => (o.requires ?? []).some((r) => demandsPresent(r.when, key, from.id, given)));
  };
  /** `given`: the condition of the deadline variant the anchor is for. */
  const checkAnchor = (path: string, a: TAnchor, s: TStep, preds: Set<string>, given?: TCondition): void => {
    if (a.kind === 'STEP_COMPLETED' || a.kind === 'FIELD_DATE' || a.kind === 'STEP_DUE') {
      const anchorStep = step(a.stepId);
      if (!anchorStep) add(`${path}.stepId`, 'UNKNOWN_STEP', `the period counts from step ${a.stepId}, which does not exist`);
      else if (!preds.has(a.stepId)) {
        add(`${path}.stepId`, 'ANCHOR_NEVER_HAPPENS', `the period counts from step ${a.stepId}, which never completes before step ${s.id} opens`);
      } else if (a.kind === 'STEP_DUE') {
        if (!anchorStep.deadline) add(`${path}.stepId`, 'ANCHOR_NEVER_HAPPENS', `the period counts from the end of step ${a.stepId}'s period, which has none`);
      } else if (a.kind === 'FIELD_DATE') {
        const f = fieldAt(anchorStep.form.fields, a.field);
        if (!f) add(`${path}.field`, 'UNKNOWN_FIELD', `step ${a.stepId} has no form field ${a.field}`);
        else if (f.type !== 'date') add(`${path}.field`, 'UNKNOWN_FIELD', `field ${a.field} of step ${a.stepId} is not a date`);
        else if (!f.required && !anchorStep.subProcedure && !presentOnTheWay(anchorStep, a.field, s.id, given))
          add(`${path}.field`, 'ANCHOR_NEVER_HAPPENS', `field ${a.field} of step ${a.stepId} is optional, so the period may never start`);
      }
    }
    if (a.kind === 'EVENT' && !events.has(a.event)) {
      add(`${path}.event`, 'ANCHOR_NEVER_HAPPENS', `the period counts from event ${a.event}, which the procedure does not declare`);
    }
    if (a.kind === 'FACT_DATE' && facts.get(a.fact) !== 'date') {
      add(`${path}.fact`, 'UNKNOWN_REFERENCE', `the procedure declares no date fact ${a.fact}`);
    }
  };

  /**
   * A field's default (docs/adr/0116) must come from something that can exist when the step opens,
   * of the type the field takes. A `parent` source names a step of whichever procedure starts this
   * one as a sub-procedure, unknown here: only its shape is checked (resolution skips a value of the
   * wrong type).
   */
  const checkPrefill = (path: string, s: TStep, f: TField, preds: Set<string>): void => {
    const p = f.prefill;
    if (!p) return;
    const pp = `${path}.prefill`;
    const wrong = (what: string): void => add(pp, 'WRONG_TYPE', `${what}, but field ${f.key} is a ${f.type}`);
    if (f.type === 'group' || f.type === 'violation')
      return add(pp, 'BAD_PREFILL', `field ${f.key} is a ${f.type === 'group' ? 'list' : 'catalogue violation'}: only plain values and files take a default`);
    if (p.from === 'business' || p.from === 'officer') {
      if (f.type !== 'text') wrong(p.from === 'business' ? `the business's ${p.attribute} is text` : "the officer's name is text");
      return;
    }
    if (p.from === 'today') {
      if (f.type !== 'date') wrong('today is a date');
      return;
    }
    if (p.from === 'parent') return;
    const src = step(p.stepId);
    if (!src) return add(`${pp}.stepId`, 'UNKNOWN_STEP', `step ${p.stepId} does not exist`);
    if (!preds.has(p.stepId)) return add(`${pp}.stepId`, 'STEP_CANNOT_PRECEDE', `step ${p.stepId} can never have completed before step ${s.id} opens`);
    const sf = fieldAt(src.form.fields, p.field);
    if (!sf) return add(`${pp}.field`, 'UNKNOWN_FIELD', `step ${p.stepId} has no form field ${p.field}`);
    if (sf.sensitive) return add(`${pp}.field`, 'BAD_PREFILL', `field ${p.field} of step ${p.stepId} is protected: it is never copied into another field`);
    if (sf.type !== f.type) return wrong(`field ${p.field} of step ${p.stepId} is a ${sf.type}`);
    if (sf.type === 'enum' && f.type === 'enum') {
      const missing = sf.options.map((o) => o.value).filter((v) => !f.options.some((o) => o.value === v));
      if (missing.length) add(`${pp}.field`, 'WRONG_TYPE', `field ${p.field} of step ${p.stepId} may hold ${missing.join(', ')}, which field ${f.key} does not offer`);
    }
  };

  // Graph: predecessors of each step (through outcomes), for reachability and anchors.
  const successors = new Map<string, Set<string>>();
  def.steps.forEach((s, i) => {
    const next = new Set<string>();
    s.outcomes.forEach((o, j) => {
      o.next.forEach((n, k) => {
        if (!index.has(n)) add(`steps[${i}].outcomes[${j}].next[${k}]`, 'UNKNOWN_STEP', `outcome ${o.id} leads to step ${n}, which does not exist`);
        else next.add(n);
      });
    });
    const outcomeIds = s.outcomes.map((o) => o.id);
    outcomeIds.forEach((id, j) => {
      if (outcomeIds.indexOf(id) !== j) add(`steps[${i}].outcomes[${j}].id`, 'DUPLICATE_ID', `outcome ${id} is used twice in step ${s.id}`);
    });
    successors.set(s.id, next);
  });

  /** The steps reachable from `starts`, not going on past `stop` when given. */
  const reachableFrom = (starts: Iterable<string>, stop?: string): Set<string> => {
    const seen = new Set<string>();
    const queue = [...starts].filter((s) => index.has(s));
    while (queue.length) {
      const id = queue.shift()!;
      if (seen.has(id)) continue;
      seen.add(id);
      if (id === stop) continue;
      for (const n of successors.get(id) ?? []) queue.push(n);
    }
    return seen;
  };
  const reachable = reachableFrom(def.start);

  def.steps.forEach((s, i) => {
    const at = `steps[${i}]`;
    if (!reachable.has(s.id)) add(at, 'UNREACHABLE_STEP', `step ${s.id} cannot be reached from the start`);

    s.roles.forEach((r, j) => checkRole(`${at}.roles[${j}]`, r));
    s.extension?.grantRoles.forEach((r, j) => checkRole(`${at}.extension.grantRoles[${j}]`, r));
    s.pause?.roles.forEach((r, j) => checkRole(`${at}.pause.roles[${j}]`, r));

    // Dead end: from this step no outcome ever ends a branch or closes the case.
    const ahead = reachableFrom([s.id]);
    const canEnd = [...ahead].some((id) => step(id)!.outcomes.some((o) => o.next.length === 0 || o.closesCase));
    if (!canEnd) add(at, 'DEAD_END', `from step ${s.id} the case can never end: every path loops`);

    s.joinOf?.forEach((j, k) => {
      if (!index.has(j)) add(`${at}.joinOf[${k}]`, 'UNKNOWN_STEP', `join waits for step ${j}, which does not exist`);
      else if (!reachable.has(j)) add(`${at}.joinOf[${k}]`, 'JOIN_NEVER_COMPLETES', `join waits for step ${j}, which can never be reached`);
      else if (!successors.get(j)?.has(s.id)) add(`${at}.joinOf[${k}]`, 'JOIN_NEVER_COMPLETES', `step ${j} never leads to the join ${s.id}`);
    });

    // Predecessors: the steps from which this step can be reached.
    const preds = new Set(def.steps.filter((p) => p.id !== s.id && reachableFrom([p.id]).has(s.id)).map((p) => p.id));
    // Rules of this step read its own form and the steps that may have completed before it.
    const here: TRuleAt = { current: s, before: preds };
    const opening: TRuleAt = { before: preds };
    if (s.extension?.grantedBy !== undefined && !preds.has(s.extension.grantedBy))
      add(`${at}.extension.grantedBy`, 'UNKNOWN_STEP', `the extension is granted by whoever completed step ${s.extension.grantedBy}, which is not a step before ${s.id}`);
    if (s.extension?.when) checkCondition(`${at}.extension.when`, s.extension.when, opening);
    s.extension?.variants?.forEach((v, k) => checkCondition(`${at}.extension.variants[${k}].when`, v.when, opening));
    s.outcomes.forEach((o, j) => {
      o.requires?.forEach((r, k) => checkCondition(`${at}.outcomes[${j}].requires[${k}].when`, r.when, here));
      if (o.afterDeadline && !s.deadline?.hard) add(`${at}.outcomes[${j}].afterDeadline`, 'UNKNOWN_REFERENCE', `outcome ${o.id} is for after the deadline, but step ${s.id} has no hard deadline`);
      const c = o.competence;
      if (c) {
        const cp = `${at}.outcomes[${j}].competence`;
        if (c.when) checkCondition(`${cp}.when`, c.when, here);
        expect(`${cp}.amount`, exprType(`${cp}.amount`, c.amount, here), 'number', 'the amount that sets competence');
        expect(`${cp}.date`, exprType(`${cp}.date`, c.date, here), 'date', 'the date competence is judged on');
        const subject = readable(`${cp}.subject`, here, c.subject.stepId);
        if (subject) expect(`${cp}.subject`, pathType(`${cp}.subject`, subject.form.fields, c.subject.field, `step ${subject.id}`), 'text', 'the offender');
        Object.entries(c.ceilings).forEach(([role, keys]) => {
          checkRole(`${cp}.ceilings.${role}`, role);
          if (paramKeys) [keys.individual, keys.organization].forEach((k) => paramKeys.has(k) || add(`${cp}.ceilings.${role}`, 'UNKNOWN_REFERENCE', `there is no legal parameter ${k}`));
        });
      }
    });
    s.constraints?.forEach((c, k) => {
      checkCondition(`${at}.constraints[${k}].when`, c.when, here);
      c.outcomes?.forEach((o, m) => s.outcomes.some((x) => x.id === o) || add(`${at}.constraints[${k}].outcomes[${m}]`, 'UNKNOWN_OUTCOME', `step ${s.id} has no outcome ${o}`));
    });
    const windowIds = new Set<string>();
    s.windows?.forEach((w, k) => {
      if (windowIds.has(w.id)) add(`${at}.windows[${k}].id`, 'DUPLICATE_ID', `window ${w.id} is used twice`);
      windowIds.add(w.id);
      if (w.anchor.kind === 'EVENT') add(`${at}.windows[${k}].anchor`, 'ANCHOR_NEVER_HAPPENS', 'a window counts from a date the step knows when it opens, not from an event');
      else checkAnchor(`${at}.windows[${k}].anchor`, w.anchor, s, preds);
    });
    const checkViolationFields = (fields: TField[], path: string): void =>
      fields.forEach((f, k) => {
        if (f.type === 'group') return checkViolationFields(f.fields, `${path}[${k}].fields`);
        if (f.type !== 'violation') return;
        if (f.subjectField) {
          const sf = fieldAt(s.form.fields, f.subjectField);
          if (!sf || sf.type !== 'enum' || !sf.options.some((o) => o.value === 'ORGANIZATION'))
            add(`${path}[${k}].subjectField`, 'UNKNOWN_FIELD', `step ${s.id} has no offender field ${f.subjectField} (an enum with INDIVIDUAL and ORGANIZATION)`);
        }
        if (f.dateField && fieldAt(s.form.fields, f.dateField)?.type !== 'date') add(`${path}[${k}].dateField`, 'UNKNOWN_FIELD', `step ${s.id} has no date field ${f.dateField}`);
      });
    checkViolationFields(s.form.fields, `${at}.form.fields`);
    if (s.subProcedure?.facts) Object.entries(s.subProcedure.facts).forEach(([k, e]) => exprType(`${at}.subProcedure.facts.${k}`, e, opening));

    if (s.deadline) {
      const d = s.deadline;
      checkAnchor(`${at}.deadline.anchor`, d.anchor, s, preds);
      d.variants?.forEach((v, k) => {
        checkCondition(`${at}.deadline.variants[${k}].when`, v.when, opening);
        if (v.anchor) checkAnchor(`${at}.deadline.variants[${k}].anchor`, v.anchor, s, preds, v.when);
        // A period a paper lengthens: a whole number of an earlier step's form (docs/adr/0217).
        if (v.amountFrom) {
          const path = `${at}.deadline.variants[${k}].amountFrom`;
          const from = step(v.amountFrom.stepId);
          if (!from) add(`${path}.stepId`, 'UNKNOWN_STEP', `the period is lengthened from step ${v.amountFrom.stepId}, which does not exist`);
          else if (!preds.has(from.id)) add(`${path}.stepId`, 'ANCHOR_NEVER_HAPPENS', `the period is lengthened from step ${from.id}, which never completes before step ${s.id} opens`);
          else {
            const f = fieldAt(from.form.fields, v.amountFrom.field);
            if (!f || f.type !== 'number' || !f.integer) add(`${path}.field`, 'UNKNOWN_FIELD', `step ${from.id} has no whole-number field ${v.amountFrom.field}`);
          }
        }
      });
      [d, ...(d.variants ?? [])].forEach((r, k) => {
        if (r.amount === 0 && r.unit !== 'days')
          add(k === 0 ? `${at}.deadline.amount` : `${at}.deadline.variants[${k - 1}].amount`, 'WRONG_TYPE', 'a period of 0 is "by the end of that day" and counts in days only');
      });
      if (d.judgedOn) {
        const f = fieldAt(s.form.fields, d.judgedOn);
        // An optional date (a form shared by outcomes that need no paper) is judged on when given, else the deadline is judged on the moment of entry.
        if (!f || f.type !== 'date') add(`${at}.deadline.judgedOn`, 'UNKNOWN_FIELD', `step ${s.id} has no date field ${d.judgedOn}`);
      }
      if (d.cap) {
        if (d.cap.anchor.kind === 'EVENT') add(`${at}.deadline.cap.anchor`, 'ANCHOR_NEVER_HAPPENS', 'a cap counts from a date the step knows when it opens, not from an event');
        else checkAnchor(`${at}.deadline.cap.anchor`, d.cap.anchor, s, preds);
      }
      d.escalation?.forEach((r, k) => {
        checkRole(`${at}.deadline.escalation[${k}].toRole`, r.toRole);
      });
      const shares = (d.escalation ?? []).filter((r) => r.at.kind === 'SHARE').map((r) => (r.at.kind === 'SHARE' ? r.at.share : 0));
      if (new Set(shares).size !== shares.length) add(`${at}.deadline.escalation`, 'BAD_ESCALATION', 'two rungs fire at the same share of the time');
    }
    if (s.guard) {
      const g = s.guard;
      const gs = step(g.from.stepId);
      if (!gs) add(`${at}.guard.from.stepId`, 'UNKNOWN_STEP', `guard counts from step ${g.from.stepId}, which does not exist`);
      else {
        const f = fieldAt(gs.form.fields, g.from.field);
        if (!f || f.type !== 'date') add(`${at}.guard.from.field`, 'UNKNOWN_FIELD', `step ${g.from.stepId} has no date field ${g.from.field}`);
        if (g.from.stepId !== s.id && !preds.has(g.from.stepId)) {
          add(`${at}.guard.from.stepId`, 'ANCHOR_NEVER_HAPPENS', `guard counts from step ${g.from.stepId}, which never completes before step ${s.id}`);
        }
      }
      g.variants?.forEach((v, k) => checkCondition(`${at}.guard.variants[${k}].when`, v.when, here));
      if (g.fromExpr) expect(`${at}.guard.fromExpr`, exprType(`${at}.guard.fromExpr`, g.fromExpr, here), 'date', 'the date a guard’s period counts from');
      if (g.amountExpr) expect(`${at}.guard.amountExpr`, exprType(`${at}.guard.amountExpr`, g.amountExpr, here), 'number', 'a guard’s period');
      if (g.judgedOn && fieldAt(s.form.fields, g.judgedOn)?.type !== 'date') add(`${at}.guard.judgedOn`, 'UNKNOWN_FIELD', `step ${s.id} has no date field ${g.judgedOn}`);
      g.outcomes?.forEach((o, m) => s.outcomes.some((x) => x.id === o) || add(`${at}.guard.outcomes[${m}]`, 'UNKNOWN_OUTCOME', `step ${s.id} has no outcome ${o}`));
    }
    // The papers a step issues (docs/documents.md): the register gives the number, the form the date.
    s.documents?.forEach((d, k) => {
      const dp = `${at}.documents[${k}]`;
      if (d.numberField && fieldAt(s.form.fields, d.numberField))
        add(`${dp}.numberField`, 'BAD_DOCUMENT', `field ${d.numberField} of step ${s.id} is in the form: the number of an issued paper comes from the unit's register, not from the officer`);
      if (d.dateField && fieldAt(s.form.fields, d.dateField)?.type !== 'date') add(`${dp}.dateField`, 'UNKNOWN_FIELD', `step ${s.id} has no date field ${d.dateField}`);
      d.outcomes?.forEach((o, m) => s.outcomes.some((x) => x.id === o) || add(`${dp}.outcomes[${m}]`, 'UNKNOWN_OUTCOME', `step ${s.id} has no outcome ${o}`));
      if (d.type === 'CASE_FILE' && !s.outcomes.some((o) => o.closesCase || o.next.length === 0))
        add(`${dp}.type`, 'BAD_DOCUMENT', `step ${s.id} never closes the case: the archive package is made when a case closes`);
    });
    checkFormKeys(s.form.fields, `${at}.form.fields`, add);
    s.form.fields.forEach((f, k) => {
      checkPrefill(`${at}.form.fields[${k}]`, s, f, preds);
      if (f.type === 'group')
        f.fields.forEach((g, m) => g.prefill && add(`${at}.form.fields[${k}].fields[${m}].prefill`, 'BAD_PREFILL', `field ${g.key} is inside the list ${f.key}: only top-level fields take a default`));
    });
  });

  return issues.length ? { ok: false, definition: def, issues } : { ok: true, definition: def, issues: [] };
}

function checkFormKeys(fields: TField[], path: string, add: (path: string, code: TDefinitionIssue['code'], message: string) => void): void {
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    if (seen.has(f.key)) add(`${path}[${i}].key`, 'DUPLICATE_ID', `field ${f.key} is used twice`);
    seen.add(f.key);
    if (f.type === 'group') checkFormKeys(f.fields, `${path}[${i}].fields`, add);
  });
}

/** Parses a definition known to be valid (published); throws on anything else. */
export function parseDefinition(input: unknown): TProcedureDefinition {
  return ZProcedureDefinition.parse(input);
}
