/**
 * The supervisor console and evidence in a real browser (Debian's Chromium via playwright-core)
 * against the real system, whose deadlines run on a compressed clock (one working day = a few
 * seconds) so that a breach happens during the test: a team lead sees it in the escalations queue
 * (one entry for the step, the warning before it in its history), extends the deadline and marks the
 * entry handled with a note; the lead's live feed shows a photo an inspector takes with the camera
 * (Chromium's fake camera) in another session; an upload cut off mid-way resumes and ends with the
 * right SHA-256. Each screen is photographed at 1280×800 and 800×1280 into test/artifacts/screens.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Locator, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutShift, newPage, screenshots, startBrowserApp, type TRunningApp, call, signIn, switchUser } from './browser.js';
import { compressedDeadlines } from './case-support.js';

/**
 * One working day on the test clock: the inspection (A8, 5 working days) lasts 50 s, time for the
 * lead to extend a second inspection and stop its clock before the first one's breach arrives, on
 * a loaded machine (5 s each was once too short, and 8 s was once too short in CI with the whole
 * suite running).
 */
const UNIT_MS = 10_000;
const MiB = 1024 * 1024;

let app: TRunningApp;

beforeAll(async () => {
  app = await startBrowserApp({ activityOverrides: compressedDeadlines(UNIT_MS), fakeCamera: true });
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

const isoToday = (): string => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/**
 * As the signed-in team lead: opens an inspection of `business` and takes it through the decision
 * (A5), the work log (A6) and the announcement (A7), so that the inspection itself (A8) is open
 * and its time runs. Returns the case id.
 */
async function inspectionAtA8(page: Page, business: string): Promise<string> {
  const opened = await call(page, 'POST', '/api/v1/cases', { procedureId: 'ins-inspection', title: `${business} — kiểm tra` });
  expect(opened.status).toBe(201);
  const caseId = opened.body.caseId as string;
  const path = `/api/v1/cases/${encodeURIComponent(caseId)}/steps`;
  const today = isoToday();
  const steps: [string, string, Record<string, unknown>][] = [
    [
      'A5',
      'ISSUED',
      {
        decisionDate: today,
        signedBy: 'Lê Văn Cường',
        form: 'AD_HOC',
        adHocGround: 'VERIFIED_TIP',
        businessName: business,
        address: 'Hoa Lư, Ninh Bình',
        content: 'Nguồn gốc hàng hóa',
      },
    ],
    ['A6', 'LOGGED', { teamHead: 'Lê Văn Cường', members: [{ name: 'Nguyễn Văn An', cardNo: 'QLTT-0101' }], workLogEntry: 'Sổ 03, trang 14' }],
    ['A7', 'ANNOUNCED', { announcedAt: today, partyRepresentative: 'Chủ cơ sở' }],
  ];
  for (const [stepId, outcome, data] of steps) {
    const r = await call(page, 'POST', `${path}/${stepId}/complete`, { outcome, data });
    expect(r.status, `${stepId}: ${JSON.stringify(r.body)}`).toBe(200);
  }
  return caseId;
}

function openStep(page: Page, stepId: string): Locator {
  return page.locator(`[data-testid="open-step"][data-step="${stepId}"]`);
}

/** The team lead's console, live. */
async function openConsole(page: Page, query = ''): Promise<void> {
  await page.getByRole('link', { name: 'Điều hành' }).click();
  await page.getByRole('heading', { level: 1, name: 'Điều hành' }).waitFor();
  if (query) await page.goto(`/supervision${query}`);
  await page.locator('[data-testid="live-state"][data-state="live"]').waitFor();
}

describe('the supervisor console and evidence in a browser', () => {
  it('lets a team lead extend a running inspection and stop its clock; at a breach, reassign the step and mark the breach handled, neither extension nor pause offered', async () => {
    const { context, page, watch } = await newPage(app);
    await signIn(page, watch, 'doitruong.cuong');
    const caseId = await inspectionAtA8(page, 'Đại lý bia Hồng Phát');
    await openConsole(page, '?kind=ESCALATE');
    expect(await layoutShift(page)).toBeLessThan(0.1);

    // While an inspection's time runs, the lead steps in from the live feed: the deadline is the lead's to extend
    // (Nghị định 33/2022), and its clock stops while samples are tested (the time does not count).
    const running = await inspectionAtA8(page, 'Cửa hàng bia Thành Công');
    // The case's latest entry offers it: A7's completion, or A8's warning when the test clock's 60 % of the period has
    // passed already (a period counted from a paper dated today starts at its noon; after that the compressed end is near).
    // Once the feed has the announcement, the button is on whichever came last; the panel stays where it was opened.
    await page.locator(`[data-testid="feed-item"][data-case="${running}"][data-action="STEP_COMPLETED"][data-step="A7"]`).waitFor();
    await page
      .locator(`[data-testid="feed-item"][data-case="${running}"]`)
      .getByRole('button', { name: /^Can thiệp/ })
      .click();
    const panel = page.getByTestId('intervene');
    await panel.getByRole('button', { name: 'Gia hạn' }).click();
    await panel.getByLabel(/Số ngày làm việc gia hạn/).fill('5');
    await panel.getByLabel('Lý do').fill('Chờ kết quả kiểm nghiệm mẫu bia');
    await screenshots(page, '14-supervision-extend');
    await panel.getByRole('button', { name: 'Xác nhận' }).click();
    await panel.getByTestId('intervene-status').filter({ hasText: 'Đã thực hiện: Gia hạn.' }).waitFor();
    // The feed tells it.
    await page.locator(`[data-testid="feed-item"][data-case="${running}"][data-action="EXTENSION_GRANTED"]`).filter({ hasText: 'Lê Văn Cường gia hạn A8' }).waitFor();
    await panel.getByRole('button', { name: 'Tạm dừng tính thời hạn' }).click();
    await panel.getByLabel('Lý do tạm dừng').selectOption({ label: 'Đang xác minh tình tiết' });
    await panel.getByRole('button', { name: 'Xác nhận' }).click();
    await panel.getByTestId('intervene-status').filter({ hasText: 'Đã thực hiện: Tạm dừng tính thời hạn.' }).waitFor();
    await panel.locator('[data-testid="intervene-deadline"] [data-urgency="paused"]').waitFor();
    await page.locator(`[data-testid="feed-item"][data-case="${running}"][data-action="CLOCK_PAUSED"]`).waitFor();
    await panel.getByRole('button', { name: 'Tiếp tục tính thời hạn' }).click();
    await panel.getByTestId('intervene-status').filter({ hasText: 'Đã thực hiện: Tiếp tục tính thời hạn.' }).waitFor();
    await page.locator(`[data-testid="feed-item"][data-case="${running}"][data-action="CLOCK_RESUMED"]`).waitFor();
    // The case keeps the extension with its reason; the audit trail has it.
    const audit = await call(page, 'GET', `/api/v1/cases/${encodeURIComponent(running)}/audit`);
    const granted = (audit.body.events as { action: string; detail: Record<string, unknown> }[]).find((e) => e.action === 'EXTENSION_GRANTED');
    expect(granted?.detail).toMatchObject({ stepId: 'A8', amount: 5, unit: 'working_days', reason: 'Chờ kết quả kiểm nghiệm mẫu bia' });

    // 5 working days on the test clock: the first inspection's breach reaches the queue within about 40 s, live.
    const item = page.locator(`[data-testid="queue-item"][data-case="${caseId}"][data-kind="ESCALATE"]`);
    await item.waitFor({ timeout: 75_000 });
    // The countdown shows once the calendar has loaded.
    await item.locator('[data-urgency="overdue"]').waitFor();
    await expect(item.textContent()).resolves.toContain('Đã quá hạn');
    // The reason is worded from its code, not the server's English sentence.
    await expect(item.textContent()).resolves.not.toContain('deadline passed');
    await expect(item.getByRole('link', { name: 'Đại lý bia Hồng Phát — kiểm tra' }).isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Loại').inputValue()).resolves.toBe('ESCALATE');
    await screenshots(page, '13-supervision-breach');

    // The lead follows the step's one entry whatever its rung (each rung of its ladder supersedes the one before):
    // one entry for the step, not one per rung.
    await page.getByLabel('Loại').selectOption('all');
    const entry = page.locator(`[data-testid="queue-item"][data-case="${caseId}"]`);
    await expect(entry.count()).resolves.toBe(1);
    // The lead steps in from the queue. The inspection's time has ended: it is neither extended nor stopped now
    // (a period that has ended is not revived, docs/adr/0208), so neither is offered.
    await entry.getByRole('button', { name: /^Can thiệp/ }).click();
    const late = entry.getByTestId('intervene');
    await late.getByRole('button', { name: 'Giao việc' }).waitFor();
    await expect(late.getByRole('button', { name: 'Gia hạn' }).count()).resolves.toBe(0);
    await expect(late.getByRole('button', { name: 'Tạm dừng tính thời hạn' }).count()).resolves.toBe(0);
    // The lead gives the step to an inspector to finish at once.
    await late.getByRole('button', { name: 'Giao việc' }).click();
    await late.getByLabel('Giao cho').selectOption({ label: 'Nguyễn Văn An — Kiểm soát viên' });
    await late.getByRole('button', { name: 'Xác nhận' }).click();
    await late.getByTestId('intervene-status').filter({ hasText: 'Đã thực hiện: Giao việc.' }).waitFor();
    await entry.filter({ hasText: 'Người nhận: Nguyễn Văn An' }).waitFor();

    // And marks the step's entry (whichever rung it is at) handled, saying how.
    const waiting = (await call(page, 'GET', `/api/v1/escalations?caseId=${encodeURIComponent(caseId)}`)).body.items as { id: string }[];
    expect(waiting).toHaveLength(1);
    const handledId = waiting[0]!.id;
    await page.locator(`[data-testid="queue-item"][data-escalation="${handledId}"]`).waitFor();
    await entry.getByRole('button', { name: /^Đã xử lý/ }).click();
    const resolve = entry.getByTestId('resolve-escalation');
    const note = 'Đã giao Nguyễn Văn An lập biên bản kiểm tra ngay; thời hạn kiểm tra đã hết, không gia hạn được.';
    await resolve.getByLabel('Đã xử lý thế nào').fill(note);
    await resolve.getByRole('button', { name: 'Xác nhận đã xử lý' }).click();
    // It leaves the open queue; the feed tells it.
    await page.getByTestId('queue-status').filter({ hasText: 'Đã đánh dấu đã xử lý.' }).waitFor();
    await page.locator(`[data-testid="queue-item"][data-escalation="${handledId}"]`).waitFor({ state: 'detached' });
    const resolvedInFeed = page.locator(`[data-testid="feed-item"][data-case="${caseId}"][data-action="ESCALATION_RESOLVED"]`);
    await resolvedInFeed.filter({ hasText: 'Lê Văn Cường đánh dấu đã xử lý A8' }).waitFor();

    // Among the handled, the entry shows who handled it and how.
    await page.getByLabel('Trạng thái').selectOption('RESOLVED');
    const handled = page.locator(`[data-testid="queue-item"][data-escalation="${handledId}"]`);
    await handled
      .getByTestId('queue-resolution')
      .filter({ hasText: `Lê Văn Cường đã xử lý: ${note}` })
      .waitFor();
    await screenshots(page, '14a-supervision-handled');

    // The breach's resolution is in the audit trail.
    const trail = await call(page, 'GET', `/api/v1/cases/${encodeURIComponent(caseId)}/audit`);
    const resolved = (trail.body.events as { action: string; actorId: string; detail: Record<string, unknown> }[]).filter((e) => e.action === 'ESCALATION_RESOLVED');
    expect(resolved).toEqual([expect.objectContaining({ actorId: 'doitruong.cuong', detail: expect.objectContaining({ escalationId: handledId, note }) })]);

    // The team-load view counts the step for the inspector it was given to.
    await page.getByRole('link', { name: 'Tải công việc' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tải công việc' }).waitFor();
    const an = page.locator('[data-testid="load-person"][data-user="kiemsoat.an"]');
    await an.getByRole('button', { name: 'Nguyễn Văn An' }).click();
    await page.getByRole('list', { name: 'Việc đang mở của Nguyễn Văn An' }).getByRole('link', { name: 'Đại lý bia Hồng Phát — kiểm tra' }).waitFor();
    expect(Number(await an.getByTestId('person-open').textContent())).toBeGreaterThanOrEqual(1);
    const team = page.locator(`[data-testid="load-team"][data-team="${app.unit}-doi-1"]`);
    expect(Number(await team.getByTestId('team-open').textContent())).toBeGreaterThanOrEqual(1);
    await expect(page.locator(`[data-testid="load-team"][data-team="${app.unit}-doi-2"]`).count()).resolves.toBe(0);
    expect(await layoutShift(page)).toBeLessThan(0.1);
    await screenshots(page, '15-team-load');
    watch.assertClean();
    await context.close();
    // About 50 s alone (it waits for real deadlines of a few seconds to pass and screenshots at two sizes): room for a loaded machine.
  }, 150_000);

  it('shows a team lead, live, the photo and the video an inspector takes with the camera in another session, and lets the lead instruct', async () => {
    const lead = await newPage(app);
    await signIn(lead.page, lead.watch, 'doitruong.cuong');
    const caseId = await inspectionAtA8(lead.page, 'Cửa hàng mỹ phẩm Ngọc Lan');
    await openConsole(lead.page);

    const inspector = await newPage(app);
    const p = inspector.page;
    await signIn(p, inspector.watch, 'kiemsoat.an');
    await p.goto(`/cases/${caseId}`);
    const a8 = openStep(p, 'A8');
    await a8.waitFor();

    // A photo from the camera: the live picture, then "Chụp" — uploaded while the camera stays open.
    await a8.getByRole('button', { name: 'Chụp ảnh' }).click();
    const camera = p.getByTestId('camera');
    await camera.getByRole('heading', { name: 'Chụp ảnh chứng cứ' }).waitFor();
    await camera.getByRole('button', { name: 'Chụp', exact: true }).click();
    await camera.getByTestId('camera-status').filter({ hasText: 'Đã chụp 1 ảnh' }).waitFor();
    await screenshots(p, '16-camera');
    await camera.getByRole('button', { name: 'Xong' }).click();
    await camera.waitFor({ state: 'detached' });
    const photo = a8.locator('[data-testid="evidence"]').filter({ hasText: /anh-\d{8}-\d{6}\.jpg/ });
    await photo.waitFor();
    const photoSha = (await photo.getAttribute('data-sha256'))!;
    expect(photoSha).toMatch(/^[0-9a-f]{64}$/);
    await expect(photo.getByTestId('sha256').textContent()).resolves.toBe(photoSha);
    await expect(photo.textContent()).resolves.toContain('✓ khớp với máy chủ');
    // It is a real JPEG from the camera, and its thumbnail shows.
    await expect(photo.locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).resolves.toBeGreaterThan(0);
    const stored = await p.context().request.get(`/api/v1/evidence/${photoSha}`);
    const bytes = await stored.body();
    expect(stored.headers()['content-type']).toBe('image/jpeg');
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(photoSha);

    // The lead's feed shows it arriving, with its thumbnail, before the step is completed.
    const arrived = lead.page.locator(`[data-testid="feed-item"][data-case="${caseId}"][data-action="EVIDENCE_ADDED"]`);
    await arrived.filter({ hasText: 'Nguyễn Văn An gửi chứng cứ cho A8 Tiến hành kiểm tra, thu thập chứng cứ' }).waitFor();
    const thumb = arrived.locator(`[data-testid="feed-evidence"][data-sha256="${photoSha}"] img`);
    await thumb.waitFor();
    await expect.poll(() => thumb.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);

    // A short video (MediaRecorder) the same way.
    await a8.getByRole('button', { name: 'Quay video' }).click();
    await camera.getByRole('button', { name: 'Bắt đầu quay' }).click();
    await camera
      .getByTestId('camera-status')
      .filter({ hasText: /Đang quay: [12] \/ 60 giây/ })
      .waitFor();
    await camera.getByRole('button', { name: 'Dừng và gửi' }).click();
    await camera
      .getByTestId('camera-status')
      .filter({ hasText: /Đã quay video \d+ giây/ })
      .waitFor();
    await camera.getByRole('button', { name: 'Xong' }).click();
    const video = a8.locator('[data-testid="evidence"]').filter({ hasText: /video-\d{8}-\d{6}\.webm/ });
    await video.waitFor();
    const videoSha = (await video.getAttribute('data-sha256'))!;
    await lead.page.locator(`[data-testid="feed-evidence"][data-sha256="${videoSha}"]`).waitFor();

    // The inspector completes the inspection with both; the lead follows.
    await a8.getByLabel('Kết quả kiểm tra').fill('Bày bán 40 hộp kem dưỡng không có nhãn phụ tiếng Việt.');
    await a8.getByRole('radio', { name: 'Đã kiểm tra xong' }).check();
    await a8.getByRole('button', { name: 'Hoàn thành bước' }).click();
    await p.locator('[data-testid="timeline-item"][data-step="A8"]').locator(`[data-testid="evidence"][data-sha256="${photoSha}"]`).waitFor();
    const completed = lead.page.locator(`[data-testid="feed-item"][data-case="${caseId}"][data-action="STEP_COMPLETED"][data-step="A8"]`);
    await completed.filter({ hasText: 'Nguyễn Văn An hoàn thành A8' }).waitFor();
    await completed.locator(`[data-testid="feed-evidence"][data-sha256="${videoSha}"]`).waitFor();
    expect(await layoutShift(lead.page)).toBeLessThan(0.1);
    await screenshots(lead.page, '17-supervision-live-feed');
    await screenshots(p, '18-case-evidence');

    // The lead instructs from the feed; the inspector's case page shows the instruction at once.
    await completed.getByRole('button', { name: /^Can thiệp/ }).click();
    const panel = completed.getByTestId('intervene');
    await panel.getByText('A9 Lập biên bản kiểm tra').waitFor();
    await panel.getByLabel('Chỉ đạo').fill('Ghi rõ số lô của 40 hộp kem vào biên bản.');
    await panel.getByRole('button', { name: 'Gửi chỉ đạo' }).click();
    await panel.getByTestId('intervene-status').filter({ hasText: 'Đã gửi chỉ đạo' }).waitFor();
    await p.getByText('Ghi rõ số lô của 40 hộp kem vào biên bản.').waitFor();
    await lead.page.locator(`[data-testid="feed-item"][data-case="${caseId}"][data-action="NOTE_ADDED"]`).waitFor();

    lead.watch.assertClean();
    inspector.watch.assertClean();
    await lead.context.close();
    await inspector.context.close();
  });

  it('shows a director the load of every team, and the queue of one team', async () => {
    const { context, page, watch } = await newPage(app);
    // A tip of team 2, taken by its inspector: it is to be logged the same working day (5 s here).
    await signIn(page, watch, 'kiemsoat.binh');
    const opened = await call(page, 'POST', '/api/v1/cases', { procedureId: 'ins-tip', title: 'Tin báo: rượu không rõ nguồn gốc ở chợ Rồng' });
    expect(opened.status).toBe(201);
    const tip = opened.body.caseId as string;
    expect((await call(page, 'POST', `/api/v1/cases/${encodeURIComponent(tip)}/steps/C1/claim`)).status).toBe(200);
    await switchUser(page, watch, 'chicuctruong.hai');

    await page.getByRole('link', { name: 'Điều hành' }).click();
    await page.getByRole('link', { name: 'Tải công việc' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tải công việc' }).waitFor();
    const team2 = page.locator(`[data-testid="load-team"][data-team="${app.unit}-doi-2"]`);
    await team2.getByRole('heading', { name: 'Đội Quản lý thị trường số 2' }).waitFor();
    await page.locator(`[data-testid="load-team"][data-team="${app.unit}-doi-1"]`).waitFor();
    const binh = team2.locator('[data-testid="load-person"][data-user="kiemsoat.binh"]');
    expect(Number(await binh.getByTestId('person-open').textContent())).toBeGreaterThanOrEqual(1);
    await binh.getByRole('button', { name: 'Trần Thị Bình' }).click();
    await page.getByRole('list', { name: 'Việc đang mở của Trần Thị Bình' }).getByRole('link', { name: 'Tin báo: rượu không rõ nguồn gốc ở chợ Rồng' }).waitFor();
    await screenshots(page, '20-team-load-director');

    // The tip's breach reaches the director's queue; the team filter keeps it or leaves it out.
    await page.getByRole('link', { name: 'Chuyển cấp và hoạt động' }).click();
    const breach = page.locator(`[data-testid="queue-item"][data-case="${tip}"][data-kind="ESCALATE"]`);
    await breach.waitFor({ timeout: 45_000 });
    await page.getByLabel('Đội').selectOption({ label: 'Đội Quản lý thị trường số 1' });
    await breach.waitFor({ state: 'detached' });
    expect(new URL(page.url()).searchParams.get('team')).toBe(`${app.unit}-doi-1`);
    await page.getByLabel('Đội').selectOption({ label: 'Đội Quản lý thị trường số 2' });
    await breach.waitFor();
    // In English too.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Supervision' }).waitFor();
    await breach.filter({ hasText: 'Overdue' }).waitFor();
    await page.getByRole('heading', { name: 'Live activity' }).waitFor();
    await screenshots(page, '21-supervision-en');
    watch.assertClean();
    await context.close();
  });

  it('resumes an upload cut off mid-way — an answer lost, then the connection gone — and ends with the right SHA-256', async () => {
    const { context, page, watch } = await newPage(app);
    await signIn(page, watch, 'doitruong.cuong');
    const caseId = await inspectionAtA8(page, 'Kho hàng Tân Thành');
    await switchUser(page, watch, 'kiemsoat.an');
    await page.goto(`/cases/${caseId}`);
    const a8 = openStep(page, 'A8');
    await a8.waitFor();

    // A scanned record of 3.3 MB: four chunks of 1 MiB.
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n% biên bản kiểm tra (bản chụp)\n'), randomBytes(Math.round(3.3 * MiB))]);
    const sha = createHash('sha256').update(pdf).digest('hex');

    const chunks: number[] = [];
    const statusReads: string[] = [];
    page.on('request', (r: Request) => {
      if (!/\/api\/v1\/evidence\/uploads\/[0-9a-f-]+$/.test(r.url())) return;
      if (r.method() === 'PATCH') chunks.push(Number(r.headers()['upload-offset']));
      if (r.method() === 'GET') statusReads.push(r.url());
    });
    let patches = 0;
    let wentOffline = false;
    // The second chunk reaches the server but its answer is lost; the third finds the tablet offline.
    watch.expectFailures(/^PATCH \/api\/v1\/evidence\/uploads\//, /^GET \/api\/v1\/events$/);
    await page.route(/\/api\/v1\/evidence\/uploads\/[0-9a-f-]+$/, async (route) => {
      if (route.request().method() !== 'PATCH') return route.continue();
      patches++;
      if (patches === 2) {
        const res = await route.fetch();
        expect(res.status()).toBe(200);
        return route.abort('connectionreset');
      }
      if (patches === 3) {
        // The tablet loses its connection: requests fail and navigator.onLine turns false.
        await context.setOffline(true);
        wentOffline = true;
        return route.abort('internetdisconnected');
      }
      return route.continue();
    });

    await a8.locator('input[type="file"]').setInputFiles({ name: 'bien-ban-kiem-tra.pdf', mimeType: 'application/pdf', buffer: pdf });
    const upload = a8.getByTestId('upload');
    await a8.locator('[data-testid="upload"][data-phase="offline"]').waitFor();
    expect(wentOffline).toBe(true);
    await expect(upload.textContent()).resolves.toContain('Mất kết nối. Sẽ tự gửi tiếp khi có mạng (2,1 MB / 3,5 MB đã nhận).');
    await expect(upload.getByTestId('sha256').textContent()).resolves.toBe(sha);
    // The step waits for its evidence: completing it now is refused here, nothing is sent.
    await a8.getByLabel('Kết quả kiểm tra').fill('Kho chứa 200 thùng hàng; biên bản chụp kèm theo.');
    await a8.getByRole('radio', { name: 'Đã kiểm tra xong' }).check();
    await a8.getByRole('button', { name: 'Hoàn thành bước' }).click();
    await a8.locator('.form-summary').filter({ hasText: 'Chứng cứ đang được gửi. Hoàn thành bước sau khi gửi xong.' }).waitFor();
    await screenshots(page, '19-upload-offline');
    await context.setOffline(false);

    const done = a8.locator(`[data-testid="evidence"][data-sha256="${sha}"]`);
    await done.waitFor({ timeout: 30_000 });
    await expect(done.textContent()).resolves.toContain('✓ khớp với máy chủ');
    await expect(done.getByTestId('sha256').textContent()).resolves.toBe(sha);
    // Each chunk went once, from the offset the server held: the one whose answer was lost was not sent again.
    expect(chunks).toEqual([0, MiB, 2 * MiB, 2 * MiB, 3 * MiB]);
    expect(statusReads.length).toBeGreaterThanOrEqual(2);
    const stored = await context.request.get(`/api/v1/evidence/${sha}`);
    expect(
      createHash('sha256')
        .update(await stored.body())
        .digest('hex'),
    ).toBe(sha);

    // Then the step is completed with the file, referenced by its hash.
    await a8.getByRole('button', { name: 'Hoàn thành bước' }).click();
    await page.locator('[data-testid="timeline-item"][data-step="A8"]').locator(`[data-testid="evidence"][data-sha256="${sha}"]`).waitFor();
    await openStep(page, 'A9').waitFor();
    watch.assertClean();
    await context.close();
  });
});
