/**
 * Under an open step's form that issues papers: what completing it does (INS issues and numbers
 * them), and per paper a draft to look at first — the form's current values sent to the preview
 * route, the PDF opened in a new tab as a blob URL, with a link to open it again and one to save
 * it (a tablet's browser opens a tab only on a click of its own). docs/adr/0152.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tx } from '../i18n.js';
import { ApiError, previewDocument } from '../lib/api.js';
import type { TPaperToCome } from '../lib/contract/types.js';
import { ErrorPanel } from './ErrorPanel.js';

interface TDraft {
  busy?: boolean;
  url?: string;
  error?: ApiError;
}

export function PaperDrafts({
  caseId,
  stepId,
  papers,
  current,
  disabled,
}: {
  caseId: string;
  stepId: string;
  /** The step's papers for the outcome chosen (all of them while none is). */
  papers: TPaperToCome[];
  /** The form as the completion would send it now. */
  current: () => { outcome?: string; data: Record<string, unknown> };
  disabled: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [drafts, setDrafts] = useState<Record<string, TDraft>>({});
  const urls = useRef<Set<string>>(new Set());
  // The drafts' blob URLs live as long as the form: a tab opened from one keeps its copy.
  useEffect(() => {
    const held = urls.current;
    return () => held.forEach((u) => URL.revokeObjectURL(u));
  }, []);
  if (papers.length === 0) return null;

  async function preview(type: string): Promise<void> {
    setDrafts((d) => ({ ...d, [type]: { ...d[type], busy: true, error: undefined } }));
    try {
      const blob = await previewDocument(caseId, stepId, type, current());
      const url = URL.createObjectURL(blob);
      urls.current.add(url);
      setDrafts((d) => {
        const before = d[type]?.url;
        if (before) {
          URL.revokeObjectURL(before);
          urls.current.delete(before);
        }
        return { ...d, [type]: { url } };
      });
      // A blocked tab (a tablet's browser after the wait) leaves the links below to open it.
      window.open(url, '_blank');
    } catch (err) {
      setDrafts((d) => ({ ...d, [type]: { ...d[type], busy: false, error: err instanceof ApiError ? err : new ApiError(0, 'NETWORK', String(err)) } }));
    }
  }

  return (
    <div className="paper-drafts" data-testid="paper-drafts">
      <p className="paper-note" data-testid="issues-papers">
        {t('documents.completingIssues')}
      </p>
      <ul className="plain">
        {papers.map((p) => {
          const d = drafts[p.type] ?? {};
          const title = tx(p.title, lang);
          return (
            <li key={p.type} className="paper-draft" data-testid="paper-draft" data-type={p.type}>
              <span className="paper-draft-title">{title}</span>
              <span className="paper-draft-actions">
                <button type="button" className="button secondary" onClick={() => void preview(p.type)} disabled={disabled || d.busy} data-testid="preview-draft">
                  {d.busy ? t('documents.previewing') : t('documents.preview')}
                  {papers.length > 1 && <span className="visually-hidden">: {title}</span>}
                </button>
                {d.url && (
                  <span className="small draft-links" data-testid="draft-ready">
                    {t('documents.draftReady')}{' '}
                    <a href={d.url} target="_blank" rel="noopener">
                      {t('documents.openDraft')}
                    </a>{' '}
                    ·{' '}
                    <a href={d.url} download={`du-thao-${stepId}-${p.type.toLowerCase()}.pdf`}>
                      {t('documents.saveDraft')}
                    </a>
                  </span>
                )}
              </span>
              {d.error && <ErrorPanel error={d.error} onDismiss={() => setDrafts((x) => ({ ...x, [p.type]: { ...x[p.type], error: undefined } }))} />}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
