/**
 * The one date input of the web app. A person types the date as Vietnamese documents write it —
 * `25/11/2026`, `5/1/2026`, `25112026` (no slashes), `25-11-2026`, `25.11.2026` — and it reads
 * `dd/mm/yyyy` once they leave the field; or picks it on the browser's own calendar (the native
 * `<input type="date">`, opened with `showPicker()`, shown in place where that cannot open), or
 * takes today's date in Vietnam. Its value stays the text as typed: the form checks it with
 * `dateIssue` (forms/validate.ts) and shows the problem at the field, which the caller labels and
 * ties to the input with `aria-describedby`.
 */
import { useRef, useState, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { isValidDate } from '../../../domain/calendar.js';
import { dateIssue } from '../forms/validate.js';
import { formatIsoDate, readViDate, todayInVietnam } from '../lib/format.js';

export interface TDateInputProps {
  id: string;
  /** The date as typed (dd/mm/yyyy once normalised). */
  value: string;
  onChange: (text: string) => void;
  /** The first and last day the picker offers, YYYY-MM-DD (the form says why a typed date is out of range). */
  min?: string | undefined;
  max?: string | undefined;
  name?: string | undefined;
  disabled?: boolean | undefined;
  readOnly?: boolean | undefined;
  'aria-invalid'?: boolean | undefined;
  'aria-describedby'?: string | undefined;
  'aria-required'?: boolean | undefined;
  ref?: Ref<HTMLInputElement> | undefined;
}

function CalendarIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true" focusable="false">
      <rect x="3" y="5" width="18" height="16" rx="2" />
      <path d="M3 10h18M8 3v4M16 3v4" />
    </svg>
  );
}

export function DateInput({ id, value, onChange, min, max, ref, ...rest }: TDateInputProps) {
  const { t } = useTranslation();
  const picker = useRef<HTMLInputElement>(null);
  // Shown in place when the browser cannot open its picker from the button (no showPicker()).
  const [inPlace, setInPlace] = useState(false);
  const typed = readViDate(value);
  const hintId = `${id}-format`;
  const set = (text: string): void => {
    if (text !== value) onChange(text);
  };
  // dd/mm/yyyy once the person is done typing, a day that does not exist included (its message quotes it so).
  const normalise = (): void => {
    if (typed.kind === 'date') set(formatIsoDate(typed.iso));
    else if (typed.kind === 'noSuchDate') set(typed.typed);
  };
  const openPicker = (): void => {
    const el = picker.current;
    if (!el) return;
    el.value = typed.kind === 'date' ? typed.iso : '';
    try {
      el.showPicker();
    } catch {
      setInPlace(true);
      window.requestAnimationFrame(() => el.focus());
    }
  };
  // The picker's `input` event, not React's onChange: a value set by script still counts.
  const picked = (e: FormEvent<HTMLInputElement>): void => {
    const iso = e.currentTarget.value;
    if (isValidDate(iso)) set(formatIsoDate(iso));
  };
  const editable = !rest.disabled && !rest.readOnly;
  return (
    <div className="date-input">
      <input
        {...rest}
        id={id}
        ref={ref}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={t('form.datePlaceholder')}
        maxLength={10}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onBlur={normalise}
        aria-describedby={[rest['aria-describedby'], hintId].filter(Boolean).join(' ')}
      />
      <span id={hintId} className="visually-hidden">
        {t('form.dateHint')}
      </span>
      {editable && (
        <>
          <button type="button" className="button subtle date-pick" onClick={openPicker} aria-label={t('form.datePick')} title={t('form.datePick')} data-testid="date-pick">
            <CalendarIcon />
          </button>
          <button type="button" className="button subtle date-today" onClick={() => set(formatIsoDate(todayInVietnam()))} data-testid="date-today">
            {t('form.dateToday')}
          </button>
          <input
            ref={picker}
            type="date"
            className={inPlace ? 'date-native in-place' : 'date-native'}
            min={min}
            max={max}
            onInput={picked}
            aria-label={t('form.datePick')}
            {...(inPlace ? {} : { tabIndex: -1, 'aria-hidden': true })}
            data-testid="date-native"
          />
        </>
      )}
    </div>
  );
}

/** The words of a date field's problem ({@link dateIssue}) in the reader's language, for forms that show strings. */
export function useDateProblem(): (text: string, bounds?: { min?: string | undefined; max?: string | undefined }) => string | undefined {
  const { t } = useTranslation();
  return (text, bounds) => {
    const issue = dateIssue(text, bounds);
    return issue && t(`validation.${issue.key}`, issue.params ?? {});
  };
}
