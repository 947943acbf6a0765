/**
 * Two versions of a procedure compared: the server's summary (`GET /api/v1/procedures/{id}/diff`:
 * steps added, removed, and the parts of each step that changed), then both definitions side by
 * side, step by step, line by line, with what differs marked.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { tx } from '../i18n.js';
import { useGet } from '../lib/hooks.js';
import { headLines, sideBySide, stepIdsOf, stepLines, type TAnchorDef, type TDefinition, type TDiff, type TLine, type TRung, type TVersionRow, type TWords } from './model.js';

/** The words the readable lines need, in the current language. */
function useWords(): TWords {
  const { t, i18n } = useTranslation('admin');
  const lang = i18n.language;
  return useMemo(
    () => ({
      lang,
      unit: (unit: string, amount: number) => t(`translation:units.${unit}`, { count: amount }),
      role: (role: string) => t(`translation:roles.${role}`, { defaultValue: role }),
      anchor: (a: TAnchorDef) => t(`anchorsFrom.${a.kind}`, { step: a.stepId ?? '', field: a.field ?? '', event: a.event ?? '', fact: a.fact ?? '' }),
      fieldType: (type: string) => t(`fieldTypes.${type}`, { defaultValue: type }),
      rung: (r: TRung) =>
        t('diff.rung', {
          at: r.at.kind === 'SHARE' ? t('diff.rungShare', { pct: Math.round(r.at.share * 100) }) : r.at.kind === 'BREACH' ? t('diff.rungBreach') : t('diff.rungAfter', { hours: r.at.hours }),
          action: t(`diff.actions.${r.action}`, { defaultValue: r.action }),
          role: t(`translation:roles.${r.toRole}`, { defaultValue: r.toRole }),
        }),
      extra: (key: string, params: Record<string, string | number>) => (i18n.exists(`admin:diff.extras.${key}`) ? t(`diff.extras.${key}`, params) : undefined),
      yes: t('diff.hard'),
      required: t('diff.required'),
      closes: t('diff.closes'),
      end: t('diff.end'),
    }),
    [t, i18n, lang],
  );
}

export function VersionCompare({
  procedureId,
  current,
  versions,
  dirty,
  onCompared,
}: {
  procedureId: string;
  current: { version: number; definition: TDefinition };
  versions: TVersionRow[];
  dirty: boolean;
  onCompared: (diff: TDiff | undefined) => void;
}) {
  const { t } = useTranslation('admin');
  const others = versions.filter((v) => v.version !== current.version).sort((a, b) => b.version - a.version);
  // By default the latest published version before this one (else the latest other one).
  const preferred = others.find((v) => v.status === 'PUBLISHED' && v.version < current.version) ?? others.find((v) => v.version < current.version) ?? others[0];
  const [chosen, setChosen] = useState<number | undefined>();
  const from = chosen ?? preferred?.version;
  const diff = useGet('/api/v1/procedures/{procedureId}/diff', from ? { path: { procedureId }, query: { from, to: current.version } } : null);
  const before = useGet('/api/v1/procedures/{procedureId}/versions/{version}', from ? { path: { procedureId, version: from } } : null);
  // The diagram marks what changed (onCompared is a state setter: stable).
  useEffect(() => onCompared(diff.data), [diff.data, onCompared]);

  if (!preferred) return <p className="card muted">{t('diff.onlyVersion')}</p>;
  return (
    <section className="card compare" aria-labelledby="compare-title" data-testid="version-compare">
      <div className="compare-head">
        <h3 id="compare-title">{t('diff.title', { to: current.version })}</h3>
        <div className="field inline">
          <label htmlFor="compare-from" className="field-label">
            {t('diff.with')}
          </label>
          <select id="compare-from" value={from} onChange={(e) => setChosen(Number(e.target.value))}>
            {others.map((v) => (
              <option key={v.version} value={v.version}>
                {t('versionLabel', { v: v.version, status: t(`status.${v.status}`) })}
              </option>
            ))}
          </select>
        </div>
      </div>
      {dirty && <p className="notice">{t('diff.unsaved')}</p>}
      {diff.error && <ErrorPanel error={diff.error} focus={false} />}
      <div aria-busy={!diff.data}>{diff.data && <DiffSummary diff={diff.data} from={from!} to={current.version} />}</div>
      {before.data && diff.data && <SideBySide before={before.data.definition} after={current.definition} diff={diff.data} />}
    </section>
  );
}

function DiffSummary({ diff, from, to }: { diff: TDiff; from: number; to: number }) {
  const { t } = useTranslation('admin');
  const none = !diff.added.length && !diff.removed.length && !diff.changed.length;
  return (
    <div className="diff-summary" data-testid="diff-summary">
      {none ? (
        <p>{t('diff.same', { from, to })}</p>
      ) : (
        <ul>
          {diff.added.length > 0 && <li>{t('diff.added', { steps: diff.added.join(', ') })}</li>}
          {diff.removed.length > 0 && <li>{t('diff.removed', { steps: diff.removed.join(', ') })}</li>}
          {diff.changed.map((c) => (
            <li key={c.stepId} data-testid="diff-changed" data-step={c.stepId}>
              {t('diff.changed', { step: c.stepId, parts: c.parts.map((p) => t(`diff.parts.${p}`, { defaultValue: p })).join(', ') })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function SideBySide({ before, after, diff }: { before: TDefinition; after: TDefinition; diff: TDiff }) {
  const { t, i18n } = useTranslation('admin');
  const words = useWords();
  const [all, setAll] = useState(false);
  const touched = new Set([...diff.added, ...diff.removed, ...diff.changed.map((c) => c.stepId)]);
  const head = sideBySide(headLines(before, words), headLines(after, words));
  const ids = stepIdsOf(before, after).filter((id) => all || touched.has(id));
  const lines = (d: TDefinition, id: string): TLine[] | undefined => {
    const s = d.steps.find((x) => x.id === id);
    return s ? stepLines(s, words) : undefined;
  };
  return (
    <div className="side-by-side">
      <div className="form-actions">
        <button type="button" className="button subtle" aria-pressed={all} onClick={() => setAll((v) => !v)}>
          {all ? t('diff.showChanged') : t('diff.showAll')}
        </button>
      </div>
      <div className="table-scroll">
        <table className="sxs" data-testid="side-by-side">
          <caption className="visually-hidden">{t('diff.caption', { from: before.version, to: after.version })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('diff.part')}</th>
              <th scope="col">{t('diff.version', { v: before.version })}</th>
              <th scope="col">{t('diff.version', { v: after.version })}</th>
            </tr>
          </thead>
          {head.some((r) => r.changed) && <Rows title={t('diff.procedure')} rows={head.filter((r) => all || r.changed)} />}
          {ids.map((id) => {
            const s = after.steps.find((x) => x.id === id) ?? before.steps.find((x) => x.id === id);
            return <Rows key={id} stepId={id} title={`${id} ${tx(s?.title, i18n.language)}`} rows={sideBySide(lines(before, id), lines(after, id))} />;
          })}
        </table>
      </div>
    </div>
  );
}

function Rows({ title, rows, stepId }: { title: string; rows: ReturnType<typeof sideBySide>; stepId?: string }) {
  const { t } = useTranslation('admin');
  return (
    <tbody data-step={stepId}>
      <tr className="sxs-step">
        <th scope="colgroup" colSpan={3}>
          {title}
        </th>
      </tr>
      {rows.map((r) => (
        <tr key={r.key} className={r.changed ? 'changed' : undefined} data-testid={r.changed ? 'sxs-changed' : undefined} data-key={r.key}>
          <th scope="row">
            {t(r.label, r.params ?? {})}
            {r.changed && <span className="visually-hidden"> ({t('diff.differs')})</span>}
          </th>
          <td className={r.before === undefined ? 'absent' : undefined}>{r.before ?? t('diff.absent')}</td>
          <td className={r.after === undefined ? 'absent' : undefined}>{r.after ?? t('diff.absent')}</td>
        </tr>
      ))}
    </tbody>
  );
}
