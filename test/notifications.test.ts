/**
 * Notifications (issue 15, docs/adr/0100 and 0101): an assignment tells the assignee once, however
 * often the projection is retried; a step coming due and breached tells the team's lead; a campaign
 * version submitted tells the director; nobody of another team or unit hears of any of it; read and
 * unread with the badge's count, live on the event stream. E-mails go out through a real SMTP server
 * started here (smtp-server), sent by the worker's activity on the real Temporal dev server: they
 * arrive in Vietnamese with a link to the case, not to whom turned them off; a lead's digest goes
 * once a day.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../activities/index.js';
import type { InsApp } from '../api/app.js';
import { demoEmail, seedDemoData, seedDemoSecondUnit } from '../db/demo-data.js';
import { createUser } from '../db/repositories/people.js';
import { CaseEventHub } from '../lib/case-events.js';
import { createSmtpMailer, type TMailer } from '../lib/mailer.js';
import { compressedDeadlines, waitFor } from './case-support.js';
import { callAs, createTestApp, createTestDatabase, readSseBlocks, signIn, startTestWorker, type TestDatabase, type TestTemporal, type TTestSession } from './support.js';

const UNIT = `nb${randomUUID().slice(0, 6)}`;
const OTHER_UNIT = `th${randomUUID().slice(0, 6)}`;
const PUBLIC = 'https://ins.qltt.example';
/** A second inspector of team 1, to assign to. */
const GIANG = 'kiemsoat.giang';

let database: TestDatabase;
let temporal: TestTemporal;
let hub: CaseEventHub;
let app: InsApp;
let close: () => Promise<void>;
let smtp: SMTPServer;
let mailer: TMailer;
const inbox: ParsedMail[] = [];
const sessions = new Map<string, TTestSession>();
const as = (u: string) => sessions.get(u)!;

interface TNote {
  id: string;
  kind: string;
  caseId: string | null;
  link: string;
  params: Record<string, string | number>;
  readAt: string | null;
}

beforeAll(async () => {
  // A real SMTP server on a free port: every message it takes is parsed into `inbox`.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (m) => {
          inbox.push(m);
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  mailer = createSmtpMailer(`smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, 'INS <no-reply@qltt.example>');

  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  await seedDemoSecondUnit(database.db, OTHER_UNIT);
  await createUser(database.db, {
    id: GIANG,
    username: GIANG,
    displayName: 'Lê Thị Giang',
    password: 'ins-demo-2026',
    roles: ['INSPECTOR'],
    unitId: UNIT,
    teamId: `${UNIT}-doi-1`,
    email: demoEmail(GIANG),
  });
  // A tip's first step is due in one working day; here one lasts 5 s (due soon at 60 %, 3 s).
  // Every projection is written twice, as when the activity is retried after its commit.
  const { projectCaseState } = createActivities({ db: database.db });
  const retried = async (input: Parameters<typeof projectCaseState>[0]) => {
    await projectCaseState(input);
    await projectCaseState(input);
  };
  temporal = await startTestWorker({ db: database.db, mail: { mailer, publicBaseUrl: PUBLIC, digestHour: 0 } }, { ...compressedDeadlines(5_000), projectCaseState: retried });
  hub = new CaseEventHub(database.url);
  await hub.start();
  ({ app, close } = await createTestApp(database.db, { taskQueue: temporal.taskQueue, events: hub }));
  for (const u of ['kiemsoat.an', 'kiemsoat.binh', GIANG, 'doitruong.cuong', 'doitruong.dung', 'chicuctruong.hai', 'kehoach.nga', 'th.doitruong', 'th.chicuctruong'])
    sessions.set(u, await signIn(app, u));
});
afterAll(async () => {
  await hub?.stop();
  await close?.();
  await temporal?.shutdown();
  await database?.drop();
  mailer?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(resolve) : resolve()));
});

async function notes(u: string, query = ''): Promise<{ items: TNote[]; unread: number; nextCursor: string | null }> {
  const r = await callAs(app, as(u), 'GET', `/api/v1/notifications${query}`);
  expect(r.status).toBe(200);
  return r.body;
}
const ofCase = async (u: string, caseId: string, kind?: string) => (await notes(u, '?limit=100')).items.filter((n) => n.caseId === caseId && (!kind || n.kind === kind));

async function openTip(u: string, title: string): Promise<string> {
  const r = await callAs(app, as(u), 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title });
  expect(r.status).toBe(201);
  return r.body.caseId as string;
}
const stepPath = (caseId: string, step: string) => `/api/v1/cases/${encodeURIComponent(caseId)}/steps/${step}`;

/** One pass of the worker's e-mail workflow (what its schedule starts every minute). */
async function runMailPass(): Promise<{ sent: number; failed: number; digests: number }> {
  return temporal.client.workflow.execute('notificationMailWorkflow', { taskQueue: temporal.taskQueue, workflowId: `mail-${randomUUID()}`, args: [] });
}

let tip: string;

describe('notifications in the app', () => {
  it('tells the assignee of a step once, though every projection is written twice, and not the officer who opened the case', async () => {
    tip = await openTip('kiemsoat.an', 'Tin báo: quầy thuốc lá lậu ở chợ Rồng');
    const assigned = await callAs(app, as('doitruong.cuong'), 'POST', `${stepPath(tip, 'C1')}/actions`, { type: 'ASSIGN', assigneeId: GIANG });
    expect(assigned.status).toBe(200);
    const mine = await ofCase(GIANG, tip, 'STEP_ASSIGNED');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'STEP_ASSIGNED', link: `/cases/${tip}`, readAt: null, params: { title: 'Tin báo: quầy thuốc lá lậu ở chợ Rồng', step: expect.stringMatching(/tin báo/i) } });
    // The step was the opener's by opening the case: nothing to tell them.
    expect(await ofCase('kiemsoat.an', tip, 'STEP_ASSIGNED')).toEqual([]);
  });

  it('tells the team’s lead that the step is due soon and then breached, and the other team and unit nothing', async () => {
    const lead = await waitFor(async () => {
      const n = await ofCase('doitruong.cuong', tip);
      return n.some((x) => x.kind === 'DEADLINE_BREACHED') ? n : undefined;
    });
    expect(lead.filter((n) => n.kind === 'DEADLINE_DUE_SOON')).toEqual([expect.objectContaining({ params: expect.objectContaining({ percent: 60 }) })]);
    expect(lead.filter((n) => n.kind === 'DEADLINE_BREACHED')).toHaveLength(1);
    // The step's officer hears of both too.
    expect((await ofCase(GIANG, tip)).map((n) => n.kind).sort()).toEqual(['DEADLINE_BREACHED', 'DEADLINE_DUE_SOON', 'STEP_ASSIGNED']);
    for (const u of ['doitruong.dung', 'kiemsoat.binh', 'th.doitruong', 'th.chicuctruong']) expect(await ofCase(u, tip), u).toEqual([]);
  });

  it('tells the unit’s director of a campaign version submitted, and not the director of another unit', async () => {
    const director = (await notes('chicuctruong.hai')).items.filter((n) => n.kind === 'APPROVAL_WAITING');
    expect(director).toEqual([expect.objectContaining({ link: '/campaigns/atvstp-tet-2027/versions/1', params: expect.objectContaining({ version: 1 }) })]);
    expect(String(director[0]!.params.title)).toContain('Tết');
    expect((await notes('th.chicuctruong')).items).toEqual([]);
    expect((await notes('kehoach.nga')).items).toEqual([]);
  });

  it('tells the step’s officer of a lead’s instruction, live on the event stream', async () => {
    const s = as(GIANG);
    const stream = await app.request('/api/v1/events', { headers: { cookie: s.cookie } });
    expect(stream.status).toBe(200);
    const reading = readSseBlocks(stream, (b) => b.some((x) => x.event === 'notification'), 10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect((await callAs(app, as('doitruong.cuong'), 'POST', `/api/v1/cases/${encodeURIComponent(tip)}/notes`, { text: 'Xác minh ngay trong sáng nay' })).status).toBe(200);
    expect((await reading).some((b) => b.event === 'notification')).toBe(true);
    expect(await ofCase(GIANG, tip, 'INSTRUCTION')).toHaveLength(1);
    // An inspector's own note instructs nobody.
    expect((await callAs(app, as(GIANG), 'POST', `/api/v1/cases/${encodeURIComponent(tip)}/notes`, { text: 'Đã gọi cho người báo tin' })).status).toBe(200);
    expect(await ofCase('doitruong.cuong', tip, 'INSTRUCTION')).toEqual([]);
  });

  it('marks read one by one and all at once, with the unread count; another user’s notification is not found', async () => {
    const before = await notes(GIANG);
    expect(before.unread).toBe(before.items.filter((n) => n.readAt === null).length);
    expect(before.unread).toBeGreaterThanOrEqual(3);
    const first = before.items[0]!;
    const read = await callAs(app, as(GIANG), 'POST', `/api/v1/notifications/${first.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.unread).toBe(before.unread - 1);
    expect((await notes(GIANG)).items.find((n) => n.id === first.id)!.readAt).not.toBeNull();
    expect((await notes(GIANG, '?unread=true')).items.map((n) => n.id)).not.toContain(first.id);
    expect((await callAs(app, as('kiemsoat.an'), 'POST', `/api/v1/notifications/${first.id}/read`)).status).toBe(404);
    // Pages follow one another without overlap.
    const p1 = await notes(GIANG, '?limit=2');
    const p2 = await notes(GIANG, `?limit=2&cursor=${p1.nextCursor}`);
    expect(p2.items.map((n) => n.id).filter((id) => p1.items.some((x) => x.id === id))).toEqual([]);
    expect(Number(p2.items[0]!.id)).toBeLessThan(Number(p1.items[1]!.id));
    const all = await callAs(app, as(GIANG), 'POST', '/api/v1/notifications/read-all');
    expect(all.body).toEqual({ marked: before.unread - 1, unread: 0 });
    expect((await notes(GIANG)).unread).toBe(0);
  });
});

describe('notifications by e-mail', () => {
  it('keeps each user’s choice of e-mails', async () => {
    const got = await callAs(app, as('kiemsoat.an'), 'GET', '/api/v1/me/notification-preferences');
    expect(got.body).toEqual({
      emailAddress: demoEmail('kiemsoat.an'),
      email: {
        STEP_ASSIGNED: true,
        CASE_ASSIGNED: true,
        DEADLINE_DUE_SOON: true,
        DEADLINE_BREACHED: true,
        INSTRUCTION: true,
        APPROVAL_WAITING: true,
        PAYMENT_MISMATCH: true,
        DOCUMENT_NOT_ISSUED: true,
      },
      digest: true,
    });
    // A client that does not know the kind added later (docs/adr/0140) still saves; that kind stays e-mailed.
    const { PAYMENT_MISMATCH: _later, DOCUMENT_NOT_ISSUED: _later2, ...known } = got.body.email as Record<string, boolean>;
    const older = await callAs(app, as('kiemsoat.an'), 'PUT', '/api/v1/me/notification-preferences', { ...got.body, email: known });
    expect(older.status).toBe(200);
    expect(older.body.email.PAYMENT_MISMATCH).toBe(true);
    expect(older.body.email.DOCUMENT_NOT_ISSUED).toBe(true);
    const off = { ...got.body, email: { ...got.body.email, STEP_ASSIGNED: false } };
    const put = await callAs(app, as('kiemsoat.an'), 'PUT', '/api/v1/me/notification-preferences', off);
    expect(put.status).toBe(200);
    expect(put.body).toEqual(off);
    expect((await callAs(app, as('kiemsoat.an'), 'PUT', '/api/v1/me/notification-preferences', { ...off, email: { ...off.email, STEP_ASSIGNED: 'no' } })).status).toBe(400);
    const bad = await callAs(app, as('kiemsoat.an'), 'PUT', '/api/v1/me/notification-preferences', { ...off, emailAddress: 'an at qltt' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ path: 'emailAddress' })]);
    // Nothing of a refused change was kept.
    expect((await callAs(app, as('kiemsoat.an'), 'GET', '/api/v1/me/notification-preferences')).body).toEqual(off);
  });

  it('sends the assignment in Vietnamese with a link to the case through the SMTP server, and nothing to whom turned it off', async () => {
    // Back to the officer who turned assignment e-mails off: notified in the app, not by e-mail.
    expect((await callAs(app, as('doitruong.cuong'), 'POST', `${stepPath(tip, 'C1')}/actions`, { type: 'ASSIGN', assigneeId: 'kiemsoat.an' })).status).toBe(200);
    expect(await ofCase('kiemsoat.an', tip, 'STEP_ASSIGNED')).toHaveLength(1);

    const pass = await runMailPass();
    expect(pass.failed).toBe(0);
    const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address));
    const giang = inbox.filter((m) => to(m).includes(demoEmail(GIANG)));
    const assignment = giang.find((m) => m.subject?.startsWith('Bạn được giao bước'));
    expect(assignment?.subject).toBe(`Bạn được giao bước Tiếp nhận tin báo của hồ sơ “Tin báo: quầy thuốc lá lậu ở chợ Rồng”`);
    const link = `${PUBLIC}/cases/${tip}`;
    expect(assignment!.text).toContain(`Mở trong INS: ${link}`);
    expect(assignment!.html).toContain(`href="${link}"`);
    expect(assignment!.from?.text).toContain('no-reply@qltt.example');
    // The deadline's e-mails and the instruction reached her too; the director got the campaign's.
    expect(giang.map((m) => m.subject)).toEqual(expect.arrayContaining([expect.stringMatching(/^Sắp đến hạn/), expect.stringMatching(/^Quá hạn/), expect.stringMatching(/^Chỉ đạo mới/)]));
    expect(inbox.find((m) => to(m).includes(demoEmail('chicuctruong.hai')))?.subject).toMatch(/^Chờ phê duyệt: kế hoạch/);
    // Nothing about assignments to the inspector who turned them off.
    expect(inbox.filter((m) => to(m).includes(demoEmail('kiemsoat.an')) && m.subject?.startsWith('Bạn được giao'))).toEqual([]);

    // A second pass sends nothing again.
    const count = inbox.filter((m) => !m.subject?.startsWith('Tóm tắt')).length;
    expect((await runMailPass()).sent).toBe(0);
    expect(inbox.filter((m) => !m.subject?.startsWith('Tóm tắt')).length).toBe(count);
  });

  it('sends each team lead one digest a day of the team’s overdue tasks', async () => {
    const digests = inbox.filter((m) => m.subject?.startsWith('Tóm tắt hằng ngày'));
    const cuong = digests.filter((m) => m.text?.includes('Tin báo: quầy thuốc lá lậu ở chợ Rồng'));
    expect(cuong).toHaveLength(1);
    expect(cuong[0]!.subject).toMatch(/quá hạn 1/);
    expect(cuong[0]!.text).toContain(`${PUBLIC}/cases/${tip}`);
    await runMailPass();
    expect(inbox.filter((m) => m.subject?.startsWith('Tóm tắt hằng ngày')).length).toBe(digests.length);
  });
});
