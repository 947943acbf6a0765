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
async function post(body: unknown): Promise<{ status: number; body: any }> {
  const res = await app.request('/api/v1/fines/quote', { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

describe('POST /api/v1/fines/quote', () => {
  it('quotes worked example A from the catalogue (ND 98/2020 Art. 17(1)(c)) for an organisation', async () => {
    const { status, body } = await post({ violationCode: 'ND98/2020:17.1.c', offender: 'organization', date: '2025-07-15' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ min: 600_000, max: 1_000_000, proposed: 800_000, rightToExplain: false, noRecordEligible: true });
    expect(body.legalBasis[0]).toMatch(/Nghị định 98\/2020\/NĐ-CP.*Điều 17 khoản 1 điểm c/);
    expect(body.violation).toMatchObject({ warningPossible: true, additionalSanctions: ['Tịch thu tang vật vi phạm'] });
  });

  it('quotes a bracket given directly', async () => {
    const { status, body } = await post({ bracket: { min: 20_000_000, max: 30_000_000, baseSubject: 'individual' }, offender: 'individual', date: '2026-03-02', mitigating: 1 });
    expect(status).toBe(200);
    expect(body).toMatchObject({ min: 20_000_000, max: 30_000_000, proposed: 22_500_000, rightToExplain: true, noRecordEligible: false });
    expect(body.decisionDeadline).toMatchObject({ amount: 1, unit: 'months' });
  });

  it.each([
    [{ offender: 'individual', date: '2026-03-02' }, /violationCode: give either violationCode or bracket/],
    [{ violationCode: 'ND98/2020:17.1.c', bracket: { min: 1, max: 2, baseSubject: 'individual' }, offender: 'individual', date: '2026-03-02' }, /give either/],
    [{ bracket: { min: 5, max: 1, baseSubject: 'individual' }, offender: 'individual', date: '2026-03-02' }, /bracket: min must not exceed max/],
    [{ violationCode: 'ND98/2020:17.1.c', offender: 'company', date: '2026-03-02' }, /^offender: /],
    [{ violationCode: 'ND98/2020:17.1.c', offender: 'individual', date: '2026-02-30' }, /^date: is not a real calendar date/],
    [{ violationCode: 'ND98/2020:17.1.c', offender: 'individual', date: '2026-03-02', mitigating: 1.5 }, /^mitigating: must be a whole number/],
    [{ bracket: { min: -1, max: 2, baseSubject: 'individual' }, offender: 'individual', date: '2026-03-02' }, /^bracket.min: must not be negative/],
    ['{not json', /JSON/i],
  ])('rejects %j with 400 and a clear message', async (body, message) => {
    const r = await post(body);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.message).toMatch(message);
  });

  it('answers 404 for a code not in the catalogue, and 422 for a date before the decree', async () => {
    const missing = await post({ violationCode: 'ND98/2020:99.9.z', offender: 'individual', date: '2026-03-02' });
    expect(missing.status).toBe(404);
    const early = await post({ violationCode: 'ND98/2020:17.1.c', offender: 'individual', date: '2019-01-01' });
    expect(early.status).toBe(422);
    expect(early.body.error.message).toMatch(/not in force on 2019-01-01/);
  });
});

describe('legal configuration', () => {
  it('lists the parameters still to confirm against the official texts', async () => {
    const res = await app.request('/api/v1/legal-parameters?toConfirm=true');
    const { parameters } = (await res.json()) as { parameters: { key: string; toConfirm: boolean; confidence: string }[] };
    expect(parameters.length).toBeGreaterThan(5);
    expect(parameters.every((p) => p.toConfirm && p.confidence !== 'V')).toBe(true);
    expect(parameters.map((p) => p.key)).toEqual(expect.arrayContaining(['inspectionWorkingDays', 'instalmentMaxMonths', 'transferHours']));
  });

  it('lists the catalogue', async () => {
    const res = await app.request('/api/v1/violations');
    const { violations } = (await res.json()) as { violations: { code: string }[] };
    expect(violations.map((v) => v.code)).toContain('ND87/2024:13.1');
  });
});

describe('admin edits of the legal configuration', () => {
  it('confirming a parameter removes it from the "to confirm" list and the quote uses the new value', async () => {
    const { upsertLegalParam, listLegalParams, upsertViolation, getViolation } = await import('../db/repositories/legal.js');
    const [explain] = (await listLegalParams(database.db)).filter((p) => p.key === 'explainRightMinIndividual');
    await upsertLegalParam(database.db, { ...explain, value: 10_000_000, legalBasis: 'thử nghiệm: giá trị sửa', toConfirm: false }, 'admin-1');
    const r = await post({ bracket: { min: 5_000_000, max: 12_000_000, baseSubject: 'individual' }, offender: 'individual', date: '2026-03-02' });
    expect(r.body.rightToExplain).toBe(true);

    const row = (await getViolation(database.db, 'ND98/2020:17.2'))!;
    expect(row.toConfirm).toBe(true);
    await upsertViolation(database.db, { ...row, toConfirm: false, confidence: 'V', descriptionVi: `${row.descriptionVi} (đã xác nhận)` }, 'admin-1');
    expect((await getViolation(database.db, 'ND98/2020:17.2'))!.toConfirm).toBe(false);
    await expect(upsertViolation(database.db, { ...row, code: 'bad code' }, 'admin-1')).rejects.toThrow(/ND98\/2020:17.1.c/);
    // An upside-down bracket, or a period that ends before it begins, is refused and nothing is stored.
    await expect(upsertViolation(database.db, { ...row, bracket: { min: 9_000_000, max: 1_000_000 } }, 'admin-1')).rejects.toThrow(/below the bracket's minimum/);
    expect((await getViolation(database.db, row.code))!.bracket).toEqual(row.bracket);
    await expect(upsertLegalParam(database.db, { ...explain, effectiveFrom: '2027-01-01', effectiveTo: '2026-12-31' }, 'admin-1')).rejects.toThrow(/never be in force/);
  });
});

describe('rate limiting of public endpoints', () => {
  it('answers 429 with Retry-After past the limit, shared through the database', async () => {
    // Start from a clean count (the requests above went through the same bucket this minute).
    await database.db.deleteFrom('rate_limit').execute();
    const { app: limited, close: closeLimited } = await createTestApp(database.db, { publicRateLimit: 3 });
    const { app: otherReplica, close: closeOther } = await createTestApp(database.db, { publicRateLimit: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 2; i++) statuses.push((await limited.request('/api/v1/calendar/due-date?from=2026-03-02&amount=1&unit=days')).status);
      statuses.push((await otherReplica.request('/api/v1/calendar/due-date?from=2026-03-02&amount=1&unit=days')).status);
      const over = await otherReplica.request('/api/v1/calendar/due-date?from=2026-03-02&amount=1&unit=days');
      expect(statuses).toEqual([200, 200, 200]);
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await over.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    } finally {
      await closeLimited();
      await closeOther();
    }
  });
});
