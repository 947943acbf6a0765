/**
 * The public tip pages (issue 16; docs/adr/0130–0133), rendered like the case lookup
 * (docs/adr/0122): `/public/phan-anh`, the form — a plain multipart form that works without a
 * script; its one small inline script (with the response's CSP nonce) solves the proof of work
 * while the reporter writes, and without it the challenge's age stands in (docs/adr/0132) — the
 * confirmation with the tracking code, shown once; and `/public/phan-anh/theo-doi`, the status by
 * the code, posted (never in a URL). Statuses are the JSON routes' (201, 200, 400, 404, 429). A
 * form sent back with errors keeps everything typed (the photos excepted: no browser lets a page
 * refill a file input, and the page says so).
 */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { TIP_THEMES } from '../../domain/public-tip.js';
import type { TValidationIssue } from '../../domain/validation-issues.js';
import type { TAppEnv } from '../auth.js';
import { cspNonce } from '../security-headers.js';
import { issueChallenge, parseSubmission, submitTip, TIP_PHOTOS, tipUnits, trackTip, type TChallengeRefusal, type TPhotoIn, type TTipDeps, type TTipTracking } from '../services/public-tips.js';
import { langOf, layout, translator, type THtml } from './pages.js';
import { PUBLIC_MESSAGES, type TPublicLang, type TPublicMessageKey } from './messages.js';

const TIP_PATH = '/public/phan-anh';
const TRACK_PATH = '/public/phan-anh/theo-doi';

/**
 * The proof of work in the browser (docs/adr/0132): SHA-256 of the challenge and a counter, 64 at a
 * time, until the hash has the challenge's leading zero bits; the nonce goes in the hidden field. A
 * submit before it is found waits for it. No Web Crypto (an old browser, plain http): nothing
 * happens, and the form goes as without a script.
 */
const POW_SCRIPT = `(function(){var f=document.getElementById('tip-form');if(!f||!window.crypto||!crypto.subtle||!window.TextEncoder)return;
var t=f.elements.challenge.value,d=+f.getAttribute('data-difficulty'),n=f.elements.nonce,s=document.getElementById('pow'),e=new TextEncoder(),i=0,done=false,wait=false;
s.textContent=f.getAttribute('data-working');
function lz(b){var z=0;for(var k=0;k<b.length;k++){if(b[k]===0){z+=8;continue}return z+Math.clz32(b[k])-24}return z}
function step(){var batch=[];for(var k=0;k<64;k++){batch.push((function(j){return crypto.subtle.digest('SHA-256',e.encode(t+j)).then(function(h){return lz(new Uint8Array(h))>=d?j:-1})})(i++))}
Promise.all(batch).then(function(r){for(var k=0;k<r.length;k++){if(r[k]>=0){n.value=String(r[k]);done=true;s.textContent=f.getAttribute('data-ready');if(wait)f.submit();return}}step()})}
f.addEventListener('submit',function(ev){if(!done){ev.preventDefault();wait=true}});step()})();`;

/** What the form holds: as typed, strings and ticks. */
interface TTipForm {
  unitId: string;
  theme: string;
  content: string;
  place: string;
  businessName: string;
  taxCode: string;
  anonymous: boolean;
  name: string;
  phone: string;
  email: string;
  wantsReply: boolean;
  challenge: string;
  difficulty: number;
}

type TFieldId = 'unitId' | 'theme' | 'content' | 'place' | 'businessName' | 'taxCode' | 'name' | 'phone' | 'email' | 'photos';
interface TPageError {
  field?: TFieldId;
  message: string;
}

/** The page's words for an issue of the submission: the field it names, in the reader's language. */
function pageError(t: ReturnType<typeof translator>, i: TValidationIssue): TPageError | undefined {
  const byPath: Record<string, [TFieldId, TPublicMessageKey]> = {
    unitId: ['unitId', 'tipUnitInvalid'],
    theme: ['theme', 'tipThemeInvalid'],
    content: ['content', 'tipContentInvalid'],
    place: ['place', 'tipPlaceInvalid'],
    businessName: ['businessName', 'tipBusinessNameInvalid'],
    taxCode: ['taxCode', 'tipTaxCodeInvalid'],
    'contact.name': ['name', 'tipNameInvalid'],
    'contact.phone': ['phone', 'tipPhoneInvalid'],
    'contact.email': ['email', 'tipEmailInvalid'],
    contact: ['phone', 'tipReplyNeedsContact'],
  };
  // A tax code of the right shape whose check digit is wrong: most likely a typing error, said so.
  if (i.path === 'taxCode' && i.rule === 'taxCodeCheckDigit') return { field: 'taxCode', message: t('tipTaxCodeCheckDigit') };
  const hit = byPath[i.path];
  // A character PostgreSQL cannot store (U+0000, a broken surrogate): said as such, at its field.
  if (hit && i.rule === 'unstorableText') return { field: hit[0], message: t('tipUnstorableText') };
  if (hit) return { field: hit[0], message: t(hit[1]) };
  if (i.path.startsWith('photos')) return { field: 'photos', message: t('tipPhotosInvalid', { n: TIP_PHOTOS.max }) };
  // The challenge or nonce fields: only a page tampered with gets here.
  if (i.path === 'challenge' || i.path === 'nonce') return { message: t('tipChallengeRefused') };
  return { message: i.message };
}

function errorSummary(title: string, errors: TPageError[]) {
  if (!errors.length) return '';
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
    <h2 id="error-summary-title">${title}</h2>
    <ul>
      ${errors.map((e) => (e.field ? html`<li><a href="#${e.field}">${e.message}</a></li>` : html`<li>${e.message}</li>`))}
    </ul>
  </div>`;
}

function tipForm(lang: TPublicLang, units: { id: string; name: string }[], f: TTipForm, errors: TPageError[], photosLost: boolean) {
  const t = translator(lang);
  const err = (id: TFieldId) => errors.find((e) => e.field === id);
  const described = (id: TFieldId, hint: boolean) => [hint ? `${id}-hint` : '', err(id) ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const errLine = (id: TFieldId) => {
    const e = err(id);
    return e ? html`<p class="error" id="${id}-error">${e.message}</p>` : '';
  };
  const invalid = (id: TFieldId) => (err(id) ? html` aria-invalid="true"` : '');
  const text = (
    id: 'place' | 'businessName' | 'taxCode' | 'name' | 'phone' | 'email',
    label: string,
    hint: string | undefined,
    value: string,
    extra: { type?: string; autocomplete?: string; maxlength: number; inputmode?: string; required?: boolean },
  ) =>
    html`<div class="field${err(id) ? ' has-error' : ''}">
      <label for="${id}">${label}</label>
      ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''} ${errLine(id)}
      <input
        id="${id}"
        name="${id}"
        type="${extra.type ?? 'text'}"
        value="${value}"
        maxlength="${extra.maxlength}"
        autocomplete="${extra.autocomplete ?? 'off'}"
        ${extra.inputmode ? html` inputmode="${extra.inputmode}"` : ''}${extra.required ? html` required` : ''}${described(id, !!hint) ? html` aria-describedby="${described(id, !!hint)}"` : ''}${invalid(id)}
      />
    </div>`;
  return html`<h1>${t('tipTitle')}</h1>
    <p>${t('tipIntro')}</p>
    ${errorSummary(t('tipErrorsTitle'), errors)}
    <form id="tip-form" method="post" action="${TIP_PATH}" enctype="multipart/form-data" novalidate data-difficulty="${f.difficulty}" data-working="${t('tipWorking')}" data-ready="${t('tipReady')}">
      <input type="hidden" name="lang" value="${lang}" />
      <input type="hidden" name="challenge" value="${f.challenge}" />
      <input type="hidden" name="nonce" value="" />
      <div class="field${err('unitId') ? ' has-error' : ''}">
        <label for="unitId">${t('tipUnit')}</label>
        ${errLine('unitId')}
        <select id="unitId" name="unitId" required${err('unitId') ? html` aria-describedby="unitId-error"` : ''}${invalid('unitId')}>
          ${units.length !== 1 ? html`<option value="" ${f.unitId ? '' : html` selected`}>${t('tipChooseUnit')}</option>` : ''}
          ${units.map((u) => html`<option value="${u.id}" ${u.id === f.unitId || units.length === 1 ? html` selected` : ''}>${u.name}</option>`)}
        </select>
      </div>
      <div class="field${err('theme') ? ' has-error' : ''}">
        <label for="theme">${t('tipTheme')}</label>
        ${errLine('theme')}
        <select id="theme" name="theme" required${err('theme') ? html` aria-describedby="theme-error"` : ''}${invalid('theme')}>
          <option value="" ${f.theme ? '' : html` selected`}>${t('tipChooseTheme')}</option>
          ${TIP_THEMES.map((th) => html`<option value="${th}" ${th === f.theme ? html` selected` : ''}>${t(th)}</option>`)}
        </select>
      </div>
      <div class="field${err('content') ? ' has-error' : ''}">
        <label for="content">${t('tipContent')}</label>
        <p class="hint" id="content-hint">${t('tipContentHint')}</p>
        ${errLine('content')}
        <textarea id="content" name="content" rows="6" maxlength="4000" required aria-describedby="${described('content', true)}" ${invalid('content')}>${f.content}</textarea>
      </div>
      ${text('place', t('tipPlace'), t('tipPlaceHint'), f.place, { maxlength: 300, autocomplete: 'street-address', required: true })}
      <fieldset>
        <legend>${t('tipBusiness')}</legend>
        ${text('businessName', t('tipBusinessName'), undefined, f.businessName, { maxlength: 200 })}
        ${text('taxCode', t('tipTaxCode'), t('tipTaxCodeHint'), f.taxCode, { maxlength: 20, inputmode: 'numeric' })}
      </fieldset>
      <div class="field${err('photos') ? ' has-error' : ''}">
        <label for="photos">${t('tipPhotos')}</label>
        <p class="hint" id="photos-hint">${t('tipPhotosHint', { n: TIP_PHOTOS.max })}${photosLost ? html` <strong>${t('tipPhotosAgain')}</strong>` : ''}</p>
        ${errLine('photos')}
        <input id="photos" name="photos" type="file" accept="${TIP_PHOTOS.types.join(',')}" multiple aria-describedby="${described('photos', true)}" ${invalid('photos')} />
      </div>
      <fieldset aria-describedby="contact-hint">
        <legend>${t('tipContact')}</legend>
        <p class="hint" id="contact-hint">${t('tipContactHint')}</p>
        <div class="check">
          <input id="anonymous" name="anonymous" type="checkbox" ${f.anonymous ? html` checked` : ''} />
          <label for="anonymous">${t('tipAnonymous')}</label>
        </div>
        ${text('name', t('tipName'), undefined, f.name, { maxlength: 120, autocomplete: 'name' })}
        ${text('phone', t('tipPhone'), undefined, f.phone, { type: 'tel', maxlength: 20, autocomplete: 'tel', inputmode: 'tel' })}
        ${text('email', t('tipEmail'), undefined, f.email, { type: 'email', maxlength: 200, autocomplete: 'email' })}
        <div class="check">
          <input id="wantsReply" name="wantsReply" type="checkbox" ${f.wantsReply ? html` checked` : ''} />
          <label for="wantsReply">${t('tipWantsReply')}</label>
        </div>
      </fieldset>
      <p class="pow" id="pow" role="status"></p>
      <noscript><p class="note">${t('tipNoScript')}</p></noscript>
      <button type="submit">${t('tipSubmit')}</button>
    </form>
    <p class="note">${t('tipPrivacy')}</p>
    <p class="nav"><a href="${TRACK_PATH}?lang=${lang}">${t('tipTrackLink')}</a><a href="/public/tra-cuu?lang=${lang}">${t('lookupTitle')}</a></p>`;
}

const when = (iso: string | undefined, lang: TPublicLang) =>
  iso ? new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso)) : '';

function receivedPage(lang: TPublicLang, code: string, receivedAt: string) {
  const t = translator(lang);
  return html`<h1>${t('tipReceivedTitle')}</h1>
    <p>${t('tipReceivedIntro', { at: when(receivedAt, lang) })}</p>
    <p><strong>${t('tipCodeLabel')}</strong></p>
    <p class="code" data-testid="tracking-code">${code}</p>
    <p class="ok">${t('tipCodeKeep')}</p>
    <p class="nav"><a href="${TRACK_PATH}?lang=${lang}">${t('tipTrackLink')}</a><a href="${TIP_PATH}?lang=${lang}">${t('tipNew')}</a></p>`;
}

function trackForm(lang: TPublicLang, code: string, errors: TPageError[]) {
  const t = translator(lang);
  const e = errors.find((x) => x.field);
  return html`<h1>${t('trackTitle')}</h1>
    <p>${t('trackIntro')}</p>
    ${errorSummary(
      t('trackErrorsTitle'),
      errors.map((x) => (x.field ? { ...x, field: 'code' as TFieldId } : x)),
    )}
    <form method="post" action="${TRACK_PATH}" novalidate>
      <input type="hidden" name="lang" value="${lang}" />
      <div class="field${e ? ' has-error' : ''}">
        <label for="code">${t('trackCodeLabel')}</label>
        <p class="hint" id="code-hint">${t('trackCodeHint')}</p>
        ${e ? html`<p class="error" id="code-error">${e.message}</p>` : ''}
        <input
          id="code"
          name="code"
          type="text"
          value="${code}"
          autocomplete="off"
          maxlength="20"
          spellcheck="false"
          autocapitalize="characters"
          required
          aria-describedby="code-hint${e ? ' code-error' : ''}"
          ${e ? html` aria-invalid="true"` : ''}
        />
      </div>
      <button type="submit">${t('trackSubmit')}</button>
    </form>
    <p class="nav"><a href="${TIP_PATH}?lang=${lang}">${t('tipTitle')}</a></p>`;
}

function trackResult(lang: TPublicLang, tip: TTipTracking) {
  const t = translator(lang);
  const order = ['RECEIVED', 'CHECKING', 'HANDLED'] as const;
  const at = { RECEIVED: tip.receivedAt, CHECKING: tip.checkingSince, HANDLED: tip.handledAt };
  const now = order.indexOf(tip.status);
  return html`<h1>${t('trackResultTitle')}</h1>
    <p><strong>${t(tip.status)}</strong></p>
    <h2 id="stages-title">${t('trackStages')}</h2>
    <ol class="stages" aria-labelledby="stages-title">
      ${order.map((s, i) => {
        const state = i < now ? 'done' : i === now ? 'current' : 'next';
        return html`<li class="${state}" ${i === now ? html` aria-current="step"` : ''}>
          <span>${t(s)}</span><span class="when">${i <= now && at[s] ? when(at[s], lang) : t(state === 'next' ? 'trackNext' : state === 'done' ? 'trackDone' : 'trackCurrent')}</span>
        </li>`;
      })}
    </ol>
    <p class="note">${t('trackNote')}</p>
    <p class="nav"><a href="${TRACK_PATH}?lang=${lang}">${t('trackAnother')}</a><a href="${TIP_PATH}?lang=${lang}">${t('tipNew')}</a></p>`;
}

const CHALLENGE_WORDS: Record<TChallengeRefusal, TPublicMessageKey> = {
  TOO_QUICK: 'tipChallengeTooQuick',
  MALFORMED: 'tipChallengeRefused',
  FORGED: 'tipChallengeRefused',
  STALE: 'tipChallengeRefused',
  TOO_EASY: 'tipChallengeRefused',
  NOT_SOLVED: 'tipChallengeRefused',
  USED: 'tipChallengeRefused',
};

/** `/public/phan-anh` and `/public/phan-anh/theo-doi`, with the tips' settings (shared with the JSON routes). */
export function publicTipPages(deps: TTipDeps) {
  const app = new Hono<TAppEnv>();
  const page = (c: Context<TAppEnv>, status: 200 | 201 | 400 | 404 | 429, lang: TPublicLang, path: string, title: string, body: THtml, script = false) => {
    c.header('Cache-Control', 'no-store');
    return c.html(layout(lang, title, path, body, { script: script ? { nonce: cspNonce(c), code: POW_SCRIPT } : undefined }), status);
  };
  const blank = async (unitId?: string): Promise<TTipForm> => {
    const ch = await issueChallenge(deps.db, deps.settings);
    return {
      // Nothing chosen for the reporter where there is a choice: a tip sent to the wrong province, or filed under "Other" by default, is routed and counted wrongly.
      unitId: unitId ?? '',
      theme: '',
      content: '',
      place: '',
      businessName: '',
      taxCode: '',
      anonymous: false,
      name: '',
      phone: '',
      email: '',
      wantsReply: false,
      challenge: ch.token,
      difficulty: ch.difficulty,
    };
  };

  app.get('/phan-anh', (c) => c.redirect(`${TIP_PATH}${c.req.query('lang') === 'en' ? '?lang=en' : ''}`, 302));
  app.get(TIP_PATH, async (c) => {
    const lang = langOf(c.req.query('lang'));
    const units = await tipUnits(deps.db);
    // From a unit's page (`?unit=`): that unit is chosen; an id that is not a unit's chooses nothing.
    const unit = units.find((u) => u.id === c.req.query('unit'))?.id;
    return page(c, 200, lang, TIP_PATH, PUBLIC_MESSAGES[lang].tipTitle, tipForm(lang, units, await blank(unit), [], false), true);
  });
  app.post(TIP_PATH, async (c) => {
    const form = await c.req.parseBody({ all: true });
    const str = (v: unknown, max = 4000) => (typeof v === 'string' ? v.slice(0, max) : '');
    const lang = langOf(str(form.lang));
    const t = translator(lang);
    const f: TTipForm = {
      unitId: str(form.unitId, 40),
      theme: str(form.theme, 40),
      content: str(form.content, 5000),
      place: str(form.place, 400),
      businessName: str(form.businessName, 300),
      taxCode: str(form.taxCode, 40),
      anonymous: str(form.anonymous) === 'on',
      name: str(form.name, 200),
      phone: str(form.phone, 40),
      email: str(form.email, 300),
      wantsReply: str(form.wantsReply) === 'on',
      challenge: str(form.challenge, 200),
      difficulty: deps.settings.difficulty,
    };
    const nonce = str(form.nonce, 40);
    const files = (Array.isArray(form.photos) ? form.photos : [form.photos]).filter((x): x is File => x instanceof File && (x.size > 0 || x.name !== ''));
    const units = await tipUnits(deps.db);
    const again = (status: 400 | 429, errors: TPageError[], fresh?: TTipForm) =>
      page(c, status, lang, TIP_PATH, t('tipTitle'), tipForm(lang, units, fresh ? { ...f, challenge: fresh.challenge, difficulty: fresh.difficulty } : f, errors, files.length > 0), true);

    const opt = (v: string) => (v.trim() === '' ? undefined : v);
    const parsed = parseSubmission({
      unitId: f.unitId,
      theme: f.theme,
      content: f.content,
      place: f.place,
      businessName: opt(f.businessName),
      taxCode: opt(f.taxCode),
      anonymous: f.anonymous,
      contact: f.anonymous ? undefined : { name: opt(f.name), phone: opt(f.phone), email: opt(f.email) },
      wantsReply: f.wantsReply,
      challenge: f.challenge,
      nonce,
    });
    if ('issues' in parsed)
      return again(
        400,
        parsed.issues.map((i) => pageError(t, i)).filter((e): e is TPageError => !!e),
      );
    const photos: TPhotoIn[] = await Promise.all(files.map(async (x) => ({ name: x.name || 'photo', mime: x.type, bytes: new Uint8Array(await x.arrayBuffer()) })));
    const result = await submitTip(deps, c, parsed.tip, photos, { noScript: nonce === '' });
    switch (result.kind) {
      case 'CREATED':
        return page(c, 201, lang, TIP_PATH, t('tipReceivedTitle'), receivedPage(lang, result.trackingCode, result.receivedAt));
      case 'INVALID':
        return again(
          400,
          result.issues.map((i) => pageError(t, i)).filter((e): e is TPageError => !!e),
        );
      case 'CHALLENGE_REFUSED':
        // Too quick: the same challenge will do once it is old enough; any other refusal needs a new one.
        return again(400, [{ message: t(CHALLENGE_WORDS[result.reason]) }], result.reason === 'TOO_QUICK' ? undefined : await blank());
      case 'RATE_LIMITED':
        c.header('Retry-After', String(result.retryAfter));
        return again(429, [{ message: t('tipRateLimited', { s: result.retryAfter }) }]);
    }
  });

  app.get(TRACK_PATH, (c) => {
    const lang = langOf(c.req.query('lang'));
    return page(c, 200, lang, TRACK_PATH, PUBLIC_MESSAGES[lang].trackTitle, trackForm(lang, '', []));
  });
  app.post(TRACK_PATH, async (c) => {
    const form = await c.req.parseBody();
    const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, 40) : '');
    const lang = langOf(str(form.lang));
    const t = translator(lang);
    const code = str(form.code);
    const result = await trackTip(deps.db, c, deps.settings, { code });
    switch (result.kind) {
      case 'FOUND':
        return page(c, 200, lang, TRACK_PATH, t('trackResultTitle'), trackResult(lang, result.tip));
      case 'INVALID':
        return page(c, 400, lang, TRACK_PATH, t('trackTitle'), trackForm(lang, code, [{ field: 'content', message: t('trackCodeInvalid') }]));
      case 'NO_MATCH':
        return page(c, 404, lang, TRACK_PATH, t('trackTitle'), trackForm(lang, code, [{ message: t('trackNoMatch') }]));
      case 'RATE_LIMITED':
        c.header('Retry-After', String(result.retryAfter));
        return page(c, 429, lang, TRACK_PATH, t('trackTitle'), trackForm(lang, code, [{ message: t('trackRateLimited', { s: result.retryAfter }) }]));
    }
  });
  return app;
}
