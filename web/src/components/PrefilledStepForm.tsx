/**
 * Prefill and carry-over (docs/adr/0116): the form of an open step waits for what the case already
 * knows (`GET …/steps/{stepId}/prefill`) and starts from it, every value editable, each with where
 * it came from. Without an answer the form starts empty, as before.
 */
import { useTranslation } from 'react-i18next';
import { useGet } from '../lib/hooks.js';
import { StepForm } from './StepForm.js';

/** The step's form, started from its defaults when its fields declare any. */
export function PrefilledStepForm(props: Omit<Parameters<typeof StepForm>[0], 'prefill'>) {
  const { t } = useTranslation();
  const hasDefaults = props.step.form.fields.some((f) => f.prefill);
  const defaults = useGet('/api/v1/cases/{caseId}/steps/{stepId}/prefill', hasDefaults ? { path: { caseId: props.caseFile.caseId, stepId: props.step.id } } : null);
  if (defaults.loading) return <p className="muted">{t('prefill.loading')}</p>;
  return <StepForm {...props} prefill={defaults.data} />;
}
