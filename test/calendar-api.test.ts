import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { createTestApp, createTestDatabase, type TestDatabase } from './support.js';

let database: TestDatabase;
let app: InsApp;
let close: () => Promise<void>;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, close } = await createTestApp(database.db));
});
afterAll(async () => {
  await close?.();
  await database?.drop();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
async function get(path: string): Promise<{ status: number; body: any }> {
  const res = await app.request(path);
  return { status: res.status, body: await res.json() };
}

describe('GET /api/v1/calendar/due-date', () => {
  it('answers the worked example with the Tết break explained', async () => {
    const { status, body } = await get('/api/v1/calendar/due-date?from=2026-02-12&amount=7&unit=working_days');
    expect(status).toBe(200);
    expect(body.due).toBe('2026-03-02');
    expect(body.explanation).toMatchObject({
      anchorDate: '2026-02-12',
      countFrom: '2026-02-13',
      dueAt: '2026-03-02T17:00:00.000Z',
      calendarVersion: 'calendar-r1',
    });
    expect(body.explanation.skipped.map((s: { reason: string }) => s.reason)).toContain('Tết Nguyên đán');
    expect(body.explanation.summaryVi).toContain('Tết Nguyên đán 14/02–22/02/2026');
  });

  it('counts the swapped working Saturday and rolls calendar periods off holidays', async () => {
    expect((await get('/api/v1/calendar/due-date?from=2026-01-08&amount=7&unit=working_days')).body.due).toBe('2026-01-16');
    expect((await get('/api/v1/calendar/due-date?from=2026-02-04&amount=10&unit=days')).body.due).toBe('2026-02-23');
    expect((await get('/api/v1/calendar/due-date?from=2026-01-31&amount=1&unit=months')).body.due).toBe('2026-03-02');
  });

  it('marks a count that reaches a year the calendar does not hold as provisional, and says so', async () => {
    // The seeded calendar holds 2025–2027: the days off of 2028 are not known yet.
    const { status, body } = await get('/api/v1/calendar/due-date?from=2027-12-24&amount=10&unit=working_days');
    expect(status).toBe(200);
    expect(body.due).toBe('2028-01-07');
    expect(body.explanation.provisional).toMatchObject({ binds: 'AGENCY', treatedAs: 'WORKING', days: [], years: [2028] });
    expect(body.explanation.summaryVi).toContain('lịch nghỉ năm 2028 chưa có trong hệ thống');
    expect((await get('/api/v1/calendar/due-date?from=2027-11-24&amount=10&unit=working_days')).body.explanation.provisional).toBeUndefined();
  });

  it.each([
    ['from=2026-02-30&amount=7&unit=working_days', /^from: is not a real calendar date/],
    ['from=12/02/2026&amount=7&unit=working_days', /^from: must be a date YYYY-MM-DD/],
    ['amount=7&unit=working_days', /^from: is required$/],
    ['from=2026-02-12&amount=0&unit=days', /^amount: must be at least 1/],
    ['from=2026-02-12&amount=seven&unit=days', /^amount: must be a whole number/],
    ['from=2026-02-12&amount=2.5&unit=days', /^amount: must be a whole number/],
    ['from=2026-02-12&amount=7&unit=weeks', /^unit: /],
    ['from=2026-02-12&amount=99999&unit=days', /^amount: 99999 days is longer than any legal period/],
    // A date past any the law needs: a RangeError (500) for days, "+010000-01…" for working days.
    ['from=9999-12-20&amount=30&unit=days', /^from: must be between 1900-01-01 and 2200-12-31/],
    ['from=9999-12-20&amount=10&unit=working_days', /^from: must be between 1900-01-01 and 2200-12-31/],
    ['from=2201-01-01&amount=1&unit=months', /^from: must be between 1900-01-01 and 2200-12-31/],
    ['from=1899-12-31&amount=1&unit=days', /^from: must be between 1900-01-01 and 2200-12-31/],
  ])('rejects %s with 400 and a clear message', async (query, message) => {
    const { status, body } = await get(`/api/v1/calendar/due-date?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toMatch(message);
    expect(typeof body.error.requestId).toBe('string');
  });
});

describe('the dates a period may start from (1900–2200)', () => {
  it('counts from the first and the last day of the range, and names the rule and its bounds when outside it', async () => {
    expect((await get('/api/v1/calendar/due-date?from=2200-12-31&amount=120&unit=months')).status).toBe(200);
    expect((await get('/api/v1/calendar/due-date?from=2200-12-31&amount=2000&unit=working_days')).status).toBe(200);
    expect((await get('/api/v1/calendar/due-date?from=1900-01-01&amount=1&unit=days')).body.due).toBe('1900-01-02');
    const { status, body } = await get('/api/v1/calendar/due-date?from=9999-12-20&amount=30&unit=days');
    expect(status).toBe(400);
    expect(body.error.details).toEqual([{ path: 'from', message: 'must be between 1900-01-01 and 2200-12-31', rule: 'dateRange', params: { min: '1900-01-01', max: '2200-12-31' } }]);
    expect((await get('/api/v1/calendar/days?from=2026-01-01&to=9999-01-01')).status).toBe(400);
  });
});

describe('GET /api/v1/calendar/days', () => {
  it('lists the seeded rows in a range, pending ones included and marked', async () => {
    const { status, body } = await get('/api/v1/calendar/days?from=2026-08-01&to=2026-09-30');
    expect(status).toBe(200);
    expect(body.days.map((d: { date: string; status: string }) => `${d.date}:${d.status}`)).toEqual(['2026-08-31:PENDING', '2026-09-01:ANNOUNCED', '2026-09-02:STATUTORY']);
  });
});
