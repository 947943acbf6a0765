/**
 * Fields the editors of the violation catalogue and of the legal parameters share.
 */
import { useTranslation } from 'react-i18next';
import { Field } from './simple-form.js';

/** How far a legal datum was checked against its source: V verified, P partly, U not yet. */
export function ConfidenceField({ id, value, onChange }: { id: string; value: string; onChange: (confidence: string) => void }) {
  const { t } = useTranslation('admin');
  return (
    <Field id={id} label={t('params.confidence')}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          {['V', 'P', 'U'].map((c) => (
            <option key={c} value={c}>
              {t(`params.confidences.${c}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
