/**
 * A case's papers (docs/documents.md, docs/adr/0152): those INS issued — its own and its
 * sub-procedures' cases' — with their number, date, status, whether the decider signed them
 * digitally, the file to download byte for byte as issued, the public verification page and the
 * SHA-256 that page and the audit chain know them by; then the papers its open steps will issue.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { tx } from '../i18n.js';
import { api, type ApiError, casePath, caseUrl } from '../lib/api.js';
import { formatBytes, formatDateTime, formatIsoDate } from '../lib/format.js';
import { useStaffName } from '../lib/hooks.js';
import type { TCaseDocument, TPaperNotIssued, TPaperToCome, TProcedure } from '../lib/contract/types.js';
import { ErrorPanel } from './ErrorPanel.js';
import { useAction } from '../lib/use-action.js';
import { SUPERVISOR_ROLES } from '../../../domain/roles.js';

/** Where an issued paper's file is read (the case's own route serves its sub-cases' papers too). */
function documentFileUrl(caseId: string, documentId: string): string {
  return `${casePath(caseId)}/documents/${encodeURIComponent(documentId)}/file`;
}

/** The hash as people compare it at a glance: its first and last characters. */
function shortHash(sha256: string): string {
  return sha256.length > 16 ? `${sha256.slice(0, 10)}…${sha256.slice(-6)}` : sha256;
}

/** Copies `text`: the Clipboard API where the page may use it (HTTPS, localhost), else a selected text area. */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (no permission, not focused): the old way below.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  document.body.append(area);
  area.select();
  // A plain-HTTP installation has no Clipboard API: the selection is copied the old way.
  const ok = document.execCommand('copy');
  area.remove();
  return ok;
}

function CopyHash({ sha256 }: { sha256: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<boolean>();
  const timer = useRef<number>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return (
    <button
      type="button"
      className="button subtle copy-hash"
      onClick={() => {
        void copyText(sha256).then((ok) => {
          setCopied(ok);
          window.clearTimeout(timer.current);
          timer.current = window.setTimeout(() => setCopied(undefined), 3_000);
        });
      }}
    >
      <span aria-live="polite">{copied === undefined ? t('documents.copyHash') : copied ? t('documents.copied') : t('documents.copyFailed')}</span>
    </button>
  );
}

/** Types a decision may correct or replace (docs/documents.md): not the archive package, not a correcting decision itself. */
const CORRECTABLE = (d: TCaseDocument): boolean => d.type !== 'CASE_FILE' && d.type !== 'CORRECTION_DECISION' && d.status === 'ISSUED';

/**
 * Correcting or replacing an issued paper (đính chính, thay thế): a new decision that refers to it,
 * numbered by INS; the paper itself never changes. Offered to the roles of the step that issued it.
 */
function Correct({ doc, caseId, onDone }: { doc: TCaseDocument; caseId: string; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'CORRECT' | 'REPLACE'>('CORRECT');
  const [reason, setReason] = useState('');
  const [text, setText] = useState('');
  const { busy, error, run } = useAction();
  const id = `correct-${doc.id}`;
  async function send(): Promise<void> {
    const done = await run((idempotencyKey) => api('POST', `${casePath(caseId)}/documents/${encodeURIComponent(doc.id)}/corrections`, { idempotencyKey, body: { kind, reason, text } }));
    if (done) onDone(t('documents.correction.done', { number: doc.number }));
  }
  return (
    <details className="document-correct" data-testid="document-correct">
      <summary>{t('documents.correction.open')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        {error && <ErrorPanel error={error} />}
        <fieldset>
          <legend className="field-label">{t('documents.correction.kind')}</legend>
          {(['CORRECT', 'REPLACE'] as const).map((k) => (
            <label key={k} className="choice">
              <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(`documents.correction.${k}`)}
            </label>
          ))}
        </fieldset>
        <div className="field field-wide">
          <label htmlFor={`${id}-reason`} className="field-label">
            {t('documents.correction.reason')}
          </label>
          <textarea id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={2000} rows={2} />
        </div>
        <div className="field field-wide">
          <label htmlFor={`${id}-text`} className="field-label">
            {t('documents.correction.text')}
          </label>
          <textarea id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} required maxLength={10_000} rows={4} />
        </div>
        <p className="small muted">{t('documents.correction.note')}</p>
        <button type="submit" className="button" disabled={busy || !reason.trim() || !text.trim()}>
          {t('documents.correction.submit')}
        </button>
      </form>
    </details>
  );
}

/**
 * Issuing again a paper the case could not issue (docs/adr/0196), once its cause is mended: the
 * same paper, date and signer, numbered when issued. Offered to the officer whose paper it is and to
 * the team lead and the director.
 */
function Reissue({ paper, caseId, onDone }: { paper: TPaperNotIssued; caseId: string; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const { busy, error, run } = useAction();
  async function send(): Promise<void> {
    const done = await run((idempotencyKey) => api('POST', `${casePath(caseId)}/documents/not-issued/${paper.seq}/reissue`, { idempotencyKey }));
    if (done) onDone(t('documents.reissue.done', { title: tx(paper.title, i18n.language).toLocaleLowerCase(i18n.language) }));
  }
  return (
    <div className="reissue">
      {error && <ErrorPanel error={error} />}
      <button type="button" className="button" disabled={busy} onClick={() => void send()} data-testid="paper-reissue">
        {busy ? t('documents.reissue.busy') : t('documents.reissue.submit')}
      </button>
    </div>
  );
}

function IssuedPaper({
  doc,
  caseId,
  all,
  def,
  canCorrect,
  onDone,
}: {
  doc: TCaseDocument;
  caseId: string;
  all: TCaseDocument[];
  def: TProcedure;
  canCorrect: boolean;
  onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const name = useStaffName();
  const own = doc.caseId === caseId;
  const corrects = doc.correctsId ? all.find((d) => d.id === doc.correctsId) : undefined;
  const stepTitle = own ? tx(def.steps.find((s) => s.id === doc.stepId)?.title, lang) : '';
  const titleId = `doc-${doc.id}-title`;
  return (
    <li className={`case-document doc-${doc.status}`} data-testid="case-document" data-document={doc.id} data-type={doc.type} data-case={doc.caseId} aria-labelledby={titleId}>
      <p className="document-title" id={titleId}>
        <strong>{tx(doc.title, lang)}</strong>
      </p>
      <p className="document-number">
        <span data-testid="document-number">{t('documents.number', { number: doc.number })}</span> · {t('documents.dated', { date: formatIsoDate(doc.date) })}
      </p>
      <p className="document-badges">
        <span className={`badge doc-status-${doc.status}`} data-testid="document-status">
          {t(`documents.status.${doc.status}`)}
        </span>{' '}
        <span className={`badge ${doc.signed ? 'doc-signed' : 'doc-unsigned'}`} data-testid="document-signed">
          {doc.signed ? t('documents.signed') : t('documents.notSigned')}
        </span>
      </p>
      {corrects && <p className="small">{t('documents.corrects', { number: corrects.number })}</p>}
      {!own && (
        <p className="small" data-testid="document-case">
          {t('documents.ofCase')} <Link to={caseUrl(doc.caseId)}>{doc.caseId}</Link>
        </p>
      )}
      <p className="small muted">
        {t('documents.issued', { name: name(doc.issuedBy), at: formatDateTime(doc.issuedAt) })} · <span className="step-id">{doc.stepId}</span> {stepTitle}
      </p>
      <p className="small document-hash">
        <span className="label">{t('documents.hash')}:</span>{' '}
        <code title={doc.sha256} data-testid="document-sha256" data-sha256={doc.sha256}>
          {shortHash(doc.sha256)}
        </code>{' '}
        <CopyHash sha256={doc.sha256} />
      </p>
      <p className="document-actions">
        <a className="button secondary" href={documentFileUrl(caseId, doc.id)} download data-testid="document-download">
          {t('documents.download')}
          <span className="small muted document-size">{formatBytes(doc.size, lang)}</span>
        </a>
        <a className="button subtle" href={`/xac-thuc/${encodeURIComponent(doc.id)}`} target="_blank" rel="noopener" data-testid="document-verify">
          {t('documents.verify')}
          <span className="visually-hidden"> ({t('documents.newTab')})</span>
        </a>
      </p>
      {canCorrect && own && CORRECTABLE(doc) && <Correct doc={doc} caseId={caseId} onDone={onDone} />}
    </li>
  );
}

/** The "Văn bản" card of the case page. `error`: the list could not be read (the rest of the page stands). */
export function CaseDocuments({
  caseId,
  def,
  documents,
  toCome,
  notIssued = [],
  error,
  roles = [],
  userId,
  caseOpen = false,
  reissueOpen = caseOpen,
  onDone = () => undefined,
}: {
  caseId: string;
  def: TProcedure;
  documents: TCaseDocument[];
  toCome: TPaperToCome[];
  /** Papers completed steps should have issued and INS could not (docs/adr/0191): said first, for the officer to report. */
  notIssued?: TPaperNotIssued[];
  error?: ApiError | undefined;
  /** The signed-in user's roles: who may correct a paper (the roles of the step that issued it). */
  roles?: readonly string[];
  /** The signed-in user: who may issue again a paper not issued (its officer, a team lead, the director). */
  userId?: string | undefined;
  caseOpen?: boolean;
  /** Whether the papers not issued can be issued again now: an open case, or a closed one whose workflow still waits for them (docs/adr/0199). */
  reissueOpen?: boolean;
  onDone?: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const stepOf = (id: string) => def.steps.find((s) => s.id === id);
  return (
    <section className="card case-documents" aria-labelledby="documents-title" data-testid="case-documents">
      <h2 id="documents-title">{t('documents.title')}</h2>
      {error && <ErrorPanel error={error} focus={false} />}
      {notIssued.length > 0 && (
        <div className="notice" data-testid="papers-not-issued">
          <strong>{t('documents.notIssuedTitle')}</strong>
          <ul className="plain">
            {notIssued.map((p) => (
              <li key={p.seq} data-testid="paper-not-issued" data-step={p.stepId} data-type={p.type}>
                {t(caseOpen ? 'documents.notIssued' : 'documents.notIssuedClosedCase', {
                  title: tx(p.title, lang),
                  step: `${p.stepId} ${tx(stepOf(p.stepId)?.title, lang)}`.trim(),
                  at: formatDateTime(p.at),
                })}
                {p.reason && <span className="small muted reason"> {t('documents.notIssuedReason', { reason: p.reason })}</span>}
                {reissueOpen && (p.officerId === userId || roles.some((r) => (SUPERVISOR_ROLES as readonly string[]).includes(r))) && <Reissue paper={p} caseId={caseId} onDone={onDone} />}
              </li>
            ))}
          </ul>
          <p className="small">{t(caseOpen ? 'documents.notIssuedWhat' : reissueOpen ? 'documents.notIssuedClosed' : 'documents.notIssuedEnded')}</p>
        </div>
      )}
      {documents.length === 0 ? (
        !error && <p className="muted">{t('documents.none')}</p>
      ) : (
        <ul className="plain document-list">
          {documents.map((d) => (
            <IssuedPaper
              key={d.id}
              doc={d}
              caseId={caseId}
              all={documents}
              def={def}
              canCorrect={caseOpen && roles.some((r) => def.steps.find((s) => s.id === d.stepId)?.roles.includes(r))}
              onDone={onDone}
            />
          ))}
        </ul>
      )}
      {toCome.length > 0 && (
        <>
          <h3 className="documents-to-come">{t('documents.toCome')}</h3>
          <ul className="plain document-list to-come">
            {toCome.map((p) => {
              const step = stepOf(p.stepId);
              const outcomes = (p.outcomes ?? []).map((o) => tx(step?.outcomes.find((x) => x.id === o)?.title, lang) || o);
              return (
                <li key={`${p.stepId}-${p.type}`} data-testid="paper-to-come" data-step={p.stepId} data-type={p.type}>
                  <strong>{tx(p.title, lang)}</strong>
                  <span className="small muted">
                    {t('documents.whenStep', { step: `${p.stepId} ${tx(step?.title, lang)}`.trim() })}
                    {outcomes.length > 0 && ` ${t('documents.whenOutcome', { outcomes: outcomes.join(t('documents.or')) })}`}
                  </span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
