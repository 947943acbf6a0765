import type { Client } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/database.js';
import { AppError } from '../api/errors.js';
import { notifyCalendarChanged } from '../api/services/calendar.js';

/** The read model's open cases, as `openCaseIds` reads them. */
const openCases = (ids: string[]) => ({ selectFrom: () => ({ select: () => ({ where: () => ({ execute: async () => ids.map((case_id) => ({ case_id })) }) }) }) }) as unknown as Db;
const unreachable = () => Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 });

function temporal(fail: (id: string) => Error | undefined) {
  const signalled: string[] = [];
  const client = {
    workflow: {
      getHandle: (id: string) => ({
        signal: async () => {
          const err = fail(id);
          if (err) throw err;
          signalled.push(id);
        },
      }),
    },
  } as unknown as Client;
  return { client, signalled };
}

describe('telling open cases of a calendar change', () => {
  it('signals every open case and says how many', async () => {
    const t = temporal(() => undefined);
    await expect(notifyCalendarChanged(t.client, openCases(['a', 'b', 'c']), 7)).resolves.toBe(3);
    expect(t.signalled.sort()).toEqual(['a', 'b', 'c']);
  });

  it('says the change was saved, and how many cases were not told, when Temporal cannot be reached for some', async () => {
    const t = temporal((id) => (id === 'b' ? unreachable() : undefined));
    const err = await notifyCalendarChanged(t.client, openCases(['a', 'b', 'c']), 7).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      code: 'UNAVAILABLE',
      message: 'The calendar change was saved (revision 7), but Temporal could not be reached to tell 1 of 3 open cases; their deadlines are recomputed when the same change is sent again.',
    });
    expect(t.signalled.sort()).toEqual(['a', 'c']);
  });

  it('passes any other failure on as it is', async () => {
    const boom = new Error('something else');
    await expect(notifyCalendarChanged(temporal(() => boom).client, openCases(['a']), 7)).rejects.toBe(boom);
  });
});
