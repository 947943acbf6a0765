/**
 * The admin consoles' editable tables: a table of rows (with skeleton rows while loading and a
 * hidden "actions" column), and a row edited in a form above it — opened on a row or a new one,
 * checked locally once submitted, saved with the server's field errors shown in place (and its
 * refusal in an error panel), or cancelled.
 */
import { Children, cloneElement, isValidElement, useCallback, useRef, useState, type FormEvent, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { ApiError } from '../lib/api.js';
import { serverFieldErrors } from './simple-form.js';

/** A table of rows with an actions column; while `loading`, `skeletonRows` placeholder rows. */
export function EditableTable({
  className,
  caption,
  labelledBy,
  columns,
  loading,
  skeletonRows,
  children,
}: {
  className?: string;
  caption?: string;
  labelledBy?: string;
  columns: ReactNode[];
  loading: boolean;
  skeletonRows: number;
  children: ReactNode;
}) {
  const { t } = useTranslation('admin');
  return (
    <div className="table-scroll">
      <table className={className ? `data-table ${className}` : 'data-table'} aria-labelledby={labelledBy} aria-busy={loading}>
        {caption !== undefined && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">{t('actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {loading &&
            Array.from({ length: skeletonRows }, (_, i) => (
              <tr key={i} className="skeleton-row" aria-hidden="true">
                <td colSpan={columns.length + 1}>
                  <span className="skeleton" />
                </td>
              </tr>
            ))}
          {labelCells(children, columns)}
        </tbody>
      </table>
    </div>
  );
}

type TCell = ReactElement<{ children?: ReactNode; colSpan?: number; 'data-label'?: string }>;

/**
 * The rows with each cell labelled by its column's heading (`data-label`): on a phone the table is
 * laid out as one card per row, each value under its heading (admin.css), instead of scrolling
 * sideways. A cell that spans columns (an empty list's message) keeps no label.
 */
function labelCells(rows: ReactNode, columns: ReactNode[]): ReactNode {
  return Children.map(rows, (row) => {
    if (!isValidElement<{ children?: ReactNode }>(row) || row.type !== 'tr') return row;
    let i = 0;
    const cells = Children.map(row.props.children, (cell) => {
      if (!isValidElement(cell) || (cell.type !== 'td' && cell.type !== 'th')) return cell;
      const c = cell as TCell;
      const heading = columns[i];
      i += c.props.colSpan ?? 1;
      return typeof heading === 'string' && !c.props.colSpan ? cloneElement(c, { 'data-label': heading }) : c;
    });
    return cloneElement(row, {}, cells);
  });
}

/** A button of a row's actions: its visible label, and the words that say which row to a screen reader. */
export function RowButton({ label, rowLabel, onClick }: { label: ReactNode; rowLabel: ReactNode; onClick: () => void }) {
  return (
    <button type="button" className="button subtle" onClick={onClick}>
      {label}
      <span className="visually-hidden"> {rowLabel}</span>
    </button>
  );
}

export interface TRowEditor<D> {
  /** The row being edited, or undefined when the form is closed. */
  draft: D | undefined;
  /** Opens the form on a row (or a new one), forgetting the last answer, and focuses its first control. */
  open(draft: D): void;
  /** Changes the row being edited. */
  change(draft: D): void;
  cancel(): void;
  busy: boolean;
  /** The server's refusal of the last save. */
  error: ApiError | undefined;
  dismissError(): void;
  /** Problems by field: the server's, and once submitted the local check's. */
  problems: Record<string, string>;
  /** The form's callback ref (the editor holds no ref object, so render may read it). */
  attachForm: (form: HTMLFormElement | null) => void;
  submit(e: FormEvent): Promise<void>;
}

/**
 * The state of a row edited in a form. `check` finds the local problems by field (nothing is sent
 * while there are any), `save` sends the row, `saved` runs after the server took it (a status
 * line, a reload); the form then closes.
 */
export function useRowEditor<D>(o: { check?: (draft: D) => Record<string, string>; save: (draft: D) => Promise<unknown>; saved: (draft: D) => void }): TRowEditor<D> {
  const [draft, setDraft] = useState<D>();
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const form = useRef<HTMLFormElement | null>(null);
  const attachForm = useCallback((el: HTMLFormElement | null) => {
    form.current = el;
  }, []);
  const local = (d: D): Record<string, string> => o.check?.(d) ?? {};
  const problems = draft && submitted ? { ...serverFieldErrors(error), ...local(draft) } : serverFieldErrors(error);

  return {
    draft,
    open(d) {
      setDraft(d);
      setSubmitted(false);
      setError(undefined);
      window.requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('input:not([readonly]), select')?.focus());
    },
    change: setDraft,
    cancel: () => setDraft(undefined),
    busy,
    error,
    dismissError: () => setError(undefined),
    problems,
    attachForm,
    async submit(e) {
      e.preventDefault();
      if (!draft) return;
      setSubmitted(true);
      if (Object.keys(local(draft)).length) return;
      setBusy(true);
      setError(undefined);
      try {
        await o.save(draft);
        setDraft(undefined);
        setSubmitted(false);
        o.saved(draft);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        setError(err);
      } finally {
        setBusy(false);
      }
    },
  };
}

/**
 * The form of a row being edited (nothing while none is): its title, the fields (`children`), the
 * server's refusal, Save and Cancel. `canSave: false` keeps Save disabled (e.g. a required choice
 * not made yet).
 */
export function RowEditForm<D>({
  editor,
  testId,
  titleId,
  title,
  heading = 'h2',
  canSave = true,
  children,
}: {
  editor: TRowEditor<D>;
  testId: string;
  titleId: string;
  title: (draft: D) => ReactNode;
  heading?: 'h2' | 'h3';
  canSave?: boolean;
  children: (draft: D) => ReactNode;
}) {
  const { t } = useTranslation('admin');
  const { draft, attachForm, submit, error, dismissError, busy, cancel } = editor;
  if (draft === undefined) return null;
  const Heading = heading;
  return (
    <form className="card edit-card" ref={attachForm} onSubmit={(e) => void submit(e)} noValidate aria-labelledby={titleId} data-testid={testId}>
      <Heading id={titleId}>{title(draft)}</Heading>
      {children(draft)}
      {error && <ErrorPanel error={error} onDismiss={dismissError} />}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy || !canSave}>
          {t('save')}
        </button>
        <button type="button" className="button secondary" onClick={cancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
