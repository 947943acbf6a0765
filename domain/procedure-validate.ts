/**
 * Checks a procedure definition before it is published. Each problem is reported with its path in
 * the definition (e.g. `steps[3].outcomes[1].next[0]`), so the editor can point at it.
 */
import { STAFF_ROLES, ZProcedureDefinition, type TCondition, type TField, type TProcedureDefinition, type TStep } from './procedure.js';

export interface TDefinitionIssue {
  path: string;
  code:
    | 'SCHEMA'
    | 'DUPLICATE_ID'
    | 'UNKNOWN_STEP'
    | 'UNKNOWN_ROLE'
    | 'UNKNOWN_OUTCOME'
    | 'UNKNOWN_FIELD'
    | 'UNKNOWN_EVENT'
    | 'UNREACHABLE_STEP'
    | 'DEAD_END'
    | 'ANCHOR_NEVER_HAPPENS'
    | 'JOIN_NEVER_COMPLETES'
    | 'BAD_ESCALATION';
  message: string;
}

export type TValidationResult =
  | { ok: true; definition: TProcedureDefinition; issues: [] }
  | { ok: false; definition?: TProcedureDefinition; issues: TDefinitionIssue[] };

function zodPath(path: PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

function fieldAt(fields: TField[], key: string): TField | undefined {
  return fields.find((f) => f.key === key);
}

/** Validates the shape, then the graph and references. */
export function validateDefinition(input: unknown, opts: { roles?: readonly string[] } = {}): TValidationResult {
  const parsed = ZProcedureDefinition.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: zodPath(i.path), code: 'SCHEMA' as const, message: i.message })) };
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
  const checkCondition = (path: string, c: TCondition): void => {
    if (c.kind === 'ANY' || c.kind === 'ALL') {
      c.of.forEach((x, i) => checkCondition(`${path}.of[${i}]`, x));
      return;
    }
    if (c.kind === 'NOT') return checkCondition(`${path}.of`, c.of);
    const s = step(c.stepId);
    if (!s) return add(`${path}.stepId`, 'UNKNOWN_STEP', `step ${c.stepId} does not exist`);
    if (c.kind === 'OUTCOME' && !s.outcomes.some((o) => o.id === c.outcome)) {
      add(`${path}.outcome`, 'UNKNOWN_OUTCOME', `step ${c.stepId} has no outcome ${c.outcome}`);
    }
    if (c.kind === 'FIELD_EQUALS' || c.kind === 'FIELD_PRESENT') checkField(path, c.stepId, c.field);
    if (c.kind === 'PARAM_THRESHOLD') {
      checkField(path, c.stepId, c.field);
      checkField(`${path}.subject`, c.subject.stepId, c.subject.field);
      checkField(`${path}.date`, c.date.stepId, c.date.field);
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

  const reachableFrom = (starts: Iterable<string>): Set<string> => {
    const seen = new Set<string>();
    const queue = [...starts].filter((s) => index.has(s));
    while (queue.length) {
      const id = queue.shift()!;
      if (seen.has(id)) continue;
      seen.add(id);
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
    if (s.extension?.when) checkCondition(`${at}.extension.when`, s.extension.when);
    s.outcomes.forEach((o, j) => o.requires?.forEach((r, k) => checkCondition(`${at}.outcomes[${j}].requires[${k}].when`, r.when)));
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

    if (s.deadline) {
      const d = s.deadline;
      const a = d.anchor;
      if (a.kind === 'STEP_COMPLETED' || a.kind === 'FIELD_DATE') {
        const anchorStep = step(a.stepId);
        if (!anchorStep) add(`${at}.deadline.anchor.stepId`, 'UNKNOWN_STEP', `deadline counts from step ${a.stepId}, which does not exist`);
        else if (!preds.has(a.stepId)) {
          add(`${at}.deadline.anchor.stepId`, 'ANCHOR_NEVER_HAPPENS', `deadline counts from step ${a.stepId}, which never completes before step ${s.id} opens`);
        } else if (a.kind === 'FIELD_DATE') {
          const f = fieldAt(anchorStep.form.fields, a.field);
          if (!f) add(`${at}.deadline.anchor.field`, 'UNKNOWN_FIELD', `step ${a.stepId} has no form field ${a.field}`);
          else if (f.type !== 'date') add(`${at}.deadline.anchor.field`, 'UNKNOWN_FIELD', `field ${a.field} of step ${a.stepId} is not a date`);
          else if (!f.required) add(`${at}.deadline.anchor.field`, 'ANCHOR_NEVER_HAPPENS', `field ${a.field} of step ${a.stepId} is optional, so the deadline may never start`);
        }
      }
      if (a.kind === 'EVENT' && !events.has(a.event)) {
        add(`${at}.deadline.anchor.event`, 'ANCHOR_NEVER_HAPPENS', `deadline counts from event ${a.event}, which the procedure does not declare`);
      }
      d.variants?.forEach((v, k) => checkCondition(`${at}.deadline.variants[${k}].when`, v.when));
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
      g.variants?.forEach((v, k) => checkCondition(`${at}.guard.variants[${k}].when`, v.when));
    }
    checkFormKeys(s.form.fields, `${at}.form.fields`, add);
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

