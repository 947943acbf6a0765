/**
 * Under a prefilled field of the step form (docs/adr/0116): a muted line saying where its value
 * came from.
 */
import { useTranslation } from 'react-i18next';
import { tx } from '../i18n.js';
import type { TStepPrefill } from '../lib/contract/types.js';

/** Where one field's default came from: the registry, an earlier step, the case that opened this one, today, the officer. */
export function PrefillSource({ source }: { source: TStepPrefill['sources'][string] }) {
  const { t, i18n } = useTranslation();
  return (
    <p className="field-help prefill-source" data-testid="prefill-source" data-from={source.from}>
      {t(`prefill.${source.from}`, { step: tx(source.stepTitle, i18n.language), stepId: source.stepId })}
    </p>
  );
}
