/**
 * The form of an open step, rendered from the procedure definition: fields checked as the officer
 * types, the outcome to choose, and on submit either the next steps or the server's refusal (code,
 * message, legal basis) shown right here, with the fields the server names marked.
 */
import { useCallback, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { tx } from '../i18n.js';
import { api, ApiError, casePath, newIdempotencyKey } from '../lib/api.js';
import { formatThousands, todayInVietnam } from '../lib/format.js';
import { useLegalParams, useNow, useViolations } from '../lib/hooks.js';
import type { TCase, TOpenStep, TPaperToCome, TStep, TStepPrefill, TUser } from '../lib/contract/types.js';
import { askedFields, failuresByField, lawCheck, type TRuleFailure } from '../forms/law.js';
import { filesIn, initialValues, prefilledValues, validateValues, type TFieldValue, type TFormValues, type TIssue } from '../forms/validate.js';
import { ErrorPanel } from './ErrorPanel.js';
import { FieldInput, type TFieldContext } from './FormFields.js';
import { FineCalculator, SurchargeNote } from './FineHelpers.js';
import { plainLegalBasis } from '../../../domain/source-doubts.js';
import { errorSentence } from '../lib/error-text.js';
import { PrefillSource } from './PrefillSource.js';
import { PaperDrafts } from './PaperDrafts.js';

/**
 * `prefill`: what the case already knows (the step's defaults, docs/adr/0116); the form starts from it, every value editable.
 * `papers`: what completing the step issues (docs/documents.md), each with its draft to preview.
 */
export function StepForm({
  caseFile,
  open,
  step,
  user,
  onDone,
  prefill,
  papers = [],
}: {
  caseFile: TCase;
  open: TOpenStep;
  step: TStep;
  user: TUser;
  onDone: (message: string) => void;
  prefill?: TStepPrefill | undefined;
  papers?: TPaperToCome[] | undefined;
}) {
  const caseId = caseFile.caseId;
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const fields = step.form.fields;
  const [start] = useState<TFormValues>(() => {
    const v = prefill ? prefilledValues(fields, prefill.values) : initialValues(fields);
    // A paper INS issues is signed in the name of whoever completes the step (docs/adr/0194): "Người ký" starts as that name.
    if ((step.documents ?? []).length > 0 && fields.some((f) => f.key === 'signedBy' && f.type === 'text') && !v.signedBy) v.signedBy = user.displayName;
    return v;
  });
  const [values, setValues] = useState<TFormValues>(start);
  const [outcome, setOutcome] = useState(step.outcomes.length === 1 ? step.outcomes[0]!.id : '');
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [serverIssues, setServerIssues] = useState<Record<string, TIssue>>({});
  // Files still being sent, per field: the step waits for them rather than go without.
  const [sending, setSending] = useState<Record<string, number>>({});
  const uploading = useCallback((path: string, n: number) => setSending((s) => (s[path] === n ? s : { ...s, [path]: n })), []);
  const stillSending = Object.values(sending).some((n) => n > 0);
  // One key per intended completion: a retry after a network failure is the same request.
  const key = useRef(newIdempotencyKey());
  const summary = useRef<HTMLParagraphElement>(null);
  const idPrefix = `s-${step.id}`;

  const { data, issues } = useMemo(() => validateValues(fields, values, todayInVietnam()), [fields, values]);
  // The law's rules for the outcome chosen, on the case as it stands (the server's own functions).
  const params = useLegalParams();
  const catalogue = useViolations();
  const now = useNow();
  const failures: TRuleFailure[] = useMemo(
    () => (outcome && params && catalogue && Object.keys(issues).length === 0 ? lawCheck(step, outcome, data, { caseFile, params, catalogue, roles: user.roles, now }) : []),
    [outcome, params, catalogue, issues, step, data, caseFile, user.roles, now],
  );
  const byField = failuresByField(failures);
  // An optional field the law asks for now is marked required (a decision's date, not a transfer's: docs/adr/0211; the date an act going on was found: 0213).
  const asked = useMemo(
    () => (outcome && params && catalogue ? askedFields(step, outcome, data, { caseFile, params, catalogue, roles: user.roles, now }) : new Set<string>()),
    [outcome, params, catalogue, step, data, caseFile, user.roles, now],
  );
  const needsEvidence = step.requiresEvidence && filesIn(fields, values).length === 0;
  const allIssues: Record<string, TIssue> = { ...issues };
  for (const [path, list] of byField) if (path) allIssues[path] ??= { key: 'rule', text: list.map((f) => `${tx(f.message, lang)} (${plainLegalBasis(f.legalBasis)})`).join(' ') };
  if (submitted && !outcome) allIssues['#outcome'] = { key: 'outcome' };
  const stepWide = byField.get('') ?? [];
  const count = Object.keys(issues).length + (outcome ? 0 : 1) + failures.length;
  const mayComplete = user.roles.some((r) => step.roles.includes(r));

  const ctx: TFieldContext = {
    idPrefix,
    issues: { ...allIssues },
    shown: (path) => submitted || touched.has(path),
    touch: (path) => {
      if (!touched.has(path)) setTouched(new Set(touched).add(path));
      if (serverIssues[path]) setServerIssues(({ [path]: _gone, ...rest }) => rest);
    },
    disabled: busy,
    evidence: { caseId, stepId: step.id },
    uploading,
    values,
    // Where each default came from, under its field while it still holds it.
    notes: Object.fromEntries(
      Object.entries(prefill?.sources ?? {})
        .filter(([k]) => JSON.stringify(values[k]) === JSON.stringify(start[k]))
        .map(([k, source]) => [k, <PrefillSource key={`prefill-${k}`} source={source} />]),
    ),
    extras: {
      ...(fields.some((f) => f.key === 'fineAmount' && f.type === 'money')
        ? {
            fineAmount: (
              <FineCalculator
                caseFile={caseFile}
                values={values}
                violationKey={fields.find((f) => f.type === 'violation')?.key}
                onApply={(amount, reason) => {
                  setValues((prev) => ({
                    ...prev,
                    fineAmount: formatThousands(amount),
                    ...(reason && fields.some((f) => f.key === 'amountReason') && !prev.amountReason ? { amountReason: reason } : {}),
                  }));
                  setTouched((prev) => new Set(prev).add('fineAmount'));
                }}
              />
            ),
          }
        : {}),
      ...(fields.some((f) => f.key === 'paidAmount')
        ? { paidAmount: <SurchargeNote caseFile={caseFile} open={open} onUnpaid={JSON.stringify(step.outcomes).includes('"SURCHARGE_ON_UNPAID"')} /> }
        : {}),
    },
  };
  for (const [path, issue] of Object.entries(serverIssues)) ctx.issues[path] ??= issue;

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setSubmitted(true);
    setError(undefined);
    if (stillSending) {
      summary.current?.focus();
      return;
    }
    if (count > 0 || needsEvidence) {
      // The first field in trouble takes the focus; the summary says how many.
      const first = Object.keys(issues)[0];
      const el = first ? document.getElementById(`${idPrefix}-${first.replace(/[^A-Za-z0-9_-]/g, '-')}`) : document.querySelector<HTMLElement>(`#${idPrefix}-outcomes input`);
      (el ?? summary.current)?.focus();
      return;
    }
    setBusy(true);
    // A form issue the server words only in English (the procedure's form rules): the reader's own words for it.
    const serverText = (message: string): string => (lang === 'en' ? message : t('errors.issues.invalid'));
    try {
      await api('POST', `${casePath(caseId)}/steps/${encodeURIComponent(step.id)}/complete`, { body: { outcome, data }, idempotencyKey: key.current });
      key.current = newIdempotencyKey();
      onDone(t('case.completedStep', { step: tx(step.title, lang), outcome: tx(step.outcomes.find((o) => o.id === outcome)?.title, lang) }));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err);
      if (err.code === 'EVIDENCE_UNKNOWN' && Array.isArray(err.details)) {
        // A file the server does not hold for the case's unit: shown at its field (`data.photos.0` → photos).
        const byPath: Record<string, TIssue> = {};
        for (const d of err.details as { path: string; message: string }[])
          if (d.path.startsWith('data.')) byPath[d.path.slice(5).replace(/\.\d+$/, '')] ??= { key: 'server', text: serverText(d.message) };
        setServerIssues(byPath);
      }
      if (err.code === 'FORM_INVALID' && Array.isArray(err.details)) {
        const byPath: Record<string, TIssue> = {};
        for (const d of err.details as { path: string; message: string }[]) byPath[d.path] = { key: 'server', text: serverText(d.message) };
        setServerIssues(byPath);
      }
      // The law's refusals name the field they belong to: shown there too.
      const refusals = (err.details as { failures?: TRuleFailure[]; field?: string } | undefined)?.failures;
      if (Array.isArray(refusals)) {
        const byPath: Record<string, TIssue> = {};
        for (const f of refusals) if (f.field) byPath[f.field] ??= { key: 'server', text: `${tx(f.message, lang)} (${plainLegalBasis(f.legalBasis)})` };
        setServerIssues(byPath);
      } else if (err.code === 'DEADLINE_PASSED' && typeof (err.details as { field?: unknown } | undefined)?.field === 'string') {
        setServerIssues({ [(err.details as { field: string }).field]: { key: 'server', text: errorSentence(err, t, lang) } });
      }
    } finally {
      setBusy(false);
    }
  }

  const set = (k: string) => (v: TFieldValue) => setValues((prev) => ({ ...prev, [k]: v }));

  return (
    <form className="step-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${idPrefix}-title`} data-testid="step-form">
      {fields.length === 0 && <p className="muted">{t('form.noFields')}</p>}
      <div className="form-grid">
        {fields.map((f) => (
          <FieldInput key={f.key} field={asked.has(f.key) ? { ...f, required: true } : f} path={f.key} value={values[f.key]!} onChange={set(f.key)} ctx={ctx} />
        ))}
      </div>
      {submitted && needsEvidence && !stillSending && (
        <p className="field-error" data-testid="field-error">
          {t('form.evidenceRequired')}
        </p>
      )}
      <fieldset className="outcomes" id={`${idPrefix}-outcomes`} aria-describedby={submitted && !outcome ? `${idPrefix}-outcome-error` : undefined}>
        <legend className="field-label">
          {t('form.outcome')}
          <span className="req" aria-hidden="true">
            {' '}
            *
          </span>
        </legend>
        {step.outcomes.map((o) => (
          <label key={o.id} className="radio">
            <input type="radio" name={`${idPrefix}-outcome`} value={o.id} checked={outcome === o.id} onChange={() => setOutcome(o.id)} disabled={busy} />
            <span>{tx(o.title, lang)}</span>
          </label>
        ))}
        {submitted && !outcome && (
          <p className="field-error" id={`${idPrefix}-outcome-error`}>
            {t('validation.outcome')}
          </p>
        )}
      </fieldset>
      {stepWide.length > 0 && (
        <div className="rule-failures" role="alert" data-testid="rule-failures">
          <p className="field-label">{t('form.lawSays')}</p>
          <ul>
            {stepWide.map((f) => (
              <li key={f.rule} data-rule={f.rule}>
                {tx(f.message, lang)} <span className="legal small">({plainLegalBasis(f.legalBasis)})</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {!mayComplete && (
        <p className="notice" data-testid="not-your-role">
          {t('case.notYourRole', { roles: step.roles.map((r) => t(`roles.${r}`)).join(', ') })}
        </p>
      )}
      <p className="form-summary" ref={summary} tabIndex={-1} aria-live="polite">
        {submitted && stillSending
          ? t('evidence:waitForUploads')
          : submitted && count - failures.length > 0
            ? t('form.fixErrors', { count: count - failures.length })
            : submitted && failures.length > 0
              ? t('form.lawBlocks')
              : ''}
      </p>
      {error && <ErrorPanel error={error} onDismiss={() => setError(undefined)} />}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('form.submitting') : t('form.submit')}
        </button>
      </div>
      {/* The papers the outcome chosen issues (all the step's while none is chosen). */}
      <PaperDrafts
        caseId={caseId}
        stepId={step.id}
        papers={papers.filter((p) => !p.outcomes || !outcome || p.outcomes.includes(outcome))}
        current={() => ({ ...(outcome ? { outcome } : {}), data })}
        disabled={busy}
      />
    </form>
  );
}
