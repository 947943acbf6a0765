/**
 * The units' public sites (docs/adr/0137): `/public/don-vi` (every unit), `/public/don-vi/<unit>` (a
 * unit's home: its approved inspection plans — only the parts a plan may publish —, its published
 * pages by kind, and a link to its published decisions) and `/public/don-vi/<unit>/trang/<page>` (a
 * published page; a draft is not found). Text is rendered from the markdown-lite blocks, escaped.
 */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import type { Db } from '../../db/database.js';
import { publicUnit, publicUnits, publishedCampaigns, publishedSitePage, publishedSitePages, type TPublishedCampaign } from '../../db/repositories/site-pages.js';
import { contentBlocks, SITE_PAGE_KINDS } from '../../domain/site-content.js';
import type { TAppEnv } from '../auth.js';
import { tipUnits } from '../services/public-tips.js';
import type { TPublicLang } from './messages.js';
import { day, langOf, layout, withLang, type THtml } from './pages.js';
import { siteTranslator } from './site-messages.js';

const UNIT_CODE = /^[a-z0-9-]{1,40}$/;

/** A page's text as HTML: every block escaped by the `html` template. */
function renderText(text: string): THtml {
  return html`${contentBlocks(text).map((b) => {
    if (b.kind === 'heading') return html`<h2>${b.text}</h2>`;
    if (b.kind === 'list')
      return html`<ul>
        ${b.items.map((i) => html`<li>${i}</li>`)}
      </ul>`;
    return html`<p>${b.lines.map((l, i) => (i ? html`<br />${l}` : l))}</p>`;
  })}`;
}

const vnDate = (d: Date) => day(new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10));

function planCard(lang: TPublicLang, p: TPublishedCampaign): THtml {
  const t = siteTranslator(lang);
  const topics = [...p.sectors, ...p.productGroups];
  return html`<article class="card">
    <h3 lang="vi">${p.title}</h3>
    <p class="tag">${t(p.kind)}${p.ended ? html` · ${t('ended')}` : ''}</p>
    <dl class="facts">
      <div>
        <dt>${t('theme')}</dt>
        <dd lang="vi">${p.theme}</dd>
      </div>
      <div>
        <dt>${t('period')}</dt>
        <dd>${day(p.period.from)} – ${day(p.period.to)}</dd>
      </div>
      ${
        topics.length
          ? html`<div>
              <dt>${t('sectors')}</dt>
              <dd lang="vi">${topics.join(', ')}</dd>
            </div>`
          : ''
      }
      <div>
        <dt>${t('areas')}</dt>
        <dd lang="vi">${p.areas.length ? p.areas.join(', ') : t('wholeUnit')}</dd>
      </div>
      <div>
        <dt>${t('legalBasis')}</dt>
        <dd lang="vi">${p.legalBasis}</dd>
      </div>
    </dl>
  </article>`;
}

export function unitSitePages(deps: { db: Db }) {
  const app = new Hono<TAppEnv>();
  const page = (c: Context<TAppEnv>, status: 200 | 404, lang: TPublicLang, title: string, path: string, body: THtml) => {
    c.header('Cache-Control', 'public, max-age=60');
    return c.html(layout(lang, title, path, body), status);
  };
  const notFound = (c: Context<TAppEnv>, lang: TPublicLang, path: string) => {
    const t = siteTranslator(lang);
    return page(
      c,
      404,
      lang,
      t('notFoundTitle'),
      path,
      html`<h1>${t('notFoundTitle')}</h1>
        <p>${t('notFound')}</p>
        <p><a href="${withLang('/public/don-vi', lang)}">${t('unitsTitle')}</a></p>`,
    );
  };

  app.get('/public/don-vi', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const t = siteTranslator(lang);
    const units = await publicUnits(deps.db);
    return page(
      c,
      200,
      lang,
      t('unitsTitle'),
      '/public/don-vi',
      html`<h1>${t('unitsTitle')}</h1>
        <p>${t('unitsIntro')}</p>
        <ul class="links">
          ${units.map((u) => html`<li><a href="${withLang(`/public/don-vi/${u.id}`, lang)}" lang="vi">${u.name}</a></li>`)}
        </ul>`,
    );
  });

  app.get('/public/don-vi/:unit', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const t = siteTranslator(lang);
    const code = c.req.param('unit');
    const path = `/public/don-vi/${code}`;
    const unit = UNIT_CODE.test(code) ? await publicUnit(deps.db, code) : undefined;
    if (!unit) return notFound(c, lang, path);
    const [plans, pages, tipUnitList] = await Promise.all([publishedCampaigns(deps.db, unit.id), publishedSitePages(deps.db, unit.id), tipUnits(deps.db)]);
    const section = (kind: (typeof SITE_PAGE_KINDS)[number]) => {
      const list = pages.filter((p) => p.kind === kind);
      return html`<section aria-labelledby="s-${kind}">
        <h2 id="s-${kind}">${t(kind)}</h2>
        ${
          list.length
            ? html`<ul class="links">
                ${list.map(
                  (p) =>
                    html`<li>
                      <a href="${withLang(`/public/don-vi/${unit.id}/trang/${p.id}`, lang)}" ${lang === 'en' && !p.title.en ? html`lang="vi"` : ''}
                        >${lang === 'en' && p.title.en ? p.title.en : p.title.vi}</a
                      >
                      <span class="detail">${t('publishedOn', { d: vnDate(p.publishedAt) })}</span>
                    </li>`,
                )}
              </ul>`
            : html`<p class="note">${t('noPages')}</p>`
        }
      </section>`;
    };
    return page(
      c,
      200,
      lang,
      unit.name,
      path,
      html`<h1 lang="vi">${unit.name}</h1>
        <p><a href="${withLang(`/public/cong-khai?unit=${unit.id}`, lang)}">${t('unitDisclosures')}</a></p>
        ${
          // Only a unit that takes tips (a provincial one with a team: api/services/public-tips.ts) offers to send it one.
          tipUnitList.some((u) => u.id === unit.id) ? html`<p><a href="${withLang(`/public/phan-anh?unit=${unit.id}`, lang)}">${t('unitTip')}</a></p>` : ''
        }
        <section aria-labelledby="s-plans">
          <h2 id="s-plans">${t('plansTitle')}</h2>
          ${plans.length ? plans.map((p) => planCard(lang, p)) : html`<p class="note">${t('plansNone')}</p>`}
        </section>
        ${SITE_PAGE_KINDS.map(section)}`,
    );
  });

  app.get('/public/don-vi/:unit/trang/:page', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const t = siteTranslator(lang);
    const code = c.req.param('unit');
    const id = c.req.param('page').slice(0, 100);
    const path = `/public/don-vi/${code}/trang/${id}`;
    const unit = UNIT_CODE.test(code) ? await publicUnit(deps.db, code) : undefined;
    const found = unit ? await publishedSitePage(deps.db, unit.id, id) : undefined;
    if (!unit || !found) return notFound(c, lang, path);
    const english = lang === 'en' && found.content.title.en !== '' && found.content.body.en.trim() !== '';
    const title = english ? found.content.title.en : found.content.title.vi;
    const body = english ? found.content.body.en : found.content.body.vi;
    return page(
      c,
      200,
      lang,
      title,
      path,
      html`<p class="tag">${t(found.kind)}</p>
        <article class="content" ${english || lang === 'vi' ? '' : html`lang="vi"`}>
          <h1>${title}</h1>
          ${lang === 'en' && !english ? html`<p class="note" lang="en">${t('onlyVi')}</p>` : ''}
          <p class="note">${t('publishedOn', { d: vnDate(found.publishedAt) })}</p>
          ${renderText(body)}
        </article>
        <p><a href="${withLang(`/public/don-vi/${unit.id}`, lang)}">${t('backToUnit', { unit: unit.name })}</a></p>`,
    );
  });
  return app;
}
