/**
 * Move a running case to another published version of its procedure (after a dry run). Not like the
 * other actions in one respect: what it changes depends on the target version, which the workflow
 * loads through an activity after the validator; so it has a schema and a `check` like them, and
 * its change is `recordMigration` (domain/engine/steps.ts) once the plan (domain/migration.ts) allows it.
 */
import { z } from 'zod';
import { envelopeSchema, once } from '../action.js';
import { refuse, type TRejection } from '../refusals.js';
import type { TActor, TCaseState } from '../state.js';

/** What the admin or director sends (the API's route adds `dryRun`), built on first use (`once` in ../action.ts). */
const body = once(() => z.object({ toVersion: z.number().int().min(1).max(100_000) }));
const updateInput = once(() => envelopeSchema().extend(body().shape));
type TInput = z.input<ReturnType<typeof body>>;

/** Who may move a running case. */
const MIGRATORS = ['ADMIN', 'DIRECTOR'];

export const migrateProcedure = {
  type: 'MIGRATE_PROCEDURE',
  update: 'migrateProcedure',
  get body() {
    return body();
  },
  get input() {
    return body();
  },
  get updateInput() {
    return updateInput();
  },
  /** The validator's part: the case runs, the actor may migrate, the version is another one. */
  check(state: TCaseState, actor: TActor | undefined, i: TInput): TRejection | undefined {
    if (state.status === 'CLOSED') return refuse('CLOSED_CASE_KEEPS_VERSION', { caseId: state.caseId });
    if (!actor?.roles?.some((r) => MIGRATORS.includes(r))) return refuse('ROLE_MAY_NOT_MIGRATE', {});
    if (!Number.isInteger(i.toVersion) || i.toVersion === state.procedure.version) return refuse('SAME_VERSION', { version: state.procedure.version });
    return undefined;
  },
} as const;
