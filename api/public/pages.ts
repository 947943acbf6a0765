/**
 * The public pages (issue 16), rendered by the API process under `/public`, in Vietnamese unless
 * `?lang=en` (docs/adr/0122-public-pages-rendered-by-the-server.md): plain HTML forms that work
 * without a script, one small style sheet of our own, nothing from anyone else, and the staff app's
 * security headers. Every value is escaped by hono/html's `html` template.
 *
 * The case lookup takes its code and identifier by POST (never in the URL) and renders the result
 * in the answer to that POST; its status is the JSON route's (200, 400, 404, 429).
 */
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Db } from '../../db/database.js';
import { formatVi } from '../../domain/calendar.js';
import type { TPartyReceipts, TPartyView } from '../../domain/party-view.js';
import type { TAppEnv } from '../auth.js';
import { PARTY_CHANNELS, type TPartyChannel } from '../../domain/party-messages.js';
import {
  HOW_TO_PAY,
  lookupCase,
  lookupLive,
  lookupPaper,
  lookupReceipts,
  maskedSubscriptions,
  subscribeToCase,
  unsubscribeFromCase,
  type TLookupLimits,
  type TLookupResult,
  type TPartyPaper,
  type TSubscriptionView,
} from '../services/case-lookup.js';
import { documentFileName } from '../../domain/documents/file-name.js';
import { cspNonce } from '../security-headers.js';
import { PUBLIC_CSS } from './style.js';
import { PUBLIC_MESSAGES, type TPublicLang, type TPublicMessageKey } from './messages.js';

/** What a page's body is: hono/html's escaped markup. */
export type THtml = HtmlEscapedString | Promise<HtmlEscapedString>;

export const langOf = (v: string | undefined): TPublicLang => (v === 'en' ? 'en' : 'vi');

export function translator(lang: TPublicLang) {
  return (key: TPublicMessageKey, params: Record<string, string | number> = {}): string => PUBLIC_MESSAGES[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** `path` with `lang=en` added to its query (Vietnamese, the default, needs none). */
export function withLang(path: string, lang: TPublicLang): string {
  if (lang === 'vi') return path;
  return `${path}${path.includes('?') ? '&' : '?'}lang=en`;
}

export const money = (n: number, lang: TPublicLang) => `${new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n)} đ`;
export const day = (d: string | undefined) => (d ? formatVi(d) : '—');

/**
 * The one layout: language attribute, skip link, header with the other language and the site's
 * sections, main. `path` (with its query, without `lang`) is where the other language's link goes;
 * `extra.head`: more of the head (the disclosure list's feed link); `extra.script`: a page's one
 * script, carrying the response's CSP nonce (the tip form's proof of work).
 */
export function layout(lang: TPublicLang, title: string, path: string, body: THtml, extra: { head?: THtml | ''; script?: { nonce: string; code: string } | undefined } = {}) {
  const { head = '', script } = extra;
  const t = translator(lang);
  const other: TPublicLang = lang === 'vi' ? 'en' : 'vi';
  return html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} — ${t('siteName')}</title>
        <link rel="stylesheet" href="/public/public.css" />
        ${head}
      </head>
      <body>
        <a class="skip" href="#main">${t('skip')}</a>
        <header class="site">
          <p class="site-name">${t('siteName')}</p>
          <a class="lang" href="${withLang(path, other)}" lang="${other}" hreflang="${other}" title="${t('otherLangName')}">${t('otherLang')}</a>
        </header>
        <nav class="sections" aria-label="${t('sectionsLabel')}">
          <a href="${withLang('/public/tra-cuu', lang)}">${t('navLookup')}</a>
          <a href="${withLang('/public/phan-anh', lang)}">${t('navTip')}</a>
          <a href="${withLang('/public/cong-khai', lang)}">${t('navDisclosure')}</a>
          <a href="${withLang('/public/don-vi', lang)}">${t('navUnits')}</a>
        </nav>
        <main id="main" tabindex="-1">${body}</main>
        ${
          script
            ? html`<script nonce="${script.nonce}">
                ${raw(script.code)};
              </script>`
            : ''
        }
      </body>
    </html>`;
}

interface TFormState {
  code?: string;
  identifier?: string;
  errors?: { field?: 'code' | 'identifier'; message: string }[];
}

function lookupForm(lang: TPublicLang, state: TFormState) {
  const t = translator(lang);
  const errors = state.errors ?? [];
  const fieldError = (f: 'code' | 'identifier') => errors.find((e) => e.field === f);
  const field = (name: 'code' | 'identifier', label: string, hint: string, extra: { autocomplete: string; inputmode: string; maxlength: number }) => {
    const err = fieldError(name);
    const describedBy = `${name}-hint${err ? ` ${name}-error` : ''}`;
    return html`<div class="field${err ? ' has-error' : ''}">
      <label for="${name}">${label}</label>
      <p class="hint" id="${name}-hint">${hint}</p>
      ${err ? html`<p class="error" id="${name}-error">${err.message}</p>` : ''}
      <input
        id="${name}"
        name="${name}"
        type="text"
        value="${(name === 'code' ? state.code : state.identifier) ?? ''}"
        autocomplete="${extra.autocomplete}"
        inputmode="${extra.inputmode}"
        maxlength="${extra.maxlength}"
        spellcheck="false"
        autocapitalize="characters"
        required
        aria-describedby="${describedBy}"
        ${err ? html` aria-invalid="true"` : ''}
      />
    </div>`;
  };
  return html`<h1>${t('lookupTitle')}</h1>
    <p>${t('lookupIntro')}</p>
    ${
      errors.length
        ? html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
            <h2 id="error-summary-title">${t('errorsTitle')}</h2>
            <ul>
              ${errors.map((e) => (e.field ? html`<li><a href="#${e.field}">${e.message}</a></li>` : html`<li>${e.message}</li>`))}
            </ul>
          </div>`
        : ''
    }
    <form method="post" action="/public/tra-cuu" novalidate>
      <input type="hidden" name="lang" value="${lang}" />
      ${field('code', t('codeLabel'), t('codeHint'), { autocomplete: 'off', inputmode: 'text', maxlength: 20 })}
      ${field('identifier', t('identifierLabel'), t('identifierHint'), { autocomplete: 'off', inputmode: 'numeric', maxlength: 20 })}
      <button type="submit">${t('submit')}</button>
    </form>
    <p class="note">${t('privacy')}</p>
    <p class="nav"><a href="/public/phan-anh?lang=${lang}">${t('tipTitle')}</a></p>`;
}

/** What the result page needs besides the view: the code and identifier again (hidden, for the forms that act on the case) and its subscriptions. */
interface TResultExtra {
  code: string;
  identifier: string;
  subscriptions: TSubscriptionView[];
  /** A sentence to say on top of the subscription form (subscribed, withdrawn). */
  notice?: string | undefined;
  /** The subscription form as sent, and its problem. */
  channel?: string | undefined;
  address?: string | undefined;
  addressError?: string | undefined;
}

/** Be told of the news: the live subscriptions (each with its withdraw button) and the form to add one. */
function subscriptionBlock(lang: TPublicLang, x: TResultExtra) {
  const t = translator(lang);
  const hidden = html`<input type="hidden" name="lang" value="${lang}" /><input type="hidden" name="code" value="${x.code}" /><input type="hidden" name="identifier" value="${x.identifier}" />`;
  const channelName = (ch: string) => t(ch === 'EMAIL' ? 'channelEmail' : ch === 'SMS' ? 'channelSms' : 'channelZalo');
  return html`<section aria-labelledby="notify-title">
    <h2 id="notify-title">${t('notifyTitle')}</h2>
    <p>${t('notifyIntro')}</p>
    ${x.notice ? html`<p class="ok" role="status">${x.notice}</p>` : ''}
    ${
      x.subscriptions.length
        ? html`<ul class="subscriptions">
            ${x.subscriptions.map(
              (s) =>
                html`<li>
                  ${channelName(s.channel)}: ${s.address}
                  <form method="post" action="/public/tra-cuu/thong-bao/huy" class="inline">
                    ${hidden}<input type="hidden" name="channel" value="${s.channel}" /><input type="hidden" name="address" value="${s.address}" />
                    <button type="submit" class="secondary">${t('notifyStop')}<span class="visually-hidden"> ${channelName(s.channel)} ${s.address}</span></button>
                  </form>
                </li>`,
            )}
          </ul>`
        : ''
    }
    <form method="post" action="/public/tra-cuu/thong-bao" novalidate>
      ${hidden}
      <fieldset>
        <legend>${t('notifyChannel')}</legend>
        ${(['SMS', 'ZALO', 'EMAIL'] as const).map(
          (ch) => html`<label class="choice"><input type="radio" name="channel" value="${ch}" ${(x.channel ?? 'SMS') === ch ? html`checked` : ''} /> ${channelName(ch)}</label>`,
        )}
      </fieldset>
      <div class="field${x.addressError ? ' has-error' : ''}">
        <label for="address">${t('notifyAddress')}</label>
        <p class="hint" id="address-hint">${t('notifyAddressHint')}</p>
        ${x.addressError ? html`<p class="error" id="address-error">${x.addressError}</p>` : ''}
        <input
          id="address"
          name="address"
          type="text"
          value="${x.address ?? ''}"
          autocomplete="on"
          maxlength="254"
          required
          aria-describedby="address-hint${x.addressError ? ' address-error' : ''}"
          ${x.addressError ? html` aria-invalid="true"` : ''}
        />
      </div>
      <button type="submit">${t('notifySubmit')}</button>
    </form>
  </section>`;
}

/**
 * The party's papers (docs/adr/0154): each with its download button, which POSTs the page's token
 * and the paper's id (never in a URL), and the link to its public verification page. Absent while
 * the case has issued none (a case whose papers were written outside INS lists them above only).
 */
function papersBlock(lang: TPublicLang, papers: readonly TPartyPaper[], token: string) {
  if (papers.length === 0) return '';
  const t = translator(lang);
  return html`<section aria-labelledby="papers-title">
    <h2 id="papers-title">${t('papersTitle')}</h2>
    <p>${t('papersIntro')}</p>
    <ul class="papers">
      ${papers.map((p) => {
        const name = `${p.title[lang]}, ${t('docNumber', { n: p.number })}`;
        return html`<li data-paper="${p.id}">
          <span class="paper-name">${name}</span>,
          ${t('docDate', { d: day(p.date) })}${p.status === 'ISSUED' ? '' : html` <span class="detail">(${t(p.status === 'CORRECTED' ? 'paperCorrected' : 'paperReplaced')})</span>`}
          <span class="paper-actions">
            <form method="post" action="/public/van-ban" class="inline">
              <input type="hidden" name="lang" value="${lang}" /><input type="hidden" name="token" value="${token}" /><input type="hidden" name="id" value="${p.id}" />
              <button type="submit" class="secondary">${t('paperDownload')}<span class="visually-hidden"> ${name}</span></button>
            </form>
            <a href="${withLang(p.verifyPath, lang)}">${t('paperVerify')}<span class="visually-hidden"> ${name}</span></a>
          </span>
        </li>`;
      })}
    </ul>
  </section>`;
}

/** The case as its party sees it, and its papers: the part of the result page that follows the case while open. */
function caseDetails(lang: TPublicLang, view: TPartyView, papers: readonly TPartyPaper[], token: string) {
  const t = translator(lang);
  const f = view.fine;
  const fineBlock = f
    ? html`<dl class="sums">
          <div>
            <dt>${t('fineAmount')}</dt>
            <dd>${money(f.amount, lang)}</dd>
          </div>
          <div>
            <dt>${t('dueDate')}</dt>
            <dd>${day(f.dueDate)}</dd>
          </div>
          <div>
            <dt>${t('paid')}</dt>
            <dd>${money(f.paid, lang)}</dd>
          </div>
          <div>
            <dt>${t('outstanding')}</dt>
            <dd>${money(f.outstanding, lang)}</dd>
          </div>
          <div>
            <dt>${t('surcharge', { d: day(view.today) })}</dt>
            <dd>
              ${money(f.surcharge.amount, lang)}${
                f.surcharge.days > 0
                  ? html`<span class="detail">${t('surchargeDetail', { days: f.surcharge.days, rate: String(f.surcharge.ratePerDay * 100).replace('.', lang === 'vi' ? ',' : '.') })}</span>`
                  : ''
              }
            </dd>
          </div>
          <div class="total">
            <dt>${t('totalNow')}</dt>
            <dd>${money(f.toPay, lang)}</dd>
          </div>
          ${
            f.postponedUntil
              ? html`<div>
                  <dt>${t('postponedUntil')}</dt>
                  <dd>${day(f.postponedUntil)}</dd>
                </div>`
              : ''
          }
          ${
            f.instalments
              ? html`<div>
                  <dt>${t('instalments')}</dt>
                  <dd>
                    ${t('instalmentsDetail', { n: f.instalments.count ?? '—', first: f.instalments.firstAmount === undefined ? '—' : money(f.instalments.firstAmount, lang), last: day(f.instalments.lastDueDate) })}
                  </dd>
                </div>`
              : ''
          }
        </dl>
        ${f.settled || f.toPay === 0 ? html`<p class="ok">${t('settled')}</p>` : ''}
        ${
          f.payments.length
            ? html`<h3>${t('paymentsTitle')}</h3>
                <ul class="payments">
                  ${f.payments.map((p) => html`<li>${day(p.on)}: ${money(p.amount, lang)}</li>`)}
                </ul>`
            : ''
        }
        <h3>${t('howToPay')}</h3>
        ${f.payTo ? html`<p class="pay-to" data-testid="pay-to"><strong>${t('payTo', { account: f.payTo.account, treasury: f.payTo.treasury })}</strong></p>` : ''}
        <p>${HOW_TO_PAY[lang]}</p>`
    : html`<p>${t('noFine')}</p>`;

  const keptCell = (s: TPartyView['steps'][number]) => {
    if (s.kept === undefined) return html`<td>${t('noDeadline')}</td>`;
    if (!s.kept) return html`<td class="late">${t('late')}</td>`;
    return html`<td class="kept">${s.state === 'DONE' ? t('kept') : t('keptRunning')}</td>`;
  };

  return html`<dl class="facts">
      <div>
        <dt>${t('procedure')}</dt>
        <dd>${view.title[lang]}</dd>
      </div>
      <div>
        <dt>${t('openedOn')}</dt>
        <dd>${day(view.openedOn)}</dd>
      </div>
      <div>
        <dt>${t('status')}</dt>
        <dd>${view.status === 'OPEN' ? t('statusOpen') : t('statusClosed')}</dd>
      </div>
    </dl>
    <section aria-labelledby="fine-title">
      <h2 id="fine-title">${t('finesTitle')}</h2>
      ${fineBlock}
    </section>
    <section aria-labelledby="steps-title">
      <h2 id="steps-title">${t('stepsTitle')}</h2>
      <div class="table-wrap" role="region" aria-labelledby="steps-title" tabindex="0">
        <table>
          <caption>
            ${t('stepsCaption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('colStep')}</th>
              <th scope="col">${t('colDone')}</th>
              <th scope="col">${t('colDue')}</th>
              <th scope="col">${t('colKept')}</th>
            </tr>
          </thead>
          <tbody>
            ${view.steps.map(
              (s) =>
                html`<tr>
                  <th scope="row">${s.title[lang]}${s.binds === 'PARTY' ? html` <span class="detail">${t('yourPeriod')}</span>` : ''}</th>
                  <td>${s.state === 'DONE' ? day(s.on) : t('pending')}</td>
                  <td>${s.due ? day(s.due) : '—'}</td>
                  ${keptCell(s)}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>
    <section aria-labelledby="docs-title">
      <h2 id="docs-title">${t('documentsTitle')}</h2>
      <ul class="docs">
        ${view.documents.map(
          (d) =>
            html`<li>
              ${t(d.kind)}${d.number ? `, ${t('docNumber', { n: d.number })}` : ''}${d.date ? `, ${t('docDate', { d: day(d.date) })}` : ''}${d.signedBy ? `, ${t('signedBy', { n: d.signedBy })}` : ''}
            </li>`,
        )}
      </ul>
    </section>
    ${papersBlock(lang, papers, token)}`;
}

/**
 * The result page. While it is open it follows its case (docs/adr/0128): /public/public.js asks
 * /public/tra-cuu/live every `LIVE_EVERY_SECONDS` with the page's token and replaces the details
 * when the server's rendering of them changed (its ETag), saying so in a status line.
 */
function resultPage(lang: TPublicLang, view: TPartyView, papers: readonly TPartyPaper[], extra: TResultExtra, live: { token: string; etag: string; nonce: string }) {
  const t = translator(lang);
  return html`<h1>${t('resultTitle')}</h1>
    <p class="note" id="live-status" role="status" data-updated="${t('liveUpdated')}">${t('liveNote')}</p>
    <div id="case-live" data-live-token="${live.token}" data-live-etag="${live.etag}" data-live-every="${LIVE_EVERY_SECONDS}">${caseDetails(lang, view, papers, live.token)}</div>
    ${
      view.fine
        ? html`<form method="post" action="/public/bien-lai" class="plain">
            <input type="hidden" name="lang" value="${lang}" />
            <input type="hidden" name="token" value="${live.token}" />
            <button type="submit" class="secondary">${t('receiptsOpen')}</button>
          </form>`
        : ''
    }
    ${subscriptionBlock(lang, extra)}
    <p><a href="/public/tra-cuu?lang=${lang}">${t('newLookup')}</a></p>
    <script src="/public/public.js" nonce="${live.nonce}" defer></script>`;
}

/** The receipts of a case's payments, to print (docs/adr/0129). */
export function receiptsPage(lang: TPublicLang, r: TPartyReceipts, nonce: string) {
  const t = translator(lang);
  const time = (iso: string) => new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso));
  return html`<h1>${t('receiptsTitle')}</h1>
    <dl class="facts">
      <div>
        <dt>${t('codeLabel')}</dt>
        <dd>${r.case.lookupCode}</dd>
      </div>
      <div>
        <dt>${t('procedure')}</dt>
        <dd>${r.case.title[lang]}</dd>
      </div>
      <div>
        <dt>${t('PENALTY_DECISION')}</dt>
        <dd>${r.case.decisionNo ? t('docNumber', { n: r.case.decisionNo }) : '—'}${r.case.decisionDate ? `, ${t('docDate', { d: day(r.case.decisionDate) })}` : ''}</dd>
      </div>
    </dl>
    ${
      r.receipts.length === 0
        ? // A payment the officer recorded from the party's own receipt (B9) is paid all the same: say so, not "no payment".
          html`<p data-testid="receipts-none">${r.fine && r.fine.paid > 0 ? t('receiptsRecordedOnly', { amount: money(r.fine.paid, lang) }) : t('receiptsNone')}</p>`
        : ''
    }
    ${r.receipts.map(
      (p, i) =>
        html`<section class="receipt" aria-labelledby="receipt-${i}">
          <h2 id="receipt-${i}">${t('receiptHeading', { n: p.receiptNo ?? p.transactionId })}</h2>
          <dl class="sums">
            <div>
              <dt>${t('receiptAmount')}</dt>
              <dd>${money(p.amount, lang)}</dd>
            </div>
            <div>
              <dt>${t('receiptPaidAt')}</dt>
              <dd>${day(p.paidOn)}, ${time(p.paidAt)}</dd>
            </div>
            <div>
              <dt>${t('receiptChannel')}</dt>
              <dd>${p.channel}</dd>
            </div>
            <div>
              <dt>${t('receiptTransaction')}</dt>
              <dd>${p.transactionId}</dd>
            </div>
          </dl>
          ${p.recorded ? '' : html`<p class="detail">${t('receiptReconciling')}</p>`}
        </section>`,
    )}
    ${r.fine ? html`<p class="${r.fine.settled ? 'ok' : 'note'}">${r.fine.settled ? t('settled') : t('receiptsLeft', { amount: money(r.fine.toPay, lang) })}</p>` : ''}
    <p class="no-print"><button type="button" data-print>${t('receiptsPrint')}</button></p>
    <p class="no-print"><a href="/public/tra-cuu?lang=${lang}">${t('newLookup')}</a></p>
    <script src="/public/public.js" nonce="${nonce}" defer></script>`;
}

/** How often an open result page asks whether its case changed. */
const LIVE_EVERY_SECONDS = 10;

/** The details rendered, and their ETag (a hash of the rendering): the open page's "has it changed". */
async function renderedDetails(lang: TPublicLang, view: TPartyView, papers: readonly TPartyPaper[], token: string): Promise<{ body: string; etag: string }> {
  const body = (await caseDetails(lang, view, papers, token)).toString();
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

/**
 * The public pages' one script: a print button prints; the open result page, every few seconds while the page is visible, the details again
 * (If-None-Match: unchanged is a 304); replaced when changed, announced in the status line; stops on
 * 404 (the token expired: a new lookup gives a new one). No framework, no other origin.
 */
const PUBLIC_JS = `(function () {
  var printButton = document.querySelector('[data-print]');
  if (printButton) printButton.addEventListener('click', function () { window.print(); });
  var box = document.getElementById('case-live');
  var status = document.getElementById('live-status');
  if (!box || !window.fetch) return;
  var every = Math.max(2, Number(box.getAttribute('data-live-every')) || 10) * 1000;
  var etag = box.getAttribute('data-live-etag');
  var token = box.getAttribute('data-live-token');
  var lang = document.documentElement.lang === 'en' ? 'en' : 'vi';
  function next() { setTimeout(tick, every); }
  function tick() {
    if (document.hidden) return next();
    fetch('/public/tra-cuu/live?lang=' + lang, { headers: { 'X-Lookup-Token': token, 'If-None-Match': etag }, cache: 'no-store', credentials: 'omit' })
      .then(function (r) {
        if (r.status === 404) return;
        if (r.status === 200) {
          etag = r.headers.get('ETag') || etag;
          return r.text().then(function (body) {
            box.innerHTML = body;
            if (status) status.textContent = status.getAttribute('data-updated') + ' ' + new Date().toLocaleTimeString(lang === 'vi' ? 'vi-VN' : 'en-GB');
            next();
          });
        }
        next();
      })
      .catch(next);
  }
  next();
})();
`;

/** `/public/*` pages and `/tra-cuu`, with the lookup's limits (shared with the JSON route). */
export function publicPages(deps: { db: Db; limits: TLookupLimits }) {
  const app = new Hono<TAppEnv>();
  const page = (c: Context<TAppEnv>, status: 200 | 400 | 404 | 429, lang: TPublicLang, title: string, body: THtml) => {
    c.header('Cache-Control', 'no-store');
    return c.html(layout(lang, title, '/public/tra-cuu', body), status);
  };

  app.get('/tra-cuu', (c) => c.redirect(`/public/tra-cuu${c.req.query('lang') === 'en' ? '?lang=en' : ''}`, 302));
  app.get('/public', (c) => c.redirect(`/public/tra-cuu${c.req.query('lang') === 'en' ? '?lang=en' : ''}`, 302));
  app.get('/public/public.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(PUBLIC_CSS);
  });
  app.get('/public/public.js', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(PUBLIC_JS);
  });
  // An open result page, again: the details only, by the page's token (never in the URL).
  app.get('/public/tra-cuu/live', async (c) => {
    const lang = langOf(c.req.query('lang'));
    c.header('Cache-Control', 'no-store');
    const result = await lookupLive(deps.db, c, deps.limits, (c.req.header('x-lookup-token') ?? '').slice(0, 200));
    switch (result.kind) {
      case 'FOUND': {
        const { body, etag } = await renderedDetails(lang, result.view, result.papers, result.liveToken);
        c.header('ETag', etag);
        if (c.req.header('if-none-match') === etag) return c.body(null, 304);
        return c.html(body, 200);
      }
      case 'RATE_LIMITED':
        c.header('Retry-After', String(result.retryAfter));
        return c.text('', 429);
      default:
        return c.text('', 404);
    }
  });
  // The receipts, by an open result page's token (a POSTed hidden field: never in the URL).
  app.post('/public/bien-lai', async (c) => {
    const form = await c.req.parseBody();
    const lang = langOf(typeof form.lang === 'string' ? form.lang : undefined);
    const t = translator(lang);
    const result = await lookupReceipts(deps.db, c, deps.limits, { token: typeof form.token === 'string' ? form.token.slice(0, 200) : '' });
    switch (result.kind) {
      case 'FOUND':
        return page(c, 200, lang, t('receiptsTitle'), receiptsPage(lang, result.receipts, cspNonce(c)));
      case 'RATE_LIMITED':
        c.header('Retry-After', String(result.retryAfter));
        return page(c, 429, lang, t('lookupTitle'), lookupForm(lang, { errors: [{ message: t('rateLimited', { s: result.retryAfter }) }] }));
      default:
        return page(c, 404, lang, t('lookupTitle'), lookupForm(lang, { errors: [{ message: t('receiptsExpired') }] }));
    }
  });
  // One of the party's papers, by an open result page's token (a POSTed hidden field: never in the URL), as a download.
  app.post('/public/van-ban', async (c) => {
    const form = await c.req.parseBody();
    const lang = langOf(typeof form.lang === 'string' ? form.lang : undefined);
    const t = translator(lang);
    const token = typeof form.token === 'string' ? form.token.slice(0, 200) : '';
    const result = await lookupPaper(deps.db, c, deps.limits, { token }, typeof form.id === 'string' ? form.id.slice(0, 40) : '');
    switch (result.kind) {
      case 'FILE':
        c.header('Cache-Control', 'no-store');
        c.header('Content-Type', result.document.mime);
        c.header('Content-Disposition', `attachment; filename="${documentFileName(result.document)}"`);
        return c.body(new Uint8Array(result.bytes), 200);
      case 'NO_DOCUMENT':
        return page(c, 404, lang, t('lookupTitle'), lookupForm(lang, { errors: [{ message: t('paperNotFound') }] }));
      case 'RATE_LIMITED':
        c.header('Retry-After', String(result.retryAfter));
        return page(c, 429, lang, t('lookupTitle'), lookupForm(lang, { errors: [{ message: t('rateLimited', { s: result.retryAfter }) }] }));
      default:
        return page(c, 404, lang, t('lookupTitle'), lookupForm(lang, { errors: [{ message: t('paperExpired') }] }));
    }
  });
  app.get('/public/tra-cuu', (c) => {
    const lang = langOf(c.req.query('lang'));
    return page(c, 200, lang, PUBLIC_MESSAGES[lang].lookupTitle, lookupForm(lang, {}));
  });
  /** The form's answer when the code and identifier find nothing, are malformed, or are tried too often. */
  const refused = (c: Context<TAppEnv>, lang: TPublicLang, input: { code: string; identifier: string }, result: Exclude<TLookupResult, { kind: 'FOUND' }>) => {
    const t = translator(lang);
    const title = t('lookupTitle');
    switch (result.kind) {
      case 'INVALID':
        return page(
          c,
          400,
          lang,
          title,
          lookupForm(lang, { ...input, errors: result.issues.map((i) => ({ field: i.path as 'code' | 'identifier', message: i.path === 'code' ? t('codeInvalid') : t('identifierInvalid') })) }),
        );
      case 'NO_MATCH':
        return page(c, 404, lang, title, lookupForm(lang, { ...input, errors: [{ message: t('noMatch') }] }));
      case 'RATE_LIMITED':
        c.header('Retry-After', String(result.retryAfter));
        return page(c, 429, lang, title, lookupForm(lang, { ...input, errors: [{ message: t('rateLimited', { s: result.retryAfter }) }] }));
    }
  };
  /** What an open result page needs to follow its case: its token, the details' ETag, the script's nonce. */
  const liveOf = async (c: Context<TAppEnv>, lang: TPublicLang, view: TPartyView, papers: readonly TPartyPaper[], token: string) => ({
    token,
    etag: (await renderedDetails(lang, view, papers, token)).etag,
    nonce: cspNonce(c),
  });
  const str = (v: unknown, max = 40) => (typeof v === 'string' ? v.slice(0, max) : '');
  const channelOf = (v: unknown): TPartyChannel => ((PARTY_CHANNELS as readonly string[]).includes(str(v)) ? (str(v) as TPartyChannel) : 'SMS');

  app.post('/public/tra-cuu', async (c) => {
    const form = await c.req.parseBody();
    const lang = langOf(str(form.lang));
    const input = { code: str(form.code), identifier: str(form.identifier) };
    const result = await lookupCase(deps.db, c, deps.limits, input);
    if (result.kind !== 'FOUND') return refused(c, lang, input, result);
    const subscriptions = await maskedSubscriptions(deps.db, result.caseId);
    return page(
      c,
      200,
      lang,
      translator(lang)('resultTitle'),
      resultPage(lang, result.view, result.papers, { ...input, subscriptions }, await liveOf(c, lang, result.view, result.papers, result.liveToken)),
    );
  });
  app.post('/public/tra-cuu/thong-bao', async (c) => {
    const form = await c.req.parseBody();
    const lang = langOf(str(form.lang));
    const t = translator(lang);
    const input = { code: str(form.code), identifier: str(form.identifier) };
    const channel = channelOf(form.channel);
    const address = str(form.address, 254);
    const result = await subscribeToCase(deps.db, c, deps.limits, { ...input, channel, address, lang });
    if (result.kind === 'SUBSCRIBED')
      return page(
        c,
        200,
        lang,
        t('resultTitle'),
        resultPage(
          lang,
          result.view,
          result.papers,
          { ...input, subscriptions: result.subscriptions, notice: result.created ? t('notifyDone') : t('notifyAlready') },
          await liveOf(c, lang, result.view, result.papers, result.liveToken),
        ),
      );
    // A bad address is said at its field, on the case's page (the code and identifier were right).
    if (result.kind === 'BAD_ADDRESS') {
      return page(
        c,
        400,
        lang,
        t('resultTitle'),
        resultPage(
          lang,
          result.view,
          result.papers,
          { ...input, subscriptions: result.subscriptions, channel, address, addressError: channel === 'EMAIL' ? t('notifyEmailInvalid') : t('notifyPhoneInvalid') },
          await liveOf(c, lang, result.view, result.papers, result.liveToken),
        ),
      );
    }
    return refused(c, lang, input, result);
  });
  app.post('/public/tra-cuu/thong-bao/huy', async (c) => {
    const form = await c.req.parseBody();
    const lang = langOf(str(form.lang));
    const t = translator(lang);
    const input = { code: str(form.code), identifier: str(form.identifier) };
    const result = await unsubscribeFromCase(deps.db, c, deps.limits, { ...input, channel: channelOf(form.channel), address: str(form.address, 254) });
    if (result.kind !== 'WITHDRAWN') return refused(c, lang, input, result);
    return page(
      c,
      200,
      lang,
      t('resultTitle'),
      resultPage(
        lang,
        result.view,
        result.papers,
        { ...input, subscriptions: result.subscriptions, notice: result.withdrawn ? t('notifyStopped') : undefined },
        await liveOf(c, lang, result.view, result.papers, result.liveToken),
      ),
    );
  });
  return app;
}
