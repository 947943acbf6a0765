/**
 * The law enforced in substance, through the HTTP API: each thing a new user found the penalty
 * path accepting is refused with its code and legal basis, leaving no trace in the case's history;
 * each lawful variant is accepted. Dates are relative to today (the workflow runs on real time),
 * counted on the seeded legal calendar.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { addCalendarDays, vietnamDateOf, WorkingCalendar } from '../domain/calendar.js';
import { HOLIDAYS_SEED } from '../domain/holidays-seed.js';
import { TEST_VIOLATIONS } from '../domain/fixtures/test-catalogue.js';
import { derivedRequestId, idempotentRequest } from '../api/idempotency.js';
import { DEMO_PASSWORD, seedDemoData } from '../db/demo-data.js';
import { createUser } from '../db/repositories/people.js';
import { DiskEvidenceStore } from '../lib/evidence-store.js';
import { callAs, createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal, type TTestSession } from './support.js';

const UNIT = `law${randomUUID().slice(0, 6)}`;
const cal = new WorkingCalendar(HOLIDAYS_SEED, 'seed');
const TODAY = vietnamDateOf(new Date());
const daysAgo = (n: number): string => addCalendarDays(TODAY, -n);
/** The date `n` working days before today. */
function workingDaysAgo(n: number): string {
  let d = TODAY;
  for (let k = 0; k < n;) {
    d = addCalendarDays(d, -1);
    if (cal.isWorkingDay(d)) k++;
  }
  return d;
}

let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let close: () => Promise<void>;
let evidenceDir: string;
let lead: TTestSession;
let inspector: TTestSession;
let legal: TTestSession;
let director: TTestSession;
/** A deputy director (Phó Chi cục trưởng) to whom no power is delegated. */
let deputy: TTestSession;
let waiver: { sha256: string; name: string; size: number; mime: string };
/** The demo user id of each session. */
const USER_OF = new Map<TTestSession, string>();

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  temporal = await startTestWorker({ db: database.db });
  evidenceDir = await mkdtemp(path.join(os.tmpdir(), 'ins-law-'));
  ({ app, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue, evidence: { store: new DiskEvidenceStore(evidenceDir), maxBytes: 1024 * 1024 } }));
  const admin = await signIn(app, 'quocgia.thu');
  for (const row of TEST_VIOLATIONS) expect((await callAs(app, admin, 'PUT', `/api/v1/violations/${encodeURIComponent(row.code)}`, row)).status).toBe(200);
  lead = await signIn(app, 'doitruong.cuong');
  inspector = await signIn(app, 'kiemsoat.an');
  legal = await signIn(app, 'phapche.lan');
  director = await signIn(app, 'chicuctruong.hai');
  await createUser(database.db, { id: 'pho.hoa', username: 'pho.hoa', displayName: 'Đinh Thị Hoa', password: DEMO_PASSWORD, roles: ['DIRECTOR'], unitId: UNIT, deputy: true });
  deputy = await signIn(app, 'pho.hoa');
  USER_OF.set(deputy, 'pho.hoa');
  for (const [session, id] of [
    [lead, 'doitruong.cuong'],
    [inspector, 'kiemsoat.an'],
    [legal, 'phapche.lan'],
    [director, 'chicuctruong.hai'],
  ] as const)
    USER_OF.set(session, id);
  const bytes = Buffer.from('%PDF-1.4\nVăn bản từ chối giải trình\n');
  const up = await app.request('/api/v1/evidence', {
    method: 'POST',
    headers: { cookie: legal.cookie, 'x-csrf-token': legal.csrf, 'content-type': 'application/pdf', 'x-file-name': 'tu-choi-giai-trinh.pdf', 'idempotency-key': `k-${randomUUID()}` },
    body: bytes,
  });
  expect(up.status).toBe(201);
  waiver = { sha256: createHash('sha256').update(bytes).digest('hex'), name: 'tu-choi-giai-trinh.pdf', size: bytes.length, mime: 'application/pdf' };
});
afterAll(async () => {
  await close?.();
  await temporal?.shutdown();
  await database?.drop();
  await rm(evidenceDir, { recursive: true, force: true });
});

type TStep = [session: () => TTestSession, stepId: string, outcome: string, data: Record<string, unknown>];
const enc = encodeURIComponent;

async function open(procedureId = 'ins-penalty', by: () => TTestSession = () => lead): Promise<string> {
  const r = await callAs(app, by(), 'POST', '/api/v1/cases', { procedureId, title: `Vụ việc ${randomUUID().slice(0, 4)}` });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.caseId as string;
}
async function step(caseId: string, [who, stepId, outcome, data]: TStep, key = `k-${randomUUID()}`) {
  return callAs(app, who(), 'POST', `/api/v1/cases/${enc(caseId)}/steps/${stepId}/complete`, { outcome, data }, { 'idempotency-key': key });
}
async function steps(caseId: string, list: TStep[]): Promise<void> {
  for (const s of list) {
    const r = await step(caseId, s);
    expect(r.status, `${s[1]} ${s[2]}: ${JSON.stringify(r.body)}`).toBe(200);
  }
}
/**
 * Whether the case's history (its current run) holds the Update a completion by `userId` under `key`
 * was sent as (its id is derived from the user, the key and the request: api/idempotency.ts). A
 * validator's refusal leaves none.
 */
async function historyHasUpdate(caseId: string, [, stepId, outcome, data]: TStep, userId: string, key: string): Promise<boolean> {
  const body = new TextEncoder().encode(JSON.stringify({ outcome, data }));
  const request = idempotentRequest('POST', `http://localhost/api/v1/cases/${enc(caseId)}/steps/${stepId}/complete`, body);
  const updateId = derivedRequestId(userId, key, request.requestHash);
  const events = (await temporal.client.workflow.getHandle(caseId).fetchHistory()).events ?? [];
  return events.some(
    (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId === updateId || e.workflowExecutionUpdateAdmittedEventAttributes?.request?.meta?.updateId === updateId,
  );
}

const record = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  recordedAt: TODAY,
  place: 'Tại cửa hàng',
  recorder: 'Nguyễn Văn An, Kiểm soát viên thị trường',
  violatorName: 'Hộ kinh doanh Trần Thị F',
  offenderType: 'INDIVIDUAL',
  violationDate: TODAY,
  violationPlace: 'Phường Hoa Lư, tỉnh Ninh Bình',
  acts: [{ violation: 'ND87/2024:14.1', description: 'Bán 20 thùng nước giải khát cao hơn giá niêm yết' }],
  violatorSigned: true,
  ...over,
});
const decision = (over: Record<string, unknown> = {}) => ({ decisionDate: TODAY, signedBy: 'Hoàng Văn Hải', sanction: 'FINE', fineAmount: 7_500_000, ...over });
const B1 = (over: Record<string, unknown> = {}): TStep => [() => inspector, 'B1', 'RECORDED', record(over)];
const B3: TStep = [() => legal, 'B3', 'NO_EXPLANATION_RIGHT', {}];
const B3_EXPLAIN: TStep = [() => legal, 'B3', 'EXPLANATION_RIGHT', {}];
const B6 = (over: Record<string, unknown> = {}, who: () => TTestSession = () => director): TStep => [who, 'B6', 'DECIDED', decision(over)];
const B8 = (receivedDate = TODAY): TStep => [() => inspector, 'B8', 'DELIVERED', { method: 'IN_PERSON', receivedDate }];
/** The director grants 3 instalments over 150 days, the first of `firstAmount`, for a certified hardship (penalty version 16). */
const instalmentsGranted = (firstAmount: number): TStep => [
  () => director,
  'B13',
  'INSTALMENTS_GRANTED',
  { decisionDate: TODAY, signedBy: 'Hoàng Văn Hải', hardship: 'Cơ sở bị hỏa hoạn', certifiedBy: 'Chi cục Thuế khu vực', instalments: 3, firstAmount, lastDueDate: addCalendarDays(TODAY, 150) },
];
const INSPECTION_DECISION = {
  decisionDate: TODAY,
  signedBy: 'Hoàng Văn Hải',
  form: 'AD_HOC',
  adHocGround: 'VERIFIED_TIP',
  businessName: 'Hộ kinh doanh Trần Thị F',
  address: 'Phường Hoa Lư, tỉnh Ninh Bình',
  content: 'Kiểm tra việc niêm yết giá',
};
const FAKE_ACT = { acts: [{ violation: 'ND98/2020:11.3', description: 'Buôn bán 50 chai rượu giả nhãn hiệu' }], explanationNotice: 'Có quyền giải trình bằng văn bản trong 05 ngày làm việc' };

interface TScenario {
  name: string;
  /** Steps before the attempt (a fresh case for each scenario). */
  before: TStep[];
  procedureId?: string;
  opener?: () => TTestSession;
  refused: TStep;
  code: string;
  rule?: string;
  field?: string;
  legalBasis: RegExp;
  lawful: TStep;
  /** Steps of a second case for the lawful variant when the refused one's case cannot become lawful. */
  lawfulBefore?: TStep[];
  /** What the refusal must not mention (a later check's rule). */
  notMentioning?: RegExp;
  /** What its Vietnamese message must say. */
  message?: RegExp;
}

const scenarios: TScenario[] = [
  {
    name: 'a fine of 50,000,000 ₫ against a recorded bracket whose maximum is 10,000,000 ₫, with no reason',
    before: [B1(), B3],
    refused: B6({ fineAmount: 50_000_000 }),
    code: 'GUARD_FAILED',
    rule: 'FINE_ABOVE_BRACKET',
    field: 'fineAmount',
    legalBasis: /Điều 23\(4\)/,
    lawful: B6({ fineAmount: 9_000_000, aggravating: 1, amountReason: 'Tình tiết tăng nặng: vi phạm nhiều lần (Điều 10)' }),
  },
  {
    name: 'an amount other than the bracket’s midpoint with no reason',
    before: [B1(), B3],
    refused: B6({ fineAmount: 6_000_000 }),
    code: 'GUARD_FAILED',
    rule: 'AMOUNT_REASON_MISSING',
    field: 'amountReason',
    legalBasis: /Điều 9, 10, 23\(4\)/,
    lawful: B6({ fineAmount: 7_500_000 }),
  },
  {
    name: '"paid in full" with half the fine paid',
    before: [B1(), B3, B6(), B8()],
    refused: [() => legal, 'B9', 'PAID', { receiptNo: 'BL-0012', paidAmount: 3_750_000, paidDate: TODAY }],
    code: 'GUARD_FAILED',
    rule: 'PAID_LESS_THAN_DUE',
    field: 'paidAmount',
    legalBasis: /Điều 73, 78/,
    lawful: [() => legal, 'B9', 'PAID', { receiptNo: 'BL-0012', paidAmount: 7_500_000, paidDate: TODAY }],
  },
  {
    name: 'the no-record sanction marked paid with no receipt',
    procedureId: 'ins-penalty-no-record',
    opener: () => inspector,
    before: [
      [
        () => inspector,
        'N1',
        'DECIDED',
        {
          decisionDate: TODAY,
          signedBy: 'Nguyễn Văn An',
          violatorName: 'Lê Văn H',
          offenderType: 'INDIVIDUAL',
          violationDate: TODAY,
          violation: 'ND98/2020:17.1.c',
          place: 'Chợ Rồng',
          sanction: 'FINE',
          fineAmount: 400_000,
        },
      ],
    ],
    refused: [() => inspector, 'N2', 'PAID', {}],
    code: 'GUARD_FAILED',
    rule: 'PAYMENT_MISSING',
    legalBasis: /Điều 78/,
    lawful: [() => inspector, 'N2', 'PAID', { receiptNo: 'BL-77', paidAmount: 400_000, paidDate: TODAY }],
  },
  {
    name: 'a delivery date earlier than the decision date',
    before: [B1(), B3, B6()],
    refused: B8(daysAgo(1)),
    code: 'GUARD_FAILED',
    rule: 'DELIVERY_BEFORE_DECISION',
    field: 'receivedDate',
    legalBasis: /Điều 70/,
    lawful: B8(TODAY),
  },
  {
    name: '"not complied" on day 0 of the 10 days to comply voluntarily',
    before: [B1(), B3, B6(), B8()],
    refused: [() => legal, 'B9', 'NOT_COMPLIED', {}],
    code: 'GUARD_FAILED',
    rule: 'VOLUNTARY_PERIOD_RUNNING',
    legalBasis: /Điều 73\(1\), 86/,
    // A decision received 20 days ago: its 10 days have run (and the decision, dated on the record's day, was in time).
    lawfulBefore: [B1({ recordedAt: daysAgo(20), violationDate: daysAgo(21) }), B3, B6({ decisionDate: daysAgo(20) }), B8(daysAgo(20))],
    lawful: [() => legal, 'B9', 'NOT_COMPLIED', {}],
  },
  {
    name: '"no explanation" on day 0 of the window to explain',
    before: [B1(FAKE_ACT), B3_EXPLAIN],
    refused: [() => legal, 'B4', 'NO_EXPLANATION', {}],
    code: 'GUARD_FAILED',
    rule: 'EXPLANATION_WINDOW_OPEN',
    legalBasis: /Điều 61\(2\)/,
    // A record made 8 working days ago: the 5 working days to explain have run out.
    lawfulBefore: [B1({ ...FAKE_ACT, recordedAt: workingDaysAgo(8), violationDate: workingDaysAgo(8) }), B3_EXPLAIN],
    lawful: [() => legal, 'B4', 'NO_EXPLANATION', {}],
  },
  {
    name: 'a hearing asked for after the 2 working days of Art. 61(3)',
    before: [B1({ ...FAKE_ACT, recordedAt: workingDaysAgo(6), violationDate: workingDaysAgo(6) }), B3_EXPLAIN],
    refused: [() => legal, 'B4', 'HEARING_HELD', { hearingRequestedOn: workingDaysAgo(3), hearingDate: TODAY, hearingMinutesNo: 'BB-GTTT-01' }],
    code: 'GUARD_FAILED',
    rule: 'HEARING_REQUEST_LATE',
    field: 'hearingRequestedOn',
    legalBasis: /Điều 61\(3\)/,
    lawful: [() => legal, 'B4', 'HEARING_HELD', { hearingRequestedOn: workingDaysAgo(5), hearingDate: TODAY, hearingMinutesNo: 'BB-GTTT-01' }],
  },
  {
    name: 'a fine raised above the midpoint for mitigating circumstances only (penalty version 6)',
    before: [B1(), B3],
    refused: B6({ fineAmount: 9_000_000, mitigating: 2, aggravating: 0, amountReason: 'Có 2 tình tiết giảm nhẹ' }),
    code: 'GUARD_FAILED',
    rule: 'FINE_RAISED_WITHOUT_AGGRAVATING',
    field: 'fineAmount',
    legalBasis: /Điều 10, 23\(4\)/,
    lawful: B6({ fineAmount: 6_000_000, mitigating: 2, aggravating: 0, amountReason: 'Có 2 tình tiết giảm nhẹ' }),
  },
  {
    name: 'facts to verify, which give the decision a month, with nothing stated to verify (penalty version 6)',
    before: [B1()],
    refused: [() => legal, 'B3', 'NO_EXPLANATION_RIGHT', { needsVerification: true }],
    code: 'GUARD_FAILED',
    rule: 'VERIFICATION_NOT_STATED',
    field: 'verificationNote',
    legalBasis: /Điều 59, 66\(1\)/,
    lawful: [() => legal, 'B3', 'NO_EXPLANATION_RIGHT', { needsVerification: true, verificationNote: 'Định giá 20 thùng nước giải khát (Điều 60)' }],
  },
  {
    name: 'a record neither the violator nor a witness signed',
    before: [],
    refused: B1({ violatorSigned: false }),
    code: 'GUARD_FAILED',
    rule: 'RECORD_NOT_SIGNED',
    field: 'violatorSigned',
    legalBasis: /Điều 58\(3\)/,
    lawful: B1({ violatorSigned: false, witnessName: 'Phạm Văn K, công an phường' }),
  },
  {
    name: 'closing the file with the national database not updated',
    before: [B1(), B3, B6(), B8(), [() => legal, 'B9', 'PAID', { receiptNo: 'BL-1', paidAmount: 7_500_000, paidDate: TODAY }]],
    refused: [() => legal, 'B17', 'CLOSED', { nationalDbUpdated: false }],
    code: 'GUARD_FAILED',
    rule: 'NATIONAL_DB_NOT_UPDATED',
    field: 'nationalDbUpdated',
    legalBasis: /Điều 73\(2\)/,
    lawful: [() => legal, 'B17', 'CLOSED', { nationalDbUpdated: true }],
  },
  {
    name: 'a violation code that matches nothing in the catalogue (with the bracket typed by hand)',
    before: [],
    refused: B1({ acts: [{ violation: 'ND98/2020:99.9.z', description: 'x', bracketMax: 500_000 }] }),
    code: 'FORM_INVALID',
    legalBasis: /Điều 58/,
    lawful: B1(),
  },
  {
    name: 'a team lead deciding above their competence (a bracket up to 40,000,000 ₫)',
    before: [B1(FAKE_ACT), B3_EXPLAIN, [() => legal, 'B4', 'EXPLAINED_IN_WRITING', { explainedOn: TODAY, explanation: 'Không biết hàng giả' }]],
    refused: B6({ fineAmount: 30_000_000, signedBy: 'Lê Văn Cường' }, () => lead),
    code: 'GUARD_FAILED',
    rule: 'OUTSIDE_COMPETENCE',
    legalBasis: /Điều 52/,
    lawful: B6({ fineAmount: 30_000_000 }),
  },
  {
    name: 'a decision dated after its deadline (judged on the paper, not on when it is entered)',
    before: [B1({ recordedAt: daysAgo(20), violationDate: daysAgo(20) }), B3],
    refused: B6({ decisionDate: TODAY }),
    code: 'DEADLINE_PASSED',
    legalBasis: /Điều 66\(1\)/,
    // Signed in time, entered late: lawful.
    lawful: B6({ decisionDate: daysAgo(19) }),
  },
  {
    name: 'confiscation and remedial measures without a fine before the deadline has passed',
    before: [B1(), B3],
    refused: [() => director, 'B6', 'MEASURES_ONLY', { decisionDate: TODAY, signedBy: 'Hoàng Văn Hải', sanction: 'NONE', additionalSanctions: 'Tịch thu 20 thùng hàng' }],
    code: 'GUARD_FAILED',
    rule: 'DEADLINE_NOT_PASSED',
    legalBasis: /Điều 65\(1\), 66/,
    lawfulBefore: [B1({ recordedAt: daysAgo(20), violationDate: daysAgo(20) }), B3],
    lawful: [() => director, 'B6', 'MEASURES_ONLY', { decisionDate: TODAY, signedBy: 'Hoàng Văn Hải', sanction: 'NONE', additionalSanctions: 'Tịch thu 20 thùng hàng' }],
  },
  {
    name: 'a record made after the limitation period (2 years for trade violations, from the catalogue)',
    before: [],
    refused: B1({ violationDate: addCalendarDays(TODAY, -800) }),
    code: 'GUARD_FAILED',
    rule: 'LIMITATION_EXPIRED',
    legalBasis: /Điều 6/,
    lawful: B1({ violationDate: addCalendarDays(TODAY, -700) }),
  },
  {
    name: 'a decision dated before the record',
    before: [B1({ recordedAt: daysAgo(2), violationDate: daysAgo(2) }), B3],
    refused: B6({ decisionDate: daysAgo(3) }),
    code: 'GUARD_FAILED',
    rule: 'DECISION_BEFORE_RECORD',
    field: 'decisionDate',
    legalBasis: /Điều 66/,
    lawful: B6({ decisionDate: daysAgo(1) }),
  },
  {
    name: 'a postponement longer than 3 months',
    before: [B1(), B3, B6(), B8(), [() => legal, 'B9', 'POSTPONEMENT_REQUESTED', { requestReceivedOn: TODAY }]],
    refused: [
      () => director,
      'B12',
      'POSTPONED',
      { decisionDate: TODAY, signedBy: 'Hoàng Văn Hải', hardship: 'Hộ nghèo (xác nhận của UBND phường)', certifiedBy: 'UBND phường Đông Thành', postponedUntil: addCalendarDays(TODAY, 100) },
    ],
    code: 'GUARD_FAILED',
    rule: 'POSTPONEMENT_TOO_LONG',
    field: 'postponedUntil',
    legalBasis: /Điều 76/,
    lawful: [
      () => director,
      'B12',
      'POSTPONED',
      { decisionDate: TODAY, signedBy: 'Hoàng Văn Hải', hardship: 'Hộ nghèo (xác nhận của UBND phường)', certifiedBy: 'UBND phường Đông Thành', postponedUntil: addCalendarDays(TODAY, 60) },
    ],
  },
  {
    name: 'a first instalment below 40 % of the fine',
    before: [
      B1(FAKE_ACT),
      B3_EXPLAIN,
      [() => legal, 'B4', 'EXPLAINED_IN_WRITING', { explainedOn: TODAY, explanation: 'x' }],
      B6({ fineAmount: 30_000_000 }),
      B8(),
      [() => legal, 'B9', 'INSTALMENTS_REQUESTED', { requestReceivedOn: TODAY }],
    ],
    refused: instalmentsGranted(10_000_000),
    code: 'GUARD_FAILED',
    rule: 'FIRST_INSTALMENT_TOO_SMALL',
    field: 'firstAmount',
    legalBasis: /Điều 79/,
    lawful: instalmentsGranted(12_000_000),
  },
  {
    name: 'a penalty decision whose “Người ký” is not the director who issues and signs it (ADR 0194)',
    before: [B1(), B3],
    refused: B6({ signedBy: 'Lê Văn Cường' }),
    code: 'GUARD_FAILED',
    rule: 'SIGNER_NOT_OFFICER',
    field: 'signedBy',
    legalBasis: /Điều 68\(1\)/,
    lawful: B6({ signedBy: 'Hoàng Văn Hải, Chi cục trưởng' }),
  },
  {
    name: 'a penalty decision with another signer, sent before the time to explain has been dealt with: the order is said first (ADR 0195)',
    before: [B1()],
    refused: B6({ signedBy: 'Lê Văn Cường' }),
    code: 'STEP_OUT_OF_ORDER',
    legalBasis: /Luật Xử lý vi phạm hành chính/,
    notMentioning: /SIGNER_NOT_OFFICER|signedBy/,
    lawfulBefore: [B1(), B3],
    lawful: B6({ signedBy: 'Hoàng Văn Hải' }),
  },
  {
    name: 'a penalty decision by a deputy director to whom the director has not delegated the power (ADR 0197)',
    before: [B1(), B3],
    refused: B6({ signedBy: 'Đinh Thị Hoa' }, () => deputy),
    code: 'GUARD_FAILED',
    rule: 'NO_DELEGATION',
    field: 'decisionDate',
    legalBasis: /Điều 54/,
    lawful: B6({ signedBy: 'Hoàng Văn Hải' }),
  },
  {
    name: 'an inspection decision dated six years back, before any template of the paper is in force (ADR 0191)',
    procedureId: 'ins-inspection',
    before: [],
    refused: [() => director, 'A5', 'ISSUED', { ...INSPECTION_DECISION, decisionDate: '2020-03-02' }],
    code: 'GUARD_FAILED',
    rule: 'NO_TEMPLATE_IN_FORCE',
    field: 'decisionDate',
    legalBasis: /Pháp lệnh Quản lý thị trường/,
    lawful: [() => director, 'A5', 'ISSUED', INSPECTION_DECISION],
  },
  {
    // Version 5 of the decision, which prints the days, is in force from 08/12/2026; a decision of the day before is printed by version 3.
    name: 'a decision giving 30 days to comply, dated on a day whose template of the decision cannot print them (ADR 0219)',
    before: [B1({ recordedAt: '2026-12-04', violationDate: '2026-12-04' }), B3],
    refused: B6({ decisionDate: '2026-12-07', complianceDays: 30 }),
    code: 'GUARD_FAILED',
    rule: 'PAPER_CANNOT_STATE',
    field: 'complianceDays',
    legalBasis: /Mẫu MQĐ02/,
    message: /không ghi được “Thời hạn chấp hành ghi trong quyết định.*\(mẫu ghi được áp dụng từ ngày 08\/12\/2026\)/,
    lawful: B6({ decisionDate: '2026-12-07' }),
  },
  {
    name: 'a violation record dated before any template of the record is in force (ADR 0191)',
    before: [],
    refused: B1({ recordedAt: '2025-06-30', violationDate: '2025-06-30' }),
    code: 'GUARD_FAILED',
    rule: 'NO_TEMPLATE_IN_FORCE',
    field: 'recordedAt',
    legalBasis: /Luật Xử lý vi phạm hành chính/,
    lawful: B1(),
  },
];

describe('the penalty path refuses what the law forbids, through the HTTP API', () => {
  it.each(scenarios.map((s) => [s.name, s] as const))('refuses %s, with its code and legal basis, writing nothing; accepts the lawful variant', async (_name, s) => {
    const caseId = await open(s.procedureId, s.opener);
    await steps(caseId, s.before);
    const auditBefore = (await callAs(app, director, 'GET', `/api/v1/cases/${enc(caseId)}/audit`)).body.events.length;
    const key = `k-${randomUUID()}`;
    const refused = await step(caseId, s.refused, key);
    expect(refused.body.error, JSON.stringify(refused.body)).toMatchObject({ code: s.code, legalBasis: expect.stringMatching(s.legalBasis) });
    if (s.rule) expect(refused.body.error.details.rule ?? refused.body.error.details.guard).toBe(s.rule);
    if (s.field) expect(refused.body.error.details.field).toBe(s.field);
    if (s.notMentioning) expect(JSON.stringify(refused.body)).not.toMatch(s.notMentioning);
    if (s.message) expect(refused.body.error.details.message.vi).toMatch(s.message);
    if (s.code === 'GUARD_FAILED' && s.rule !== 'LIMITATION_EXPIRED') expect(refused.body.error.details.message).toMatchObject({ vi: expect.any(String), en: expect.any(String) });
    // Refused by the Update's validator: nothing in the history, nothing in the audit.
    expect(await historyHasUpdate(caseId, s.refused, USER_OF.get(s.refused[0]())!, key)).toBe(false);
    expect((await callAs(app, director, 'GET', `/api/v1/cases/${enc(caseId)}/audit`)).body.events.length).toBe(auditBefore);

    let lawfulCase = caseId;
    if (s.lawfulBefore) {
      lawfulCase = await open(s.procedureId, s.opener);
      await steps(lawfulCase, s.lawfulBefore);
    }
    const ok = await step(lawfulCase, s.lawful);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it('refuses a violation code outside the catalogue at its field', async () => {
    const caseId = await open();
    const r = await step(caseId, B1({ acts: [{ violation: 'ND98/2020:99.9.z', description: 'x' }] }));
    expect(r).toMatchObject({ status: 400, body: { error: { code: 'FORM_INVALID', details: [{ path: 'acts.0.violation', message: expect.stringMatching(/not in the violation catalogue/) }] } } });
  });

  it('refuses to extend a decision deadline once it has passed', async () => {
    const late = await open();
    await steps(late, [B1({ ...FAKE_ACT, recordedAt: daysAgo(45), violationDate: daysAgo(45) }), B3_EXPLAIN, [() => legal, 'B4', 'NO_EXPLANATION', {}]]);
    const r = await callAs(app, director, 'POST', `/api/v1/cases/${enc(late)}/steps/B6/extension`, { amount: 1, reason: 'Vụ việc phức tạp' });
    expect(r).toMatchObject({ status: 422, body: { error: { code: 'EXTENSION_NOT_ALLOWED', legalBasis: expect.stringMatching(/Điều 66\(1\)\(c\)/) } } });
    const inTime = await open();
    await steps(inTime, [B1(FAKE_ACT), B3_EXPLAIN, [() => legal, 'B4', 'NO_EXPLANATION', { waivedInWriting: true, waiverDocument: [waiver] }]]);
    expect((await callAs(app, director, 'POST', `/api/v1/cases/${enc(inTime)}/steps/B6/extension`, { amount: 1, reason: 'Vụ việc phức tạp, thủ trưởng đồng ý bằng văn bản' })).status).toBe(200);
  });

  it('accepts "no explanation" with a written waiver before the window closes', async () => {
    const caseId = await open();
    await steps(caseId, [B1(FAKE_ACT), B3_EXPLAIN]);
    expect((await step(caseId, [() => legal, 'B4', 'NO_EXPLANATION', { waivedInWriting: true, waiverDocument: [waiver] }])).status).toBe(200);
  });

  it('counts the decision deadline from the date on the record, and the 10 days from the date received', async () => {
    const recorded = workingDaysAgo(3);
    const caseId = await open();
    await steps(caseId, [B1({ recordedAt: recorded, violationDate: recorded })]);
    // (The check the refusals above rely on sees an accepted Update.)
    const key = `k-${randomUUID()}`;
    expect((await step(caseId, B3, key)).status).toBe(200);
    expect(await historyHasUpdate(caseId, B3, 'phapche.lan', key)).toBe(true);
    const b6 = (await callAs(app, director, 'GET', `/api/v1/cases/${enc(caseId)}`)).body.tasks.find((t: { stepId: string }) => t.stepId === 'B6');
    expect(b6.deadline.due).toBe(cal.dueDate({ anchorDate: recorded, amount: 7, unit: 'working_days' }).due);
    await steps(caseId, [B6({ decisionDate: recorded }), B8(daysAgo(1))]);
    const b9 = (await callAs(app, director, 'GET', `/api/v1/cases/${enc(caseId)}`)).body.tasks.find((t: { stepId: string }) => t.stepId === 'B9');
    expect(b9.deadline.due).toBe(cal.dueDate({ anchorDate: daysAgo(1), amount: 10, unit: 'days', binds: 'PARTY' }).due);
    // The decision's date is audited beside the time it was entered.
    const audit = (await callAs(app, director, 'GET', `/api/v1/cases/${enc(caseId)}/audit`)).body.events as { action: string; stepId?: string; detail: Record<string, unknown> }[];
    expect(audit.find((e) => e.action === 'STEP_COMPLETED' && e.stepId === 'B6')!.detail).toMatchObject({ documentDate: recorded, late: false, enteredAt: expect.any(String) });
  });
});
