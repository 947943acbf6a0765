/**
 * Importing businesses from a CSV file: a dry run first (`?dryRun=true` changes nothing) whose
 * report shows, row by row, what would be created or updated and what is wrong — line, column and
 * the rule — then the import of the valid rows of that same file.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { api, ApiError } from '../lib/api.js';
import { useTitle } from '../lib/hooks.js';
import type { TImportReport } from '../lib/contract/types.js';
import { useRuleText } from './ui.js';
import './registry.css';

const COLUMNS: { name: string; vi: string; required?: boolean }[] = [
  { name: 'tax_code', vi: 'mã số thuế', required: true },
  { name: 'name', vi: 'tên', required: true },
  { name: 'type', vi: 'loại hình', required: true },
  { name: 'province', vi: 'tỉnh', required: true },
  { name: 'commune', vi: 'xã/phường', required: true },
  { name: 'address', vi: 'địa chỉ' },
  { name: 'sector', vi: 'ngành nghề' },
  { name: 'product_groups', vi: 'nhóm hàng' },
  { name: 'phone', vi: 'điện thoại' },
  { name: 'legal_representative', vi: 'người đại diện' },
  { name: 'status', vi: 'trạng thái' },
  { name: 'market', vi: 'chợ' },
  { name: 'hotspots', vi: 'điểm nóng' },
  { name: 'managing_team', vi: 'đội quản lý' },
];

export function ImportPage() {
  const { t } = useTranslation('registry');
  const ruleText = useRuleText();
  useTitle(t('import.title'));
  const [file, setFile] = useState<{ name: string; text: string }>();
  const [report, setReport] = useState<TImportReport>();
  const [checkedText, setCheckedText] = useState<string>();
  const [all, setAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [status, setStatus] = useState('');

  async function choose(f: File | undefined): Promise<void> {
    setReport(undefined);
    setCheckedText(undefined);
    setError(undefined);
    setStatus('');
    setFile(f ? { name: f.name, text: await f.text() } : undefined);
  }

  async function send(dryRun: boolean): Promise<void> {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    setStatus('');
    try {
      const r = await api<TImportReport>('POST', `/api/v1/businesses/import?dryRun=${dryRun}`, { text: { body: file.text, type: 'text/csv' } });
      setReport(r);
      setCheckedText(dryRun ? file.text : undefined);
      setStatus(dryRun ? t('import.checked', { created: r.created, updated: r.updated, failed: r.failed }) : t('import.done', { created: r.created, updated: r.updated, failed: r.failed }));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const rows = (report?.rows ?? []).filter((r) => all || r.status === 'FAILED');
  const canImport = !!report && report.dryRun && checkedText === file?.text && report.created + report.updated > 0;

  return (
    <div className="page registry-page">
      <nav aria-label={t('breadcrumb')} className="breadcrumb small">
        <Link to="/registry">{t('list.title')}</Link> › <span>{t('import.title')}</span>
      </nav>
      <h1>{t('import.title')}</h1>
      <p className="muted">{t('import.intro')}</p>
      <div className="import-layout">
        <section className="card" aria-labelledby="import-file-title">
          <h2 id="import-file-title">{t('import.step1')}</h2>
          <div className="field">
            <label htmlFor="import-file" className="field-label">
              {t('import.file')}
            </label>
            <p className="field-help" id="import-file-help">
              {t('import.fileHelp')}
            </p>
            <input id="import-file" className="visually-hidden" type="file" accept=".csv,text/csv" aria-describedby="import-file-help" onChange={(e) => void choose(e.target.files?.[0])} />
            <label className="button secondary file-button" htmlFor="import-file">
              {t('import.choose')}
            </label>
          </div>
          <p className="small" data-testid="import-file-name">
            {file ? t('import.chosen', { name: file.name, lines: file.text.split(/\r\n|\r|\n/).filter((l) => l.trim()).length }) : '\u00a0'}
          </p>
          <div className="form-actions">
            <button type="button" className="button primary" disabled={!file || busy} onClick={() => void send(true)}>
              {t('import.dryRun')}
            </button>
            <button type="button" className="button secondary" disabled={!canImport || busy} onClick={() => void send(false)}>
              {report && report.dryRun ? t('import.importValid', { count: report.created + report.updated }) : t('import.import')}
            </button>
          </div>
          <p className="small muted">{t('import.dryRunFirst')}</p>
        </section>
        <section className="card columns-help" aria-labelledby="import-columns-title">
          <h2 id="import-columns-title">{t('import.columns')}</h2>
          <p className="small muted">{t('import.columnsHelp')}</p>
          <ul className="plain column-list small">
            {COLUMNS.map((c) => (
              <li key={c.name}>
                <code>{c.name}</code> ({c.vi}){c.required && <span className="req"> *</span>} — {t(`import.col.${c.name}`)}
              </li>
            ))}
          </ul>
        </section>
      </div>

      <p className="status-line" role="status" data-testid="import-status">
        {status}
      </p>
      {error && <ErrorPanel error={error} onDismiss={() => setError(undefined)} />}

      {report && (
        <section className="card" aria-labelledby="import-report-title" data-testid="import-report" data-dry-run={report.dryRun}>
          <div className="section-head">
            <h2 id="import-report-title">{report.dryRun ? t('import.reportDry') : t('import.report')}</h2>
            <button type="button" className="button subtle" aria-pressed={all} onClick={() => setAll((v) => !v)}>
              {all ? t('import.onlyFailed') : t('import.allRows')}
            </button>
          </div>
          <dl className="counters">
            <div>
              <dt>{report.dryRun ? t('import.wouldCreate') : t('import.created')}</dt>
              <dd data-testid="import-created">{report.created}</dd>
            </div>
            <div>
              <dt>{report.dryRun ? t('import.wouldUpdate') : t('import.updated')}</dt>
              <dd data-testid="import-updated">{report.updated}</dd>
            </div>
            <div className={report.failed ? 'overdue' : undefined}>
              <dt>{t('import.failed')}</dt>
              <dd data-testid="import-failed">{report.failed}</dd>
            </div>
          </dl>
          <div className="table-scroll">
            <table className="data-table import-table">
              <caption className="visually-hidden">{t('import.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('import.line')}</th>
                  <th scope="col">{t('import.result')}</th>
                  <th scope="col">{t('import.taxCode')}</th>
                  <th scope="col">{t('import.column')}</th>
                  <th scope="col">{t('import.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.length === 0 && (
                  <tr>
                    <td colSpan={5} className="muted">
                      {t('import.noFailures')}
                    </td>
                  </tr>
                )}
                {rows.flatMap((r) =>
                  (r.errors.length ? r.errors : [undefined]).map((e, i) => (
                    <tr key={`${r.line}-${i}`} className={r.status === 'FAILED' ? 'failed' : undefined} data-testid="import-row" data-line={r.line} data-status={r.status}>
                      <td className="nowrap">{i === 0 ? r.line : ''}</td>
                      <td>{i === 0 ? <span className={`badge import-${r.status}`}>{t(`import.statuses.${r.status}${report.dryRun ? '_dry' : ''}`)}</span> : ''}</td>
                      <td className="nowrap">{i === 0 && r.taxCode ? <code>{r.taxCode}</code> : ''}</td>
                      <td data-testid="import-column">{e ? <code>{e.column === '(row)' ? t('import.wholeRow') : e.column}</code> : ''}</td>
                      <td data-testid="import-problem">
                        {e?.value && (
                          <>
                            <code data-testid="import-value">{e.value}</code>:{' '}
                          </>
                        )}
                        {e ? ruleText(e) : ''}
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
