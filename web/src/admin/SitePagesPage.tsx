/**
 * The unit's public site (docs/adr/0137): the pages its admin writes — work schedule, legal
 * documents, guidance on administrative procedures, news — each saved as a draft nobody outside sees
 * (`POST /api/v1/site/pages`, `PUT …/{pageId}/draft`) and made public by publishing it
 * (`POST …/{pageId}/publish`); editing a published page starts a new draft while the published
 * version stays public. A unit's ADMIN edits its unit's pages, the national administrator the
 * national department's. The text is markdown-lite, shown escaped on /public/don-vi/<unit>.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { api, ApiError, newIdempotencyKey } from '../lib/api.js';
import { formatDateTime } from '../lib/format.js';
import { useGet, useTitle } from '../lib/hooks.js';
import { useUser } from '../lib/session.js';
import { SITE_LIMITS, SITE_PAGE_KINDS, type TSitePageKind } from '../../../domain/site-content.js';
import { EditableTable, RowButton } from './editable-table.js';
import { Field, serverFieldErrors } from './simple-form.js';
import './admin.css';
import type { TSitePage } from '../lib/contract/types.js';

interface TDraft {
  /** The page being edited; undefined for a new one. */
  id?: string | undefined;
  kind: TSitePageKind;
  titleVi: string;
  titleEn: string;
  bodyVi: string;
  bodyEn: string;
}

const EMPTY: TDraft = { kind: 'NEWS', titleVi: '', titleEn: '', bodyVi: '', bodyEn: '' };

function draftOf(p: TSitePage): TDraft {
  const v = p.draft ?? p.published!;
  return { id: p.id, kind: p.kind, titleVi: v.title.vi, titleEn: v.title.en, bodyVi: v.body.vi, bodyEn: v.body.en };
}

export function SitePagesPage() {
  const { t } = useTranslation('admin');
  useTitle(t('site.title'));
  const user = useUser();
  const pages = useGet('/api/v1/site/pages');
  const [draft, setDraft] = useState<TDraft>(EMPTY);
  const [saved, setSaved] = useState<TDraft>(EMPTY);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  // A new page's Idempotency-Key, kept until it is made: "Lưu nháp" again after a lost answer makes one page, not two.
  const createKey = useRef(newIdempotencyKey());
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ApiError>();
  const editor = useRef<HTMLInputElement>(null);

  const current = pages.data?.items.find((p) => p.id === draft.id);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const problems = { titleVi: !draft.titleVi.trim() ? t('validation.required') : '' };
  const server = serverFieldErrors(error);
  const show = (k: keyof typeof problems) => (submitted && problems[k]) || undefined;

  /** Saves the draft (a new page, or the page's draft), and answers the page as the server has it now. */
  async function save(): Promise<TSitePage | undefined> {
    setSubmitted(true);
    if (Object.values(problems).some(Boolean)) return undefined;
    const content = { title: { vi: draft.titleVi.trim(), en: draft.titleEn.trim() }, body: { vi: draft.bodyVi, en: draft.bodyEn } };
    const page = draft.id
      ? await api<TSitePage>('PUT', `/api/v1/site/pages/${encodeURIComponent(draft.id)}/draft`, { body: content })
      : await api<TSitePage>('POST', '/api/v1/site/pages', { body: { kind: draft.kind, ...content }, idempotencyKey: createKey.current });
    // The page exists: a next new page gets a key of its own.
    if (!draft.id) createKey.current = newIdempotencyKey();
    const next = draftOf(page);
    setDraft(next);
    setSaved(next);
    pages.reload();
    return page;
  }

  async function run(e: FormEvent | undefined, publish: boolean): Promise<void> {
    e?.preventDefault();
    setBusy(true);
    setError(undefined);
    setStatus('');
    try {
      let page: TSitePage | undefined = current;
      if (!draft.id || dirty || !page) page = await save();
      if (!page) return;
      if (!publish) {
        setStatus(t('site.savedDraft', { title: page.draft?.title.vi ?? '' }));
        return;
      }
      if (!page.draft) {
        setStatus(t('site.nothingToPublish'));
        return;
      }
      const done = await api<TSitePage>('POST', `/api/v1/site/pages/${encodeURIComponent(page.id)}/publish`, { body: { version: page.draft.version } });
      setDraft(draftOf(done));
      setSaved(draftOf(done));
      pages.reload();
      setStatus(t('site.published', { title: done.published?.title.vi ?? '' }));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const edit = (p: TSitePage): void => {
    const d = draftOf(p);
    setDraft(d);
    setSaved(d);
    setSubmitted(false);
    setError(undefined);
    setStatus('');
    editor.current?.focus();
    editor.current?.scrollIntoView({ block: 'center' });
  };
  const startNew = (): void => {
    setDraft(EMPTY);
    createKey.current = newIdempotencyKey();
    setSaved(EMPTY);
    setSubmitted(false);
    setError(undefined);
    editor.current?.focus();
  };

  const stateOf = (p: TSitePage): string => {
    if (p.published && p.draft) return t('site.states.publishedWithDraft', { published: p.published.version, draft: p.draft.version });
    if (p.published) return t('site.states.published', { version: p.published.version });
    return t('site.states.draft');
  };

  return (
    <div className="page admin-page">
      <h1>{t('site.title')}</h1>
      <p className="muted">{t('site.intro')}</p>
      <p>
        <a href={`/public/don-vi/${encodeURIComponent(user.unitId)}`}>{t('site.openPublic')}</a>
      </p>
      <form className="card" onSubmit={(e) => void run(e, false)} noValidate aria-labelledby="site-form-title">
        <h2 id="site-form-title">{draft.id ? t('site.editTitle') : t('site.newTitle')}</h2>
        {current && (
          <p className="muted" data-testid="site-page-state">
            {stateOf(current)}
            {current.published?.published && ` — ${t('site.publishedBy', { name: current.published.published.by, at: formatDateTime(current.published.published.at) })}`}
          </p>
        )}
        <div className="form-grid aligned">
          <Field id="site-kind" label={t('site.kind')}>
            {(p) => (
              <select {...p} value={draft.kind} disabled={!!draft.id} onChange={(e) => setDraft({ ...draft, kind: e.target.value as TSitePageKind })}>
                {SITE_PAGE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`site.kinds.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="site-title-vi" label={t('site.titleVi')} error={show('titleVi') ?? server['title.vi']} required wide>
            {(p) => <input {...p} ref={editor} value={draft.titleVi} maxLength={SITE_LIMITS.title} onChange={(e) => setDraft({ ...draft, titleVi: e.target.value })} />}
          </Field>
          <Field id="site-title-en" label={t('site.titleEn')} help={t('site.englishHelp')} error={server['title.en']} wide>
            {(p) => <input {...p} value={draft.titleEn} maxLength={SITE_LIMITS.title} onChange={(e) => setDraft({ ...draft, titleEn: e.target.value })} />}
          </Field>
          <Field id="site-body-vi" label={t('site.bodyVi')} help={t('site.textHelp')} error={server['body.vi']} wide>
            {(p) => <textarea {...p} rows={10} value={draft.bodyVi} maxLength={SITE_LIMITS.body} onChange={(e) => setDraft({ ...draft, bodyVi: e.target.value })} />}
          </Field>
          <Field id="site-body-en" label={t('site.bodyEn')} error={server['body.en']} wide>
            {(p) => <textarea {...p} rows={6} value={draft.bodyEn} maxLength={SITE_LIMITS.body} onChange={(e) => setDraft({ ...draft, bodyEn: e.target.value })} />}
          </Field>
        </div>
        {error && <ErrorPanel error={error} onDismiss={() => setError(undefined)} />}
        <div className="form-actions">
          <button type="submit" className="button secondary" disabled={busy}>
            {t('site.saveDraft')}
          </button>
          <button type="button" className="button primary" disabled={busy} onClick={() => void run(undefined, true)}>
            {t('site.publish')}
          </button>
          {draft.id && (
            <button type="button" className="button secondary" onClick={startNew}>
              {t('site.new')}
            </button>
          )}
        </div>
        <p className="muted small">{t('site.publishHelp')}</p>
      </form>
      <p className="status-line" role="status" data-testid="site-status">
        {status}
      </p>

      <h2 id="site-list-title">{t('site.listTitle')}</h2>
      <EditableTable labelledBy="site-list-title" columns={[t('site.pageTitle'), t('site.kind'), t('site.state'), t('site.lastPublished')]} loading={!pages.data} skeletonRows={3}>
        {pages.data?.items.length === 0 && (
          <tr>
            <td colSpan={5} className="muted">
              {t('site.empty')}
            </td>
          </tr>
        )}
        {pages.data?.items.map((p) => (
          <tr key={p.id} data-testid="site-page">
            <td>{(p.draft ?? p.published)!.title.vi}</td>
            <td>{t(`site.kinds.${p.kind}`)}</td>
            <td>{stateOf(p)}</td>
            <td>{p.published?.published ? t('site.publishedBy', { name: p.published.published.by, at: formatDateTime(p.published.published.at) }) : '—'}</td>
            <td className="row-actions">
              <RowButton label={t('edit')} rowLabel={t('site.edit', { title: (p.draft ?? p.published)!.title.vi })} onClick={() => edit(p)} />
            </td>
          </tr>
        ))}
      </EditableTable>
    </div>
  );
}
