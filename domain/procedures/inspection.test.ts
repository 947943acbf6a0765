/**
 * The inspection procedure's version 5 on the pure engine (docs/adr/0192): the decision's issuer
 * extends the inspection and is the one asked to, and the inspection record states its own date,
 * not before the decision was announced. Version 4 is left as it was.
 */
import { describe, expect, it } from 'vitest';
import { availableActions, type TRejection } from '../engine.js';
import { actor, at, drive, type TDriver } from '../fixtures/case-driver.js';
import { inspectionProcedure } from './inspection.js';
import { withIssuedPapers } from './documents.js';

const TODAY = '2026-12-02';
const inspector = actor('INSPECTOR');
const issuer = actor('TEAM_LEAD', 'doitruong.cuong');
const otherLead = actor('TEAM_LEAD', 'doitruong.dung');
const director = actor('DIRECTOR');

const A5 = { decisionDate: TODAY, signedBy: 'Lê Văn Cường', form: 'AD_HOC', adHocGround: 'VERIFIED_TIP', businessName: 'Cửa hàng Minh Khai', address: 'Hoa Lư', content: 'Niêm yết giá' };

/** A case at A8 (inspecting), its decision issued by `by`. */
function inspecting(version: number, by = issuer): TDriver {
  const d = drive(withIssuedPapers(inspectionProcedure(version)), { now: at(TODAY) });
  expect(d.complete(by, 'A5', 'ISSUED', A5)).toBeUndefined();
  expect(d.complete(issuer, 'A6', 'LOGGED', { teamHead: 'Nguyễn Văn An', members: [{ name: 'Trần Thị Bình', cardNo: 'QLTT-1' }], workLogEntry: 'Sổ 3, trang 7' })).toBeUndefined();
  expect(d.complete(inspector, 'A7', 'ANNOUNCED', { announcedAt: TODAY, partyRepresentative: 'Bà Minh' })).toBeUndefined();
  return d;
}
const rule = (r: TRejection | undefined) => (r?.details as { rule?: string } | undefined)?.rule ?? r?.rule;

describe('the inspection’s extension, version 5', () => {
  it('is asked of the role the decision’s issuer acted in, and granted by the issuer only', () => {
    const d = inspecting(5);
    expect(d.act(inspector, { type: 'REQUEST_EXTENSION', stepId: 'A8', amount: 3, reason: 'Chờ kết quả giám định mẫu' })).toBeUndefined();
    expect(d.state.escalations.at(-1)).toMatchObject({ kind: 'EXTENSION_REQUEST', stepId: 'A8', toRole: 'TEAM_LEAD' });
    const refused = d.act(otherLead, { type: 'GRANT_EXTENSION', stepId: 'A8', amount: 3, reason: 'x' });
    expect([refused?.code, refused?.rule, refused?.params]).toEqual(['ROLE_NOT_ALLOWED', 'EXTENSION_BY_ISSUER_ONLY', { stepId: 'A8', issuerStepId: 'A5', issuerId: 'doitruong.cuong' }]);
    expect(refused?.legalBasis).toMatch(/Người ra quyết định kiểm tra/);
    expect(d.act(director, { type: 'GRANT_EXTENSION', stepId: 'A8', amount: 3, reason: 'x' })?.rule).toBe('EXTENSION_BY_ISSUER_ONLY');
    expect(d.act(issuer, { type: 'GRANT_EXTENSION', stepId: 'A8', amount: 3, reason: 'Chờ kết quả giám định mẫu' })).toBeUndefined();
    expect(d.state.escalations.at(-1)?.resolvedAt).toBeDefined();
  });

  it('goes to the director when the director issued the decision', () => {
    const d = inspecting(5, director);
    expect(d.act(inspector, { type: 'REQUEST_EXTENSION', stepId: 'A8', amount: 2, reason: 'Cơ sở trì hoãn' })).toBeUndefined();
    expect(d.state.escalations.at(-1)).toMatchObject({ toRole: 'DIRECTOR' });
    expect(d.act(issuer, { type: 'GRANT_EXTENSION', stepId: 'A8', amount: 2, reason: 'x' })?.rule).toBe('EXTENSION_BY_ISSUER_ONLY');
    expect(d.act(director, { type: 'GRANT_EXTENSION', stepId: 'A8', amount: 2, reason: 'x' })).toBeUndefined();
  });

  it('stays as it was in version 4: asked of the director, granted by any director or team lead', () => {
    const d = inspecting(4);
    expect(d.act(inspector, { type: 'REQUEST_EXTENSION', stepId: 'A8', amount: 3, reason: 'x' })).toBeUndefined();
    expect(d.state.escalations.at(-1)).toMatchObject({ toRole: 'DIRECTOR' });
    expect(d.act(otherLead, { type: 'GRANT_EXTENSION', stepId: 'A8', amount: 3, reason: 'x' })).toBeUndefined();
  });
});

describe('the inspection’s clock after its limit (Decree 33/2022; docs/adr/0208)', () => {
  // Announced Mon 02/11/2026: 5 working days end Mon 09/11 (the legal parameter's documented value).
  const announced = (version: number) => {
    const d = drive(withIssuedPapers(inspectionProcedure(version)), { now: at('2026-11-02') });
    expect(d.complete(issuer, 'A5', 'ISSUED', { ...A5, decisionDate: '2026-11-02' })).toBeUndefined();
    expect(d.complete(issuer, 'A6', 'LOGGED', { teamHead: 'Nguyễn Văn An', members: [{ name: 'Trần Thị Bình', cardNo: 'QLTT-1' }], workLogEntry: 'Sổ 3, trang 7' })).toBeUndefined();
    expect(d.complete(inspector, 'A7', 'ANNOUNCED', { announcedAt: '2026-11-02', partyRepresentative: 'Bà Minh' })).toBeUndefined();
    return d;
  };
  const a8 = (d: TDriver) => d.state.open.find((o) => o.stepId === 'A8')!.deadline!;

  it('is not stopped once the limit has passed, nor extended, so the inspection cannot be revived (v4 and v5)', () => {
    for (const version of [4, 5]) {
      const d = announced(version);
      expect(a8(d).due).toBe('2026-11-09');
      const pause = d.act(issuer, { type: 'PAUSE_CLOCK', stepId: 'A8', reason: 'VERIFYING_FACTS' }, at('2026-11-12'));
      expect([pause?.code, pause?.rule, pause?.params]).toEqual(['CLOCK_STATE', 'CLOCK_AFTER_DEADLINE', { stepId: 'A8', due: '2026-11-09' }]);
      expect(pause?.message).toContain('09/11/2026');
      expect(pause?.legalBasis).toMatch(/không tính vào thời hạn kiểm tra/);
      const grant = d.act(issuer, { type: 'GRANT_EXTENSION', stepId: 'A8', amount: 5, reason: 'Chờ kết quả giám định' }, at('2026-12-14'));
      expect([grant?.code, grant?.rule]).toEqual(['EXTENSION_NOT_ALLOWED', 'EXTENSION_AFTER_DEADLINE']);
      // Nor is it asked for: no grant could follow.
      const ask = d.act(inspector, { type: 'REQUEST_EXTENSION', stepId: 'A8', amount: 5, reason: 'Chờ kết quả giám định' }, at('2026-11-10'));
      expect([ask?.code, ask?.rule]).toEqual(['EXTENSION_NOT_ALLOWED', 'EXTENSION_AFTER_DEADLINE']);
      expect(a8(d)).toMatchObject({ due: '2026-11-09', breached: true, pauses: [], extensions: [] });
      expect(d.state.escalations.filter((e) => e.kind === 'EXTENSION_REQUEST')).toEqual([]);
      // Nor does the case's answer offer either (what the API and the read model say may be done now).
      expect(availableActions(d.def, d.state).find((x) => x.stepId === 'A8')).toMatchObject({ canExtend: [], canPause: [] });
    }
  });

  it('is stopped and extended on the limit’s last day, and a clock stopped in time restarts after it and is extended then', () => {
    const d = announced(5);
    expect(d.act(issuer, { type: 'PAUSE_CLOCK', stepId: 'A8', reason: 'VERIFYING_FACTS' }, at('2026-11-09'))).toBeUndefined();
    // Stopped Mon 09/11, restarted Mon 16/11: 5 working days stood still → Mon 16/11 is the new end.
    expect(d.act(issuer, { type: 'RESUME_CLOCK', stepId: 'A8' }, at('2026-11-16'))).toBeUndefined();
    expect(a8(d).due).toBe('2026-11-16');
    expect(d.act(issuer, { type: 'GRANT_EXTENSION', stepId: 'A8', amount: 5, reason: 'Chờ kết quả giám định' }, at('2026-11-16'))).toBeUndefined();
    expect(a8(d).due).toBe('2026-11-23');
  });
});

describe('the inspection record, version 5', () => {
  const inspected = () => {
    const d = inspecting(5);
    const photo = { sha256: 'f'.repeat(64), name: 'a.jpg', size: 1, mime: 'image/jpeg' };
    expect(d.act(inspector, { type: 'COMPLETE_STEP', stepId: 'A8', outcome: 'INSPECTED', data: { findings: 'Không niêm yết giá 12 mặt hàng' }, evidence: [photo] })).toBeUndefined();
    return d;
  };
  // The number is the register's (no recordNo in the form).
  const record = (recordedOn: string) => ({ recordedOn, partySigned: true });

  it('states its date, which cannot be before the decision was announced', () => {
    const d = inspected();
    const early = d.complete(inspector, 'A9', 'NO_VIOLATION', record('2026-12-01'));
    expect([early?.code, rule(early)]).toEqual(['GUARD_FAILED', 'RECORD_BEFORE_ANNOUNCEMENT']);
    expect((early?.details as { field?: string }).field).toBe('recordedOn');
    expect(d.complete(inspector, 'A9', 'NO_VIOLATION', { partySigned: true })).toMatchObject({ code: 'FORM_INVALID', details: [expect.objectContaining({ path: 'recordedOn' })] });
    expect(d.complete(inspector, 'A9', 'NO_VIOLATION', record(TODAY))).toBeUndefined();
  });
});

describe('the inspection’s extension, version 6: decided in writing (Decree 33/2022; docs/adr/0205)', () => {
  it('issues the extension decision, signed by the decision’s issuer; version 5 recorded the extension without a paper', () => {
    const d = inspecting(6);
    expect(d.act(issuer, { type: 'GRANT_EXTENSION', stepId: 'A8', amount: 3, reason: 'Chờ kết quả giám định mẫu' })).toBeUndefined();
    expect(d.documents.filter((p) => p.type === 'EXTENSION_DECISION')).toEqual([expect.objectContaining({ type: 'EXTENSION_DECISION', stepId: 'A8', actor: issuer, extension: 0 })]);
    const v5 = inspecting(5);
    expect(v5.act(issuer, { type: 'GRANT_EXTENSION', stepId: 'A8', amount: 3, reason: 'x' })).toBeUndefined();
    expect(v5.documents.filter((p) => p.type === 'EXTENSION_DECISION')).toEqual([]);
  });
});
