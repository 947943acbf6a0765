/**
 * The published penalty decisions (công khai, docs/adr/0135, 0136): `/public/cong-khai` (the search,
 * a GET form: its terms are public data and a result can be linked), `/public/cong-khai/<id>` (one
 * decision; 410 once withdrawn) and `/public/cong-khai/feed.atom` (Atom 1.0, withdrawn entries kept
 * with their withdrawal). Rendered like the lookup (docs/adr/0122): escaped, no script, vi then en.
 */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import type { Db } from '../../db/database.js';
import { disclosureFeed, getDisclosure, type TDisclosureRow } from '../../db/repositories/disclosures.js';
import { publicUnits } from '../../db/repositories/site-pages.js';
import type { TAppEnv } from '../auth.js';
import { rangeProblem, searchDisclosures, ZDisclosureQuery, type TDisclosureQuery } from '../services/disclosures.js';
import { atomXml } from './atom.js';
import type { TPublicLang } from './messages.js';
import { day, langOf, layout, money, withLang, type THtml } from './pages.js';
import { siteTranslator } from './site-messages.js';

const PAGE_SIZE = 20;
const FEED_SIZE = 50;

type TFilter = Pick<TDisclosureQuery, 'q' | 'taxCode' | 'decisionNo' | 'from' | 'to' | 'unit'>;
const FILTER_KEYS = ['q', 'taxCode', 'decisionNo', 'from', 'to', 'unit'] as const;

/** The list's address with these filters and page (and the language). */
function listHref(f: Record<string, string | undefined>, page: number, lang: TPublicLang): string {
  const qs = new URLSearchParams();
  for (const k of FILTER_KEYS) if (f[k]) qs.set(k, f[k]!);
  if (page > 1) qs.set('page', String(page));
  if (lang === 'en') qs.set('lang', 'en');
  const s = qs.toString();
  return `/public/cong-khai${s ? `?${s}` : ''}`;
}

/** One decision as the list and its own page show it. */
function disclosureCard(lang: TPublicLang, d: TDisclosureRow, level: 'h2' | 'h3', link: boolean): THtml {
  const t = siteTranslator(lang);
  const name = link ? html`<a href="${withLang(`/public/cong-khai/${d.id}`, lang)}">${d.partyName}</a>` : d.partyName;
  const heading = level === 'h2' ? html`<h2>${name}</h2>` : html`<h3>${name}</h3>`;
  return html`<article class="card" lang="vi">
    ${heading}
    <p class="tag" lang="${lang}">${d.offenderType === 'ORGANIZATION' ? t('organisation') : t('individual')}</p>
    <dl class="facts" lang="${lang}">
      ${
        d.taxCode
          ? html`<div>
              <dt>${t('taxCode')}</dt>
              <dd>${d.taxCode}</dd>
            </div>`
          : ''
      }
      <div>
        <dt>${t('province')}</dt>
        <dd>${d.province}</dd>
      </div>
      <div>
        <dt>${t('violationDate')}</dt>
        <dd>${day(d.violationDate)}</dd>
      </div>
      <div>
        <dt>${t('acts')}</dt>
        <dd>
          <ul class="acts" lang="vi">
            ${d.acts.map((a) => html`<li>${a.text}<span class="detail">${a.provision}</span></li>`)}
          </ul>
        </dd>
      </div>
      <div>
        <dt>${t('sanction')}</dt>
        <dd>${d.sanction === 'FINE' ? t('FINE', { amount: money(d.fineAmount ?? 0, lang) }) : t('WARNING')}</dd>
      </div>
      <div>
        <dt>${t('decision')}</dt>
        <dd>${t('decisionOf', { no: d.decisionNo, date: day(d.decisionDate) })}</dd>
      </div>
      <div>
        <dt>${t('unit')}</dt>
        <dd><a href="${withLang(`/public/don-vi/${d.unit.id}`, lang)}">${d.unit.name}</a></dd>
      </div>
    </dl>
  </article>`;
}

interface TSearchState {
  filter: Record<(typeof FILTER_KEYS)[number], string>;
  errors: { field: 'from' | 'to'; message: string }[];
}

function searchForm(lang: TPublicLang, s: TSearchState, units: { id: string; name: string }[]): THtml {
  const t = siteTranslator(lang);
  const err = (f: 'from' | 'to') => s.errors.find((e) => e.field === f);
  const text = (name: 'q' | 'taxCode' | 'decisionNo', label: string, hint: string | undefined, extra: { inputmode: string; maxlength: number }) =>
    html`<div class="field">
      <label for="${name}">${label}</label>
      ${hint ? html`<p class="hint" id="${name}-hint">${hint}</p>` : ''}
      <input id="${name}" name="${name}" type="text" value="${s.filter[name]}" inputmode="${extra.inputmode}" maxlength="${extra.maxlength}" ${hint ? html`aria-describedby="${name}-hint"` : ''} />
    </div>`;
  const date = (name: 'from' | 'to', label: string) => {
    const e = err(name);
    return html`<div class="field${e ? ' has-error' : ''}">
      <label for="${name}">${label}</label>
      ${e ? html`<p class="error" id="${name}-error">${e.message}</p>` : ''}
      <input id="${name}" name="${name}" type="date" value="${s.filter[name]}" ${e ? html`aria-invalid="true" aria-describedby="${name}-error"` : ''} />
    </div>`;
  };
  return html`${
      s.errors.length
        ? html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
            <h2 id="error-summary-title">${t('errorsTitle')}</h2>
            <ul>
              ${s.errors.map((e) => html`<li><a href="#${e.field}">${e.message}</a></li>`)}
            </ul>
          </div>`
        : ''
    }
    <form method="get" action="/public/cong-khai" class="search" role="search" aria-labelledby="search-title">
      <h2 id="search-title">${t('searchTitle')}</h2>
      ${lang === 'en' ? html`<input type="hidden" name="lang" value="en" />` : ''}
      <div class="grid">
        ${text('q', t('qLabel'), t('qHint'), { inputmode: 'search', maxlength: 200 })} ${text('taxCode', t('taxCodeLabel'), t('taxCodeHint'), { inputmode: 'numeric', maxlength: 20 })}
        ${text('decisionNo', t('decisionNoLabel'), undefined, { inputmode: 'text', maxlength: 60 })}
        <div class="field">
          <label for="unit">${t('unitLabel')}</label>
          <select id="unit" name="unit">
            <option value="">${t('allUnits')}</option>
            ${units.map((u) => html`<option value="${u.id}" ${s.filter.unit === u.id ? 'selected' : ''}>${u.name}</option>`)}
          </select>
        </div>
        ${date('from', t('fromLabel'))} ${date('to', t('toLabel'))}
      </div>
      <button type="submit">${t('search')}</button>
      <a class="clear" href="${withLang('/public/cong-khai', lang)}">${t('clear')}</a>
    </form>`;
}

function pager(lang: TPublicLang, filter: Record<string, string>, page: number, pages: number): THtml | '' {
  const t = siteTranslator(lang);
  if (pages <= 1) return '';
  return html`<nav class="pager" aria-label="${t('pagination')}">
    ${page > 1 ? html`<a rel="prev" href="${listHref(filter, page - 1, lang)}">${t('prev')}</a>` : ''}
    <span aria-current="page">${t('pageOf', { page, pages })}</span>
    ${page < pages ? html`<a rel="next" href="${listHref(filter, page + 1, lang)}">${t('next')}</a>` : ''}
  </nav>`;
}

const feedLink = (lang: TPublicLang, unit: string) => {
  const t = siteTranslator(lang);
  const qs = new URLSearchParams();
  if (unit) qs.set('unit', unit);
  if (lang === 'en') qs.set('lang', 'en');
  const href = `/public/cong-khai/feed.atom${qs.size ? `?${qs.toString()}` : ''}`;
  return { href, head: html`<link rel="alternate" type="application/atom+xml" title="${t('feedTitle')}" href="${href}" />` };
};

export function disclosurePages(deps: { db: Db }) {
  const app = new Hono<TAppEnv>();
  const page = (c: Context<TAppEnv>, status: 200 | 400 | 404 | 410, lang: TPublicLang, title: string, path: string, body: THtml, head: THtml | '' = '') => {
    c.header('Cache-Control', 'public, max-age=60');
    return c.html(layout(lang, title, path, body, { head }), status);
  };

  app.get('/public/cong-khai', async (c) => {
    const raw = c.req.query();
    const lang = langOf(raw.lang);
    const t = siteTranslator(lang);
    const str = (v: string | undefined, max: number) => (v ?? '').trim().slice(0, max);
    const filter = { q: str(raw.q, 200), taxCode: str(raw.taxCode, 20), decisionNo: str(raw.decisionNo, 60), from: str(raw.from, 10), to: str(raw.to, 10), unit: str(raw.unit, 40) };
    const pageNo = Math.min(Math.max(Number.parseInt(raw.page ?? '1', 10) || 1, 1), 10_000);
    const parsed = ZDisclosureQuery.safeParse({ ...filter, page: pageNo, pageSize: PAGE_SIZE });
    const errors: TSearchState['errors'] = [];
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const f = i.path[0];
        if ((f === 'from' || f === 'to') && !errors.some((e) => e.field === f)) errors.push({ field: f, message: t('invalidDate') });
      }
    } else if (rangeProblem(parsed.data)) errors.push({ field: 'to', message: t('invalidRange') });
    const units = await publicUnits(deps.db);
    const feed = feedLink(lang, filter.unit);
    const path = listHref(filter, pageNo, 'vi');
    const intro = html`<h1>${t('disclosureTitle')}</h1>
      <p>${t('disclosureIntro')}</p>`;
    if (errors.length || !parsed.success) return page(c, 400, lang, t('disclosureTitle'), path, html`${intro}${searchForm(lang, { filter, errors }, units)}`, feed.head);
    const found = await searchDisclosures(deps.db, parsed.data as TFilter & { page: number; pageSize: number });
    const pages = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
    return page(
      c,
      200,
      lang,
      t('disclosureTitle'),
      path,
      html`${intro}${searchForm(lang, { filter, errors }, units)}
        <section aria-labelledby="results-title">
          <h2 id="results-title">${found.total ? t('found', { n: found.total }) : t('none')}</h2>
          ${found.items.map((d) => disclosureCard(lang, d, 'h3', true))} ${pager(lang, filter, pageNo, pages)}
        </section>
        <p><a href="${feed.href}">${t('feed')}</a></p>`,
      feed.head,
    );
  });

  app.get('/public/cong-khai/feed.atom', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const t = siteTranslator(lang);
    const unit = (c.req.query('unit') ?? '').slice(0, 40);
    const origin = new URL(c.req.url).origin;
    const rows = await disclosureFeed(deps.db, { unitId: unit || undefined, limit: FEED_SIZE });
    const feed = feedLink(lang, unit);
    const xml = atomXml({
      id: `urn:ins:disclosure${unit ? `:${unit}` : ''}`,
      title: t('feedTitle'),
      self: `${origin}${feed.href}`,
      alternate: `${origin}${listHref({ unit }, 1, lang)}`,
      author: rows[0]?.unit.name && unit ? rows[0].unit.name : 'INS',
      lang,
      empty: new Date('2026-01-01T00:00:00Z'),
      entries: rows.map((d) => ({
        id: `urn:uuid:${d.id}`,
        title: d.withdrawn ? t('withdrawnTitle', { no: d.decisionNo }) : `${d.partyName} — ${d.decisionNo}`,
        updated: d.updatedAt,
        published: d.listedAt,
        link: `${origin}${withLang(`/public/cong-khai/${d.id}`, lang)}`,
        categories: d.withdrawn ? ['withdrawn'] : [d.sanction === 'FINE' ? 'fine' : 'warning'],
        summary: d.withdrawn
          ? t('withdrawnText', { no: d.decisionNo, date: day(d.decisionDate), reason: t(d.withdrawn.reason) })
          : `${d.acts.map((a) => a.text).join('; ')}. ${d.sanction === 'FINE' ? t('FINE', { amount: money(d.fineAmount ?? 0, lang) }) : t('WARNING')}. ${t('decision')} ${t('decisionOf', { no: d.decisionNo, date: day(d.decisionDate) })}, ${d.unit.name}.`,
      })),
    });
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Content-Type', 'application/atom+xml; charset=utf-8');
    return c.body(xml);
  });

  app.get('/public/cong-khai/:id', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const t = siteTranslator(lang);
    const id = c.req.param('id').slice(0, 60);
    const d = /^[0-9a-f-]{36}$/.test(id) ? await getDisclosure(deps.db, id) : undefined;
    const path = `/public/cong-khai/${id}`;
    const back = html`<p><a href="${withLang('/public/cong-khai', lang)}">${t('allDisclosures')}</a></p>`;
    if (!d)
      return page(
        c,
        404,
        lang,
        t('notFoundTitle'),
        path,
        html`<h1>${t('notFoundTitle')}</h1>
          <p>${t('notFound')}</p>
          ${back}`,
      );
    if (d.withdrawn)
      return page(
        c,
        410,
        lang,
        t('withdrawnTitle', { no: d.decisionNo }),
        path,
        html`<h1>${t('withdrawnTitle', { no: d.decisionNo })}</h1>
          <p>${t('withdrawnNotice', { reason: t(d.withdrawn.reason) })}</p>
          ${back}`,
      );
    return page(
      c,
      200,
      lang,
      `${d.partyName} — ${d.decisionNo}`,
      path,
      html`<h1>${t('decision')} ${d.decisionNo}</h1>
        ${disclosureCard(lang, d, 'h2', false)}${back}`,
    );
  });
  return app;
}
