import { describe, expect, it } from 'vitest';
import type { TAuditEvent } from './audit.js';
import { approvalNotice, caseLink, caseNotices, digestMail, notificationMail, paymentMismatchNotice, type TCaseFacts } from './notifications.js';

const CASE: TCaseFacts = {
  caseId: 'penalty/nb/2026/7',
  title: 'Cửa hàng Đức Thịnh',
  tasks: [
    { stepId: 'B2', title: 'Lập biên bản', assigneeId: 'kiemsoat.an' },
    { stepId: 'B3', title: 'Xác minh', assigneeId: 'kiemsoat.binh' },
  ],
  escalations: [
    { id: 'B2#t#0', reasonCode: 'TIME_SHARE_USED', reasonParams: { percent: 60 } },
    { id: 'B9#t#0', reasonCode: 'TIME_SHARE_USED', reasonParams: { percent: 70 } },
    { id: 'B2#t#1', reasonCode: 'DEADLINE_PASSED', reasonParams: {} },
    { id: 'B2#t#2', reasonCode: 'HOURS_AFTER_DEADLINE', reasonParams: { hours: 24 } },
    { id: 'X#t#0', reasonCode: 'RAISED_BY_HAND', reasonParams: { text: 'phức tạp' } },
  ],
};

let seq = 0;
function ev(action: string, detail: Record<string, unknown>, actor = { actorId: 'doitruong.cuong', actorRole: 'TEAM_LEAD' }, stepId?: string): TAuditEvent {
  seq++;
  return { caseId: CASE.caseId, seq, at: '2026-12-01T00:00:00.000Z', ...actor, action, stepId, detail, prevHash: '', hash: '' };
}
const SYSTEM = { actorId: 'system', actorRole: 'SYSTEM' };

describe('who is told what when a case changes', () => {
  it('tells the assignee of a step, whatever assigned it (a lead, the case officer, the previous officer)', () => {
    const events = [
      ev('STEP_ASSIGNED', { stepId: 'B2', from: undefined, to: 'kiemsoat.an' }, undefined, 'B2'),
      ev('STEP_ASSIGNED', { stepId: 'B3', to: 'kiemsoat.binh', reason: 'PREVIOUS_OFFICER' }, SYSTEM, 'B3'),
    ];
    const n = caseNotices(CASE, events);
    expect(n.map((x) => [x.kind, x.to, x.stepId, x.params.step, x.actorId])).toEqual([
      ['STEP_ASSIGNED', [{ userId: 'kiemsoat.an' }], 'B2', 'Lập biên bản', 'doitruong.cuong'],
      // Given by the engine in the same change: the lead's doing.
      ['STEP_ASSIGNED', [{ userId: 'kiemsoat.binh' }], 'B3', 'Xác minh', 'doitruong.cuong'],
    ]);
    expect(n[0]!.link).toBe('/cases/penalty/nb/2026/7');
    // One key per event: the same event projected again gives the same key.
    expect(n[0]!.key).toBe(`case:penalty/nb/2026/7#${events[0]!.seq}`);
    expect(caseNotices(CASE, [events[0]!])[0]!.key).toBe(n[0]!.key);
  });

  it('tells someone given a whole case of the case once, not of each of its steps as well, and names the step in English too', () => {
    const withEn: TCaseFacts = { ...CASE, tasks: [{ stepId: 'B2', title: 'Lập biên bản', titleEn: 'Make the record', assigneeId: 'kiemsoat.an' }] };
    const events = [ev('CASE_ASSIGNED', { assigneeId: 'kiemsoat.an' }), ev('STEP_ASSIGNED', { stepId: 'B2', from: 'kiemsoat.binh', to: 'kiemsoat.an', reason: 'CASE_ASSIGNEE' }, undefined, 'B2')];
    expect(caseNotices(withEn, events).map((x) => x.kind)).toEqual(['CASE_ASSIGNED']);
    // A step assigned on its own carries both titles: the reader's language picks one.
    const alone = caseNotices(withEn, [ev('STEP_ASSIGNED', { stepId: 'B2', to: 'kiemsoat.an' }, undefined, 'B2')]);
    expect(alone.map((x) => x.params)).toEqual([{ title: 'Cửa hàng Đức Thịnh', step: 'Lập biên bản', stepEn: 'Make the record' }]);
  });

  it('does not tell officers of steps given to them by their own act (opening the case, doing the step before)', () => {
    const completed = ev('STEP_COMPLETED', { stepId: 'B1' }, { actorId: 'kiemsoat.an', actorRole: 'INSPECTOR' }, 'B1');
    const next = ev('STEP_ASSIGNED', { stepId: 'B2', to: 'kiemsoat.an', reason: 'PREVIOUS_OFFICER' }, SYSTEM, 'B2');
    expect(caseNotices(CASE, [completed, next]).map((n) => n.actorId)).toEqual(['kiemsoat.an']);
  });

  it('tells the new officer of a case assigned, and nobody of an assignment to no one', () => {
    expect(caseNotices(CASE, [ev('CASE_ASSIGNED', { assigneeId: 'kiemsoat.an' })]).map((x) => [x.kind, x.to])).toEqual([['CASE_ASSIGNED', [{ userId: 'kiemsoat.an' }]]]);
    expect(caseNotices(CASE, [ev('STEP_ASSIGNED', { stepId: 'B2', to: undefined })])).toEqual([]);
  });

  it('tells the step’s officer and the team’s lead that a step comes due, and the rung’s supervisor and the officer that it is breached', () => {
    const n = caseNotices(CASE, [
      ev('DEADLINE_WARNING', { stepId: 'B2', toRole: 'INSPECTOR', escalationId: 'B2#t#0' }, SYSTEM, 'B2'),
      ev('ESCALATED', { stepId: 'B2', toRole: 'TEAM_LEAD', escalationId: 'B2#t#1' }, SYSTEM, 'B2'),
      ev('ESCALATED', { stepId: 'B2', toRole: 'DIRECTOR', escalationId: 'B2#t#2' }, SYSTEM, 'B2'),
    ]);
    expect(n.map((x) => [x.kind, x.to, x.params])).toEqual([
      ['DEADLINE_DUE_SOON', [{ userId: 'kiemsoat.an' }, { role: 'TEAM_LEAD', scope: 'TEAM' }], { title: 'Cửa hàng Đức Thịnh', step: 'Lập biên bản', percent: 60 }],
      ['DEADLINE_BREACHED', [{ role: 'TEAM_LEAD', scope: 'TEAM' }, { userId: 'kiemsoat.an' }], { title: 'Cửa hàng Đức Thịnh', step: 'Lập biên bản' }],
      ['DEADLINE_BREACHED', [{ role: 'DIRECTOR', scope: 'UNIT' }, { userId: 'kiemsoat.an' }], { title: 'Cửa hàng Đức Thịnh', step: 'Lập biên bản', hours: 24 }],
    ]);
  });

  it('tells the role’s holders of a step nobody holds yet', () => {
    const n = caseNotices(CASE, [ev('DEADLINE_WARNING', { stepId: 'B9', toRole: 'INSPECTOR', escalationId: 'B9#t#0' }, SYSTEM, 'B9')]);
    expect(n.map((x) => [x.kind, x.to, x.params.step, x.params.percent])).toEqual([
      [
        'DEADLINE_DUE_SOON',
        [
          { role: 'INSPECTOR', scope: 'TEAM' },
          { role: 'TEAM_LEAD', scope: 'TEAM' },
        ],
        'B9',
        70,
      ],
    ]);
  });

  it('gives nothing for escalations raised by hand or unknown, nor for steps completed', () => {
    expect(
      caseNotices(CASE, [
        ev('ESCALATED', { stepId: 'X', toRole: 'TEAM_LEAD', escalationId: 'X#t#0' }),
        ev('ESCALATED', { stepId: 'B2', toRole: 'TEAM_LEAD', escalationId: 'nope' }),
        ev('STEP_COMPLETED', { stepId: 'B1' }),
      ]),
    ).toEqual([]);
  });

  it('tells the officers holding the case’s steps of a lead’s or director’s note (an instruction), not of an inspector’s', () => {
    const n = caseNotices(CASE, [ev('NOTE_ADDED', { text: 'Kiểm tra lại hóa đơn' }, { actorId: 'chicuctruong.hai', actorRole: 'DIRECTOR' })]);
    expect(n.map((x) => [x.kind, x.to, x.params])).toEqual([['INSTRUCTION', [{ userId: 'kiemsoat.an' }, { userId: 'kiemsoat.binh' }], { title: 'Cửa hàng Đức Thịnh' }]]);
    // The note's text is not copied into the notification.
    expect(JSON.stringify(n)).not.toContain('hóa đơn');
    expect(caseNotices(CASE, [ev('NOTE_ADDED', { text: 'ghi chú' }, { actorId: 'kiemsoat.an', actorRole: 'INSPECTOR' })])).toEqual([]);
  });

  it('tells the unit’s administrators and the officer whose paper it is of a paper the case could not issue (ADR 0196)', () => {
    const n = caseNotices(CASE, [ev('DOCUMENT_NOT_ISSUED', { type: 'SANCTION_DECISION', reason: 'template does not validate' }, { actorId: 'chicuctruong.hai', actorRole: 'DIRECTOR' }, 'B2')]);
    expect(n).toEqual([
      {
        kind: 'DOCUMENT_NOT_ISSUED',
        // Nobody is left out as "the actor": the director is the one to issue it again.
        actorId: 'system',
        to: [{ role: 'ADMIN', scope: 'UNIT' }, { userId: 'chicuctruong.hai' }],
        caseId: CASE.caseId,
        stepId: 'B2',
        link: '/cases/penalty/nb/2026/7',
        key: expect.stringMatching(/^case:penalty\/nb\/2026\/7#\d+$/),
        params: { title: 'Cửa hàng Đức Thịnh', paper: 'Quyết định xử phạt vi phạm hành chính', paperEn: expect.any(String), step: 'Lập biên bản' },
      },
      // The template is national configuration: its administrators are told, with the reason (they do not see the unit's case page).
      {
        kind: 'DOCUMENT_NOT_ISSUED',
        actorId: 'system',
        to: [{ role: 'NATIONAL_ADMIN', scope: 'NATIONAL' }],
        caseId: CASE.caseId,
        stepId: 'B2',
        link: '/admin',
        key: expect.stringMatching(/^case:penalty\/nb\/2026\/7#\d+:national$/),
        params: expect.objectContaining({ paper: 'Quyết định xử phạt vi phạm hành chính', reason: 'template does not validate' }),
      },
    ]);
    // For the unit, the technical reason stays on the case page, not in the notification.
    expect(JSON.stringify(n[0])).not.toContain('validate');
    // A unit not configured is the unit's to mend: nobody national is told.
    const unitOnly = caseNotices(CASE, [
      ev('DOCUMENT_NOT_ISSUED', { type: 'SANCTION_DECISION', reason: 'SANCTION_DECISION: unit nb is not configured' }, { actorId: 'chicuctruong.hai', actorRole: 'DIRECTOR' }, 'B2'),
    ]);
    expect(unitOnly.map((x) => x.to)).toEqual([[{ role: 'ADMIN', scope: 'UNIT' }, { userId: 'chicuctruong.hai' }]]);
    expect(notificationMail({ kind: 'DOCUMENT_NOT_ISSUED', params: n[0]!.params, url: 'https://ins.example/cases/x' }).subject).toBe(
      'Chưa phát hành được quyết định xử phạt vi phạm hành chính của hồ sơ “Cửa hàng Đức Thịnh”',
    );
    // An unknown type (an event of a later version) tells nobody.
    expect(caseNotices(CASE, [ev('DOCUMENT_NOT_ISSUED', { type: 'NO_SUCH_PAPER', reason: 'x' })])).toEqual([]);
  });

  it('tells the unit’s approvers of a campaign version submitted', () => {
    const n = approvalNotice({ campaignId: 'tet-2027', version: 2, title: 'Tết 2027', submittedBy: 'kehoach.nga', submittedAt: '2026-12-01T02:00:00.000Z' }, ['DIRECTOR']);
    expect(n).toMatchObject({
      kind: 'APPROVAL_WAITING',
      to: [{ role: 'DIRECTOR', scope: 'UNIT' }],
      actorId: 'kehoach.nga',
      link: '/campaigns/tet-2027/versions/2',
      params: { title: 'Tết 2027', version: 2 },
    });
  });

  it('tells a unit’s legal officers of the day’s payment mismatches, once per unit and day, and nothing when all match', () => {
    expect(paymentMismatchNotice('nb', '2026-12-03', [])).toBeUndefined();
    const n = paymentMismatchNotice('nb', '2026-12-03', [{ kind: 'NOT_IN_CASE' }, { kind: 'NOT_IN_CASE' }, { kind: 'AMOUNT_DIFFERS' }]);
    expect(n).toEqual({
      kind: 'PAYMENT_MISMATCH',
      to: [{ role: 'LEGAL_OFFICER', scope: 'UNIT' }],
      actorId: 'system',
      params: { day: '2026-12-03', count: 3, notInCase: 2, amountDiffers: 1, noCallback: 0, caseUnknown: 0 },
      link: '/notifications',
      key: 'payments:nb#2026-12-03',
    });
    expect(paymentMismatchNotice('nb', '2026-12-04', [{ kind: 'NO_CALLBACK' }])!.key).not.toBe(n!.key);
    // Its e-mail says the day as the officer reads dates.
    expect(notificationMail({ kind: n!.kind, params: n!.params, url: 'https://ins.example/notifications' }).subject).toBe('Đối soát nộp phạt ngày 03/12/2026: 3 khoản chưa khớp giữa Kho bạc và hồ sơ');
  });

  it('links a case by its id’s segments', () => {
    expect(caseLink('tip/nb/2026/3 a')).toBe('/cases/tip/nb/2026/3%20a');
  });
});

describe('the words of an e-mail', () => {
  it('says in Vietnamese what happened, with the link', () => {
    const m = notificationMail({ kind: 'STEP_ASSIGNED', params: { title: 'Cửa hàng Đức Thịnh', step: 'Lập biên bản' }, url: 'https://ins.example/cases/penalty/nb/2026/7' });
    expect(m.subject).toBe('Bạn được giao bước Lập biên bản của hồ sơ “Cửa hàng Đức Thịnh”');
    expect(m.text).toContain('Mở trong INS: https://ins.example/cases/penalty/nb/2026/7');
    expect(m.html).toContain('<a href="https://ins.example/cases/penalty/nb/2026/7">Mở trong INS</a>');
    expect(notificationMail({ kind: 'DEADLINE_DUE_SOON', params: { title: 'T', step: 'B2', percent: 70 }, url: 'u' }, 'en').subject).toBe('Due soon: step B2 of case “T” has used 70% of its time');
  });

  it('escapes what the HTML part quotes', () => {
    expect(notificationMail({ kind: 'CASE_ASSIGNED', params: { title: '<b>x</b> & "y"' }, url: 'https://ins.example/a?b=1&c=2' }).html).toContain('&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;');
  });

  it('words a lead’s digest with its counts and sections', () => {
    const m = digestMail({
      date: '05/12/2026',
      overdue: [{ caseTitle: 'A', step: 'Lập biên bản', due: '04/12/2026', url: 'https://i/a' }],
      dueSoon: [],
      unread: [{ kind: 'INSTRUCTION', params: { title: 'B' }, url: 'https://i/b' }],
    });
    expect(m.subject).toBe('Tóm tắt hằng ngày 05/12/2026: quá hạn 1, sắp đến hạn 0, thông báo chưa đọc 1');
    expect(m.text).toContain('- A — Lập biên bản (04/12/2026): https://i/a');
    expect(m.text).toContain('- Chỉ đạo mới về hồ sơ “B”: https://i/b');
  });
});
