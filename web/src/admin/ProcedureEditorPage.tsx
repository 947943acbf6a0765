/**
 * One version of a procedure: drawn as a diagram, edited as forms or as JSON (drafts only),
 * validated by the server with each problem shown where it is, saved, compared with another
 * version side by side, published or retired; for the version new cases start on, the running
 * cases of older versions can be moved to it after a dry run. A national procedure is changed by a
 * national administrator only: a unit's admin reads it and makes the unit's own procedure (a
 * variant, kept to it) from a published version; a unit's own procedure is changed by its unit's
 * admins only (docs/adr/0040).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { tx } from '../i18n.js';
import { api, ApiError } from '../lib/api.js';
import { definitionIssueText } from '../lib/error-text.js';
import { useGet, useTitle } from '../lib/hooks.js';
import { useUser } from '../lib/session.js';
import { isNationalAdmin, variantProcedureId } from '../../../domain/tenancy.js';
import { DefinitionForm } from './DefinitionForm.js';
import { IssuesContext } from './inputs.js';
import { JsonEditor } from './JsonEditor.js';
import { MigrationPanel } from './MigrationPanel.js';
import { anchorOf, domIdOf, issuesByAnchor, nextDraft, unitVariantDraft, type TDefinition, type TDefinitionIssue, type TDiff } from './model.js';
import { NationalNotice } from './NationalNotice.js';
import { ProcedureDiagram } from './ProcedureDiagram.js';
import { VersionCompare } from './VersionCompare.js';
import './admin.css';

type TView = 'form' | 'json' | 'compare' | 'migrate';
const VIEWS: TView[] = ['form', 'json', 'compare', 'migrate'];

type TConfirm = 'publish' | 'retire';

export function ProcedureEditorPage() {
  const { procedureId = '', version = '' } = useParams();
  // Another version is another page: nothing of this one (checks, messages) carries over.
  return <Editor key={`${procedureId}@${version}`} />;
}

function Editor() {
  const { t, i18n } = useTranslation('admin');
  const { t: tr } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const { procedureId = '', version: versionParam = '' } = useParams();
  const version = Number(versionParam);
  const [params, setParams] = useSearchParams();
  const view: TView = VIEWS.includes(params.get('view') as TView) ? (params.get('view') as TView) : 'form';
  const setView = (v: TView): void => {
    const next = new URLSearchParams(params);
    if (v === 'form') next.delete('view');
    else next.set('view', v);
    setParams(next, { replace: true });
  };
  const base = `/api/v1/procedures/${encodeURIComponent(procedureId)}`;
  const versions = useGet('/api/v1/procedures');
  const row = useGet('/api/v1/procedures/{procedureId}/versions/{version}', { path: { procedureId, version } });

  const [def, setDef] = useState<TDefinition>();
  const [savedJson, setSavedJson] = useState('');
  const [loaded, setLoaded] = useState<unknown>();
  const [issues, setIssues] = useState<{ for: string; list: TDefinitionIssue[] }>();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<TConfirm>();
  const [diff, setDiff] = useState<TDiff>();

  // A (re)loaded version becomes the working copy.
  if (row.data && row.data !== loaded) {
    setLoaded(row.data);
    setDef(row.data.definition);
    setSavedJson(JSON.stringify(row.data.definition));
  }
  useTitle(def ? `${tx(def.title, i18n.language)} v${version}` : procedureId);

  // Going to an issue or a step: the forms are shown, the step that holds it opened, the input
  // focused and brought into view (after the click's render is on the screen).
  const reveal = (path: string): void => {
    setView('form');
    window.requestAnimationFrame(() => {
      const el = document.getElementById(domIdOf(path)) ?? document.getElementById(domIdOf(path.replace(/\.[^.]*$/, '')));
      if (!el) return;
      for (let d = el.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true;
      const target = el instanceof HTMLDetailsElement ? el.querySelector('summary') : el;
      target?.scrollIntoView({ block: 'center' });
      (target as HTMLElement | null)?.focus({ preventScroll: true });
    });
  };

  const mine = (versions.data?.versions ?? []).filter((v) => v.procedure_id === procedureId).sort((a, b) => a.version - b.version);
  const rowStatus = row.data?.status;
  const isDraft = rowStatus === 'DRAFT';
  const json = def ? JSON.stringify(def) : '';
  const dirty = !!def && json !== savedJson;
  const shownIssues = issues?.list ?? [];
  const stale = !!issues && issues.for !== json;
  const latestPublished = Math.max(0, ...mine.filter((v) => v.status === 'PUBLISHED').map((v) => v.version));
  const draft = mine.find((v) => v.status === 'DRAFT');
  // Whose the procedure is, and whether this user changes it (the server decides; this offers what it allows).
  const owner = row.data?.owner_unit_id;
  const scope = owner === undefined ? undefined : owner === null ? 'national' : owner === user.unitId ? 'own' : 'other';
  const canEdit = scope === 'national' ? isNationalAdmin(user.roles) : scope === 'own' && user.roles.includes('ADMIN');
  const editable = isDraft && canEdit;
  // A unit admin's own procedure from this national version: its id, and a draft of it if there is one.
  const variantId = variantProcedureId(user.unitId, procedureId);
  const variantVersions = (versions.data?.versions ?? []).filter((v) => v.procedure_id === variantId);
  const variantDraft = variantVersions.find((v) => v.status === 'DRAFT');
  const offersVariant = scope === 'national' && !canEdit && user.roles.includes('ADMIN') && rowStatus === 'PUBLISHED';

  // Closing or reloading the tab with unsaved changes asks first (the browser's own question).
  useEffect(() => {
    if (!dirty) return;
    const ask = (e: BeforeUnloadEvent): void => e.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);

  async function act<T>(what: () => Promise<T>, after: (r: T) => void): Promise<void> {
    setBusy(true);
    setError(undefined);
    setStatus('');
    try {
      after(await what());
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err);
      // A definition refused by its schema (save) or its checks (publish) comes with its issues.
      if (Array.isArray(err.details)) setIssues({ for: json, list: err.details as TDefinitionIssue[] });
    } finally {
      setBusy(false);
    }
  }

  const validate = () =>
    act(
      () => api<{ ok: boolean; issues: TDefinitionIssue[] }>('POST', '/api/v1/procedures/validate', { body: def }),
      (r) => {
        setIssues({ for: json, list: r.issues });
        setStatus(r.ok ? t('editor.valid') : t('editor.invalid', { count: r.issues.length }));
      },
    );
  const save = () =>
    act(
      () => api<{ saved: boolean; issues: TDefinitionIssue[] }>('PUT', `${base}/versions/${version}`, { body: def }),
      (r) => {
        setIssues({ for: json, list: r.issues });
        setStatus(r.issues.length ? t('editor.savedWithIssues', { count: r.issues.length }) : t('editor.saved'));
        row.reload();
      },
    );
  const publish = () =>
    act(
      () => api('POST', `${base}/versions/${version}/publish`),
      () => {
        setConfirm(undefined);
        setStatus(t('editor.published', { v: version }));
        row.reload();
        versions.reload();
      },
    );
  const retire = () =>
    act(
      () => api<{ latestPublished: number | null }>('POST', `${base}/versions/${version}/retire`),
      (r) => {
        setConfirm(undefined);
        setStatus(r.latestPublished ? t('editor.retired', { v: version, latest: r.latestPublished }) : t('editor.retiredNone', { v: version }));
        row.reload();
        versions.reload();
      },
    );
  const makeVariant = () => {
    const next = Math.max(0, ...variantVersions.map((v) => v.version)) + 1;
    return act(
      () => api('PUT', `/api/v1/procedures/${encodeURIComponent(variantId)}/versions/${next}`, { body: unitVariantDraft(row.data!.definition, variantId, next) }),
      () => {
        versions.reload();
        void navigate(`/admin/procedures/${encodeURIComponent(variantId)}/${next}`);
      },
    );
  };
  const newDraft = () => {
    const next = Math.max(0, ...mine.map((v) => v.version)) + 1;
    return act(
      () => api('PUT', `${base}/versions/${next}`, { body: nextDraft(row.data!.definition, next) }),
      () => {
        versions.reload();
        void navigate(`/admin/procedures/${encodeURIComponent(procedureId)}/${next}`);
      },
    );
  };

  if (row.error && !row.data) {
    return (
      <div className="page">
        <ErrorPanel error={row.error} focus={false} />
        <Link to="/admin/procedures">{t('procedures.back')}</Link>
      </div>
    );
  }

  return (
    <div className="page admin-page procedure-editor" aria-busy={!def}>
      <nav aria-label={t('breadcrumb')} className="breadcrumb small">
        <Link to="/admin/procedures">{t('procedures.title')}</Link> › <span>{procedureId}</span>
      </nav>
      <header className="page-head editor-head">
        <div>
          <p className="case-kicker">
            {row.data && <span className="badge kind">{t(`translation:kinds.${row.data.kind}`)}</span>}
            {rowStatus && (
              <span className={`badge version-${rowStatus}`} data-testid="version-status">
                {t(`status.${rowStatus}`)}
              </span>
            )}
            {dirty && (
              <span className="badge unsaved" data-testid="unsaved">
                {t('editor.unsaved')}
              </span>
            )}
          </p>
          <h1>
            {def ? tx(def.title, i18n.language) : procedureId} <span className="muted">· {t('versionShort', { v: version })}</span>
          </h1>
          <nav aria-label={t('editor.versions')} className="version-links small">
            <span className="muted">{t('editor.versions')}:</span>
            {mine.map((v) => (
              <Link
                key={v.version}
                to={`/admin/procedures/${encodeURIComponent(procedureId)}/${v.version}`}
                aria-current={v.version === version ? 'page' : undefined}
                className={`version-link version-${v.status}`}
              >
                {t('versionLabel', { v: v.version, status: t(`status.${v.status}`) })}
              </Link>
            ))}
          </nav>
        </div>
        <div className="toolbar" role="group" aria-label={t('editor.actions')}>
          {canEdit && (
            <button type="button" className="button secondary" disabled={busy || !def} onClick={() => void validate()}>
              {t('editor.validate')}
            </button>
          )}
          {editable && (
            <>
              <button type="button" className="button secondary" disabled={busy || !dirty} onClick={() => void save()}>
                {t('editor.save')}
              </button>
              <button type="button" className="button primary" disabled={busy || dirty} title={dirty ? t('editor.saveFirst') : undefined} onClick={() => setConfirm('publish')}>
                {t('editor.publish')}
              </button>
            </>
          )}
          {canEdit && rowStatus === 'PUBLISHED' && (
            <button type="button" className="button secondary danger" disabled={busy} onClick={() => setConfirm('retire')}>
              {t('editor.retire')}
            </button>
          )}
          {offersVariant &&
            (variantDraft ? (
              <Link className="button primary" to={`/admin/procedures/${encodeURIComponent(variantId)}/${variantDraft.version}`}>
                {t('tenancy.openVariant', { id: variantId })}
              </Link>
            ) : (
              <button type="button" className="button primary" disabled={busy || !versions.data} onClick={() => void makeVariant()}>
                {t('tenancy.makeVariant')}
              </button>
            ))}
          {canEdit &&
            !isDraft &&
            row.data &&
            (draft ? (
              <Link className="button primary" to={`/admin/procedures/${encodeURIComponent(procedureId)}/${draft.version}`}>
                {t('editor.openDraft', { v: draft.version })}
              </Link>
            ) : (
              <button type="button" className="button primary" disabled={busy || !versions.data} onClick={() => void newDraft()}>
                {t('editor.newDraft')}
              </button>
            ))}
        </div>
      </header>
      {scope === 'national' && <NationalNotice what="PROCEDURE">{offersVariant && <p>{t('tenancy.variantHint')}</p>}</NationalNotice>}
      {scope === 'own' && (
        <p className="notice unit-notice" data-testid="unit-notice">
          <span className="badge unit-own">{t('tenancy.unitBadge')}</span> {t('tenancy.ownUnit')}
        </p>
      )}
      {scope === 'other' && (
        <p className="notice unit-notice" data-testid="unit-notice">
          <span className="badge unit-own">{t('tenancy.unitBadge')}</span> {t('tenancy.otherUnit', { unit: owner })}
        </p>
      )}
      {def?.variantOf && (
        <p className="small" data-testid="variant-of">
          <Link to={`/admin/procedures/${encodeURIComponent(def.variantOf.procedureId)}/${def.variantOf.version}`}>
            {t('tenancy.variantOf', { id: def.variantOf.procedureId, v: def.variantOf.version })}
          </Link>
        </p>
      )}
      {dirty && isDraft && <p className="small muted">{t('editor.saveFirst')}</p>}
      {!isDraft && rowStatus && canEdit && <p className="notice">{t(`editor.readOnly.${rowStatus}`, { latest: latestPublished })}</p>}

      <p className="status-line" role="status" data-testid="editor-status">
        {status}
      </p>
      {error && <ErrorPanel error={error} onDismiss={() => setError(undefined)} />}
      {confirm && (
        <div className="confirm card" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-text" data-testid="confirm">
          <h2 id="confirm-title">{t(`confirm.${confirm}.title`, { v: version })}</h2>
          <p id="confirm-text">{t(`confirm.${confirm}.text`, { v: version })}</p>
          <div className="form-actions">
            <button
              type="button"
              className={`button primary ${confirm === 'retire' ? 'danger-fill' : ''}`}
              disabled={busy}
              autoFocus
              onClick={() => void (confirm === 'publish' ? publish() : retire())}
            >
              {t(`confirm.${confirm}.yes`, { v: version })}
            </button>
            <button type="button" className="button secondary" onClick={() => setConfirm(undefined)}>
              {t('confirm.cancel')}
            </button>
          </div>
        </div>
      )}

      {issues && (
        <section className={`card issues ${shownIssues.length ? 'has-issues' : 'clean'}`} aria-labelledby="issues-title" data-testid="issues">
          <h2 id="issues-title">{shownIssues.length ? t('issues.title', { count: shownIssues.length }) : t('issues.none')}</h2>
          {stale && <p className="small muted">{t('issues.stale')}</p>}
          {shownIssues.length > 0 && (
            <ul className="issue-list">
              {shownIssues.map((x, k) => (
                <li key={k} data-testid="issue" data-path={x.path}>
                  <button type="button" className="linklike" onClick={() => reveal(anchorOf(x.path))}>
                    <code>{x.path || t('issues.wholeDefinition')}</code>
                  </button>{' '}
                  <span className="label">{definitionIssueText(x, tr, i18n.language)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {def && (
        <IssuesContext.Provider value={issuesByAnchor(shownIssues)}>
          <section className="card diagram-card" aria-labelledby="diagram-title">
            <h2 id="diagram-title">{t('diagram.title')}</h2>
            <ProcedureDiagram
              def={def}
              added={view === 'compare' ? (diff?.added ?? []) : []}
              changed={view === 'compare' ? (diff?.changed.map((c) => c.stepId) ?? []) : []}
              onOpenStep={(id) => reveal(`steps[${def.steps.findIndex((s) => s.id === id)}]`)}
            />
          </section>

          <div className="segmented view-switch" role="group" aria-label={t('editor.view')}>
            {VIEWS.filter((v) => v !== 'migrate' || (rowStatus === 'PUBLISHED' && version === latestPublished && scope !== 'other' && user.roles.includes('ADMIN'))).map((v) => (
              <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
                {t(`views.${v}`)}
              </button>
            ))}
          </div>
          {view === 'form' && <DefinitionForm def={def} onChange={setDef} readOnly={!editable} issues={shownIssues} />}
          {view === 'json' && (
            <section className="card" aria-label={t('views.json')}>
              <JsonEditor def={def} onChange={setDef} readOnly={!editable} />
            </section>
          )}
          {view === 'compare' && row.data && versions.data && (
            <VersionCompare procedureId={procedureId} current={{ version, definition: row.data.definition }} versions={mine} dirty={dirty} onCompared={setDiff} />
          )}
          {view === 'migrate' && <MigrationPanel procedureId={procedureId} version={version} onDone={setStatus} />}
        </IssuesContext.Provider>
      )}
    </div>
  );
}
