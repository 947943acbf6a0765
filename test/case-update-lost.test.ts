/**
 * An officer action whose Update Temporal lost before accepting it (the server restarted while the
 * Update was admitted but not yet written to the workflow's history: polling for its outcome then
 * answers NOT_FOUND, "update … not found", though the case exists) is sent again with the same
 * Update id — applied once — instead of failing with 500 INTERNAL. Found by the chaos script
 * (issue 13). A case that does not exist stays "not found".
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeCaseUpdate, startCaseReportingOutcome } from '../api/services/case-actions.js';
import { addNoteUpdate, type TActionResult } from '../workflows/case-messages.js';
import { createTestDatabase, type TestDatabase } from './support.js';

const RESULT: TActionResult = { caseId: 'tip/u/2026/0001', status: 'OPEN', seq: 3, procedure: { id: 'ins-tip', version: 1 }, open: [], duplicate: false };

/** A client whose first `failures` Updates fail with `error`; it records the Update ids sent. */
function stubClient(opts: { failures: number; error: () => Error; exists: boolean; status?: 'RUNNING' | 'COMPLETED' }): { client: Client; sent: string[] } {
  const sent: string[] = [];
  let left = opts.failures;
  const handle = {
    async executeUpdate(_def: unknown, o: { updateId: string }) {
      sent.push(o.updateId);
      if (left-- > 0) throw opts.error();
      return RESULT;
    },
    async describe() {
      if (!opts.exists) throw new WorkflowNotFoundError('workflow not found', 'tip/u/2026/0001', undefined);
      return { runId: 'r1', status: { name: opts.status ?? 'RUNNING' } };
    },
  };
  const client = { workflow: { getHandle: () => handle }, withDeadline: <T>(_d: number, fn: () => Promise<T>) => fn() } as unknown as Client;
  return { client, sent };
}

const lostUpdate = (): Error => new WorkflowNotFoundError('update "idem:0123" not found', 'tip/u/2026/0001', undefined);
const args = { actor: { userId: 'u1', roles: ['INSPECTOR'] }, requestId: 'idem:0123', text: 'ghi chú' };

describe('an Update lost by Temporal before it was accepted', () => {
  it('is sent again with the same Update id and its result returned', async () => {
    const { client, sent } = stubClient({ failures: 1, error: lostUpdate, exists: true });
    await expect(executeCaseUpdate(client, 'tip/u/2026/0001', addNoteUpdate, args, 'idem:0123', 2_000)).resolves.toEqual(RESULT);
    expect(sent).toEqual(['idem:0123', 'idem:0123']);
  });

  it('is not sent again to a case that has closed (the route answers CASE_CLOSED)', async () => {
    const closed = (): Error => new WorkflowNotFoundError('workflow execution already completed', 'tip/u/2026/0001', undefined);
    const { client, sent } = stubClient({ failures: 1, error: closed, exists: true, status: 'COMPLETED' });
    await expect(executeCaseUpdate(client, 'tip/u/2026/0001', addNoteUpdate, args, 'idem:0123', 2_000)).rejects.toThrow(/already completed/);
    expect(sent).toEqual(['idem:0123']);
  });

  it('is still "not found" when the case itself does not exist', async () => {
    const { client, sent } = stubClient({ failures: 1, error: lostUpdate, exists: false });
    await expect(executeCaseUpdate(client, 'tip/u/2026/0001', addNoteUpdate, args, 'idem:0123', 2_000)).rejects.toBeInstanceOf(WorkflowNotFoundError);
    expect(sent).toEqual(['idem:0123']);
  });
});

describe('a case whose start Temporal recorded, but whose ready-Update it lost', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  const opening = { caseId: 'tip/u/2026/0002', procedureId: 'ins-tip', version: 1, unitId: 'u', teamId: 'u-doi-1', title: 'Tin báo', startedBy: { userId: 'lead', roles: ['TEAM_LEAD'] } };
  const startingClient = (exists: boolean): Client =>
    ({
      workflow: {
        executeUpdateWithStart: async () => {
          throw new WorkflowNotFoundError('update "caseReady" not found', opening.caseId, undefined);
        },
        getHandle: () => ({
          describe: async () => {
            if (!exists) throw new WorkflowNotFoundError('workflow not found', opening.caseId, undefined);
            return { runId: 'r1' };
          },
        }),
      },
      withDeadline: <T>(_d: number, fn: () => Promise<T>) => fn(),
    }) as unknown as Client;

  it('is reported opened, not 500, since Temporal says the case exists and the read model shows it', async () => {
    await database.db
      .insertInto('case_file')
      .values({
        case_id: opening.caseId,
        kind: 'TIP',
        procedure_id: opening.procedureId,
        procedure_version: 1,
        status: 'OPEN',
        overdue: false,
        unit_id: opening.unitId,
        team_id: opening.teamId,
        title: opening.title,
        search_text: 'tin bao',
        search_doc: 'tin bao',
        opened_at: new Date(),
        current_steps: ['C1'],
        state_seq: 1,
        snapshot: '{}',
      })
      .execute();
    try {
      await expect(startCaseReportingOutcome(startingClient(true), database.db, 'q', opening, 2_000)).resolves.toBeUndefined();
    } finally {
      await database.db.deleteFrom('case_file').where('case_id', '=', opening.caseId).execute();
    }
  });

  it('is answered 503 "send the same request again", not 201, while the read model does not show it yet (docs/adr/0175)', async () => {
    const err = await startCaseReportingOutcome(startingClient(true), database.db, 'q', opening, 2_000, 300).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/opened, but it is not shown yet.*same Idempotency-Key/) });
  });

  it('is still an error when the case does not exist', async () => {
    await expect(startCaseReportingOutcome(startingClient(false), database.db, 'q', opening, 2_000)).rejects.toBeInstanceOf(WorkflowNotFoundError);
  });
});
