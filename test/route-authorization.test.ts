/**
 * The authorization matrix over every route of the API: each operation of the OpenAPI document ×
 * anonymous and every role × own team / other team / other unit gives the expected status, and a
 * refused write changes nothing. An operation added to the API without a row here fails the test.
 * (The case routes are also covered in depth, per step, by authorization-matrix.test.ts.)
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { generateLookupCode, LOOKUP_CODE_RANDOM_BYTES } from '../domain/lookup-code.js';
import { leadingZeroBits } from '../domain/public-tip.js';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsApp } from '../api/app.js';
import { DEMO_PASSWORD, seedDemoData } from '../db/demo-data.js';
import { createApiToken, createIntegrationAccount, createTeam, createUnit, createUser, insertRoleRequest } from '../db/repositories/people.js';
import { publish, saveDraft } from '../db/repositories/procedures.js';
import { saveTemplateDraft } from '../db/repositories/document-templates.js';
import { DOCUMENT_TEMPLATES } from '../domain/documents/templates.js';
import { createSitePage } from '../db/repositories/site-pages.js';
import { planCampaignRun } from '../db/repositories/campaign-planning.js';
import { campaignEnd, getCampaignVersion } from '../db/repositories/campaigns.js';
import { decideCampaign, saveCampaignDraft, submitCampaign } from '../api/services/campaign-versions.js';
import { upsertCampaignSchedule } from '../api/services/campaign-schedules.js';
import { ZCampaignDefinition } from '../domain/campaign-schema.js';
import { tipProcedure } from '../domain/procedures/tracks.js';
import { CaseEventHub } from '../lib/case-events.js';
import { DiskEvidenceStore } from '../lib/evidence-store.js';
import { createTestApp, createTestDatabase, signIn, startTestWorker, type TestDatabase, type TestTemporal, type TTestSession } from './support.js';

const UNIT = `nb${randomUUID().slice(0, 6)}`;
const OTHER = `hn${randomUUID().slice(0, 6)}`;
let database: TestDatabase;
let temporal: TestTemporal;
let app: InsApp;
let close: () => Promise<void>;
let evidenceDir: string;
let hub: CaseEventHub;

const PRINCIPALS = {
  inspectorOwnTeam: 'kiemsoat.an',
  inspectorOtherTeam: 'kiemsoat.binh',
  leadOwnTeam: 'doitruong.cuong',
  leadOtherTeam: 'doitruong.dung',
  director: 'chicuctruong.hai',
  legal: 'phapche.lan',
  admin: 'quantri.minh',
  scheduler: 'kehoach.nga',
  leader: 'lanhdao.phong',
  directorOtherUnit: 'hn.chicuctruong',
  inspectorOtherUnit: 'hn.kiemsoat',
  adminOtherUnit: 'hn.quantri',
  /** The national department's NATIONAL_ADMIN: the national configuration is theirs (docs/adr/0040). */
  national: 'quocgia.thu',
  /** The national department's account admin: ADMIN there is about its accounts only. */
  adminNationalUnit: 'quocgia.vinh',
} as const;
type TPrincipal = keyof typeof PRINCIPALS;
type TWho = TPrincipal | 'anonymous';
const EVERYONE: TWho[] = ['anonymous', ...(Object.keys(PRINCIPALS) as TPrincipal[])];
const sessions = new Map<TPrincipal, TTestSession>();
/** An integration account of the unit: what API tokens are made for. */
const INTEGRATION = 'tich-hop.cong-dvc';

/** A standing delegation of the director's power to the unit's deputy director, in force this century. */
const delegationBody = () => ({
  role: 'DIRECTOR',
  grantorId: 'chicuctruong.hai',
  delegateId: 'spare.deputy',
  scope: 'STANDING',
  decisionNumber: '1/QĐ-GQXP',
  decisionDate: '2026-01-02',
  validFrom: '2026-01-02',
  validTo: '2099-12-31',
  content: 'Ký quyết định xử phạt vi phạm hành chính',
});
/** A fresh delegation of the unit, for one revocation each. */
async function matrixDelegation(): Promise<string> {
  const id = `gq-matrix-${randomUUID()}`;
  await database.db
    .insertInto('sanction_delegation')
    .values({
      id,
      unit_id: UNIT,
      role: 'DIRECTOR',
      grantor_id: 'chicuctruong.hai',
      delegate_id: 'spare.deputy',
      scope: 'STANDING',
      decision_number: '2/QĐ-GQXP',
      decision_date: '2026-01-02',
      valid_from: '2026-01-02',
      valid_to: '2099-12-31',
      content: 'x',
      created_by: 'quantri.minh',
    })
    .execute();
  return id;
}

/** A fresh inspector of the unit, `spare.<what><i>`. */
async function spareUser(what: string, i: number): Promise<string> {
  const id = `spare.${what}${i}`;
  await createUser(database.db, { id, username: id, displayName: 'x', password: DEMO_PASSWORD, roles: ['INSPECTOR'], unitId: UNIT });
  return id;
}

/** A pending role change request of the unit, asked by its second admin (quantri.oanh). */
async function pendingRoleRequest(what: string, i: number): Promise<string> {
  const userId = await spareUser(what, i);
  const r = await insertRoleRequest(database.db, {
    id: randomUUID(),
    unitId: UNIT,
    userId,
    fromRoles: ['INSPECTOR'],
    toRoles: ['INSPECTOR', 'SCHEDULER'],
    reason: 'Thử',
    requestedBy: 'quantri.oanh',
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  return r!.id;
}

interface TRequest {
  method: string;
  path: string;
  body?: unknown;
  raw?: { body: string | Uint8Array; contentType: string; headers?: Record<string, string> };
}
interface TRow {
  /** The operation as in the OpenAPI document: `METHOD /path/{param}`. */
  op: string;
  /** Builds the request for one caller (fresh objects per caller where the call has an effect). */
  request: (who: TWho, i: number) => TRequest | Promise<TRequest>;
  expected: (who: TWho) => number;
  /** After a refused call: proves nothing changed. */
  unchanged?: (who: TWho, i: number) => Promise<void>;
}

/**
 * A status by role class: what a signed-in principal gets, 401 for anonymous. The national
 * department's account admin is, for a unit's objects, an admin of another unit.
 */
const signedIn = (f: (p: TPrincipal) => number) => (who: TWho) => (who === 'anonymous' ? 401 : f(who === 'adminNationalUnit' ? 'adminOtherUnit' : who));
const all = (status: number) => () => status;
/** A principal of another unit than the one whose objects the rows use (the national department is one). */
const ofOtherUnit = (p: TPrincipal): boolean => p.endsWith('OtherUnit') || p === 'national';
const staff = (status: number) => signedIn(() => status);
const onlyFor = (allowed: TPrincipal[], ok: number, otherwise = 403) => signedIn((p) => (allowed.includes(p) ? ok : otherwise));
const ADMINS: TPrincipal[] = ['admin', 'adminOtherUnit'];
/**
 * The site pages' editors (api/routes/site.ts): a unit's admin (`own` for a page of the unit, `other`
 * for an admin of another unit, who does not find it; the national administrator is of another unit
 * too); the national department's account admin is refused.
 */
const siteEditors = (own: number, other: number) => (who: TWho) =>
  who === 'anonymous' ? 401 : who === 'adminNationalUnit' ? 403 : who === 'admin' ? own : who === 'adminOtherUnit' || who === 'national' ? other : 403;
/** A fresh draft page of the unit (each call its own, so that every caller may publish one). */
const unitPage = async () => (await createSitePage(database.db, UNIT, 'NEWS', { title: { vi: 'Trang thử', en: '' }, body: { vi: 'x', en: '' } }, 'quantri.minh')).id;
/** Who changes the national configuration: the calendar, the catalogue, the legal parameters, the national procedures — no unit's admin (the finding of issue 13). */
const NATIONAL: TPrincipal[] = ['national'];
/** Who writes the business registry of their unit (api/routes/businesses.ts REGISTRY_WRITERS). */
const REGISTRY_WRITERS: TPrincipal[] = ['admin', 'director', 'leadOwnTeam', 'leadOtherTeam'];
const OWN_TEAM: TPrincipal[] = ['inspectorOwnTeam', 'leadOwnTeam'];
const UNIT_WIDE: TPrincipal[] = ['director', 'legal', 'admin', 'leader'];
/** Read a case of team 1 of the unit: own team and unit-wide roles; everyone else is told it does not exist. */
/** Who collects evidence (api/routes/evidence.ts COLLECTORS). */
const COLLECTORS: TPrincipal[] = ['inspectorOwnTeam', 'inspectorOtherTeam', 'leadOwnTeam', 'leadOtherTeam', 'director', 'legal', 'directorOtherUnit', 'inspectorOtherUnit'];
/** An upload started by the own-team inspector: theirs to continue; other collectors do not see it; the rest may not upload. */
const ownUpload = (ok: number) => signedIn((p) => (p === 'inspectorOwnTeam' ? ok : COLLECTORS.includes(p) ? 404 : 403));
/** Who reads the supervisor console: team leads, directors, legal officers, the unit's leaders. */
const CONSOLE: TPrincipal[] = ['leadOwnTeam', 'leadOtherTeam', 'director', 'legal', 'leader', 'directorOtherUnit'];
const caseRead = signedIn((p) => ([...OWN_TEAM, ...UNIT_WIDE].includes(p) ? 200 : 404));
const TODAY = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const RECORD = {
  recordedAt: TODAY,
  place: 'x',
  recorder: 'x',
  violatorName: 'x',
  offenderType: 'INDIVIDUAL',
  violationDate: TODAY,
  violationPlace: 'x',
  acts: [{ violation: 'ND98/2020:17.1.c', description: 'x' }],
  violatorSigned: true,
};

async function send(who: TWho, r: TRequest): Promise<Response> {
  // Signing in is done without a session (a session sent along would be replaced).
  const s = who === 'anonymous' || r.path === '/api/v1/auth/login' ? undefined : sessions.get(who)!;
  const headers: Record<string, string> = {
    'idempotency-key': `k-${randomUUID()}`,
    ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}),
    ...(r.raw ? { 'content-type': r.raw.contentType, ...r.raw.headers } : { 'content-type': 'application/json' }),
  };
  const body = r.raw ? r.raw.body : r.body === undefined ? undefined : JSON.stringify(r.body);
  return app.request(r.path, { method: r.method, headers, ...(body === undefined ? {} : { body }) });
}

function uploadDeclaration(content: string) {
  return { name: 'bien-ban.pdf', mime: 'application/pdf', size: Buffer.byteLength(content), sha256: createHash('sha256').update(content).digest('hex') };
}

/** A fresh resumable upload of the own-team inspector. */
async function startUpload(): Promise<{ id: string; content: string }> {
  const content = `%PDF-1.4 ${randomUUID()}`;
  const res = await send('inspectorOwnTeam', { method: 'POST', path: '/api/v1/evidence/uploads', body: uploadDeclaration(content) });
  expect(res.status).toBe(201);
  return { id: ((await res.json()) as { id: string }).id, content };
}

/** A fresh case of team 1, opened by its team lead. */
async function openCase(): Promise<string> {
  const res = await send('leadOwnTeam', { method: 'POST', path: '/api/v1/cases', body: { procedureId: 'ins-penalty', title: 'Ma trận' } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { caseId: string }).caseId;
}
const casePath = async (suffix = '') => `/api/v1/cases/${encodeURIComponent(await openCase())}${suffix}`;

/**
 * A fresh case of team 1 whose violation record (B1) its team lead completed: the record is issued,
 * numbered from the unit's register (docs/documents.md). Its path and the record's document id.
 */
async function issuedRecord(): Promise<{ path: string; documentId: string }> {
  const path = await casePath();
  const done = await send('leadOwnTeam', { method: 'POST', path: `${path}/steps/B1/complete`, body: { outcome: 'RECORDED', data: RECORD } });
  expect(done.status).toBe(200);
  const { documents } = (await (await send('leadOwnTeam', { method: 'GET', path: `${path}/documents` })).json()) as { documents: { id: string; type: string }[] };
  expect(documents.map((d) => d.type)).toEqual(['VIOLATION_RECORD']);
  return { path, documentId: documents[0]!.id };
}
let sharedRecord: Promise<{ path: string; documentId: string }> | undefined;
/** One issued record for the calls that change nothing (made on first use). */
const readRecord = () => (sharedRecord ??= issuedRecord());
/** Fresh issued records by caller, for the corrections: a record is corrected once. */
const recordsToCorrect = new Map<number, { path: string; documentId: string }>();
async function recordToCorrect(i: number): Promise<{ path: string; documentId: string }> {
  const made = await issuedRecord();
  recordsToCorrect.set(i, made);
  return made;
}
/** The papers of caller `i`'s case: the record alone while nobody corrected it. */
async function papersOf(i: number): Promise<string[]> {
  const { path } = recordsToCorrect.get(i)!;
  const { documents } = (await (await send('leadOwnTeam', { method: 'GET', path: `${path}/documents` })).json()) as { documents: { type: string; status: string }[] };
  return documents.map((d) => `${d.type} ${d.status}`);
}

/** Fresh cases of team 1 whose B1 the team lead escalated by hand to team leads, by caller: the case's path and the escalation. */
const escalatedCases = new Map<number, { path: string; escalationId: string }>();
async function escalatedCase(i: number): Promise<{ path: string; escalationId: string }> {
  const path = await casePath();
  expect((await send('leadOwnTeam', { method: 'POST', path: `${path}/steps/B1/actions`, body: { type: 'ESCALATE', reason: 'Phức tạp' } })).status).toBe(200);
  const detail = (await (await send('leadOwnTeam', { method: 'GET', path })).json()) as { escalations: { id: string }[] };
  const made = { path, escalationId: detail.escalations[0]!.id };
  escalatedCases.set(i, made);
  return made;
}
/** Whether the escalation of caller `i`'s case is still open. */
async function escalationOpen(i: number): Promise<boolean> {
  const { path, escalationId } = escalatedCases.get(i)!;
  const detail = (await (await send('leadOwnTeam', { method: 'GET', path })).json()) as { escalations: { id: string; resolvedAt: string | null }[] };
  return detail.escalations.find((e) => e.id === escalationId)?.resolvedAt === null;
}

let evidenceSha = '';
let businessId = '';
/** Campaign routes: readers (planning, leadership) and operators (scheduler, director) of this unit; another unit's director is told it does not exist. */
const campaignRead = signedIn((p) => (['scheduler', 'director', 'leader'].includes(p) ? 200 : p === 'directorOtherUnit' ? 404 : 403));
/** The statistics' readers: leaders of the unit, and team leads (their team's); another unit's director reads their own unit's. */
const statRead = signedIn((p) => (['leadOwnTeam', 'leadOtherTeam', 'director', 'leader', 'directorOtherUnit'].includes(p) ? 200 : 403));
const campaignOp = (ok: number) => signedIn((p) => (['scheduler', 'director'].includes(p) ? ok : p === 'directorOtherUnit' ? 404 : 403));
const CAMPAIGN = 'matrix-campaign';
/** A campaign of this unit, never due within its (past) window and with no targets: its runs start nothing. */
const campaignDef = (id: string, version = 1) =>
  ZCampaignDefinition.parse({
    id,
    version,
    kind: 'THEMED',
    title: 'Ma trận',
    theme: 'Ma trận',
    legalBasis: 'Thông tư 27/2020/TT-BCT',
    planWindow: { from: '2026-01-01', to: '2026-06-30' },
    cadence: { kind: 'CALENDAR', daysOfWeek: [1], hour: 8 },
    targets: { sectors: ['Không có ngành này'] },
    quota: { perRun: 1, perTeam: 1 },
    teamIds: [`${UNIT}-doi-1`],
    procedure: { id: 'ins-inspection', version: 1 },
  });
/** A fresh campaign submitted by the scheduler, for one caller to decide on. */
async function submittedCampaign(id: string): Promise<string> {
  await saveCampaignDraft(database.db, UNIT, campaignDef(id), 'kehoach.nga');
  await submitCampaign(database.db, UNIT, id, 1, 'kehoach.nga');
  return `/api/v1/campaigns/${id}/versions/1`;
}
const campaignStatus = async (id: string) => (await getCampaignVersion(database.db, UNIT, id, 1))?.status;
const draftStatus = async (version: number) =>
  (await database.db.selectFrom('procedure_version').select('status').where('procedure_id', '=', 'ins-tip').where('version', '=', version).executeTakeFirstOrThrow()).status;

/** A version of the inspection record's template, far in the future, for the template rows. */
const matrixTemplate = (version: number) => ({ ...DOCUMENT_TEMPLATES.find((t) => t.type === 'INSPECTION_RECORD')!, version, effectiveFrom: '2099-01-01' });
const templateRow = (version: number) =>
  database.db.selectFrom('document_template').select(['status', 'updated_by']).where('type', '=', 'INSPECTION_RECORD').where('version', '=', version).executeTakeFirst();
const templateStatus = async (version: number) => (await templateRow(version))?.status;
const templateEditor = async (version: number) => (await templateRow(version))?.updated_by;

const TIP_DIFFICULTY = 4;
/** A tip from the public, with a solved challenge; it starts a case of the unit's team 1 (its intake team). */
async function tipBody() {
  const { token } = (await (await app.request('/api/v1/public/tips/challenge')).json()) as { token: string };
  let nonce = 0;
  while (
    leadingZeroBits(
      createHash('sha256')
        .update(token + nonce)
        .digest(),
    ) < TIP_DIFFICULTY
  )
    nonce++;
  return { unitId: UNIT, theme: 'OTHER', content: 'Ma trận: một tin báo thử', place: 'Ma trận', challenge: token, nonce: String(nonce) };
}
let tipCase: string | undefined;
/** The path of a case started by a public tip (one, made on first use). */
async function tipCasePath(suffix: string): Promise<string> {
  if (!tipCase) {
    const res = await send('anonymous', { method: 'POST', path: '/api/v1/public/tips', body: await tipBody() });
    expect(res.status).toBe(201);
    const code = ((await res.json()) as { trackingCode: string }).trackingCode.replaceAll('-', '');
    const hash = createHash('sha256').update(code).digest('hex');
    tipCase = (await database.db.selectFrom('public_tip').select('case_id').where('tracking_hash', '=', hash).executeTakeFirstOrThrow()).case_id;
  }
  return `/api/v1/cases/${encodeURIComponent(tipCase)}${suffix}`;
}

const ROWS: TRow[] = [
  { op: 'GET /livez', request: () => ({ method: 'GET', path: '/livez' }), expected: all(200) },
  { op: 'GET /readyz', request: () => ({ method: 'GET', path: '/readyz' }), expected: all(200) },
  { op: 'GET /api/v1/calendar/due-date', request: () => ({ method: 'GET', path: '/api/v1/calendar/due-date?from=2026-12-01&amount=5&unit=working_days' }), expected: all(200) },
  { op: 'GET /api/v1/calendar/days', request: () => ({ method: 'GET', path: '/api/v1/calendar/days?from=2026-01-01&to=2026-12-31' }), expected: all(200) },
  {
    op: 'POST /api/v1/fines/quote',
    request: () => ({ method: 'POST', path: '/api/v1/fines/quote', body: { violationCode: 'ND98/2020:17.1.c', offender: 'individual', date: '2026-03-02' } }),
    expected: all(200),
  },
  // Public but authenticated by its signature (docs/adr/0126): unsigned, everyone is refused.
  {
    op: 'POST /api/v1/public/case-lookup',
    // Public: a code of the right shape that no case has, and a tax code, answer everyone alike (a fresh code per caller: tries are counted per code).
    request: () => ({ method: 'POST', path: '/api/v1/public/case-lookup', body: { code: generateLookupCode(randomBytes(LOOKUP_CODE_RANDOM_BYTES)), identifier: '0101234567' } }),
    expected: all(404),
  },
  // Public: the published decisions, for everyone alike (docs/adr/0135).
  { op: 'GET /api/v1/public/disclosures', request: () => ({ method: 'GET', path: '/api/v1/public/disclosures?q=hoa%20lu' }), expected: all(200) },
  // The unit's public site (docs/adr/0137): each admin their own unit's pages (another unit's page is not found), at the national department its NATIONAL_ADMIN only.
  { op: 'GET /api/v1/site/pages', request: () => ({ method: 'GET', path: '/api/v1/site/pages' }), expected: siteEditors(200, 200) },
  {
    op: 'POST /api/v1/site/pages',
    request: () => ({ method: 'POST', path: '/api/v1/site/pages', body: { kind: 'NEWS', title: { vi: 'Tin thử' }, body: { vi: 'Nội dung' } } }),
    expected: siteEditors(201, 201),
  },
  { op: 'GET /api/v1/site/pages/{pageId}', request: async () => ({ method: 'GET', path: `/api/v1/site/pages/${await unitPage()}` }), expected: siteEditors(200, 404) },
  {
    op: 'PUT /api/v1/site/pages/{pageId}/draft',
    request: async () => ({ method: 'PUT', path: `/api/v1/site/pages/${await unitPage()}/draft`, body: { title: { vi: 'Sửa' }, body: { vi: 'Sửa' } } }),
    expected: siteEditors(200, 404),
  },
  {
    op: 'POST /api/v1/site/pages/{pageId}/publish',
    request: async () => ({ method: 'POST', path: `/api/v1/site/pages/${await unitPage()}/publish`, body: { version: 1 } }),
    expected: siteEditors(200, 404),
  },
  // Public tips (docs/adr/0130–0133): anyone, signed in or not, alike.
  { op: 'GET /api/v1/public/tips/challenge', request: () => ({ method: 'GET', path: '/api/v1/public/tips/challenge' }), expected: all(200) },
  { op: 'GET /api/v1/public/tips/units', request: () => ({ method: 'GET', path: '/api/v1/public/tips/units' }), expected: all(200) },
  { op: 'POST /api/v1/public/tips', request: async () => ({ method: 'POST', path: '/api/v1/public/tips', body: await tipBody() }), expected: all(201) },
  {
    op: 'POST /api/v1/public/tips/track',
    request: () => ({ method: 'POST', path: '/api/v1/public/tips/track', body: { code: generateLookupCode(randomBytes(LOOKUP_CODE_RANDOM_BYTES)) } }),
    expected: all(404),
  },
  // A tip's case: read like any case; its reporter by the unit's director and the case's team lead only (docs/adr/0131).
  { op: 'GET /api/v1/cases/{caseId}/tip', request: async () => ({ method: 'GET', path: await tipCasePath('/tip') }), expected: caseRead },
  {
    op: 'GET /api/v1/cases/{caseId}/tip/reporter',
    request: async () => ({ method: 'GET', path: await tipCasePath('/tip/reporter') }),
    expected: signedIn((p) => (['leadOwnTeam', 'director'].includes(p) ? 200 : ['leadOtherTeam', 'directorOtherUnit'].includes(p) ? 404 : 403)),
  },
  {
    op: 'POST /api/v1/public/case-lookup/subscriptions',
    // Public, behind the lookup's own check: a code no case has answers everyone alike, and subscribes no one.
    request: () => ({
      method: 'POST',
      path: '/api/v1/public/case-lookup/subscriptions',
      body: { code: generateLookupCode(randomBytes(LOOKUP_CODE_RANDOM_BYTES)), identifier: '0101234567', channel: 'SMS', address: '0912345678' },
    }),
    expected: all(404),
  },
  {
    op: 'POST /api/v1/public/case-lookup/subscriptions/withdraw',
    request: () => ({
      method: 'POST',
      path: '/api/v1/public/case-lookup/subscriptions/withdraw',
      body: { code: generateLookupCode(randomBytes(LOOKUP_CODE_RANDOM_BYTES)), identifier: '0101234567', channel: 'SMS', address: '0912345678' },
    }),
    expected: all(404),
  },
  {
    op: 'POST /api/v1/public/payments/receipt',
    // Public, with the lookup's checks: a code no case has answers everyone alike (a fresh code per caller).
    request: () => ({ method: 'POST', path: '/api/v1/public/payments/receipt', body: { code: generateLookupCode(randomBytes(LOOKUP_CODE_RANDOM_BYTES)), identifier: '0101234567' } }),
    expected: all(404),
  },
  {
    op: 'POST /api/v1/public/case-lookup/documents/{documentId}',
    // Public, with the lookup's checks: a code no case has answers everyone alike, even for a real paper's id (a fresh code per caller).
    request: async () => ({
      method: 'POST',
      path: `/api/v1/public/case-lookup/documents/${(await readRecord()).documentId}`,
      body: { code: generateLookupCode(randomBytes(LOOKUP_CODE_RANDOM_BYTES)), identifier: '0101234567' },
    }),
    expected: all(404),
  },
  {
    op: 'POST /api/v1/public/payments/callback',
    request: () => ({ method: 'POST', path: '/api/v1/public/payments/callback', body: { transactionId: 'T1', caseId: 'x', amount: 1, paidAt: '2026-12-01T00:00:00Z', channel: 'KHO_BAC' } }),
    expected: all(401),
  },
  // Each unit's legal officers and directors see its own reconciliation (another unit's director: their unit's, empty).
  { op: 'GET /api/v1/payments/reconciliation', request: () => ({ method: 'GET', path: '/api/v1/payments/reconciliation' }), expected: onlyFor(['director', 'legal', 'directorOtherUnit'], 200) },
  { op: 'GET /api/v1/legal-parameters', request: () => ({ method: 'GET', path: '/api/v1/legal-parameters' }), expected: all(200) },
  { op: 'GET /api/v1/violations', request: () => ({ method: 'GET', path: '/api/v1/violations' }), expected: all(200) },
  // Signing in: each principal with its own password; anonymous with a wrong one.
  {
    op: 'POST /api/v1/auth/login',
    request: (who) => ({
      method: 'POST',
      path: '/api/v1/auth/login',
      body: who === 'anonymous' ? { username: 'kiemsoat.an', password: 'not-the-password' } : { username: PRINCIPALS[who], password: DEMO_PASSWORD },
    }),
    expected: signedIn(() => 200),
  },
  { op: 'GET /api/v1/auth/me', request: () => ({ method: 'GET', path: '/api/v1/auth/me' }), expected: staff(200) },
  // A wrong current password: refused for everyone (anonymous first of all).
  {
    op: 'POST /api/v1/auth/password',
    request: () => ({ method: 'POST', path: '/api/v1/auth/password', body: { currentPassword: 'wrong-password-1', newPassword: 'another-password-2' } }),
    expected: staff(401),
  },
  {
    op: 'POST /api/v1/cases',
    // Directors have no team of their own: they name the team the case goes to.
    request: (who) => ({
      method: 'POST',
      path: '/api/v1/cases',
      body: { procedureId: 'ins-tip', title: 'Tin báo', ...(who === 'director' ? { teamId: `${UNIT}-doi-1` } : who === 'directorOtherUnit' ? { teamId: `${OTHER}-doi-1` } : {}) },
    }),
    expected: onlyFor(['inspectorOwnTeam', 'inspectorOtherTeam', 'leadOwnTeam', 'leadOtherTeam', 'director', 'directorOtherUnit', 'inspectorOtherUnit'], 201),
  },
  { op: 'GET /api/v1/cases/{caseId}', request: async () => ({ method: 'GET', path: await casePath() }), expected: caseRead },
  { op: 'GET /api/v1/cases/{caseId}/procedure', request: async () => ({ method: 'GET', path: await casePath('/procedure') }), expected: caseRead },
  { op: 'GET /api/v1/cases/{caseId}/audit', request: async () => ({ method: 'GET', path: await casePath('/audit') }), expected: caseRead },
  { op: 'GET /api/v1/cases/{caseId}/steps/{stepId}/prefill', request: async () => ({ method: 'GET', path: await casePath('/steps/B1/prefill') }), expected: caseRead },
  {
    op: 'POST /api/v1/cases/{caseId}/steps/{stepId}/complete',
    request: async () => ({ method: 'POST', path: await casePath('/steps/B1/complete'), body: { outcome: 'RECORDED', data: RECORD } }),
    // B1 (the violation record) is for inspectors and team leads; unit-wide roles see the case but may not act.
    expected: signedIn((p) => (OWN_TEAM.includes(p) ? 200 : UNIT_WIDE.includes(p) ? 403 : 404)),
  },
  // A case's papers (docs/documents.md): read like the case; a draft by the step's roles or a supervisor; a correction by the roles of the step that issued the paper.
  { op: 'GET /api/v1/cases/{caseId}/documents', request: async () => ({ method: 'GET', path: `${(await readRecord()).path}/documents` }), expected: caseRead },
  {
    op: 'GET /api/v1/cases/{caseId}/documents/{documentId}/file',
    request: async () => {
      const { path, documentId } = await readRecord();
      return { method: 'GET', path: `${path}/documents/${documentId}/file` };
    },
    expected: caseRead,
  },
  {
    op: 'POST /api/v1/cases/{caseId}/steps/{stepId}/documents/{type}/preview',
    request: async () => ({ method: 'POST', path: await casePath('/steps/B1/documents/VIOLATION_RECORD/preview'), body: { outcome: 'RECORDED', data: RECORD } }),
    // B1's roles (inspectors and team leads) and the supervisors (the director); the others who see the case may not draft.
    expected: signedIn((p) => (OWN_TEAM.includes(p) || p === 'director' ? 200 : UNIT_WIDE.includes(p) ? 403 : 404)),
  },
  {
    op: 'POST /api/v1/cases/{caseId}/documents/{documentId}/corrections',
    request: async (_w, i) => {
      const { path, documentId } = await recordToCorrect(i);
      return { method: 'POST', path: `${path}/documents/${documentId}/corrections`, body: { kind: 'CORRECT', reason: 'Ghi sai tên người vi phạm', text: 'Tên người vi phạm là Nguyễn Văn X' } };
    },
    // The record is B1's: inspectors and team leads of the case's team; unit-wide roles see the case but may not correct it.
    expected: signedIn((p) => (OWN_TEAM.includes(p) ? 200 : UNIT_WIDE.includes(p) ? 403 : 404)),
    unchanged: async (_w, i) => expect(await papersOf(i)).toEqual(['VIOLATION_RECORD ISSUED']),
  },
  {
    op: 'POST /api/v1/cases/{caseId}/documents/not-issued/{failureSeq}/reissue',
    // No paper failed in the case: those who see it are told there is none to issue again (the workflow decides who may, from the failure named).
    request: async () => ({ method: 'POST', path: await casePath('/documents/not-issued/1/reissue') }),
    expected: staff(404),
  },
  {
    op: 'POST /api/v1/cases/{caseId}/steps/{stepId}/claim',
    request: async () => ({ method: 'POST', path: await casePath('/steps/B1/claim') }),
    expected: signedIn((p) => (OWN_TEAM.includes(p) ? 200 : UNIT_WIDE.includes(p) ? 403 : 404)),
  },
  {
    op: 'POST /api/v1/cases/{caseId}/steps/{stepId}/extension',
    request: async () => ({ method: 'POST', path: await casePath('/steps/B1/extension'), body: { amount: 1, reason: 'Cần xác minh thêm' } }),
    expected: signedIn((p) => (OWN_TEAM.includes(p) || UNIT_WIDE.includes(p) ? 422 : 404)),
  },
  {
    op: 'POST /api/v1/cases/{caseId}/steps/{stepId}/actions',
    request: async () => ({ method: 'POST', path: await casePath('/steps/B1/actions'), body: { type: 'ESCALATE', reason: 'Phức tạp' } }),
    expected: caseRead,
  },
  {
    op: 'POST /api/v1/cases/{caseId}/assignee',
    request: async () => ({ method: 'POST', path: await casePath('/assignee'), body: { assigneeId: PRINCIPALS.inspectorOwnTeam } }),
    // Giving a case to an inspector is a supervisor's (refused by role before anything else): the case's team lead or the
    // director; supervisors who do not see the case are told it does not exist.
    expected: signedIn((p) => (p === 'leadOwnTeam' || p === 'director' ? 200 : p === 'leadOtherTeam' || p === 'directorOtherUnit' ? 404 : 403)),
  },
  { op: 'POST /api/v1/cases/{caseId}/notes', request: async () => ({ method: 'POST', path: await casePath('/notes'), body: { text: 'ghi chú' } }), expected: caseRead },
  {
    op: 'POST /api/v1/cases/{caseId}/escalations/{escalationId}/resolve',
    request: async (_w, i) => {
      const { path, escalationId } = await escalatedCase(i);
      return { method: 'POST', path: `${path}/escalations/${encodeURIComponent(escalationId)}/resolve`, body: { note: 'Đã chỉ đạo' } };
    },
    // Addressed to team leads: the case's team lead or the director above them; whoever else sees the case may not; the rest are told it does not exist.
    expected: signedIn((p) => (p === 'leadOwnTeam' || p === 'director' ? 200 : [...OWN_TEAM, ...UNIT_WIDE].includes(p) ? 403 : 404)),
    unchanged: async (_w, i) => expect(await escalationOpen(i)).toBe(true),
  },
  {
    op: 'POST /api/v1/bulk-actions',
    // A step the case's procedure does not have: the run changes nothing, whoever may run it.
    request: async () => ({
      method: 'POST',
      path: '/api/v1/bulk-actions',
      body: { action: 'REASSIGN', target: { caseIds: [await openCase()] }, params: { toUserId: 'kiemsoat.an', stepIds: ['Z9'] } },
    }),
    // Reassigning is for team leads and directors (domain/bulk-actions.ts); another team's or unit's case is skipped in the report.
    expected: onlyFor(['leadOwnTeam', 'leadOtherTeam', 'director', 'directorOtherUnit'], 200),
  },
  {
    op: 'GET /api/v1/bulk-actions/{id}',
    request: async () => {
      const res = await send('leadOwnTeam', { method: 'POST', path: '/api/v1/bulk-actions', body: { action: 'ADD_NOTE', target: { caseIds: ['none/1'] }, params: { text: 'x' } } });
      expect(res.status).toBe(200);
      return { method: 'GET', path: `/api/v1/bulk-actions/${((await res.json()) as { id: string }).id}` };
    },
    // The lead who ran it and the unit's unit-wide roles; anyone else is told it does not exist.
    expected: signedIn((p) => (p === 'leadOwnTeam' || UNIT_WIDE.includes(p) ? 200 : 404)),
  },
  // The case list is scoped like case reads: a scheduler (no team, not unit-wide) gets an empty list, not a refusal.
  { op: 'GET /api/v1/cases', request: () => ({ method: 'GET', path: '/api/v1/cases?status=OPEN&limit=5' }), expected: staff(200) },
  { op: 'GET /api/v1/businesses', request: () => ({ method: 'GET', path: '/api/v1/businesses?q=pho' }), expected: staff(200) },
  // A business of this unit: every staff member of the unit reads it; another unit is told it does not exist.
  { op: 'GET /api/v1/businesses/{businessId}', request: () => ({ method: 'GET', path: `/api/v1/businesses/${businessId}` }), expected: signedIn((p) => (ofOtherUnit(p) ? 404 : 200)) },
  {
    op: 'POST /api/v1/businesses',
    // Branch tax codes of one parent, a fresh branch number per caller.
    request: (_w, i) => ({
      method: 'POST',
      path: '/api/v1/businesses',
      body: { taxCode: `0314409058-${String(100 + i)}`, name: `Chi nhánh thử ${i}`, type: 'BRANCH', address: { province: 'Ninh Bình', commune: 'Phường Hoa Lư' } },
    }),
    expected: onlyFor([...REGISTRY_WRITERS, 'directorOtherUnit', 'adminOtherUnit'], 201),
  },
  {
    op: 'PATCH /api/v1/businesses/{businessId}',
    request: () => ({ method: 'PATCH', path: `/api/v1/businesses/${businessId}`, body: { phone: '0912345678' } }),
    expected: signedIn((p) => (REGISTRY_WRITERS.includes(p) ? 200 : p === 'directorOtherUnit' || p === 'adminOtherUnit' ? 404 : 403)),
  },
  {
    op: 'POST /api/v1/businesses/import',
    request: (_w, i) => ({
      method: 'POST',
      path: '/api/v1/businesses/import',
      raw: { body: `tax_code,name,type,province,commune\n0314409058-${String(300 + i)},Chi nhánh nhập ${i},BRANCH,Ninh Bình,Phường Hoa Lư\n`, contentType: 'text/csv; charset=utf-8' },
    }),
    expected: onlyFor([...REGISTRY_WRITERS, 'directorOtherUnit', 'adminOtherUnit'], 200),
  },
  { op: 'GET /api/v1/markets', request: () => ({ method: 'GET', path: '/api/v1/markets' }), expected: staff(200) },
  { op: 'GET /api/v1/hotspots', request: () => ({ method: 'GET', path: '/api/v1/hotspots' }), expected: staff(200) },
  {
    op: 'POST /api/v1/markets',
    request: (_w, i) => ({ method: 'POST', path: '/api/v1/markets', body: { name: `Chợ thử ${i}`, kind: 'RETAIL', address: { province: 'Ninh Bình' } } }),
    expected: onlyFor([...REGISTRY_WRITERS, 'directorOtherUnit', 'adminOtherUnit'], 201),
  },
  {
    op: 'POST /api/v1/hotspots',
    request: (_w, i) => ({ method: 'POST', path: '/api/v1/hotspots', body: { name: `Điểm nóng thử ${i}`, kind: 'BORDER_TRAIL', address: { province: 'Ninh Bình' } } }),
    expected: onlyFor([...REGISTRY_WRITERS, 'directorOtherUnit', 'adminOtherUnit'], 201),
  },
  { op: 'GET /api/v1/campaigns', request: () => ({ method: 'GET', path: '/api/v1/campaigns' }), expected: onlyFor(['scheduler', 'director', 'leader', 'directorOtherUnit'], 200) },
  { op: 'GET /api/v1/campaigns/{campaignId}', request: () => ({ method: 'GET', path: `/api/v1/campaigns/${CAMPAIGN}` }), expected: campaignRead },
  { op: 'GET /api/v1/campaigns/{campaignId}/versions/{version}', request: () => ({ method: 'GET', path: `/api/v1/campaigns/${CAMPAIGN}/versions/1` }), expected: campaignRead },
  {
    op: 'PUT /api/v1/campaigns/{campaignId}/versions/{version}',
    // A new campaign per caller: only the scheduler drafts.
    request: (_w, i) => {
      const { id: _id, version: _v, ...body } = campaignDef('matrix-draft');
      return { method: 'PUT', path: `/api/v1/campaigns/matrix-draft-${i}/versions/1`, body };
    },
    expected: onlyFor(['scheduler'], 200),
    unchanged: async (_w, i) => expect(await campaignStatus(`matrix-draft-${i}`)).toBeUndefined(),
  },
  {
    op: 'POST /api/v1/campaigns/{campaignId}/versions/{version}/submit',
    request: async (_w, i) => {
      await saveCampaignDraft(database.db, UNIT, campaignDef(`matrix-submit-${i}`), 'kehoach.nga');
      return { method: 'POST', path: `/api/v1/campaigns/matrix-submit-${i}/versions/1/submit` };
    },
    expected: onlyFor(['scheduler'], 200),
    unchanged: async (_w, i) => expect(await campaignStatus(`matrix-submit-${i}`)).toBe('DRAFT'),
  },
  {
    op: 'POST /api/v1/campaigns/{campaignId}/versions/{version}/approve',
    request: async (_w, i) => ({ method: 'POST', path: `${await submittedCampaign(`matrix-approve-${i}`)}/approve`, body: {} }),
    expected: signedIn((p) => (p === 'director' ? 200 : p === 'directorOtherUnit' ? 404 : 403)),
    unchanged: async (_w, i) => expect(await campaignStatus(`matrix-approve-${i}`)).toBe('SUBMITTED'),
  },
  {
    op: 'POST /api/v1/campaigns/{campaignId}/versions/{version}/reject',
    request: async (_w, i) => ({ method: 'POST', path: `${await submittedCampaign(`matrix-reject-${i}`)}/reject`, body: { note: 'Chưa đạt' } }),
    expected: signedIn((p) => (p === 'director' ? 200 : p === 'directorOtherUnit' ? 404 : 403)),
    unchanged: async (_w, i) => expect(await campaignStatus(`matrix-reject-${i}`)).toBe('SUBMITTED'),
  },
  {
    op: 'POST /api/v1/campaigns/{campaignId}/versions/{version}/withdraw',
    // Any scheduler of the unit takes a submitted version back to draft.
    request: async (_w, i) => ({ method: 'POST', path: `${await submittedCampaign(`matrix-withdraw-${i}`)}/withdraw` }),
    expected: onlyFor(['scheduler'], 200),
    unchanged: async (_w, i) => expect(await campaignStatus(`matrix-withdraw-${i}`)).toBe('SUBMITTED'),
  },
  {
    op: 'POST /api/v1/campaigns/{campaignId}/end',
    // A fresh campaign per caller (submitted, never approved: no schedule to delete); only the director ends it.
    request: async (_w, i) => {
      await submittedCampaign(`matrix-end-${i}`);
      return { method: 'POST', path: `/api/v1/campaigns/matrix-end-${i}/end`, body: { note: 'Kết thúc kế hoạch' } };
    },
    expected: signedIn((p) => (p === 'director' ? 200 : p === 'directorOtherUnit' ? 404 : 403)),
    unchanged: async (_w, i) => expect(await campaignEnd(database.db, UNIT, `matrix-end-${i}`)).toBeUndefined(),
  },
  { op: 'POST /api/v1/campaigns/{campaignId}/pause', request: () => ({ method: 'POST', path: `/api/v1/campaigns/${CAMPAIGN}/pause`, body: { note: 'Ma trận' } }), expected: campaignOp(200) },
  { op: 'POST /api/v1/campaigns/{campaignId}/resume', request: () => ({ method: 'POST', path: `/api/v1/campaigns/${CAMPAIGN}/resume`, body: {} }), expected: campaignOp(200) },
  { op: 'POST /api/v1/campaigns/{campaignId}/trigger', request: () => ({ method: 'POST', path: `/api/v1/campaigns/${CAMPAIGN}/trigger` }), expected: campaignOp(202) },
  {
    op: 'POST /api/v1/campaigns/{campaignId}/backfill',
    request: () => ({ method: 'POST', path: `/api/v1/campaigns/${CAMPAIGN}/backfill`, body: { from: '2026-01-05', to: '2026-01-05' } }),
    expected: campaignOp(202),
  },
  { op: 'GET /api/v1/campaigns/{campaignId}/dry-run', request: () => ({ method: 'GET', path: `/api/v1/campaigns/${CAMPAIGN}/dry-run?at=2026-01-12T01:00:00Z` }), expected: campaignOp(200) },
  { op: 'GET /api/v1/campaigns/{campaignId}/runs', request: () => ({ method: 'GET', path: `/api/v1/campaigns/${CAMPAIGN}/runs` }), expected: campaignRead },
  { op: 'GET /api/v1/campaigns/{campaignId}/runs/{period}', request: () => ({ method: 'GET', path: `/api/v1/campaigns/${CAMPAIGN}/runs/20260105` }), expected: campaignRead },
  { op: 'GET /api/v1/campaigns/{campaignId}/report', request: () => ({ method: 'GET', path: `/api/v1/campaigns/${CAMPAIGN}/report` }), expected: campaignRead },
  { op: 'GET /api/v1/campaigns/{campaignId}/report.csv', request: () => ({ method: 'GET', path: `/api/v1/campaigns/${CAMPAIGN}/report.csv` }), expected: campaignRead },
  // The statistics: leaders of a unit (LEADER_VIEWER, the director) and team leads (their own team's); another unit's director reads their own unit's.
  ...(['report', 'report.csv', 'report.xlsx', 'report.pdf', 'dashboard', 'locks'] as const).map((what) => ({
    op: `GET /api/v1/statistics/${what}`,
    request: () => ({ method: 'GET', path: `/api/v1/statistics/${what}?period=MONTH&key=2026-01` }),
    expected: statRead,
  })),
  { op: 'GET /api/v1/statistics/cases', request: () => ({ method: 'GET', path: '/api/v1/statistics/cases?indicator=FINES_IMPOSED&period=YEAR&key=2025' }), expected: statRead },
  {
    op: 'POST /api/v1/statistics/locks',
    // A different ended year per call: a period is locked once.
    request: (_who: TWho, i: number) => ({ method: 'POST', path: '/api/v1/statistics/locks', body: { kind: 'YEAR', key: String(1990 + i) } }),
    expected: signedIn((p) => (['director', 'directorOtherUnit'].includes(p) ? 201 : 403)),
  },
  { op: 'GET /api/v1/inbox', request: () => ({ method: 'GET', path: '/api/v1/inbox' }), expected: staff(200) },
  { op: 'GET /api/v1/procedures', request: () => ({ method: 'GET', path: '/api/v1/procedures' }), expected: staff(200) },
  { op: 'GET /api/v1/procedures/{procedureId}/versions/{version}', request: () => ({ method: 'GET', path: '/api/v1/procedures/ins-tip/versions/1' }), expected: staff(200) },
  { op: 'GET /api/v1/procedures/{procedureId}/diff', request: () => ({ method: 'GET', path: '/api/v1/procedures/ins-tip/diff?from=1&to=1' }), expected: staff(200) },
  {
    op: 'PUT /api/v1/procedures/{procedureId}/versions/{version}',
    request: (_w, i) => ({ method: 'PUT', path: `/api/v1/procedures/ins-tip/versions/${50 + i}`, body: tipProcedure(50 + i) }),
    expected: onlyFor(NATIONAL, 200),
    unchanged: async (_w, i) =>
      expect(
        await database.db
          .selectFrom('procedure_version')
          .select('version')
          .where('procedure_id', '=', 'ins-tip')
          .where('version', '=', 50 + i)
          .executeTakeFirst(),
      ).toBeUndefined(),
  },
  { op: 'POST /api/v1/procedures/validate', request: () => ({ method: 'POST', path: '/api/v1/procedures/validate', body: tipProcedure(9) }), expected: onlyFor([...ADMINS, ...NATIONAL], 200) },
  {
    op: 'POST /api/v1/procedures/{procedureId}/versions/{version}/publish',
    request: async (_w, i) => {
      await saveDraft(database.db, tipProcedure(100 + i), 'test');
      return { method: 'POST', path: `/api/v1/procedures/ins-tip/versions/${100 + i}/publish` };
    },
    expected: onlyFor(NATIONAL, 200),
    unchanged: async (_w, i) => expect(await draftStatus(100 + i)).toBe('DRAFT'),
  },
  {
    op: 'POST /api/v1/procedures/{procedureId}/versions/{version}/retire',
    request: async (_w, i) => {
      await saveDraft(database.db, tipProcedure(200 + i), 'test');
      await publish(database.db, 'ins-tip', 200 + i, 'test');
      return { method: 'POST', path: `/api/v1/procedures/ins-tip/versions/${200 + i}/retire` };
    },
    expected: onlyFor(NATIONAL, 200),
    unchanged: async (_w, i) => expect(await draftStatus(200 + i)).toBe('PUBLISHED'),
  },
  {
    op: 'POST /api/v1/cases/{caseId}/migrate',
    request: async () => ({ method: 'POST', path: await casePath('/migrate'), body: { toVersion: 1, dryRun: true } }),
    // Directors and admins of the unit; the other unit's director and admin do not see the case.
    expected: signedIn((p) => (p === 'director' || p === 'admin' ? 200 : p === 'directorOtherUnit' || p === 'adminOtherUnit' ? 404 : 403)),
  },
  {
    op: 'POST /api/v1/tokens',
    request: () => ({ method: 'POST', path: '/api/v1/tokens', body: { name: 'Cổng dịch vụ công', userId: INTEGRATION, scopes: ['cases:read'] } }),
    // The other unit's admin may not mint a token for an account of this unit: "no such user in your unit".
    expected: signedIn((p) => (p === 'admin' ? 201 : p === 'adminOtherUnit' ? 400 : 403)),
  },
  { op: 'GET /api/v1/tokens', request: () => ({ method: 'GET', path: '/api/v1/tokens' }), expected: onlyFor(ADMINS, 200) },
  {
    op: 'DELETE /api/v1/tokens/{id}',
    request: async () => {
      const t = await createApiToken(database.db, { name: 'x', userId: INTEGRATION, scopes: ['cases:read'], createdBy: 'quantri.minh' });
      return { method: 'DELETE', path: `/api/v1/tokens/${t.id}` };
    },
    expected: signedIn((p) => (p === 'admin' ? 204 : p === 'adminOtherUnit' ? 404 : 403)),
  },
  {
    op: 'PUT /api/v1/legal-parameters/{key}/{effectiveFrom}',
    request: () => ({
      method: 'PUT',
      path: '/api/v1/legal-parameters/matrixTestParam/2026-01-01',
      body: { value: 5, unit: 'working_days', descriptionVi: 'Tham số thử', legalBasis: 'Thử nghiệm', confidence: 'U', toConfirm: true },
    }),
    expected: onlyFor(NATIONAL, 200),
  },
  {
    op: 'PUT /api/v1/violations/{code}',
    request: () => ({
      method: 'PUT',
      path: `/api/v1/violations/${encodeURIComponent('ND98/2020:99.1.a')}`,
      body: {
        code: 'ND98/2020:99.1.a',
        decree: 'Thử nghiệm',
        article: 99,
        clause: 1,
        point: 'a',
        descriptionVi: 'Hành vi thử',
        bracket: { min: 100_000, max: 200_000 },
        baseSubject: 'individual',
        warningPossible: false,
        additionalSanctions: [],
        remedialMeasures: [],
        limitationYears: 1,
        effectiveFrom: '2026-01-01',
        confidence: 'U',
        toConfirm: true,
      },
    }),
    expected: onlyFor(NATIONAL, 200),
  },
  // The papers' templates (docs/adr/0157): read by every signed-in user, changed by a national administrator only.
  { op: 'GET /api/v1/document-templates', request: () => ({ method: 'GET', path: '/api/v1/document-templates' }), expected: staff(200) },
  {
    op: 'GET /api/v1/document-templates/{type}/versions/{version}',
    request: () => ({ method: 'GET', path: '/api/v1/document-templates/SANCTION_DECISION/versions/1' }),
    expected: staff(200),
  },
  {
    op: 'PUT /api/v1/document-templates/{type}/versions/{version}',
    request: () => ({ method: 'PUT', path: '/api/v1/document-templates/INSPECTION_RECORD/versions/50', body: matrixTemplate(50) }),
    expected: onlyFor(NATIONAL, 200),
    // Only the national administrator's own call (if it came first) wrote it.
    unchanged: async () => expect([undefined, 'quocgia.thu']).toContain(await templateEditor(50)),
  },
  {
    op: 'POST /api/v1/document-templates/{type}/versions/{version}/publish',
    request: async (_who, i) => {
      await saveTemplateDraft(database.db, matrixTemplate(100 + i), 'quocgia.thu');
      return { method: 'POST', path: `/api/v1/document-templates/INSPECTION_RECORD/versions/${100 + i}/publish` };
    },
    expected: onlyFor(NATIONAL, 200),
    unchanged: async (_who, i) => expect(await templateStatus(100 + i)).toBe('DRAFT'),
  },
  {
    op: 'POST /api/v1/document-templates/{type}/versions/{version}/preview',
    request: () => ({ method: 'POST', path: '/api/v1/document-templates/SANCTION_DECISION/versions/1/preview' }),
    expected: onlyFor(NATIONAL, 200),
  },
  // Delegations of sanctioning power (docs/adr/0197): read by the unit's admin and heads; recorded and
  // revoked by the admin or by the head who made the decision; another unit's admin does not find it.
  {
    op: 'GET /api/v1/delegations',
    request: () => ({ method: 'GET', path: '/api/v1/delegations' }),
    expected: onlyFor(['admin', 'adminOtherUnit', 'director', 'directorOtherUnit', 'leadOwnTeam', 'leadOtherTeam'], 200),
  },
  {
    op: 'POST /api/v1/delegations',
    request: () => ({ method: 'POST', path: '/api/v1/delegations', body: delegationBody() }),
    // Another unit's admin may record, but not for a head of this unit: 400 at grantorId.
    expected: signedIn((p) => (p === 'admin' || p === 'director' ? 201 : p === 'adminOtherUnit' ? 400 : 403)),
    unchanged: async (who) => expect(who === 'anonymous' ? [] : await database.db.selectFrom('sanction_delegation').select('id').where('created_by', '=', PRINCIPALS[who]).execute()).toEqual([]),
  },
  {
    op: 'POST /api/v1/delegations/{delegationId}/revoke',
    request: async () => ({ method: 'POST', path: `/api/v1/delegations/${await matrixDelegation()}/revoke`, body: { from: '2099-01-01', reason: 'Thử' } }),
    expected: signedIn((p) => (p === 'admin' || p === 'director' ? 200 : p === 'adminOtherUnit' || p === 'directorOtherUnit' ? 404 : 403)),
    unchanged: async () =>
      expect(
        await database.db
          .selectFrom('sanction_delegation')
          .select('id')
          .where('revoked_from', 'is not', null)
          .where('revoked_by', '<>', 'quantri.minh')
          .where('revoked_by', '<>', 'chicuctruong.hai')
          .execute(),
      ).toEqual([]),
  },
  // A unit's agency lines (docs/adr/0158): its own ADMIN's only; another unit's admin and the national administrator are refused.
  { op: 'GET /api/v1/units/{unitId}/agency', request: () => ({ method: 'GET', path: `/api/v1/units/${UNIT}/agency` }), expected: onlyFor(['admin'], 200) },
  {
    op: 'PUT /api/v1/units/{unitId}/agency',
    request: (who) => ({
      method: 'PUT',
      path: `/api/v1/units/${UNIT}/agency`,
      body: { validFrom: '2099-12-31', parentAgency: 'Sở Công Thương tỉnh Ninh Bình', agency: `Ma trận ${who}`, headTitle: 'Chi cục trưởng', place: 'Ninh Bình' },
    }),
    expected: onlyFor(['admin'], 200),
    unchanged: async (who) =>
      expect(
        await database.db
          .selectFrom('unit_agency')
          .select('agency')
          .where('agency', '=', `MA TRẬN ${who.toLocaleUpperCase('vi-VN')}`)
          .executeTakeFirst(),
      ).toBeUndefined(),
  },
  {
    op: 'PUT /api/v1/calendar/days/{date}',
    request: () => ({ method: 'PUT', path: '/api/v1/calendar/days/2030-05-05', body: { isWorkingDay: true, reason: 'Ngày làm việc thử', status: 'ANNOUNCED', source: 'Thử nghiệm' } }),
    expected: onlyFor(NATIONAL, 200),
  },
  { op: 'GET /api/v1/users', request: () => ({ method: 'GET', path: '/api/v1/users' }), expected: onlyFor(ADMINS, 200) },
  {
    op: 'POST /api/v1/users',
    request: (_w, i) => ({
      method: 'POST',
      path: '/api/v1/users',
      body: { username: `nguoidung.${i}.${randomUUID().slice(0, 4)}`, displayName: 'Người dùng thử', password: 'mat-khau-rat-dai-1', roles: ['INSPECTOR'] },
    }),
    expected: onlyFor(ADMINS, 201),
  },
  {
    op: 'PATCH /api/v1/users/{id}',
    request: () => ({ method: 'PATCH', path: '/api/v1/users/spare.inspector', body: { active: true } }),
    // A user of this unit: the other unit's admin is told it does not exist.
    expected: signedIn((p) => (p === 'admin' ? 200 : p === 'adminOtherUnit' ? 404 : 403)),
  },
  // Colleagues of one's own unit (names and roles, for assigning work).
  {
    op: 'POST /api/v1/integrations',
    request: (_w, i) => ({
      method: 'POST',
      path: '/api/v1/integrations',
      body: { username: `tich-hop.${i}.${randomUUID().slice(0, 4)}`, displayName: 'Tích hợp thử', roles: ['INSPECTOR'], teamId: null },
    }),
    expected: onlyFor(ADMINS, 201),
  },
  {
    op: 'POST /api/v1/users/{id}/role-requests',
    request: async (_w, i) => ({ method: 'POST', path: `/api/v1/users/${await spareUser('ask', i)}/role-requests`, body: { roles: ['INSPECTOR', 'SCHEDULER'], reason: 'Thử' } }),
    // The other unit's admin is told there is no such user.
    expected: signedIn((p) => (p === 'admin' ? 201 : p === 'adminOtherUnit' ? 404 : 403)),
    unchanged: async (_w, i) => expect(await database.db.selectFrom('role_change_request').select('id').where('user_id', '=', `spare.ask${i}`).execute()).toEqual([]),
  },
  { op: 'GET /api/v1/role-requests', request: () => ({ method: 'GET', path: '/api/v1/role-requests?status=PENDING' }), expected: onlyFor(ADMINS, 200) },
  {
    op: 'POST /api/v1/role-requests/{id}/approve',
    // Asked by the unit's second admin, so that the first may approve it.
    request: async (_w, i) => ({ method: 'POST', path: `/api/v1/role-requests/${await pendingRoleRequest('approve', i)}/approve` }),
    expected: signedIn((p) => (p === 'admin' ? 200 : p === 'adminOtherUnit' ? 404 : 403)),
  },
  {
    op: 'POST /api/v1/role-requests/{id}/reject',
    request: async (_w, i) => ({ method: 'POST', path: `/api/v1/role-requests/${await pendingRoleRequest('reject', i)}/reject` }),
    expected: signedIn((p) => (p === 'admin' ? 200 : p === 'adminOtherUnit' ? 404 : 403)),
  },
  { op: 'GET /api/v1/staff', request: () => ({ method: 'GET', path: '/api/v1/staff' }), expected: staff(200) },
  { op: 'GET /api/v1/teams', request: () => ({ method: 'GET', path: '/api/v1/teams' }), expected: staff(200) },
  {
    op: 'POST /api/v1/teams',
    request: (_w, i) => ({ method: 'POST', path: '/api/v1/teams', body: { id: `doi-thu-${i}-${randomUUID().slice(0, 4)}`, name: 'Đội thử' } }),
    expected: onlyFor(ADMINS, 201),
  },
  { op: 'GET /api/v1/escalations', request: () => ({ method: 'GET', path: '/api/v1/escalations' }), expected: staff(200) },
  // Notifications: everyone's own (api/routes/notifications.ts); someone else's, or none, is not found.
  { op: 'GET /api/v1/notifications', request: () => ({ method: 'GET', path: '/api/v1/notifications' }), expected: staff(200) },
  { op: 'POST /api/v1/notifications/{id}/read', request: () => ({ method: 'POST', path: '/api/v1/notifications/999999999/read' }), expected: staff(404) },
  { op: 'POST /api/v1/notifications/read-all', request: () => ({ method: 'POST', path: '/api/v1/notifications/read-all' }), expected: staff(200) },
  { op: 'GET /api/v1/me/notification-preferences', request: () => ({ method: 'GET', path: '/api/v1/me/notification-preferences' }), expected: staff(200) },
  {
    op: 'PUT /api/v1/me/notification-preferences',
    request: () => ({
      method: 'PUT',
      path: '/api/v1/me/notification-preferences',
      body: {
        emailAddress: 'someone@qltt.example',
        email: { STEP_ASSIGNED: true, CASE_ASSIGNED: true, DEADLINE_DUE_SOON: true, DEADLINE_BREACHED: true, INSTRUCTION: true, APPROVAL_WAITING: false },
        digest: true,
      },
    }),
    expected: staff(200),
  },
  // The supervisor console (api/routes/supervision.ts CONSOLE_ROLES), each reading its own scope.
  { op: 'GET /api/v1/supervision/activity', request: () => ({ method: 'GET', path: '/api/v1/supervision/activity' }), expected: onlyFor(CONSOLE, 200) },
  { op: 'GET /api/v1/supervision/workload', request: () => ({ method: 'GET', path: '/api/v1/supervision/workload' }), expected: onlyFor(CONSOLE, 200) },
  {
    op: 'GET /api/v1/audit/requests',
    request: () => ({ method: 'GET', path: '/api/v1/audit/requests' }),
    expected: onlyFor(['director', 'legal', 'admin', 'directorOtherUnit', 'adminOtherUnit'], 200),
  },
  {
    op: 'POST /api/v1/evidence',
    request: (_w, i) => ({
      method: 'POST',
      path: '/api/v1/evidence',
      raw: { body: `%PDF-1.4 evidence ${i} ${randomUUID()}`, contentType: 'application/pdf', headers: { 'x-file-name': 'bien-ban.pdf' } },
    }),
    expected: onlyFor(COLLECTORS, 201),
  },
  {
    op: 'GET /api/v1/evidence/{sha256}',
    request: () => ({ method: 'GET', path: `/api/v1/evidence/${evidenceSha}` }),
    // Evidence belongs to its unit.
    expected: signedIn((p) => (ofOtherUnit(p) ? 404 : 200)),
  },
  // Resuming, so that the catch-up query runs for every caller too (a scheduler has no team).
  // Resumable uploads: started by evidence collectors; an upload is its creator's alone (others: 404).
  {
    op: 'POST /api/v1/evidence/uploads',
    request: () => ({ method: 'POST', path: '/api/v1/evidence/uploads', body: uploadDeclaration(`%PDF-1.4 ${randomUUID()}`) }),
    expected: onlyFor(COLLECTORS, 201),
  },
  { op: 'GET /api/v1/evidence/uploads/{id}', request: async () => ({ method: 'GET', path: `/api/v1/evidence/uploads/${(await startUpload()).id}` }), expected: ownUpload(200) },
  {
    op: 'PATCH /api/v1/evidence/uploads/{id}',
    request: async () => {
      const u = await startUpload();
      return {
        method: 'PATCH',
        path: `/api/v1/evidence/uploads/${u.id}`,
        raw: { body: u.content, contentType: 'application/offset+octet-stream', headers: { 'upload-offset': '0', 'content-length': String(Buffer.byteLength(u.content)) } },
      };
    },
    expected: ownUpload(200),
  },
  {
    op: 'POST /api/v1/evidence/uploads/{id}/finalize',
    request: async () => {
      const u = await startUpload();
      const chunk = await send('inspectorOwnTeam', {
        method: 'PATCH',
        path: `/api/v1/evidence/uploads/${u.id}`,
        raw: { body: u.content, contentType: 'application/offset+octet-stream', headers: { 'upload-offset': '0', 'content-length': String(Buffer.byteLength(u.content)) } },
      });
      expect(chunk.status).toBe(200);
      return { method: 'POST', path: `/api/v1/evidence/uploads/${u.id}/finalize` };
    },
    expected: ownUpload(201),
  },
  { op: 'DELETE /api/v1/evidence/uploads/{id}', request: async () => ({ method: 'DELETE', path: `/api/v1/evidence/uploads/${(await startUpload()).id}` }), expected: ownUpload(204) },
  { op: 'GET /api/v1/events', request: () => ({ method: 'GET', path: '/api/v1/events?lastEventId=1' }), expected: staff(200) },
  // Last: signing out ends the caller's session (a fresh one, signed in for the purpose).
  { op: 'POST /api/v1/auth/logout', request: () => ({ method: 'POST', path: '/api/v1/auth/logout' }), expected: all(204) },
];

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, UNIT);
  await createUnit(database.db, { id: OTHER, name: 'Chi cục QLTT thành phố Hà Nội', province: 'Hà Nội' });
  await createTeam(database.db, { id: `${OTHER}-doi-1`, unitId: OTHER, name: 'Đội QLTT số 1' });
  await createUser(database.db, { id: 'hn.chicuctruong', username: 'hn.chicuctruong', displayName: 'x', password: DEMO_PASSWORD, roles: ['DIRECTOR'], unitId: OTHER });
  await createUser(database.db, { id: 'hn.kiemsoat', username: 'hn.kiemsoat', displayName: 'x', password: DEMO_PASSWORD, roles: ['INSPECTOR'], unitId: OTHER, teamId: `${OTHER}-doi-1` });
  await createUser(database.db, { id: 'hn.quantri', username: 'hn.quantri', displayName: 'x', password: DEMO_PASSWORD, roles: ['ADMIN'], unitId: OTHER });
  await createUser(database.db, { id: 'spare.inspector', username: 'spare.inspector', displayName: 'x', password: DEMO_PASSWORD, roles: ['INSPECTOR'], unitId: UNIT, teamId: `${UNIT}-doi-1` });
  await createUser(database.db, { id: 'spare.deputy', username: 'spare.deputy', displayName: 'Phó Chi cục trưởng', password: DEMO_PASSWORD, roles: ['DIRECTOR'], unitId: UNIT, deputy: true });
  await createIntegrationAccount(database.db, { id: INTEGRATION, displayName: 'Cổng dịch vụ công', roles: ['INSPECTOR'], unitId: UNIT, teamId: null });
  temporal = await startTestWorker({ db: database.db });
  await saveCampaignDraft(database.db, UNIT, campaignDef(CAMPAIGN), 'kehoach.nga');
  await submitCampaign(database.db, UNIT, CAMPAIGN, 1, 'kehoach.nga');
  await decideCampaign(database.db, UNIT, CAMPAIGN, 1, 'chicuctruong.hai', { approve: true }, (v) =>
    upsertCampaignSchedule(temporal.client, temporal.taskQueue, UNIT, v.definition).then(() => undefined),
  );
  await planCampaignRun(database.db, { unitId: UNIT, campaignId: CAMPAIGN, version: 1, scheduledAt: new Date('2026-01-05T01:00:00Z'), workflowId: 'matrix' });
  evidenceDir = await mkdtemp(path.join(os.tmpdir(), 'ins-matrix-evidence-'));
  hub = new CaseEventHub(database.url);
  await hub.start();
  // Every caller comes from one address: the public lookup's limit per address (shared by its routes) and the tips' are lifted.
  ({ app, close } = await createTestApp(database.db, {
    taskQueue: temporal.taskQueue,
    events: hub,
    evidence: { store: new DiskEvidenceStore(evidenceDir), maxBytes: 1_000_000 },
    publicTips: { difficulty: TIP_DIFFICULTY, perAddress: 10_000, trackPerAddress: 10_000 },
    publicLookup: { perAddress: 10_000, perCode: 10_000 },
  }));
  for (const [p, username] of Object.entries(PRINCIPALS)) sessions.set(p as TPrincipal, await signIn(app, username));
  const up = await send('inspectorOwnTeam', {
    method: 'POST',
    path: '/api/v1/evidence',
    raw: { body: '%PDF-1.4 biên bản hiện trường', contentType: 'application/pdf', headers: { 'x-file-name': 'hien-truong.pdf' } },
  });
  expect(up.status).toBe(201);
  businessId = (await database.db.selectFrom('business').select('id').where('unit_id', '=', UNIT).orderBy('id').executeTakeFirstOrThrow()).id;
  evidenceSha = ((await up.json()) as { sha256: string }).sha256;
});
afterAll(async () => {
  if (temporal) for await (const s of temporal.client.schedule.list()) if (s.scheduleId.startsWith(`campaign/${UNIT}/`)) await temporal.client.schedule.getHandle(s.scheduleId).delete();
  await hub?.stop();
  await close?.();
  await temporal?.shutdown();
  await database?.drop();
  if (evidenceDir) await rm(evidenceDir, { recursive: true, force: true });
});

describe('authorization over every route', () => {
  it('has a row for every operation of the OpenAPI document, and none for an operation that does not exist', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect([...ROWS.map((r) => r.op)].sort()).toEqual([...documented].sort());
  });

  it.each(ROWS.map((r) => [r.op, r] as const))('%s answers each caller as expected', async (_op, row) => {
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const [i, who] of EVERYONE.entries()) {
      // Sign-out ends the session it is sent with: use a fresh one so the others stay valid.
      const saved = sessions.get(who as TPrincipal);
      if (row.op === 'POST /api/v1/auth/logout' && who !== 'anonymous') sessions.set(who, await signIn(app, PRINCIPALS[who]));
      const res = await send(who, await row.request(who, i));
      got[who] = res.status;
      want[who] = row.expected(who);
      if (res.headers.get('content-type')?.includes('text/event-stream')) await res.body?.cancel();
      else await res.arrayBuffer();
      if (res.status >= 400 && row.unchanged) await row.unchanged(who, i);
      if (saved) sessions.set(who as TPrincipal, saved);
    }
    expect(got).toEqual(want);
  });
});

/**
 * Where a refusal depends on what was sent, not on who sent it, an invalid request gets its 400
 * first: a wrong password (sign-in, password change), the roles of a case's step and of an
 * escalation (the workflow decides them from the step or the escalation the request names).
 */
const DECIDED_BY_THE_REQUEST: Record<string, (who: TWho) => boolean> = {
  'POST /api/v1/auth/login': () => true,
  'POST /api/v1/auth/password': (who) => who !== 'anonymous',
  'POST /api/v1/cases/{caseId}/steps/{stepId}/complete': (who) => who !== 'anonymous',
  // Who may draft a paper and who may correct one depend on the step the request names and on the paper's step.
  'POST /api/v1/cases/{caseId}/steps/{stepId}/documents/{type}/preview': (who) => who !== 'anonymous',
  'POST /api/v1/cases/{caseId}/documents/{documentId}/corrections': (who) => who !== 'anonymous',
  'POST /api/v1/cases/{caseId}/documents/not-issued/{failureSeq}/reissue': (who) => who !== 'anonymous',
  // The workflow decides who resolves an escalation from the escalation the request names (the role it is addressed to).
  'POST /api/v1/cases/{caseId}/escalations/{escalationId}/resolve': (who) => who !== 'anonymous',
  // Which bulk action a caller may run depends on the action the body names.
  'POST /api/v1/bulk-actions': (who) => who !== 'anonymous',
  // A head records and revokes his or her own delegations only: the grantor the body names, or the delegation's.
  'POST /api/v1/delegations': (who) => who.startsWith('lead') || who.startsWith('director'),
  'POST /api/v1/delegations/{delegationId}/revoke': (who) => who.startsWith('lead') || who.startsWith('director'),
};

/** The same request made invalid everywhere the caller controls: each query value, and a JSON body that is neither UTF-8 nor JSON and holds a NUL. */
function broken(r: TRequest): TRequest {
  const [pathname, query] = r.path.split('?');
  const path = query === undefined ? r.path : `${pathname}?${[...new URLSearchParams(query).keys()].map((k) => `${k}=%00no`).join('&')}`;
  if (r.body === undefined) return { ...r, path };
  const body = Buffer.concat([Buffer.from('{"broken": "\\u0000'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('", [')]);
  return { method: r.method, path, raw: { body, contentType: 'application/json' } };
}

describe('authorization before validation', () => {
  it.each(ROWS.map((r) => [r.op, r] as const))('%s refuses a caller it does not admit with the same 401 or 403 when the request is invalid too', async (_op, row) => {
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const [n, who] of EVERYONE.entries()) {
      const expected = row.expected(who);
      if ((expected !== 401 && expected !== 403) || DECIDED_BY_THE_REQUEST[row.op]?.(who)) continue;
      // Callers' objects of their own, apart from those of the test above.
      const i = n + 500;
      const res = await send(who, broken(await row.request(who, i)));
      got[who] = res.status;
      want[who] = expected;
      await res.arrayBuffer();
      if (row.unchanged) await row.unchanged(who, i);
    }
    expect(got).toEqual(want);
  });

  it('answers an inspector’s or a unit admin’s calendar change with a wrong date and body 403, and anonymous 401, never the schema', async () => {
    for (const [who, status] of [
      ['inspectorOwnTeam', 403],
      ['adminOtherUnit', 403],
      ['anonymous', 401],
    ] as const) {
      const res = await send(who, { method: 'PUT', path: '/api/v1/calendar/days/not-a-date', body: { isWorkingDay: 'maybe' } });
      const body = (await res.json()) as { error: { code: string; message: string; details?: unknown } };
      expect([res.status, body.error.code]).toEqual([status, status === 403 ? 'FORBIDDEN' : 'UNAUTHENTICATED']);
      // National configuration, and who changes it: never the schema.
      expect(body.error.details).toEqual(status === 403 ? { reason: 'NATIONAL_CONFIGURATION', configuration: 'CALENDAR', editableBy: 'NATIONAL_ADMIN' } : undefined);
      expect(body.error.message).not.toMatch(/isWorkingDay|reason|source/);
    }
  });
});
