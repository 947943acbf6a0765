/** Small pieces shared by the registry pages. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useGet } from '../lib/hooks.js';
import { ruleText } from './rules.js';
import type { TIssueRule, TPlace } from '../lib/contract/types.js';

/** An issue (of the shared rules or the server's) in the reader's language; the server's sentence for a rule the registry has no words for. */
export function useRuleText(): (issue: { rule: TIssueRule; params?: Record<string, string | number> | undefined; message: string }) => string {
  const { t } = useTranslation('registry');
  return useCallback(
    (issue) => {
      const r = ruleText(issue);
      return r ? t(r.key, r.params ?? {}) : issue.message;
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
