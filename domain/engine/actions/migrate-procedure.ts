/**
 * Move a running case to another published version of its procedure (after a dry run). Not like the
 * other actions in one respect: what it changes depends on the target version, which the workflow
 * loads through an activity after the validator; so it has a schema and a `check` like them, and
 * its change is `recordMigration` (domain/engine/steps.ts) once the plan (domain/migration.ts) allows it.
 */
import { z } from 'zod';
import { withSchemas } from '../action.js';
import { refuse, type TRejection } from '../refusals.js';
import type { TActor, TCaseState } from '../state.js';

/** What the admin or director sends (the API's route adds `dryRun`); the engine's input is the same. */
const body = (): z.ZodObject<{ toVersion: z.ZodNumber }> => z.object({ toVersion: z.number().int().min(1).max(100_000) });
type TInput = z.input<ReturnType<typeof body>>;

/** Who may move a running case. */
const MIGRATORS = ['ADMIN', 'DIRECTOR'];

export const migrateProcedure = withSchemas(
  {
    type: 'MIGRATE_PROCEDURE',
    update: 'migrateProcedure',
    /** The validator's part: the case runs, the actor may migrate, the version is another one. */
    check(state: TCaseState, actor: TActor | undefined, i: TInput): TRejection | undefined {
      if (state.status === 'CLOSED') return refuse('CLOSED_CASE_KEEPS_VERSION', { caseId: state.caseId });
      if (!actor?.roles?.some((r) => MIGRATORS.includes(r))) return refuse('ROLE_MAY_NOT_MIGRATE', {});
      if (!Number.isInteger(i.toVersion) || i.toVersion === state.procedure.version) return refuse('SAME_VERSION', { version: state.procedure.version });
      return undefined;
    },
  } as const,
  // Built on first read, as the other actions' (withSchemas): the body is also the engine's input.
  () => {
    const b = body();
    return { body: b, input: b };
  },
);
