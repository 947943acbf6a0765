/** Small pieces shared by the registry pages. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useGet } from '../lib/hooks.js';
import { ruleText } from './rules.js';
import type { TPlace } from '../lib/contract/types.js';

/** A rule's message (from the shared rules or the server) in the reader's language. */
export function useRuleText(): (message: string) => string {
  const { t } = useTranslation('registry');
  return useCallback(
    (message: string) => {
      const r = ruleText(message);
      return r ? t(r.key, r.params ?? {}) : message;
    },
    [t],
  );
}

/** The unit's markets and hotspots (for filters and forms). */
export function usePlaces(): { markets?: TPlace[]; hotspots?: TPlace[] } {
  const markets = useGet('/api/v1/markets');
  const hotspots = useGet('/api/v1/hotspots');
  return { markets: markets.data?.items, hotspots: hotspots.data?.items };
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('registry');
  return <span className={`badge biz-${status}`}>{t(`statuses.${status}`)}</span>;
}
