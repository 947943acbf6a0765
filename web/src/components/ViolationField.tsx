/**
 * A violation picked from the catalogue (danh mục hành vi vi phạm): search by code or words (accents
 * optional: "gia niem yet" finds "giá niêm yết"), pick with the mouse or the keyboard; the row's
 * article, bracket for the offender named in the form, limitation period and whether a warning is
 * possible are shown as the server will record them. Nothing about the bracket is typed by hand.
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { violationFacts, violationInForce } from '../../../domain/violation-catalogue.js';
import { formatMoney, parseViDate } from '../lib/format.js';
import { useViolations } from '../lib/hooks.js';
import type { TViolation } from '../lib/contract/types.js';

/** Lower case without Vietnamese diacritics, for searching as people type. */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** The article reference of a row: "Điều 17 khoản 1 điểm c, Nghị định 98/2020/NĐ-CP". */
function articleOf(v: TViolation): string {
  return `Điều ${v.article}${v.clause ? ` khoản ${v.clause}` : ''}${v.point ? ` điểm ${v.point}` : ''}, ${v.decree}`;
}

export function ViolationField({
  id,
  value,
  onChange,
  disabled,
  offender,
  date,
  describedBy,
  invalid,
}: {
  id: string;
  value: string;
  onChange: (code: string) => void;
  disabled: boolean;
  /** The offender the form names (INDIVIDUAL / ORGANIZATION), for the bracket shown. */
  offender: string | undefined;
  /** The date whose rows apply, as typed (dd/mm/yyyy). */
  date: string | undefined;
  describedBy?: string | undefined;
  invalid: boolean;
}) {
  const { t } = useTranslation();
  const catalogue = useViolations();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const isoDate = date ? parseViDate(date) : undefined;
  const selected = catalogue?.find((v) => v.code === value);
  const matches = useMemo(() => {
    const q = fold(query.trim());
    const rows = (catalogue ?? []).filter((v) => !isoDate || violationInForce(v, isoDate));
    return (q ? rows.filter((v) => fold(`${v.code} ${v.descriptionVi} ${v.decree}`).includes(q)) : rows).slice(0, 8);
  }, [catalogue, query, isoDate]);

  const pick = (v: TViolation): void => {
    onChange(v.code);
    setQuery('');
    setOpen(false);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, Math.max(0, matches.length - 1)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && open && matches[active]) {
      e.preventDefault();
      pick(matches[active]);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };
  const facts = selected ? violationFacts(selected, offender === 'ORGANIZATION' ? 'ORGANIZATION' : 'INDIVIDUAL') : undefined;

  return (
    <div className="violation-picker" data-testid="violation-picker">
      <input
        id={id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open && matches.length > 0}
        aria-controls={listId}
        aria-activedescendant={open && matches[active] ? `${listId}-${active}` : undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        placeholder={selected ? selected.code : t('violation.search')}
        value={query}
        disabled={disabled}
        autoComplete="off"
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKey}
      />
      {open && (
        <ul className="violation-options" role="listbox" id={listId} aria-label={t('violation.results')}>
          {catalogue === undefined && <li className="muted">{t('violation.loading')}</li>}
          {catalogue !== undefined && matches.length === 0 && <li className="muted">{t('violation.none')}</li>}
          {matches.map((v, i) => (
            <li
              key={v.code}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              data-testid="violation-option"
              onMouseDown={(e) => {
                e.preventDefault();
                pick(v);
              }}
            >
              <span className="code">{v.code}</span> {v.descriptionVi}
            </li>
          ))}
        </ul>
      )}
      {selected && facts ? (
        <dl className="violation-facts" data-testid="violation-facts">
          <dt>{t('violation.chosen')}</dt>
          <dd>
            <strong>{selected.code}</strong> — {selected.descriptionVi}
          </dd>
          <dt>{t('violation.article')}</dt>
          <dd>{articleOf(selected)}</dd>
          <dt>{t(offender === 'ORGANIZATION' ? 'violation.bracketOrganization' : 'violation.bracketIndividual')}</dt>
          <dd data-testid="violation-bracket">
            {formatMoney(facts.bracketMin)} – {formatMoney(facts.bracketMax)} ({t('violation.midpoint')}: {formatMoney(facts.bracketMid)})
          </dd>
          <dt>{t('violation.limitation')}</dt>
          <dd>{t('violation.years', { count: facts.limitationYears })}</dd>
          <dt>{t('violation.warning')}</dt>
          <dd>{facts.warningPossible ? t('violation.yes') : t('violation.no')}</dd>
        </dl>
      ) : value ? (
        <p className="small muted">{value}</p>
      ) : null}
    </div>
  );
}
