/**
 * `startCase` (api/services/cases.ts) opens a case on the version it is asked for: a definition
 * handed to it of another procedure or version is a caller's mistake, refused before anything is
 * read or started (it used to be dropped silently and the asked-for version read instead).
 */
import type { Client } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { startCase } from '../api/services/cases.js';
import type { Db } from '../db/database.js';
import type { TProcedureDefinition } from '../domain/procedure.js';

/** Only what the check reads: it comes before anything else. */
const definition = (id: string, version: number): TProcedureDefinition => ({ id, version }) as TProcedureDefinition;

/** Neither is touched: the refusal comes first. */
const untouched = new Proxy(
  {},
  {
    get: (_t, name) => {
      throw new Error(`touched: ${String(name)}`);
    },
  },
);

const input = {
  caseId: 'TEST-START-DEF-1',
  unitId: 'unit-a',
  teamId: 'team-a',
  title: 'Kiểm tra',
  startedBy: { userId: 'u1', roles: ['LEAD'] },
};

describe('startCase and the definition it is given', () => {
  it('refuses a definition of another version, naming both', async () => {
    await expect(startCase(untouched as Client, untouched as Db, 'q', { ...input, procedureId: 'kiem-tra', version: 3, definition: definition('kiem-tra', 2) })).rejects.toThrow(
      'startCase was given the definition of kiem-tra@2 to open kiem-tra@3',
    );
  });

  it('refuses a definition of another procedure', async () => {
    await expect(startCase(untouched as Client, untouched as Db, 'q', { ...input, procedureId: 'xu-phat', version: 1, definition: definition('kiem-tra', 1) })).rejects.toThrow(
      'startCase was given the definition of kiem-tra@1 to open xu-phat@1',
    );
  });
});
