/** Pieces the statistics pages share: their tabs, the team filter, the teams' names, today. */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { FilterSelect } from '../components/FilterSelect.js';
import { todayInVietnam } from '../lib/format.js';
import { useGet } from '../lib/hooks.js';
import { useUser } from '../lib/session.js';
import { isUnitWide } from '../../../domain/roles.js';
import './statistics.css';

/** The section's tabs: the dashboard and the report. */
export function StatisticsNav() {
  const { t } = useTranslation('statistics');
  return (
    <nav className="section-tabs" aria-label={t('nav.label')}>
      <NavLink to="/statistics" end>
        {t('nav.dashboard')}
      </NavLink>
      <NavLink to="/statistics/report">{t('nav.report')}</NavLink>
    </nav>
  );
}

/** Today in Vietnam, as the page first saw it (periods are counted from it). */
export function useToday(): string {
  const [today] = useState(() => todayInVietnam());
  return today;
}

/** Whether the user reads the whole unit's figures (and may pick one team), not only their team's. */
export function useUnitWide(): boolean {
  return isUnitWide(useUser());
}

/** The unit's teams (for the unit's leaders; a team lead's figures are their team's, nothing to pick). */
export function useTeams(enabled: boolean): { id: string; name: string }[] | undefined {
  return useGet('/api/v1/teams', enabled ? {} : null).data?.teams;
}

/** The team filter of a unit-wide reader: the whole unit, or one team. */
export function TeamFilter({ value, onChange, teams }: { value: string; onChange: (v: string) => void; teams: { id: string; name: string }[] | undefined }) {
  const { t } = useTranslation('statistics');
  // The chosen team stays an option while the list loads (the select keeps its value).
  const options = teams ? teams.map((x) => ({ value: x.id, label: x.name })) : value ? [{ value, label: value }] : [];
  return <FilterSelect id="stat-team" label={t('filters.team')} value={value} onChange={onChange} options={options} all={t('filters.allTeams')} />;
}

/**
 * A table that may be wider than the screen (a tablet held upright): it scrolls sideways in its own
 * box, which the keyboard can reach and a screen reader names.
 */
export function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
