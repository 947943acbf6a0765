/**
 * The unit's public site pages (docs/adr/0137-unit-public-site.md): each page has versions — at most
 * one DRAFT (what the admin edits, never public) and one PUBLISHED (what the public reads); publishing
 * the draft supersedes the published one. Every query is scoped to a unit: another unit's page is
 * not found.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { foldVietnamese } from '../../domain/business.js';
import type { TSitePageKind } from '../../domain/site-content.js';
import type { Database } from '../schema.js';

type Q = Kysely<Database> | Transaction<Database>;

/** A page's text in both languages. */
export interface TSiteContent {
  title: { vi: string; en: string };
  body: { vi: string; en: string };
}

/** One version of a page, with who wrote it and who published it. */
interface TSitePageVersion extends TSiteContent {
  version: number;
  status: 'DRAFT' | 'PUBLISHED' | 'SUPERSEDED';
  editedBy: string;
  editedAt: Date;
  published?: { by: string; at: Date } | undefined;
}

export interface TSitePage {
  id: string;
  unitId: string;
  kind: TSitePageKind;
  draft?: TSitePageVersion | undefined;
  published?: TSitePageVersion | undefined;
}

function versionsOf(db: Q, unitId: string) {
  return db
    .selectFrom('site_page_version as v')
    .innerJoin('site_page as p', 'p.id', 'v.page_id')
    .leftJoin('app_user as e', 'e.id', 'v.edited_by')
    .leftJoin('app_user as b', 'b.id', 'v.published_by')
    .select([
      'p.id',
      'p.unit_id',
      'p.kind',
      'p.created_at',
      'v.version',
      'v.status',
      'v.title_vi',
      'v.title_en',
      'v.body_vi',
      'v.body_en',
      'v.edited_at',
      'v.published_at',
      'e.display_name as edited_by',
      'b.display_name as published_by',
    ])
    .where('p.unit_id', '=', unitId)
    .where('v.status', 'in', ['DRAFT', 'PUBLISHED']);
}

type TVersionRow = Awaited<ReturnType<ReturnType<typeof versionsOf>['execute']>>[number];

function toVersion(r: TVersionRow): TSitePageVersion {
  return {
    version: r.version,
    status: r.status,
    title: { vi: r.title_vi, en: r.title_en },
    body: { vi: r.body_vi, en: r.body_en },
    editedBy: r.edited_by ?? '',
    editedAt: r.edited_at,
    ...(r.published_at ? { published: { by: r.published_by ?? '', at: r.published_at } } : {}),
  };
}

function group(rows: TVersionRow[]): TSitePage[] {
  const pages = new Map<string, TSitePage>();
  for (const r of rows) {
    const page = pages.get(r.id) ?? { id: r.id, unitId: r.unit_id, kind: r.kind };
    if (r.status === 'DRAFT') page.draft = toVersion(r);
    else page.published = toVersion(r);
    pages.set(r.id, page);
  }
  return [...pages.values()];
}

/** The unit's pages, drafts and published versions, the last created first (for the admin). */
export async function listSitePages(db: Q, unitId: string): Promise<TSitePage[]> {
  return group(await versionsOf(db, unitId).orderBy('p.created_at', 'desc').orderBy('p.id').execute());
}

/** One page of the unit, or undefined (another unit's page is not found either). */
export async function getSitePage(db: Q, unitId: string, pageId: string): Promise<TSitePage | undefined> {
  return group(await versionsOf(db, unitId).where('p.id', '=', pageId).execute())[0];
}

/** A readable id, unique: the folded title and a few random characters (`lich-cong-tac-tuan-49-3fa2`). */
function pageId(title: string): string {
  const slug = foldVietnamese(title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'trang'}-${randomBytes(3).toString('hex')}`;
}

/** A new page with its first version, a draft. */
export async function createSitePage(db: Kysely<Database>, unitId: string, kind: TSitePageKind, content: TSiteContent, by: string): Promise<TSitePage> {
  const id = pageId(content.title.vi);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('site_page').values({ id, unit_id: unitId, kind, created_by: by }).execute();
    await trx
      .insertInto('site_page_version')
      .values({
        page_id: id,
        version: 1,
        status: 'DRAFT',
        title_vi: content.title.vi,
        title_en: content.title.en,
        body_vi: content.body.vi,
        body_en: content.body.en,
        edited_by: by,
        edited_at: new Date(),
      })
      .execute();
  });
  return (await getSitePage(db, unitId, id))!;
}

/**
 * Saves the page's draft: the draft there is, changed; or a new one (the next version) when the page
 * has none — the published version stays public until the draft is published. Undefined when the
 * unit has no such page.
 */
export async function saveSiteDraft(db: Kysely<Database>, unitId: string, id: string, content: TSiteContent, by: string): Promise<TSitePage | undefined> {
  const found = await db.transaction().execute(async (trx) => {
    const page = await trx.selectFrom('site_page').select('id').where('id', '=', id).where('unit_id', '=', unitId).forUpdate().executeTakeFirst();
    if (!page) return false;
    const text = { title_vi: content.title.vi, title_en: content.title.en, body_vi: content.body.vi, body_en: content.body.en, edited_by: by, edited_at: new Date() };
    const updated = await trx.updateTable('site_page_version').set(text).where('page_id', '=', id).where('status', '=', 'DRAFT').executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      const last = await trx
        .selectFrom('site_page_version')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('page_id', '=', id)
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('site_page_version')
        .values({ page_id: id, version: Number(last.v ?? 0) + 1, status: 'DRAFT', ...text })
        .execute();
    }
    return true;
  });
  return found ? getSitePage(db, unitId, id) : undefined;
}

/** Why a draft was not published. */
export type TPublishRefusal = 'NOT_FOUND' | 'NO_DRAFT' | 'STALE_VERSION';

/**
 * Publishes the page's draft if it is the version the admin saw (`version`): the published version
 * becomes SUPERSEDED, the draft PUBLISHED, with who and when.
 */
export async function publishSiteDraft(db: Kysely<Database>, unitId: string, id: string, version: number, by: string): Promise<TSitePage | TPublishRefusal> {
  const outcome = await db.transaction().execute(async (trx): Promise<TPublishRefusal | undefined> => {
    const page = await trx.selectFrom('site_page').select('id').where('id', '=', id).where('unit_id', '=', unitId).forUpdate().executeTakeFirst();
    if (!page) return 'NOT_FOUND';
    const draft = await trx.selectFrom('site_page_version').select('version').where('page_id', '=', id).where('status', '=', 'DRAFT').executeTakeFirst();
    if (!draft) return 'NO_DRAFT';
    if (draft.version !== version) return 'STALE_VERSION';
    await trx.updateTable('site_page_version').set({ status: 'SUPERSEDED' }).where('page_id', '=', id).where('status', '=', 'PUBLISHED').execute();
    await trx.updateTable('site_page_version').set({ status: 'PUBLISHED', published_by: by, published_at: new Date() }).where('page_id', '=', id).where('version', '=', version).execute();
    return undefined;
  });
  return outcome ?? (await getSitePage(db, unitId, id))!;
}

/** The unit's published pages (title, kind, when), the last published first: the public site's index. */
export async function publishedSitePages(db: Q, unitId: string): Promise<{ id: string; kind: TSitePageKind; title: { vi: string; en: string }; publishedAt: Date }[]> {
  const rows = await db
    .selectFrom('site_page_version as v')
    .innerJoin('site_page as p', 'p.id', 'v.page_id')
    .select(['p.id', 'p.kind', 'v.title_vi', 'v.title_en', 'v.published_at'])
    .where('p.unit_id', '=', unitId)
    .where('v.status', '=', 'PUBLISHED')
    .orderBy('v.published_at', 'desc')
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, title: { vi: r.title_vi, en: r.title_en }, publishedAt: r.published_at! }));
}

/** A published page of the unit, or undefined (a page with a draft only is not public). */
export async function publishedSitePage(db: Q, unitId: string, id: string): Promise<{ id: string; kind: TSitePageKind; content: TSiteContent; publishedAt: Date } | undefined> {
  const r = await db
    .selectFrom('site_page_version as v')
    .innerJoin('site_page as p', 'p.id', 'v.page_id')
    .select(['p.id', 'p.kind', 'v.title_vi', 'v.title_en', 'v.body_vi', 'v.body_en', 'v.published_at'])
    .where('p.unit_id', '=', unitId)
    .where('p.id', '=', id)
    .where('v.status', '=', 'PUBLISHED')
    .executeTakeFirst();
  return r ? { id: r.id, kind: r.kind, content: { title: { vi: r.title_vi, en: r.title_en }, body: { vi: r.body_vi, en: r.body_en } }, publishedAt: r.published_at! } : undefined;
}

/** A unit of the public site: the national department or a provincial one, by its code (its id). */
export async function publicUnit(db: Q, unitId: string): Promise<{ id: string; name: string; province: string; level: string } | undefined> {
  return db.selectFrom('unit').select(['id', 'name', 'province', 'level']).where('id', '=', unitId).executeTakeFirst();
}

/** Every unit, national first (NATIONAL sorts before PROVINCIAL), for the public site's index. */
export async function publicUnits(db: Q): Promise<{ id: string; name: string; province: string }[]> {
  return db.selectFrom('unit').select(['id', 'name', 'province']).orderBy('level').orderBy('name').execute();
}

/** What the public site shows of an approved inspection plan: never its targets, teams, quotas or runs. */
export interface TPublishedCampaign {
  title: string;
  kind: 'ROUTINE' | 'THEMED';
  theme: string;
  legalBasis: string;
  period: { from: string; to: string };
  sectors: string[];
  productGroups: string[];
  areas: string[];
  ended: boolean;
}

/**
 * The unit's approved inspection plans (the version in force of each campaign), the latest period
 * first: title, kind, theme, legal basis, period, sectors, product groups, areas — the parts a plan
 * may publish (docs/adr/0137); whether the director ended it.
 */
export async function publishedCampaigns(db: Q, unitId: string): Promise<TPublishedCampaign[]> {
  const rows = await db
    .selectFrom('campaign_version as v')
    .leftJoin('campaign_end as e', 'e.campaign_id', 'v.campaign_id')
    .select(['v.definition', 'e.ended_at'])
    .where('v.unit_id', '=', unitId)
    .where('v.status', '=', 'APPROVED')
    .execute();
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return rows
    .map((r) => {
      const d = (typeof r.definition === 'string' ? JSON.parse(r.definition) : r.definition) as Record<string, unknown>;
      const targets = (d.targets ?? {}) as Record<string, unknown>;
      const window = (d.planWindow ?? {}) as { from?: string; to?: string };
      return {
        title: String(d.title ?? ''),
        kind: d.kind === 'ROUTINE' ? ('ROUTINE' as const) : ('THEMED' as const),
        theme: String(d.theme ?? ''),
        legalBasis: String(d.legalBasis ?? ''),
        period: { from: String(window.from ?? ''), to: String(window.to ?? '') },
        sectors: list(targets.sectors),
        productGroups: list(targets.productGroups),
        areas: list(targets.areas),
        ended: r.ended_at !== null,
      };
    })
    .sort((a, b) => b.period.from.localeCompare(a.period.from) || a.title.localeCompare(b.title));
}
