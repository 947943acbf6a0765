/**
 * Beside the amounts of a step's form: the fine calculator (the bracket of the recorded acts for
 * this offender, the amount the law proposes — the midpoint, moved by the circumstances — and why,
 * from `POST /api/v1/fines/quote`), and what is owed once the time to pay has run out (the fine and
 * the late-payment surcharge of 0.05 % a day, domain/fines.ts).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lateSurcharge, surchargeOnUnpaid } from '../../../domain/fines.js';
import { paymentsOf } from '../../../domain/rules.js';
import { actsSanctionableOn, limitationEnds, limitationFrom, type TViolationFacts } from '../../../domain/violation-catalogue.js';
import { api } from '../lib/api.js';
import { formatIsoDate, formatMoney, parseViDate, todayInVietnam } from '../lib/format.js';
import { useLegalParams } from '../lib/hooks.js';
import type { TCase, TFineQuote, TOpenStep } from '../lib/contract/types.js';
import type { TFormValues } from '../forms/validate.js';
import { plainLegalBasis } from '../../../domain/source-doubts.js';
import { errorSentence } from '../lib/error-text.js';

type TQuote = TFineQuote;

type TQuotedAct = { code: string; offender: string; date: string };

/**
 * The acts a fine is decided on: a violation field of this form, else the acts of the case's record
 * that the decision's date (`decisionDate` of this form, when typed) still allows, with those whose
 * limitation period ended before it (Art. 6, 65(1)(b)) apart.
 */
function actsOf(caseFile: TCase, values: TFormValues, violationKey: string | undefined): { acts: TQuotedAct[]; barred: { code: string; ends: string }[] } {
  if (violationKey) {
    const code = values[violationKey];
    const date = parseViDate(String(values.violationDate ?? '')) ?? todayInVietnam();
    return { acts: typeof code === 'string' && code ? [{ code, offender: String(values.offenderType || 'INDIVIDUAL'), date }] : [], barred: [] };
  }
  const record = [...caseFile.snapshot.completed].reverse().find((c) => Array.isArray(c.data.acts));
  if (!record) return { acts: [], barred: [] };
  const date = typeof record.data.violationDate === 'string' ? record.data.violationDate : todayInVietnam();
  const rows = (record.data.acts as { violation?: TViolationFacts }[]).filter((a) => a.violation && typeof a.violation === 'object');
  const decisionDate = parseViDate(String(values.decisionDate ?? ''));
  // The period counts from the act's end, or from its detection when it was going on (penalty version 10);
  // again from the end of an evasion stated in the record or, after it, in this decision when it began within the period (version 19).
  const evasionEndedOn = parseViDate(String(values.evasionEndedOn ?? ''));
  const evasionStartedOn = parseViDate(String(values.evasionStartedOn ?? ''));
  const from = limitationFrom(record.data, { ...(evasionStartedOn ? { evasionStartedOn } : {}), ...(evasionEndedOn ? { evasionEndedOn } : {}) });
  const kept = decisionDate ? actsSanctionableOn(rows, from, decisionDate) : rows;
  return {
    acts: kept.map((a) => ({ code: a.violation!.code, offender: a.violation!.offender, date })),
    barred: rows.filter((a) => !kept.includes(a)).map((a) => ({ code: a.violation!.code, ends: limitationEnds(typeof from === 'string' ? from : date, a.violation!.limitationYears) })),
  };
}

export function FineCalculator({
  caseFile,
  values,
  violationKey,
  onApply,
}: {
  caseFile: TCase;
  values: TFormValues;
  violationKey: string | undefined;
  onApply: (amount: number, reason: string | undefined) => void;
}) {
  const { t, i18n } = useTranslation();
  const { acts, barred } = actsOf(caseFile, values, violationKey);
  const mitigating = Number(values.mitigating) || 0;
  const aggravating = Number(values.aggravating) || 0;
  const key = JSON.stringify([acts, mitigating, aggravating]);
  const [quotes, setQuotes] = useState<{ key: string; quotes?: TQuote[]; error?: unknown }>({ key: '' });
  useEffect(() => {
    if (acts.length === 0) return;
    let live = true;
    const timer = window.setTimeout(() => {
      Promise.all(
        acts.map((a) =>
          api<TQuote>('POST', '/api/v1/fines/quote', {
            body: {
              violationCode: a.code,
              offender: a.offender === 'ORGANIZATION' ? 'organization' : 'individual',
              date: a.date,
              mitigating: Math.min(20, mitigating),
              aggravating: Math.min(20, aggravating),
            },
          }),
        ),
      )
        .then((q) => live && setQuotes({ key, quotes: q }))
        .catch((err: unknown) => live && setQuotes({ key, error: err }));
    }, 250);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
    // The acts and circumstances are in `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (acts.length === 0 && barred.length === 0) return null;
  const current = quotes.key === key ? quotes.quotes : undefined;
  const total = current?.reduce((s, q) => s + q.proposed, 0);
  const min = current?.reduce((s, q) => s + q.min, 0);
  const max = current?.reduce((s, q) => s + q.max, 0);
  const net = aggravating - mitigating;
  const reason = net === 0 ? undefined : t(net > 0 ? 'fine.reasonAggravating' : 'fine.reasonMitigating', { count: Math.abs(net) });
  return (
    <div className="fine-calculator" data-testid="fine-calculator" aria-live="polite">
      <p className="calc-title">{t('fine.calculator')}</p>
      {barred.map((b) => (
        <p key={b.code} className="field-hint" data-testid="calc-barred">
          {t('fine.barred', { code: b.code, ends: formatIsoDate(b.ends) })}
        </p>
      ))}
      {quotes.key === key && quotes.error !== undefined && <p className="field-error">{errorSentence(quotes.error, t, i18n.language)}</p>}
      {acts.length === 0 ? null : current && total !== undefined ? (
        <>
          <p>
            {t('fine.bracket')}:{' '}
            <strong data-testid="calc-bracket">
              {formatMoney(min!)} – {formatMoney(max!)}
            </strong>{' '}
            · {t('fine.proposed')}: <strong data-testid="calc-proposed">{formatMoney(total)}</strong>
          </p>
          <ul className="small legal">
            {[...new Set(current.flatMap((q) => q.legalBasis).map((b) => plainLegalBasis(b)))].map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <button type="button" className="button secondary" onClick={() => onApply(total, reason)} data-testid="calc-apply">
            {t('fine.apply', { amount: formatMoney(total) })}
          </button>
        </>
      ) : (
        <p className="muted small">{t('fine.computing')}</p>
      )}
    </div>
  );
}

/** The fine decided in the case (its latest decision's), if any. */
function decidedFine(caseFile: TCase): number | undefined {
  const d = [...caseFile.snapshot.completed].reverse().find((c) => typeof c.data.fineAmount === 'number' && c.data.sanction === 'FINE');
  return d ? (d.data.fineAmount as number) : undefined;
}

/**
 * Once the time to pay has run out: the surcharge accrued for a payment today, and the total owed —
 * as the step's own version charges it (`onUnpaid`: on the unpaid part, day by day, over the
 * payments the case recorded, penalty version 4 on; else on the whole fine).
 */
export function SurchargeNote({ caseFile, open, onUnpaid }: { caseFile: TCase; open: TOpenStep; onUnpaid: boolean }) {
  const { t } = useTranslation();
  const params = useLegalParams();
  const fine = decidedFine(caseFile);
  const due = open.deadline?.due;
  const today = todayInVietnam();
  if (!params || fine === undefined || !due || today <= due) return null;
  let s: { days: number; amount: number; rate: number; legalBasis: string };
  if (onUnpaid) {
    const r = surchargeOnUnpaid({ fine, lastDayToPay: due, payments: paymentsOf(caseFile.snapshot, 'PAYMENT_RECEIVED'), paidOn: today }, params);
    s = { days: r.days, amount: r.amount, rate: r.ratePerDay, legalBasis: r.legalBasis };
  } else s = lateSurcharge({ unpaid: fine, lastDayToPay: due, paidOn: today }, params);
  return (
    <div className="notice small" data-testid="surcharge">
      {t('fine.surcharge', { due: formatIsoDate(due), days: s.days, rate: (s.rate * 100).toLocaleString('vi-VN'), surcharge: formatMoney(s.amount), total: formatMoney(fine + s.amount) })}
      <span className="legal"> ({plainLegalBasis(s.legalBasis)})</span>
    </div>
  );
}
