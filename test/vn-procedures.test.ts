/**
 * The Vietnamese procedures (their latest versions) end to end on the real engine (deadlines on the
 * compressed test clock): every branch the law gives, and the out-of-order attempts the law forbids,
 * each refused with the rule cited. What depends on the dates on the papers against the legal
 * calendar is in test/law-in-substance.test.ts (real calendar) and domain/procedures/penalty.test.ts;
 * a deadline that has to be waited for (paper-parallel mode) in test/vn-procedures.timeskip.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueRowsFor, startCase } from '../api/services/cases.js';
import { latestPublishedVersion } from '../db/repositories/procedures.js';
import { upsertViolation } from '../db/repositories/legal.js';
import { TEST_VIOLATIONS } from '../domain/fixtures/test-catalogue.js';
import type { TActor } from '../domain/engine.js';
import { auditEvents, listEscalations } from '../db/repositories/cases.js';
import { completeStepUpdate, grantExtensionUpdate, type TActionResult } from '../workflows/case-messages.js';
import { compressedDeadlines, DIRECTOR, expectReadModelInSync, INSPECTOR_A, key, LEGAL, newCaseId, recordHistory, rejection, TEAM_LEAD, view, waitFor } from './case-support.js';

/** A slower test clock than the engine tests': these paths take several actions before a deadline. */
const UNIT_MS = 2_500;
import { createTestDatabase, startTestWorker, type TestDatabase, type TestTemporal } from './support.js';

let database: TestDatabase;
let temporal: TestTemporal;

beforeAll(async () => {
  database = await createTestDatabase();
  // The unit the cases belong to: its papers are numbered from its register and headed with its name (docs/documents.md).
  await database.db.insertInto('unit').values({ id: 'chi-cuc-ninh-binh', name: 'Chi cục Quản lý thị trường tỉnh Ninh Bình', province: 'Ninh Bình' }).execute();
  for (const row of TEST_VIOLATIONS) await upsertViolation(database.db, row, 'test');
  temporal = await startTestWorker({ db: database.db }, compressedDeadlines(UNIT_MS));
});
afterAll(async () => {
  await temporal?.shutdown();
  await database?.drop();
});

const TODAY = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
/** Days before today in Vietnam. On the compressed clock a paper dated n days ago has had n units of its periods (test/case-support.ts). */
const daysAgo = (n: number): string => new Date(Date.now() + 7 * 3_600_000 - n * 86_400_000).toISOString().slice(0, 10);
const YESTERDAY = daysAgo(1);
/** Long enough ago that every period counted from it has run out on the compressed clock. */
const LONG_AGO = daysAgo(40);
const WAIVER = [{ sha256: 'e'.repeat(64), name: 'tu-choi-giai-trinh.pdf', size: 1024, mime: 'application/pdf' }];
const FAKE_GOODS = { acts: [{ violation: 'ND98/2020:11.3', description: 'Buôn bán rượu giả nhãn hiệu' }], explanationNotice: 'Có quyền giải trình trong 05 ngày làm việc' };
const seizureForm = (extra: Record<string, unknown>) => ({ ...decision(), recordDate: TODAY, decisionPeriod: 'STANDARD', violatorSigned: true, ...extra });
const PHOTO = { sha256: 'd'.repeat(64), name: 'hang-hoa.jpg', size: 2048, mime: 'image/jpeg' };

async function open(procedureId: string): Promise<string> {
  const caseId = newCaseId();
  const version = (await latestPublishedVersion(database.db, procedureId))!;
  await startCase(temporal.client, database.db, temporal.taskQueue, {
    caseId,
    procedureId,
    version,
    unitId: 'chi-cuc-ninh-binh',
    teamId: 'doi-1',
    title: 'Cửa hàng tạp hóa Minh An',
    startedBy: TEAM_LEAD,
  });
  return caseId;
}

/** Completes a step as the API does: the catalogue rows its violation fields name are looked up here, never sent. */
async function act(caseId: string, actor: TActor, stepId: string, outcome: string, data: Record<string, unknown> = {}, evidence: (typeof PHOTO)[] = []): Promise<TActionResult> {
  const { procedure } = (await view(temporal.client, caseId)).state;
  const violations = await catalogueRowsFor(database.db, procedure, stepId, data);
  return temporal.client.workflow
    .getHandle(caseId)
    .executeUpdate(completeStepUpdate, { args: [{ actor, requestId: key(), stepId, outcome, data, evidence, ...(violations.length ? { resolved: { violations } } : {}) }] });
}

async function child(caseId: string, stepId: string): Promise<string> {
  const id = `${caseId}/${stepId}`;
  await waitFor(async () => (await view(temporal.client, id).catch(() => undefined))?.state);
  return id;
}

async function stepCompleted(caseId: string, stepId: string): Promise<void> {
  await waitFor(async () => (await view(temporal.client, caseId)).state.completed.some((c) => c.stepId === stepId) || undefined);
}

const decision = (extra: Record<string, unknown> = {}) => ({ decisionDate: TODAY, signedBy: 'Nguyễn Văn B, Đội trưởng', ...extra });

const A5 = {
  decisionDate: TODAY,
  signedBy: 'Trần Văn C, Chi cục trưởng',
  form: 'AD_HOC',
  adHocGround: 'VERIFIED_TIP',
  businessName: 'Cửa hàng tạp hóa Minh An',
  taxCode: '2700123456',
  address: 'Phường Hoa Lư, tỉnh Ninh Bình',
  content: 'Kiểm tra nguồn gốc, xuất xứ hàng hóa',
};

async function inspectUntilRecord(caseId: string): Promise<void> {
  await act(caseId, DIRECTOR, 'A5', 'ISSUED', A5);
  await act(caseId, TEAM_LEAD, 'A6', 'LOGGED', { teamHead: 'Lê Thị D', members: [{ name: 'Phạm Văn E', cardNo: 'QLTT-0123' }], workLogEntry: 'Sổ 03, trang 41' });
  await act(caseId, INSPECTOR_A, 'A7', 'ANNOUNCED', { announcedAt: TODAY, partyRepresentative: 'Nguyễn Thị F' });
  await act(caseId, INSPECTOR_A, 'A8', 'INSPECTED', { findings: '12 chai rượu không nhãn mác' }, [PHOTO]);
}

function b1(extra: Record<string, unknown> = {}) {
  return {
    recordedAt: TODAY,
    place: 'Tại cơ sở',
    recorder: 'Phạm Văn E, Kiểm soát viên',
    violatorName: 'Nguyễn Thị F',
    offenderType: 'INDIVIDUAL',
    violationDate: TODAY,
    violationPlace: 'Phường Hoa Lư, tỉnh Ninh Bình',
    acts: [{ violation: 'ND98/2020:17.1.c', description: 'Kinh doanh hàng hóa không rõ nguồn gốc, trị giá 800.000 đồng' }],
    violatorSigned: true,
    explanationNotice: 'Không thuộc trường hợp giải trình',
    ...extra,
  };
}

async function payAndClose(penaltyId: string, fine = 400_000, day = TODAY): Promise<void> {
  await act(penaltyId, INSPECTOR_A, 'B8', 'DELIVERED', { method: 'IN_PERSON', receivedDate: day });
  const missing = await rejection(act(penaltyId, LEGAL, 'B9', 'PAID', {}));
  expect(missing).toMatchObject({ code: 'GUARD_FAILED', legalBasis: expect.stringMatching(/Điều 78/) });
  await act(penaltyId, LEGAL, 'B9', 'PAID', { receiptNo: 'BL-000123', paidAmount: fine, paidDate: TODAY });
  const closed = await act(penaltyId, LEGAL, 'B17', 'CLOSED', { disclosed: false, nationalDbUpdated: true });
  expect(closed.status).toBe('CLOSED');
}

describe('inspection', () => {
  it('closes without a violation, after refusing an ad hoc decision without a ground', async () => {
    const caseId = await open('ins-inspection');
    const noGround = await rejection(act(caseId, DIRECTOR, 'A5', 'ISSUED', { ...A5, adHocGround: undefined }));
    expect(noGround).toMatchObject({ code: 'GUARD_FAILED', details: { rule: 'AD_HOC_GROUND_MISSING' } });
    expect(noGround.legalBasis).toMatch(/Thông tư 27\/2020/);
    const inspector = await rejection(act(caseId, INSPECTOR_A, 'A5', 'ISSUED', A5));
    expect(inspector.code).toBe('ROLE_NOT_ALLOWED');
    await inspectUntilRecord(caseId);
    await act(caseId, INSPECTOR_A, 'A9', 'NO_VIOLATION', { recordedOn: TODAY, partySigned: true });
    const done = await act(caseId, TEAM_LEAD, 'A11', 'CLOSED', { reportNo: '05/BC', summary: 'Không phát hiện vi phạm' });
    expect(done.status).toBe('CLOSED');
    await expectReadModelInSync(temporal.client, database.db, caseId);
  });

  it('branches into a penalty case with a seizure track, and closes when both are done', async () => {
    const caseId = await open('ins-inspection');
    await inspectUntilRecord(caseId);
    const r = await act(caseId, INSPECTOR_A, 'A9', 'VIOLATION_WITH_SEIZURE', { recordedOn: TODAY, partySigned: false, witnesses: 'Tổ trưởng dân phố' });
    expect(r.open.map((o) => o.stepId).sort()).toEqual(['A10P', 'A10S']);

    const penalty = await child(caseId, 'A10P');
    const seizure = await child(caseId, 'A10S');
    expect((await view(temporal.client, penalty)).state.kind).toBe('PENALTY');

    await act(seizure, TEAM_LEAD, 'D2', 'SEIZED', { ...seizureForm({ ground: 'SECURE_EXECUTION', seizedOn: TODAY, items: [{ name: 'Rượu không nhãn', quantity: 12, unit: 'chai' }] }) });
    await act(seizure, TEAM_LEAD, 'D4', 'CONFISCATED', { decisionNo: '16/QĐ-TT', decisionDate: TODAY });
    await act(seizure, DIRECTOR, 'D6', 'CONFISCATED', { confiscatedValue: 800_000 });

    // No right to explain for a 500,000 bracket maximum.
    await act(penalty, INSPECTOR_A, 'B1', 'RECORDED', b1(), [PHOTO]);
    const wrong = await rejection(act(penalty, LEGAL, 'B3', 'EXPLANATION_RIGHT', {}));
    expect(wrong).toMatchObject({ code: 'GUARD_FAILED', details: { rule: 'NO_RIGHT_TO_EXPLAIN' }, legalBasis: expect.stringMatching(/Điều 61\(1\)/) });
    await act(penalty, LEGAL, 'B3', 'NO_EXPLANATION_RIGHT', {});
    const b6 = (await view(temporal.client, penalty)).state.open[0]!.deadline!;
    expect(b6).toMatchObject({ amount: 7, unit: 'working_days' });
    expect(b6.legalBasis).toMatch(/7 ngày làm việc/);
    await act(penalty, DIRECTOR, 'B6', 'DECIDED', decision({ sanction: 'FINE', fineAmount: 400_000, additionalSanctions: 'Tịch thu 12 chai rượu' }));
    await payAndClose(penalty);

    await stepCompleted(caseId, 'A10P');
    await stepCompleted(caseId, 'A10S');
    const v = await view(temporal.client, caseId);
    expect(v.state.open.map((o) => o.stepId)).toEqual(['A11']);
    expect(v.state.completed.find((c) => c.stepId === 'A10S')?.outcome).toBe('CONFISCATED');
    await act(caseId, TEAM_LEAD, 'A11', 'CLOSED', { reportNo: '06/BC', summary: 'Phạt 400.000 đồng, tịch thu hàng' });
    for (const id of [caseId, penalty, seizure]) await expectReadModelInSync(temporal.client, database.db, id);
  });
});

describe('penalty case', () => {
  it('refuses a decision before the record, and gives one month when the party has the right to explain', async () => {
    const caseId = await open('ins-penalty');
    const early = await rejection(act(caseId, DIRECTOR, 'B6', 'DECIDED', decision({ sanction: 'FINE', fineAmount: 20_000_000 })));
    expect(early.code).toBe('STEP_OUT_OF_ORDER');
    expect(early.message).toMatch(/the open step\(s\): B1/);
    expect(early.legalBasis).toMatch(/Điều 66/);

    await act(caseId, INSPECTOR_A, 'B1', 'RECORDED', b1(FAKE_GOODS));
    const noExplain = await rejection(act(caseId, LEGAL, 'B3', 'NO_EXPLANATION_RIGHT', {}));
    expect(noExplain.details).toMatchObject({ rule: 'RIGHT_TO_EXPLAIN_APPLIES' });
    await act(caseId, LEGAL, 'B3', 'EXPLANATION_RIGHT', {});
    await act(caseId, LEGAL, 'B4', 'EXPLAINED_IN_WRITING', { explainedOn: TODAY, explanation: 'Người vi phạm xin giảm nhẹ' });
    const b6 = (await view(temporal.client, caseId)).state.open[0]!.deadline!;
    expect(b6.legalBasis).toMatch(/01 tháng/);
    expect(b6).toMatchObject({ amount: 1, unit: 'months' });
    // The bracket's midpoint for 20–40 M ₫; a team lead's competence stops at 25 M ₫.
    const lead = await rejection(act(caseId, TEAM_LEAD, 'B6', 'DECIDED', decision({ sanction: 'FINE', fineAmount: 30_000_000 })));
    expect(lead.details).toMatchObject({ rule: 'OUTSIDE_COMPETENCE' });
    await act(caseId, DIRECTOR, 'B6', 'DECIDED', decision({ sanction: 'FINE', fineAmount: 30_000_000 }));
    await payAndClose(caseId, 30_000_000);
    await expectReadModelInSync(temporal.client, database.db, caseId);
    // Named by the version it now runs on: test/histories/v2-… were recorded when this ran on version 2, and stay for the replay test.
    await recordHistory(temporal.client, caseId, 'v5-penalty-explanation-competence');
  });

  it('refuses the two-month extension without an explanation or verification, and escalates the passed deadline to the director', async () => {
    const caseId = await open('ins-penalty');
    await act(caseId, INSPECTOR_A, 'B1', 'RECORDED', b1({ recordedAt: LONG_AGO, violationDate: LONG_AGO }));
    await act(caseId, LEGAL, 'B3', 'NO_EXPLANATION_RIGHT', {});
    const ext = await rejection(
      temporal.client.workflow.getHandle(caseId).executeUpdate(grantExtensionUpdate, { args: [{ actor: DIRECTOR, requestId: key(), stepId: 'B6', amount: 1, reason: 'x' }] }),
    );
    expect(ext).toMatchObject({ code: 'EXTENSION_NOT_ALLOWED', legalBasis: expect.stringMatching(/Điều 66\(1\)\(c\)/) });
    // Counted from the record's date, the (compressed) deadline has passed: the director is told.
    await waitFor(async () => ((await listEscalations(database.db, { caseId, toRole: 'DIRECTOR' })).length > 0 ? true : undefined));
    // Whether a decision is late is judged on its date against the legal calendar: test/law-in-substance.test.ts.
  });

  it('gives ten working days after a transfer to the competent person, and runs to the end', async () => {
    const caseId = await open('ins-penalty');
    await act(caseId, INSPECTOR_A, 'B1', 'TRANSFER_NEEDED', b1());
    await act(caseId, TEAM_LEAD, 'B2', 'TRANSFERRED', { transferLetterNo: '03/CV', receiver: 'Chi cục trưởng' });
    await act(caseId, LEGAL, 'B3', 'NO_EXPLANATION_RIGHT', {});
    const d = (await view(temporal.client, caseId)).state.open[0]!.deadline!;
    expect(d.legalBasis).toMatch(/10 ngày làm việc/);
    expect(d).toMatchObject({ amount: 10, unit: 'working_days' });
    await act(caseId, DIRECTOR, 'B6', 'DECIDED', decision({ sanction: 'FINE', fineAmount: 400_000 }));
    await payAndClose(caseId);
    await expectReadModelInSync(temporal.client, database.db, caseId);
  });

  it('refuses a postponement below its threshold and grants instalments for a large fine', async () => {
    const small = await open('ins-penalty');
    await act(small, INSPECTOR_A, 'B1', 'RECORDED', b1());
    await act(small, LEGAL, 'B3', 'NO_EXPLANATION_RIGHT', {});
    await act(small, DIRECTOR, 'B6', 'DECIDED', decision({ sanction: 'FINE', fineAmount: 400_000 }));
    await act(small, INSPECTOR_A, 'B8', 'DELIVERED', { method: 'IN_PERSON', receivedDate: TODAY });
    const refused = await rejection(act(small, LEGAL, 'B9', 'POSTPONEMENT_REQUESTED', { requestReceivedOn: TODAY }));
    expect(refused).toMatchObject({ details: { rule: 'POSTPONEMENT_THRESHOLD' }, legalBasis: expect.stringMatching(/Điều 76/) });

    const large = await open('ins-penalty');
    await act(large, INSPECTOR_A, 'B1', 'RECORDED', b1(FAKE_GOODS));
    await act(large, LEGAL, 'B3', 'EXPLANATION_RIGHT', {});
    await act(large, LEGAL, 'B4', 'NO_EXPLANATION', { waivedInWriting: true, waiverDocument: WAIVER });
    await act(large, DIRECTOR, 'B6', 'DECIDED', decision({ sanction: 'FINE', fineAmount: 35_000_000, aggravating: 1, amountReason: 'Tình tiết tăng nặng: tái phạm' }));
    await act(large, INSPECTOR_A, 'B8', 'DELIVERED', { method: 'ELECTRONIC', receivedDate: TODAY });
    await act(large, LEGAL, 'B9', 'INSTALMENTS_REQUESTED', { requestReceivedOn: TODAY });
    const small40 = await rejection(
      act(large, DIRECTOR, 'B13', 'INSTALMENTS_GRANTED', decision({ instalments: 3, firstAmount: 13_999_999, lastDueDate: TODAY, hardship: 'Cơ sở bị hỏa hoạn', certifiedBy: 'Chi cục Thuế khu vực' })),
    );
    expect(small40.details).toMatchObject({ rule: 'FIRST_INSTALMENT_TOO_SMALL', field: 'firstAmount' });
    await act(
      large,
      DIRECTOR,
      'B13',
      'INSTALMENTS_GRANTED',
      decision({ instalments: 3, firstAmount: 14_000_000, lastDueDate: TODAY, hardship: 'Cơ sở bị hỏa hoạn', certifiedBy: 'Chi cục Thuế khu vực' }),
    );
    await act(large, LEGAL, 'B14', 'PAID', { receiptNo: 'BL-3', paidAmount: 35_000_000, paidDate: TODAY });
    expect((await act(large, LEGAL, 'B17', 'CLOSED', { nationalDbUpdated: true })).status).toBe('CLOSED');
  });

  it('suspends a decision when signs of a crime appear after it, and ends when the investigators prosecute', async () => {
    const caseId = await open('ins-penalty');
    await act(caseId, INSPECTOR_A, 'B1', 'RECORDED', b1());
    await act(caseId, LEGAL, 'B3', 'NO_EXPLANATION_RIGHT', {});
    await act(caseId, DIRECTOR, 'B6', 'DECIDED', decision({ sanction: 'FINE', fineAmount: 400_000 }));
    await act(caseId, INSPECTOR_A, 'B8', 'DELIVERED', { method: 'IN_PERSON', receivedDate: TODAY });
    await act(caseId, LEGAL, 'B9', 'CRIMINAL_SIGNS', {});
    await act(caseId, DIRECTOR, 'B62', 'SUSPENDED', { suspensionNo: '02/QĐ-TĐC' });
    const referral = await child(caseId, 'BF');
    await act(referral, DIRECTOR, 'F1', 'TRANSFERRED', { transferDate: TODAY, receiver: 'Cơ quan CSĐT', handoverRecordNo: '03/BB-BG', violatorNotified: true });
    await act(referral, LEGAL, 'F4', 'PROSECUTED', { documentNo: '12/QĐ-KTVA', fileReceivedOn: TODAY });
    await waitFor(async () => ((await view(temporal.client, caseId)).state.status === 'CLOSED' ? true : undefined));
    expect((await view(temporal.client, caseId)).state.closeOutcome).toBe('PROSECUTED');
  });

  it('refuses a record after the limitation period', async () => {
    const caseId = await open('ins-penalty');
    const r = await rejection(act(caseId, INSPECTOR_A, 'B1', 'RECORDED', b1({ violationDate: '2024-01-10' })));
    expect(r).toMatchObject({ code: 'GUARD_FAILED', legalBasis: expect.stringMatching(/Điều 6/) });
    // The general one-year period applies outside trade fields: the catalogue row says which.
    const general = await rejection(act(caseId, INSPECTOR_A, 'B1', 'RECORDED', b1({ violationDate: '2025-06-01', acts: [{ violation: 'ND99/2020:5.1', description: 'x' }] })));
    expect(general.message).toMatch(/LIMITATION_EXPIRED/);
  });

  it('sends an unpaid fine to enforcement, as a child case', async () => {
    const caseId = await open('ins-penalty');
    await act(caseId, INSPECTOR_A, 'B1', 'RECORDED', b1({ recordedAt: LONG_AGO, violationDate: LONG_AGO }));
    await act(caseId, LEGAL, 'B3', 'NO_EXPLANATION_RIGHT', {});
    await act(caseId, DIRECTOR, 'B6', 'DECIDED', decision({ decisionDate: LONG_AGO, sanction: 'FINE', fineAmount: 400_000 }));
    await act(caseId, INSPECTOR_A, 'B8', 'DELIVERED', { method: 'REGISTERED_POST', receivedDate: LONG_AGO });
    // Counted from the receipt 40 days ago, the 10 days have run out.
    const complianceDue = (await view(temporal.client, caseId)).state.open.find((o) => o.stepId === 'B9')!.deadline!.due;
    await act(caseId, LEGAL, 'B9', 'NOT_COMPLIED', {});
    const enforcement = await child(caseId, 'B15');
    const e = await view(temporal.client, enforcement);
    expect(e.state.kind).toBe('ENFORCEMENT');
    // The enforcement knows when the voluntary period ended: coercion only after it (docs/adr/0205).
    expect(e.state.facts).toEqual({ decisionDate: LONG_AGO, executionFrom: LONG_AGO, fineAmount: 400_000, complianceDueDate: complianceDue });
    expect(complianceDue > LONG_AGO).toBe(true);
    await act(enforcement, DIRECTOR, 'E2', 'ISSUED', decision({ measure: 'DEDUCT_ACCOUNT' }));
    await act(enforcement, TEAM_LEAD, 'E3', 'ENFORCED', { recordNo: '01/BB-CC', collectedAmount: 400_000 });
    await stepCompleted(caseId, 'B15');
    expect((await view(temporal.client, caseId)).state.open.map((o) => o.stepId)).toEqual(['B17']);
    await act(caseId, LEGAL, 'B17', 'CLOSED', { nationalDbUpdated: true });
    await expectReadModelInSync(temporal.client, database.db, caseId);
  });

  it('refers signs of a crime and sanctions the case the investigators send back', async () => {
    const caseId = await open('ins-penalty');
    await act(caseId, INSPECTOR_A, 'B1', 'CRIMINAL_SIGNS', b1({ recordedAt: YESTERDAY, violationDate: YESTERDAY }));
    const referral = await child(caseId, 'BF');
    expect((await view(temporal.client, referral)).state.facts).toEqual({ returnsToCase: true });
    await act(referral, DIRECTOR, 'F1', 'TRANSFERRED', { transferDate: YESTERDAY, receiver: 'Cơ quan CSĐT Công an tỉnh', handoverRecordNo: '02/BB-BG', violatorNotified: true });
    // A penalty case awaits the file: it goes back there, not to a sanction inside the referral.
    const standalone = await rejection(act(referral, LEGAL, 'F4', 'RETURNED', { documentNo: '45/QĐ-KKTVA', fileReceivedOn: YESTERDAY }));
    expect(standalone.details).toMatchObject({ rule: 'RETURNS_TO_CASE' });
    await act(referral, LEGAL, 'F4', 'RETURNED_TO_CASE', { documentNo: '45/QĐ-KKTVA', fileReceivedOn: YESTERDAY });
    await stepCompleted(caseId, 'BF');
    const back = await waitFor(async () => {
      const v = await view(temporal.client, caseId);
      return v.state.open[0]?.deadline ? v : undefined;
    });
    expect(back.state.completed.find((c) => c.stepId === 'BF')).toMatchObject({ outcome: 'RETURNED_TO_CASE', data: { fileReceivedOn: YESTERDAY } });
    // Art. 63(2): 30 days from the receipt of the returned file.
    expect(back.state.open[0]).toMatchObject({ stepId: 'B6', deadline: { amount: 30, unit: 'days', legalBasis: expect.stringMatching(/Điều 63\(2\)/) } });
    await act(caseId, DIRECTOR, 'B6', 'DECIDED', decision({ decisionDate: YESTERDAY, sanction: 'FINE', fineAmount: 400_000 }));
    await payAndClose(caseId, 400_000, YESTERDAY);
    await expectReadModelInSync(temporal.client, database.db, referral);
    await recordHistory(temporal.client, caseId, 'v5-penalty-returned-from-referral');
    await recordHistory(temporal.client, referral, 'v4-referral-returned-to-case');
  });
});

describe('sanction without a record', () => {
  it('refuses an amount above the limit in force and equipment-detected violations, and accepts a small fine', async () => {
    const caseId = await open('ins-penalty-no-record');
    const base = { ...decision(), violatorName: 'Nguyễn Văn G', offenderType: 'INDIVIDUAL', violationDate: TODAY, violation: 'ND98/2020:17.1.c', place: 'Chợ Rồng', sanction: 'FINE' };
    const tooMuch = await rejection(act(caseId, INSPECTOR_A, 'N1', 'DECIDED', { ...base, violation: 'ND87/2024:13.1', fineAmount: 750_000 }));
    expect(tooMuch).toMatchObject({ code: 'GUARD_FAILED', details: { rule: 'NO_RECORD_THRESHOLD' }, legalBasis: expect.stringMatching(/Điều 56\(1\)/) });
    const equipment = await rejection(act(caseId, INSPECTOR_A, 'N1', 'DECIDED', { ...base, fineAmount: 400_000, detectedByEquipment: true }));
    expect(equipment.details).toMatchObject({ rule: 'RECORD_REQUIRED_EQUIPMENT' });
    // An organisation may be fined up to 1,000,000 without a record from 01/07/2025.
    await act(caseId, INSPECTOR_A, 'N1', 'DECIDED', { ...base, offenderType: 'ORGANIZATION', fineAmount: 800_000 });
    const done = await act(caseId, INSPECTOR_A, 'N2', 'PAID', { receiptNo: 'BL-9', paidAmount: 800_000, paidDate: TODAY });
    expect(done.status).toBe('CLOSED');
  });
});

describe('seizure', () => {
  it('escalates when the seizure period runs out, notifies twice from its end, and refuses to confiscate unclaimed goods before the year of claims has passed', async () => {
    const caseId = await open('ins-seizure');
    // Seized 40 days ago: the period counted from the actual seizure has run out.
    await act(
      caseId,
      TEAM_LEAD,
      'D2',
      'SEIZED',
      seizureForm({ decisionDate: LONG_AGO, recordDate: LONG_AGO, ground: 'VERIFY_FACTS', seizedOn: LONG_AGO, items: [{ name: 'Khẩu trang', quantity: 500, unit: 'hộp' }] }),
    );
    // Counted from the day of the actual seizure: on the compressed clock it has run out already.
    const breached = await waitFor(async () => {
      const v = await view(temporal.client, caseId);
      return v.overdue ? v : undefined;
    });
    expect(breached.state.escalations.map((e) => e.toRole)).toContain('TEAM_LEAD');
    const periodEnded = breached.state.open.find((o) => o.stepId === 'D4')!.deadline!.due;
    await act(caseId, TEAM_LEAD, 'D4', 'OWNER_UNKNOWN', {});
    // The 1st notice counts from the end of the seizure period, not from today (Decree 138/2021).
    const d7a = (await view(temporal.client, caseId)).state.open.find((o) => o.stepId === 'D7A')!.deadline!;
    expect(d7a.anchorAt.slice(0, 10)).toBe(periodEnded);
    await act(caseId, LEGAL, 'D7A', 'NOTIFIED', { noticeRef: 'Báo Ninh Bình, số 123', noticeDate: YESTERDAY });
    await act(caseId, LEGAL, 'D7B', 'UNCLAIMED', { noticeRef: 'Cổng TTĐT Sở Công Thương', noticeDate: TODAY });
    // Art. 126: the owner has a year from the 2nd notice.
    const early = await rejection(act(caseId, DIRECTOR, 'D8', 'CONFISCATED', { decisionNo: '30/QĐ-TT', decisionDate: TODAY, confiscatedValue: 5_000_000 }));
    expect(early).toMatchObject({ code: 'GUARD_FAILED', details: { rule: 'CLAIM_YEAR_RUNNING', field: 'decisionDate' } });
    const actions = (await auditEvents(database.db, caseId)).map((e) => e.action);
    expect(actions).toContain('DEADLINE_BREACHED');
  });
});

describe('perishable seized goods', () => {
  it('may be sold or destroyed early only when perishable', async () => {
    const durable = await open('ins-seizure');
    await act(durable, TEAM_LEAD, 'D2', 'SEIZED', seizureForm({ ground: 'STOP_VIOLATION', seizedOn: TODAY, items: [{ name: 'Quần áo', quantity: 40, unit: 'chiếc' }] }));
    const refused = await rejection(act(durable, TEAM_LEAD, 'D4', 'SOLD_OR_DESTROYED_EARLY', {}));
    expect(refused.details).toMatchObject({ rule: 'NOT_PERISHABLE' });

    const fresh = await open('ins-seizure');
    await act(fresh, TEAM_LEAD, 'D2', 'SEIZED', seizureForm({ ground: 'STOP_VIOLATION', seizedOn: TODAY, perishable: true, items: [{ name: 'Thịt lợn', quantity: 200, unit: 'kg' }] }));
    await act(fresh, TEAM_LEAD, 'D4', 'SOLD_OR_DESTROYED_EARLY', { decisionNo: '17/QĐ-TH' });
    expect((await act(fresh, DIRECTOR, 'D6', 'CONFISCATED', { confiscatedValue: 0, destroyedValue: 16_000_000, destructionRecordNo: '05/BB-TH' })).status).toBe('CLOSED');
  });
});

describe('hotline tip', () => {
  it('leads to an ad hoc inspection that closes the tip when it ends', async () => {
    const caseId = await open('ins-tip');
    await act(caseId, INSPECTOR_A, 'C1', 'LOGGED', {
      channel: 'HOTLINE',
      content: 'Bán rượu không nhãn',
      target: 'Cửa hàng Minh An',
      place: 'Phường Hoa Lư',
      informantRef: 'INF-2026-0042',
      wantsReply: true,
    });
    await act(caseId, TEAM_LEAD, 'C2', 'IN_SCOPE', {});
    await act(caseId, INSPECTOR_A, 'C3', 'VERIFIED', { verificationReport: 'Đã xác minh: có dấu hiệu vi phạm' });
    await act(caseId, DIRECTOR, 'C4', 'AD_HOC_INSPECTION', { reason: 'Tin báo đã được xác minh' });
    const inspection = await child(caseId, 'C4I');
    await inspectUntilRecord(inspection);
    await act(inspection, INSPECTOR_A, 'A9', 'NO_VIOLATION', { recordedOn: TODAY, partySigned: true });
    await act(inspection, TEAM_LEAD, 'A11', 'CLOSED', { reportNo: '07/BC', summary: 'Không vi phạm' });
    await stepCompleted(caseId, 'C4I');
    const done = await act(caseId, INSPECTOR_A, 'C6', 'CLOSED', { replied: true });
    expect(done.status).toBe('CLOSED');
    // The informant's reference stays in the case workflow: not in the read model, nor the audit log.
    const stored = await database.db.selectFrom('case_file').select('snapshot').where('case_id', '=', caseId).executeTakeFirstOrThrow();
    const audit = await auditEvents(database.db, caseId);
    expect(JSON.stringify(stored.snapshot)).not.toContain('INF-2026-0042');
    expect(JSON.stringify(audit)).not.toContain('INF-2026-0042');
    expect(JSON.stringify(audit)).toContain('[protected]');
    expect((await view(temporal.client, caseId)).state.completed.find((c) => c.stepId === 'C1')?.data.informantRef).toBe('INF-2026-0042');
  });

  it('closes a tip that does not warrant an inspection', async () => {
    const caseId = await open('ins-tip');
    await act(caseId, INSPECTOR_A, 'C1', 'LOGGED', { channel: 'PORTAL', content: 'Giá cao', target: 'Quầy hàng X', place: 'Chợ Rồng' });
    await act(caseId, TEAM_LEAD, 'C2', 'IN_SCOPE', {});
    await act(caseId, INSPECTOR_A, 'C3', 'VERIFIED', { verificationReport: 'Đã niêm yết giá đúng quy định' });
    await act(caseId, TEAM_LEAD, 'C4', 'CLOSE', { reason: 'Không có dấu hiệu vi phạm' });
    expect((await act(caseId, INSPECTOR_A, 'C6', 'CLOSED', {})).status).toBe('CLOSED');
  });
});
