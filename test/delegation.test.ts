/**
 * Deputies and the delegation of sanctioning power, through the HTTP API (docs/adr/0197; Law on
 * Handling Administrative Violations Art. 54; Ordinance on Market Surveillance Art. 21): a deputy's
 * decision is refused without the head's delegation in force on its date, and issued "KT." under
 * one, with the delegation among its bases; delegations are recorded with their rules and revoked
 * from today on; another unit's are its own.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { addCalendarDays, vietnamDateOf } from '../domain/calendar.js';
import { DEMO_PASSWORD, seedDemoData } from '../db/demo-data.js';
import { createUser } from '../db/repositories/people.js';
import { delegationInForce } from '../db/repositories/delegations.js';
import { checkDeputyDecision } from '../api/services/cases.js';
import type { AppError } from '../api/errors.js';
import { pdfText } from './pdf-tools.js';
import { breakTemplates } from './template-support.js';
import { callAs, createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal, type TTestSession } from './support.js';

const UNIT = `nb${randomUUID().slice(0, 6)}`;
const UNIT2 = `th${randomUUID().slice(0, 6)}`;
const TODAY = vietnamDateOf(new Date());
const YESTERDAY = addCalendarDays(TODAY, -1);
const TOMORROW = addCalendarDays(TODAY, 1);
const enc = encodeURIComponent;

let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let close: () => Promise<void>;
let admin: TTestSession;
let admin2: TTestSession;
let director: TTestSession;
let lead: TTestSession;
let deputy: TTestSession;
let deputyLead: TTestSession;
let deputy2: TTestSession;
/** The day version 3 of the inspection decision (the first that prints a delegation) takes effect in this database. */
let v3From: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT, UNIT2);
  const person = (id: string, displayName: string, roles: string[], unitId: string, teamId: string | null = null) =>
    createUser(database.db, { id, username: id, displayName, password: DEMO_PASSWORD, roles, unitId, teamId, deputy: true });
  await person('pho.hoa', 'Đinh Thị Hoa', ['DIRECTOR'], UNIT);
  await person('pho.duc', 'Phạm Văn Đức', ['TEAM_LEAD'], UNIT, `${UNIT}-doi-1`);
  await person('th.pho', 'Cầm Văn Tú', ['DIRECTOR'], UNIT2);
  // Version 3 is shipped in force from 07/12/2026; a paper of an earlier day keeps the version before,
  // which cannot print a delegation. From today here, so that a deputy's paper of today is printable
  // whichever day the suite runs (a no-op from that day on); yesterday's stays on version 1 or 2.
  const moved = await database.db.updateTable('document_template').set({ effective_from: TODAY }).where('version', '=', 3).where('effective_from', '>', TODAY).returning('type').execute();
  v3From = moved.length ? TODAY : '2026-12-07';
  temporal = await startTestWorker({ db: database.db });
  ({ app, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue }));
  // One after the other: the sign-in throttle counts the address's attempts.
  const sessions: TTestSession[] = [];
  for (const u of ['quantri.minh', 'th.quantri', 'chicuctruong.hai', 'doitruong.cuong', 'pho.hoa', 'pho.duc', 'th.pho']) sessions.push(await signIn(app, u));
  [admin, admin2, director, lead, deputy, deputyLead, deputy2] = sessions as [TTestSession, TTestSession, TTestSession, TTestSession, TTestSession, TTestSession, TTestSession];
});
afterAll(async () => {
  await close?.();
  await temporal?.shutdown();
  await database?.drop();
});

async function openInspection(title: string): Promise<string> {
  const created = await callAs(app, lead, 'POST', '/api/v1/cases', { procedureId: 'ins-inspection', title });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.caseId as string;
}
const decide = (s: TTestSession, caseId: string, over: Record<string, unknown>) =>
  callAs(app, s, 'POST', `/api/v1/cases/${enc(caseId)}/steps/A5/complete`, {
    outcome: 'ISSUED',
    data: { decisionDate: TODAY, form: 'AD_HOC', adHocGround: 'VERIFIED_TIP', businessName: 'Cửa hàng Minh Khai', address: 'Phường Hoa Lư, Ninh Bình', content: 'Kiểm tra niêm yết giá', ...over },
  });
const standing = (over: Record<string, unknown> = {}) => ({
  role: 'DIRECTOR',
  grantorId: 'chicuctruong.hai',
  delegateId: 'pho.hoa',
  scope: 'STANDING',
  decisionNumber: '15/QĐ-GQXP',
  decisionDate: TODAY,
  validFrom: TODAY,
  validTo: addCalendarDays(TODAY, 180),
  content: 'Ký quyết định kiểm tra, quyết định xử phạt vi phạm hành chính thuộc thẩm quyền của Chi cục trưởng',
  ...over,
});
const tasksOf = async (caseId: string) => ((await callAs(app, director, 'GET', `/api/v1/cases/${enc(caseId)}`)).body.tasks as Array<{ stepId: string }>).map((t) => t.stepId);
const issues = (body: { error: { details: Array<{ path: string; rule: string }> } }) => body.error.details.map((i) => `${i.path} ${i.rule}`).sort();

describe('a deputy’s decision', () => {
  it('is refused without the head’s delegation, citing Art. 54, and nothing is written', async () => {
    const caseId = await openInspection('Kiểm tra: cấp phó chưa được giao quyền');
    const res = await decide(deputy, caseId, { signedBy: 'Đinh Thị Hoa' });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'GUARD_FAILED', details: { rule: 'NO_DELEGATION', field: 'decisionDate' }, legalBasis: expect.stringMatching(/Điều 54/) });
    expect(res.body.error.message).toMatch(/Chi cục trưởng|director/);
    expect(await tasksOf(caseId)).toEqual(['A5']);
    // The head decides without one, as before.
    expect((await decide(director, caseId, { signedBy: 'Hoàng Văn Hải' })).status).toBe(200);
    // Nor does the deputy correct the head's decision: the correcting decision is taken in the head's power too.
    const papers = (await callAs(app, director, 'GET', `/api/v1/cases/${enc(caseId)}/documents`)).body.documents as Array<{ id: string; type: string }>;
    const decision = papers.find((d) => d.type === 'INSPECTION_DECISION')!;
    const correction = await callAs(app, deputy, 'POST', `/api/v1/cases/${enc(caseId)}/documents/${decision.id}/corrections`, {
      kind: 'CORRECT',
      reason: 'Ghi nhầm địa chỉ',
      text: 'Địa chỉ là: Phường Hoa Lư, tỉnh Ninh Bình.',
    });
    expect(correction.status, JSON.stringify(correction.body)).toBe(422);
    expect(correction.body.error).toMatchObject({ code: 'GUARD_FAILED', details: { rule: 'NO_DELEGATION' }, legalBasis: expect.stringMatching(/Điều 54/) });
    expect((await callAs(app, director, 'GET', `/api/v1/cases/${enc(caseId)}/documents`)).body.documents).toHaveLength(papers.length);
  });

  it('is issued under a standing delegation, signed “KT. CHI CỤC TRƯỞNG / PHÓ CHI CỤC TRƯỞNG”, with the delegation among the bases', async () => {
    const recorded = await callAs(app, director, 'POST', '/api/v1/delegations', standing());
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    expect(recorded.body).toMatchObject({ grantorName: 'Hoàng Văn Hải', delegateName: 'Đinh Thị Hoa', inForceToday: true, revokedFrom: null, createdBy: 'chicuctruong.hai' });

    const caseId = await openInspection('Kiểm tra: cấp phó ký thay');
    // The form still names the officer who signs (ADR 0194): the deputy, not the head.
    const wrong = await decide(deputy, caseId, { signedBy: 'Hoàng Văn Hải' });
    expect(wrong.body.error.details.rule).toBe('SIGNER_NOT_OFFICER');
    const ok = await decide(deputy, caseId, { signedBy: 'Đinh Thị Hoa' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const papers = (await callAs(app, deputy, 'GET', `/api/v1/cases/${enc(caseId)}/documents`)).body.documents as Array<{ id: string; type: string }>;
    const paper = papers.find((d) => d.type === 'INSPECTION_DECISION')!;
    const res = await app.request(`/api/v1/cases/${enc(caseId)}/documents/${paper.id}/file`, { headers: { cookie: deputy.cookie } });
    const text = (await pdfText(new Uint8Array(await res.arrayBuffer()))).replace(/\s+/g, ' ');
    // The signature block sits beside the recipients: its two lines come out between theirs.
    expect(text).toMatch(/KT\. CHI CỤC TRƯỞNG .*PHÓ CHI CỤC TRƯỞNG .*Đinh Thị Hoa/);
    expect(text).toContain(`Căn cứ Quyết định số 15/QĐ-GQXP ngày ${TODAY.split('-').reverse().join('/')} về việc giao quyền;`);
    expect(text).toContain('Đinh Thị Hoa');
    expect(text).not.toContain('Hoàng Văn Hải');
  });

  it('is refused for a day before the delegation, and for a day whose template cannot print it', async () => {
    const caseId = await openInspection('Kiểm tra: trước ngày giao quyền');
    const before = await decide(deputy, caseId, { signedBy: 'Đinh Thị Hoa', decisionDate: YESTERDAY });
    expect(before.status, JSON.stringify(before.body)).toBe(422);
    expect(before.body.error.details.rule).toBe('NO_DELEGATION');
    // A delegation from last week: yesterday is covered, but its paper would be printed by a version that has no "KT." line.
    expect(
      (await callAs(app, admin, 'POST', '/api/v1/delegations', standing({ decisionNumber: '9/QĐ-GQXP', decisionDate: addCalendarDays(TODAY, -7), validFrom: addCalendarDays(TODAY, -7) }))).status,
    ).toBe(201);
    const unprintable = await decide(deputy, caseId, { signedBy: 'Đinh Thị Hoa', decisionDate: YESTERDAY });
    if (YESTERDAY < v3From) {
      expect(unprintable.status, JSON.stringify(unprintable.body)).toBe(422);
      expect(unprintable.body.error).toMatchObject({ details: { rule: 'DELEGATION_NOT_PRINTABLE', field: 'decisionDate' }, legalBasis: expect.stringMatching(/Điều 13/) });
      // It says from which day a template can print it.
      expect(unprintable.body.error.details.message.vi).toContain(`mẫu ghi được áp dụng từ ngày ${v3From.split('-').reverse().join('/')}`);
    } else expect(unprintable.status, JSON.stringify(unprintable.body)).toBe(200);
  });

  it('under a delegation for one case is refused in another', async () => {
    const mine = await openInspection('Kiểm tra: giao quyền theo vụ việc');
    const other = await openInspection('Kiểm tra: vụ việc khác');
    const rec = await callAs(app, lead, 'POST', '/api/v1/delegations', {
      role: 'TEAM_LEAD',
      grantorId: 'doitruong.cuong',
      delegateId: 'pho.duc',
      scope: 'CASE',
      caseId: mine,
      decisionNumber: '3/QĐ-GQ',
      decisionDate: TODAY,
      validFrom: TODAY,
      content: 'Ký quyết định kiểm tra cửa hàng Minh Khai',
    });
    expect(rec.status, JSON.stringify(rec.body)).toBe(201);
    const refused = await decide(deputyLead, other, { signedBy: 'Phạm Văn Đức' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.rule).toBe('NO_DELEGATION');
    const ok = await decide(deputyLead, mine, { signedBy: 'Phạm Văn Đức' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const papers = (await callAs(app, deputyLead, 'GET', `/api/v1/cases/${enc(mine)}/documents`)).body.documents as Array<{ id: string; type: string }>;
    const res = await app.request(`/api/v1/cases/${enc(mine)}/documents/${papers[0]!.id}/file`, { headers: { cookie: deputyLead.cookie } });
    const text = (await pdfText(new Uint8Array(await res.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).toMatch(/KT\. ĐỘI TRƯỞNG .*PHÓ ĐỘI TRƯỞNG .*Phạm Văn Đức/);
    expect(text).toContain('ĐỘI TRƯỞNG ĐỘI QUẢN LÝ THỊ TRƯỜNG SỐ 1');
  });

  it('is printed as the deputy decided it when issued again after the mark was cleared', async () => {
    const made = await callAs(app, admin, 'POST', '/api/v1/users', {
      username: 'pho.khanh',
      displayName: 'Lường Văn Khánh',
      password: 'mat-khau-rat-dai-3',
      roles: ['TEAM_LEAD'],
      teamId: `${UNIT}-doi-1`,
      deputy: true,
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const userId = made.body.id as string;
    const caseId = await openInspection('Kiểm tra: phát hành lại sau khi bỏ dấu cấp phó');
    const rec = await callAs(app, lead, 'POST', '/api/v1/delegations', {
      role: 'TEAM_LEAD',
      grantorId: 'doitruong.cuong',
      delegateId: userId,
      scope: 'CASE',
      caseId,
      decisionNumber: '7/QĐ-GQ',
      decisionDate: TODAY,
      validFrom: TODAY,
      content: 'Ký quyết định kiểm tra cửa hàng Minh Khai',
    });
    expect(rec.status, JSON.stringify(rec.body)).toBe(201);
    // The inspection decision's templates stop validating: the deputy's decision is taken, its paper not issued.
    const mend = await breakTemplates(database.db, 'INSPECTION_DECISION');
    try {
      const officer = await signIn(app, 'pho.khanh', 'mat-khau-rat-dai-3');
      const decided = await decide(officer, caseId, { signedBy: 'Lường Văn Khánh' });
      expect(decided.status, JSON.stringify(decided.body)).toBe(200);
      const failed = (await callAs(app, director, 'GET', `/api/v1/cases/${enc(caseId)}/documents`)).body.notIssued as Array<{ seq: number }>;
      expect(failed).toHaveLength(1);
      // Meanwhile the officer is made a team lead in full.
      expect((await callAs(app, admin, 'PATCH', `/api/v1/users/${userId}`, { deputy: false })).body.deputy).toBe(false);
      await mend();
      const again = await callAs(app, director, 'POST', `/api/v1/cases/${enc(caseId)}/documents/not-issued/${failed[0]!.seq}/reissue`);
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      const papers = (await callAs(app, director, 'GET', `/api/v1/cases/${enc(caseId)}/documents`)).body.documents as Array<{ id: string; type: string }>;
      const res = await app.request(`/api/v1/cases/${enc(caseId)}/documents/${papers[0]!.id}/file`, { headers: { cookie: director.cookie } });
      const text = (await pdfText(new Uint8Array(await res.arrayBuffer()))).replace(/\s+/g, ' ');
      // Signed as the decision was taken: by the deputy, under the delegation.
      expect(text).toMatch(/KT\. ĐỘI TRƯỞNG .*PHÓ ĐỘI TRƯỞNG .*Lường Văn Khánh/);
      expect(text).toContain('7/QĐ-GQ');
    } finally {
      await mend();
    }
  });
});

describe('the decision on a file the investigators send back (criminal referral version 4 on, docs/adr/0206)', () => {
  it('is a sanction decision INS issues: signed by the officer completing F5, and a deputy team lead’s only under the head’s delegation', async () => {
    const opened = await callAs(app, lead, 'POST', '/api/v1/cases', { procedureId: 'ins-criminal-referral', title: 'Chuyển hồ sơ: hàng quá hạn sử dụng' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body.procedure).toEqual({ id: 'ins-criminal-referral', version: 13 });
    const caseId = opened.body.caseId as string;
    const step = (s: TTestSession, stepId: string, outcome: string, data: Record<string, unknown>) =>
      callAs(app, s, 'POST', `/api/v1/cases/${enc(caseId)}/steps/${stepId}/complete`, { outcome, data });
    const transferred = await step(director, 'F1', 'TRANSFERRED', { transferDate: YESTERDAY, receiver: 'Cơ quan CSĐT Công an tỉnh', handoverRecordNo: '02/BB-BG', violatorNotified: true });
    expect(transferred.status, JSON.stringify(transferred.body)).toBe(200);
    expect((await step(director, 'F4', 'RETURNED', { documentNo: '45/QĐ-KKTVA', fileReceivedOn: TODAY })).status).toBe(200);
    const decision = (signedBy: string) => ({
      decisionDate: TODAY,
      signedBy,
      violatorName: 'Đinh Thị Hoa',
      offenderType: 'INDIVIDUAL',
      violationDate: YESTERDAY,
      acts: [{ violation: 'ND98/2020:17.1.a', description: 'Bán hàng hóa quá hạn sử dụng' }],
      sanction: 'FINE',
      fineAmount: 400_000,
    });
    const byDeputy = await step(deputyLead, 'F5', 'RETURNED_AND_DECIDED', decision('Phạm Văn Đức'));
    expect(byDeputy.status, JSON.stringify(byDeputy.body)).toBe(422);
    expect(byDeputy.body.error).toMatchObject({ code: 'GUARD_FAILED', details: { rule: 'NO_DELEGATION', field: 'decisionDate' }, legalBasis: expect.stringMatching(/Điều 54/) });
    const otherSigner = await step(lead, 'F5', 'RETURNED_AND_DECIDED', decision('Hoàng Văn Hải'));
    expect(otherSigner.body.error).toMatchObject({ code: 'GUARD_FAILED', details: { rule: 'SIGNER_NOT_OFFICER', field: 'signedBy' } });
    const decided = await step(lead, 'F5', 'RETURNED_AND_DECIDED', decision('Lê Văn Cường'));
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const papers = (await callAs(app, lead, 'GET', `/api/v1/cases/${enc(caseId)}/documents`)).body.documents as Array<{ id: string; type: string; number: string }>;
    const paper = papers.find((d) => d.type === 'RETURNED_SANCTION_DECISION')!;
    expect(paper.number).toMatch(/^\d+\/QĐ-XPHC$/);
    const res = await app.request(`/api/v1/cases/${enc(caseId)}/documents/${paper.id}/file`, { headers: { cookie: lead.cookie } });
    const text = (await pdfText(new Uint8Array(await res.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).toContain('Căn cứ văn bản số 45/QĐ-KKTVA của Cơ quan CSĐT Công an tỉnh');
    expect(text).toContain('Tên cá nhân/tổ chức: Đinh Thị Hoa');
    expect(text).toContain('Mức phạt: 400.000 đồng');
  });
});

describe('the coercion decision', () => {
  it('is a deputy’s only under a delegation that gives that power too, while the head is absent (Art. 87(2))', async () => {
    const officer = { id: 'pho.hoa', roles: ['DIRECTOR'], deputy: true };
    const at = { caseId: 'any-case', unitId: UNIT };
    // The standing delegation recorded above gives the sanctioning power, not coercion.
    expect(await delegationInForce(database.db, { unitId: UNIT, delegateId: 'pho.hoa', role: 'DIRECTOR', caseId: 'any-case', date: TODAY })).toBeDefined();
    const refused = await checkDeputyDecision(database.db, at, officer, ['DIRECTOR'], 'COERCION_DECISION', TODAY).then(
      () => undefined,
      (err: unknown) => err as AppError,
    );
    expect(refused).toMatchObject({ code: 'GUARD_FAILED', rule: 'NO_DELEGATION', legalBasis: expect.stringMatching(/Điều 87\(2\)/) });
    // Coercion is delegated only while the head is absent, by a decision stating its term: the absence and the last day are required.
    const coercion = { decisionNumber: '31/QĐ-GQCC', coercion: true, content: 'Ký quyết định cưỡng chế trong thời gian Chi cục trưởng đi công tác' };
    const noAbsence = await callAs(app, admin, 'POST', '/api/v1/delegations', standing(coercion));
    expect(issues(noAbsence.body)).toEqual(['headAbsence coercionWhileAbsent']);
    const forCase = await callAs(app, admin, 'POST', '/api/v1/delegations', standing({ ...coercion, scope: 'CASE', caseId: 'any-case', validTo: undefined }));
    expect(issues(forCase.body)).toEqual(['caseId unknownCase', 'headAbsence coercionWhileAbsent', 'validTo coercionWhileAbsent']);
    const notCoercion = await callAs(app, admin, 'POST', '/api/v1/delegations', standing({ headAbsence: 'Chi cục trưởng đi công tác' }));
    expect(issues(notCoercion.body)).toEqual(['headAbsence invalid']);
    // The database holds it too, whoever writes.
    await expect(
      database.db
        .insertInto('sanction_delegation')
        .values({
          id: 'gq-raw',
          unit_id: UNIT,
          role: 'DIRECTOR',
          grantor_id: 'chicuctruong.hai',
          delegate_id: 'pho.hoa',
          scope: 'STANDING',
          case_id: null,
          decision_number: '1',
          decision_date: TODAY,
          valid_from: TODAY,
          valid_to: null,
          content: 'x',
          coercion: true,
          head_absence: null,
          created_by: 'quantri.minh',
        })
        .execute(),
    ).rejects.toThrow(/sanction_delegation_coercion_absent/);
    const rec = await callAs(app, admin, 'POST', '/api/v1/delegations', standing({ ...coercion, headAbsence: 'Chi cục trưởng đi công tác tại Hà Nội' }));
    expect(rec.status, JSON.stringify(rec.body)).toBe(201);
    expect(rec.body).toMatchObject({ coercion: true, headAbsence: 'Chi cục trưởng đi công tác tại Hà Nội' });
    await expect(checkDeputyDecision(database.db, at, officer, ['DIRECTOR'], 'COERCION_DECISION', TODAY)).resolves.toBeUndefined();
    // A head is never asked for one.
    await expect(checkDeputyDecision(database.db, at, { id: 'chicuctruong.hai', roles: ['DIRECTOR'], deputy: false }, ['DIRECTOR'], 'COERCION_DECISION', TODAY)).resolves.toBeUndefined();
  });
});

describe('recording a delegation', () => {
  it('refuses, at their fields, a head who is a deputy, a deputy who is the head, a standing one without its term, dates out of order or to come', async () => {
    const res = await callAs(
      app,
      admin,
      'POST',
      '/api/v1/delegations',
      standing({ grantorId: 'pho.hoa', delegateId: 'chicuctruong.hai', validTo: undefined, decisionDate: TOMORROW, validFrom: TODAY }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(issues(res.body)).toEqual(['decisionDate notAfterToday', 'delegateId notDeputy', 'grantorId notHead', 'validFrom order', 'validTo required']);
    const noCase = await callAs(app, admin, 'POST', '/api/v1/delegations', standing({ scope: 'CASE', validTo: undefined }));
    expect(issues(noCase.body)).toEqual(['caseId required']);
    const team = await callAs(app, admin, 'POST', '/api/v1/delegations', standing({ role: 'TEAM_LEAD', grantorId: 'doitruong.dung', delegateId: 'pho.duc' }));
    expect(issues(team.body)).toEqual(['delegateId otherTeam']);
    expect(await callAs(app, admin, 'GET', '/api/v1/delegations').then((r) => (r.body.delegations as unknown[]).length)).toBeGreaterThan(0);
  });

  it('is the admin’s or the head’s own: a team lead does not record the director’s, a deputy does not pass it on', async () => {
    const byLead = await callAs(app, lead, 'POST', '/api/v1/delegations', standing());
    expect(byLead.status).toBe(403);
    expect(byLead.body.error.details.reason).toBe('NOT_GRANTOR');
    const byDeputy = await callAs(app, deputy, 'POST', '/api/v1/delegations', standing({ grantorId: 'pho.hoa', delegateId: 'pho.hoa' }));
    expect(byDeputy.status).toBe(400);
    expect(issues(byDeputy.body)).toContain('grantorId notHead');
  });

  it('keeps each unit’s own: another unit’s admin neither sees them nor records one for this unit’s people', async () => {
    expect((await callAs(app, admin2, 'GET', '/api/v1/delegations')).body.delegations).toEqual([]);
    const res = await callAs(app, admin2, 'POST', '/api/v1/delegations', standing());
    expect(issues(res.body)).toEqual(['delegateId notDeputy', 'grantorId notHead']);
    // The second unit's deputy has no delegation: refused there as here.
    const created = await callAs(app, await signIn(app, 'th.doitruong'), 'POST', '/api/v1/cases', { procedureId: 'ins-inspection', title: 'Kiểm tra ở Thanh Hóa' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const refused = await decide(deputy2, created.body.caseId as string, { signedBy: 'Cầm Văn Tú' });
    expect(refused.body.error.details.rule).toBe('NO_DELEGATION');
  });

  it('is revoked from today or later, once; decisions after that day are refused', async () => {
    const rec = await callAs(app, admin, 'POST', '/api/v1/delegations', standing({ decisionNumber: '20/QĐ-GQXP' }));
    const id = rec.body.id as string;
    const past = await callAs(app, admin, 'POST', `/api/v1/delegations/${id}/revoke`, { from: YESTERDAY, reason: 'Điều động công tác' });
    expect(issues(past.body)).toEqual(['from notBeforeToday']);
    const byLead = await callAs(app, lead, 'POST', `/api/v1/delegations/${id}/revoke`, { from: TODAY, reason: 'x' });
    expect(byLead.status).toBe(403);
    const ok = await callAs(app, admin, 'POST', `/api/v1/delegations/${id}/revoke`, { from: TOMORROW, reason: 'Điều động công tác' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ revokedFrom: TOMORROW, revokedBy: 'quantri.minh', inForceToday: true });
    expect((await callAs(app, admin, 'POST', `/api/v1/delegations/${id}/revoke`, { from: TOMORROW, reason: 'x' })).status).toBe(409);
    expect((await callAs(app, admin2, 'POST', `/api/v1/delegations/${id}/revoke`, { from: TOMORROW, reason: 'x' })).status).toBe(404);
  });
});

describe('the deputy mark on the people page', () => {
  it('is set at once, and cleared for a director only by a second admin (the head’s power)', async () => {
    const made = await callAs(app, admin, 'POST', '/api/v1/users', {
      username: 'pho.moi',
      displayName: 'Phó Mới',
      password: 'mat-khau-rat-dai-1',
      roles: ['TEAM_LEAD'],
      teamId: `${UNIT}-doi-2`,
      deputy: true,
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.deputy).toBe(true);
    expect((await callAs(app, admin, 'PATCH', '/api/v1/users/pho.moi', { deputy: false })).body.deputy).toBe(false);
    const raise = await callAs(app, admin, 'PATCH', '/api/v1/users/pho.hoa', { deputy: false });
    expect(raise.status).toBe(422);
    expect(raise.body.error).toMatchObject({ code: 'BUSINESS_RULE', details: [{ path: 'deputy', rule: 'deputyHeadApproval', params: { roles: 'DIRECTOR' } }] });
    const users = (await callAs(app, admin, 'GET', '/api/v1/users')).body.users as Array<{ id: string; deputy: boolean }>;
    expect(users.find((u) => u.id === 'pho.hoa')?.deputy).toBe(true);
    expect(users.find((u) => u.id === 'chicuctruong.hai')?.deputy).toBe(false);
  });

  it('ends the officer’s sessions when it changes: marked, a team lead’s decision needs a delegation; cleared, it does not', async () => {
    const made = await callAs(app, admin, 'POST', '/api/v1/users', {
      username: 'truong.moi',
      displayName: 'Trương Văn Mới',
      password: 'mat-khau-rat-dai-2',
      roles: ['TEAM_LEAD'],
      teamId: `${UNIT}-doi-1`,
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const userId = made.body.id as string;
    const before = await signIn(app, 'truong.moi', 'mat-khau-rat-dai-2');
    const caseId = await openInspection('Kiểm tra: dấu cấp phó đổi giữa phiên');
    expect((await callAs(app, admin, 'PATCH', `/api/v1/users/${userId}`, { deputy: true })).body.deputy).toBe(true);
    // A session never acts with the mark it was opened under (the decision is judged by the session's mark).
    expect((await decide(before, caseId, { signedBy: 'Trương Văn Mới' })).status).toBe(401);
    const marked = await signIn(app, 'truong.moi', 'mat-khau-rat-dai-2');
    const refused = await decide(marked, caseId, { signedBy: 'Trương Văn Mới' });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.error.details.rule).toBe('NO_DELEGATION');
    expect(await tasksOf(caseId)).toEqual(['A5']);
    expect((await callAs(app, admin, 'PATCH', `/api/v1/users/${userId}`, { deputy: false })).body.deputy).toBe(false);
    const cleared = await signIn(app, 'truong.moi', 'mat-khau-rat-dai-2');
    const ok = await decide(cleared, caseId, { signedBy: 'Trương Văn Mới' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });
});
