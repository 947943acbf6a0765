/**
 * What an officer action is (docs/adr/0060-action-union-engine-layout-refusals.md): one module per
 * action in ./actions/, each with
 *  - `body`: what the officer sends — the HTTP route's request body, as is;
 *  - `input`: the body with the step it is on (from the route's path) and what the server adds
 *    (never the client): the engine's input, and — with the envelope below (who acts, the
 *    idempotency key) — the case workflow's Update input (`updateInput`);
 *  - `check`: why it is refused, or nothing (pure, changes nothing);
 *  - `apply`: what it changes (only after `check` passed).
 * One zod schema per action is thus the route body, the Update input and the engine's input.
 */
import { z } from 'zod';
import { once } from '../once.js';
import type { TProcedureDefinition, TStep } from '../procedure.js';
import { refuse, type TRejection } from './refusals.js';
import { lastCompletion, openStep, type TActor, type TCaseState, type TOpenStep, type TTransition } from './state.js';

/**
 * Common to every officer action's Update: who acts (the API puts the signed-in user here, never
 * the client), and the request's idempotency key (the route's Idempotency-Key, bound to the user:
 * the same key applies once, even across continue-as-new).
 */
const envelopeSchema = once(() =>
  z.object({
    actor: z.object({ userId: z.string().min(1), roles: z.array(z.string()), actingRole: z.string().optional(), deputy: z.boolean().optional() }),
    requestId: z.string().min(8).max(200),
  }),
);
export type TEnvelope = z.infer<ReturnType<typeof envelopeSchema>>;
/** A step of the procedure, as the route's path names it. */
export const stepIdSchema = once(() => z.string().min(1).max(40));

export interface TCheckContext {
  /** Current instant (workflow time). */
  now: string;
  /**
   * Which engine rules apply: 1 for cases started before the law-in-substance rules were deployed
   * (their histories replay unchanged), 2 after (the workflow decides with `patched()`), 3 once
   * cases are bounded (domain/case-limits.ts).
   */
  ruleset?: number | undefined;
  /** Guard expiry instants computed earlier, by step id. */
  guardExpiry?: Record<string, string> | undefined;
  /**
   * Whether a new request is being admitted (the workflow's Update validator), rather than one
   * already in the case's history re-checked by its handler. Rules added while cases are running
   * apply when admitting: a validator's refusal is not in history, so an old history where the
   * action was accepted replays unchanged (docs/adr/0208), and running cases get the rule at once.
   */
  admitting?: boolean | undefined;
}

/** What an action's `check` and `apply` see: the case, who acts, and when. */
export interface TActing {
  def: TProcedureDefinition;
  state: TCaseState;
  actor: TActor;
  now: string;
  /** See TCheckContext (1 when applying: apply never depends on it). */
  ruleset: number;
  /** See TCheckContext (false when applying). */
  admitting: boolean;
}

/** What an action on a step sees besides: the step's definition and its open state. */
export interface TActingOnStep extends TActing {
  step: TStep;
  open: TOpenStep;
}

/** An officer action: its schemas (built on their first read: `once`, docs/adr/0178), its check and its apply (see the file's comment). */
export interface TActionModule<T extends string = string, B extends z.ZodObject = z.ZodObject, I extends z.ZodObject = z.ZodObject> {
  /** The engine's name of the action (and, for the step-actions route, the body's `type`). */
  type: T;
  /** The case workflow's Update name. It never changes: histories name it. */
  update: string;
  /** Whether the action is on a step (its input has `stepId`) or on the case. */
  on: 'step' | 'case';
  body: B;
  input: I;
  /** `input` with who acts and the idempotency key: the Update's input. */
  updateInput: z.ZodObject;
  /**
   * Why the action is refused (undefined: it may proceed). Pure. Takes the input as sent: the
   * workflow's validator has parsed it with `updateInput`, but a replayed Update is not validated
   * again, so defaults the schema fills in (an empty form) are filled in here too.
   */
  check(a: TActing, input: z.input<I>): TRejection | undefined;
  /** Applies the action (after `check`), adding what the workflow must carry out to `t`. */
  apply(a: TActing, input: z.input<I>, requestId: string, t: TTransition): void;
  /** Whether the action may be taken on a closed case (every other is refused CASE_CLOSED): issuing again a paper the case could not issue (docs/adr/0199). */
  onClosedCase?: boolean;
}

/** What an action module gives: its two schemas, built on first use (`once`). */
type TSchemas<B extends z.ZodObject, I extends z.ZodObject> = () => { body: B; input: I };

/** `module` with its schemas as properties built on their first read, and the Update's input (`input` with the envelope). */
export function withSchemas<M extends object, B extends z.ZodObject, I extends z.ZodObject>(
  module: M,
  schemas: TSchemas<B, I>,
): M & Pick<TActionModule<string, B, I>, 'body' | 'input' | 'updateInput'> {
  const built = once(() => {
    const s = schemas();
    return { ...s, updateInput: envelopeSchema().extend(s.input.shape) };
  });
  return Object.defineProperties(module, {
    body: { get: () => built().body, enumerable: true },
    input: { get: () => built().input, enumerable: true },
    updateInput: { get: () => built().updateInput, enumerable: true },
  }) as M & Pick<TActionModule<string, B, I>, 'body' | 'input' | 'updateInput'>;
}

/** An action on the case as a whole (a note). */
export function caseAction<const T extends string, B extends z.ZodObject, I extends z.ZodObject>(spec: {
  type: T;
  update: string;
  schemas: TSchemas<B, I>;
  check(a: TActing, input: z.input<I>): TRejection | undefined;
  apply(a: TActing, input: z.input<I>, requestId: string, t: TTransition): void;
  onClosedCase?: boolean;
}): TActionModule<T, B, I> {
  const module = { type: spec.type, update: spec.update, on: 'case' as const, check: spec.check, apply: spec.apply, ...(spec.onClosedCase ? { onClosedCase: true } : {}) };
  return withSchemas(module, spec.schemas);
}

/**
 * An action on an open step: the step must be in the procedure, open, and not completed before —
 * checked here, once for every such action, before the action's own `check`.
 */
export function stepAction<const T extends string, B extends z.ZodObject, I extends z.ZodObject<{ stepId: z.ZodString } & z.ZodRawShape>>(spec: {
  type: T;
  update: string;
  schemas: TSchemas<B, I>;
  check(a: TActingOnStep, input: z.input<I>): TRejection | undefined;
  apply(a: TActingOnStep, input: z.input<I>, requestId: string, t: TTransition): void;
}): TActionModule<T, B, I> {
  const stepIdOf = (input: z.input<I>): string => (input as { stepId: string }).stepId;
  const module = {
    type: spec.type,
    update: spec.update,
    on: 'step' as const,
    check(a: TActing, input: z.input<I>): TRejection | undefined {
      const stepId = stepIdOf(input);
      const step = a.def.steps.find((s) => s.id === stepId);
      if (!step) return refuse('STEP_UNKNOWN', { stepId, procedure: `${a.def.id}@${a.def.version}` });
      const open = openStep(a.state, stepId);
      if (!open) {
        const done = lastCompletion(a.state, stepId);
        if (done) return refuse('STEP_COMPLETED', { stepId: step.id, stepTitle: step.title, by: done.by, at: done.at, outcome: done.outcome }, { legalBasis: step.legalBasis });
        return refuse('STEP_NOT_OPEN', { stepId: step.id, stepTitle: step.title, open: a.state.open.map((x) => x.stepId) }, { legalBasis: step.legalBasis ?? a.def.legalBasis });
      }
      return spec.check({ ...a, step, open }, input);
    },
    apply(a: TActing, input: z.input<I>, requestId: string, t: TTransition): void {
      const stepId = stepIdOf(input);
      spec.apply({ ...a, step: a.def.steps.find((s) => s.id === stepId)!, open: openStep(a.state, stepId)! }, input, requestId, t);
    },
  };
  return withSchemas(module, spec.schemas);
}

/** Why an Update's input does not parse, as a refusal: who acts and the key first, as the workflow always said. */
export function inputRefusal(issues: readonly { path: readonly PropertyKey[]; message: string }[]): TRejection {
  const first = issues[0];
  const top = first?.path[0];
  if (top === 'actor') return refuse('ACTOR_MISSING', {});
  if (top === 'requestId') return refuse('REQUEST_ID_INVALID', {});
  return refuse(
    'INPUT_INVALID',
    { path: first ? first.path.map(String).join('.') : '', issue: first?.message ?? 'is not valid' },
    { details: issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) },
  );
}
