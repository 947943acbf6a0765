/**
 * The campaign definition as a form: what the plan is, when it runs (a calendar or an interval,
 * Vietnam time, days off moved), which businesses it targets, how many per run and per team, which
 * teams and which inspection procedure version. The server checks every rule; its complaints are
 * shown at their fields (and all of them above the buttons).
 */
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../admin/simple-form.js';
import { DateInput } from '../components/DateInput.js';
import { parseViDate } from '../lib/format.js';
import type { TTeam } from '../lib/contract/types.js';
import type { TPlace } from '../lib/contract/types.js';
import { OVERLAP_POLICIES, WEEK_DAYS, type TCampaignForm } from './model.js';

export interface TProcedureChoice {
  value: string;
  label: string;
}

function Checks({
  id,
  legend,
  help,
  error,
  options,
  value,
  onChange,
}: {
  id: string;
  legend: ReactNode;
  help?: ReactNode;
  error?: string;
  options: { value: string; label: string }[];
  value: string[];
  onChange: (v: string[]) => void;
}) {
  return (
    <fieldset className="checkbox-group field-wide" id={id} tabIndex={-1} aria-describedby={`${id}-error`} aria-invalid={error ? true : undefined}>
      <legend className="field-label">{legend}</legend>
      {help && <p className="field-help">{help}</p>}
      <div className="checkbox-options">
        {options.map((o) => (
          <label key={o.value} className="check">
            <input type="checkbox" checked={value.includes(o.value)} onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((x) => x !== o.value))} />
            {o.label}
          </label>
        ))}
        {options.length === 0 && <span className="muted">—</span>}
      </div>
      <p className="field-error" id={`${id}-error`} {...(error ? { 'data-testid': 'field-error', 'data-field': id } : {})}>
        {error ?? ''}
      </p>
    </fieldset>
  );
}

export function CampaignForm({
  form,
  onChange,
  errors,
  isNew,
  teams,
  procedures,
  places,
}: {
  form: TCampaignForm;
  onChange: (f: TCampaignForm) => void;
  /** Problems by field path (`title`, `quota.perRun`, `teamIds`…). */
  errors: Record<string, string>;
  isNew: boolean;
  teams: TTeam[];
  procedures: TProcedureChoice[];
  places: TPlace[];
}) {
  const { t } = useTranslation('campaigns');
  const set = <K extends keyof TCampaignForm>(key: K, value: TCampaignForm[K]): void => onChange({ ...form, [key]: value });
  const text = (
    key: keyof TCampaignForm,
    path: string,
    label: string,
    opts: { help?: string; wide?: boolean; multiline?: boolean; required?: boolean; inputMode?: 'numeric' | 'text'; placeholder?: string } = {},
  ) => (
    <Field id={`cf-${path}`} label={label} help={opts.help} error={errors[path]} wide={opts.wide} required={opts.required}>
      {(p) =>
        opts.multiline ? (
          <textarea {...p} rows={2} value={form[key] as string} onChange={(e) => set(key, e.target.value as never)} />
        ) : (
          <input {...p} type="text" inputMode={opts.inputMode} placeholder={opts.placeholder} autoComplete="off" value={form[key] as string} onChange={(e) => set(key, e.target.value as never)} />
        )
      }
    </Field>
  );
  const date = (key: 'from' | 'to', path: string, label: string, min?: string) => (
    <Field id={`cf-${path}`} label={label} error={errors[path]} required>
      {(p) => <DateInput {...p} value={form[key]} min={min} onChange={(v) => set(key, v)} />}
    </Field>
  );
  const select = (key: keyof TCampaignForm, path: string, label: string, options: { value: string; label: string }[], help?: string, className?: string) => (
    <Field id={`cf-${path}`} label={label} help={help} error={errors[path]} className={className}>
      {(p) => (
        <select {...p} value={form[key] as string} onChange={(e) => set(key, e.target.value as never)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <div className="campaign-form">
      <fieldset className="card">
        <legend className="card-legend">{t('form.about')}</legend>
        <div className="form-grid aligned">
          {isNew && text('campaignId', 'id', t('form.id'), { help: t('form.idHelp'), required: true, placeholder: 'atvstp-tet-2027' })}
          {select(
            'kind',
            'kind',
            t('form.kind'),
            (['THEMED', 'ROUTINE'] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) })),
            t(`form.kindHelp.${form.kind}`),
          )}
          {text('title', 'title', t('form.titleLabel'), { wide: true, required: true })}
          {text('theme', 'theme', t('form.theme'), { wide: true, required: true })}
          {text('legalBasis', 'legalBasis', t('form.legalBasis'), { wide: true, multiline: true, required: true })}
          {date('from', 'planWindow.from', t('form.from'))}
          {date('to', 'planWindow.to', t('form.to'), parseViDate(form.from))}
        </div>
      </fieldset>

      <fieldset className="card">
        <legend className="card-legend">{t('form.cadence')}</legend>
        <div className="form-grid aligned">
          {select(
            'cadenceKind',
            'cadence.kind',
            t('form.cadenceKind'),
            (['CALENDAR', 'INTERVAL'] as const).map((k) => ({ value: k, label: t(`cadenceKinds.${k}`) })),
          )}
          {form.cadenceKind === 'CALENDAR' ? (
            <>
              {text('hour', 'cadence.hour', t('form.hour'), { inputMode: 'numeric' })}
              {text('minute', 'cadence.minute', t('form.minute'), { inputMode: 'numeric' })}
              <Checks
                id="cf-cadence.daysOfWeek"
                legend={t('form.daysOfWeek')}
                help={t('form.daysOfWeekHelp')}
                error={errors['cadence.daysOfWeek']}
                options={WEEK_DAYS.map((d) => ({ value: String(d), label: t(`weekDays.${d}`) }))}
                value={form.daysOfWeek.map(String)}
                onChange={(v) => set('daysOfWeek', v.map(Number))}
              />
              {text('daysOfMonth', 'cadence.daysOfMonth', t('form.daysOfMonth'), { help: t('form.daysOfMonthHelp'), placeholder: '1, 15' })}
              <Checks
                id="cf-cadence.months"
                legend={t('form.months')}
                help={t('form.monthsHelp')}
                error={errors['cadence.months']}
                options={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: t('form.month', { m: i + 1 }) }))}
                value={form.months.map(String)}
                onChange={(v) => set('months', v.map(Number))}
              />
            </>
          ) : (
            <>
              {text('everyAmount', 'cadence.every.amount', t('form.everyAmount'), { inputMode: 'numeric' })}
              {select(
                'everyUnit',
                'cadence.every.unit',
                t('form.everyUnit'),
                (['days', 'hours', 'minutes', 'seconds'] as const).map((u) => ({ value: u, label: t(`cadence.units.${u}`, { count: 2 }) })),
              )}
            </>
          )}
          {select(
            'holidayPolicy',
            'holidayPolicy',
            t('form.holidayPolicy'),
            (['NEXT_WORKING_DAY', 'RUN_ANYWAY'] as const).map((k) => ({ value: k, label: t(`holidayPolicies.${k}`) })),
            undefined,
            'field-policy',
          )}
          {select(
            'overlapPolicy',
            'overlapPolicy',
            t('form.overlapPolicy'),
            OVERLAP_POLICIES.map((k) => ({ value: k, label: t(`overlapPolicies.${k}`) })),
            t('form.overlapHelp'),
            'field-policy',
          )}
        </div>
      </fieldset>

      <fieldset className="card">
        <legend className="card-legend">{t('form.targets')}</legend>
        <p className="field-help">{t('form.targetsHelp')}</p>
        <div className="form-grid aligned">
          {text('sectors', 'targets.sectors', t('form.sectors'), { help: t('form.listHelp'), placeholder: 'Thực phẩm; Ăn uống' })}
          {text('productGroups', 'targets.productGroups', t('form.productGroups'), { help: t('form.listHelp') })}
          {text('areas', 'targets.areas', t('form.areas'), { help: t('form.areasHelp'), wide: true })}
          <Checks
            id="cf-targets.marketIds"
            legend={t('form.places')}
            help={t('form.placesHelp')}
            error={errors['targets.marketIds']}
            options={places.map((p) => ({ value: p.id, label: p.name }))}
            value={form.marketIds}
            onChange={(v) => set('marketIds', v)}
          />
          {text('minRiskScore', 'targets.minRiskScore', t('form.minRiskScore'), { help: t('form.minRiskScoreHelp'), inputMode: 'numeric' })}
          {text('minMonthsSinceLastInspection', 'targets.minMonthsSinceLastInspection', t('form.minMonths'), { help: t('form.minMonthsHelp'), inputMode: 'numeric' })}
          <Field id="cf-targets.withOpenTipsOnly" label={t('form.withOpenTipsOnly')} error={errors['targets.withOpenTipsOnly']} className="field-checkbox">
            {(p) => <input {...p} type="checkbox" checked={form.withOpenTipsOnly} onChange={(e) => set('withOpenTipsOnly', e.target.checked)} />}
          </Field>
        </div>
      </fieldset>

      <fieldset className="card">
        <legend className="card-legend">{t('form.assignment')}</legend>
        <div className="form-grid aligned">
          {text('perRun', 'quota.perRun', t('form.perRun'), { help: t('form.perRunHelp'), inputMode: 'numeric', required: true })}
          {text('perTeam', 'quota.perTeam', t('form.perTeam'), { help: t('form.perTeamHelp'), inputMode: 'numeric', required: true })}
          {text('maxPlannedPerBusinessPerYear', 'guardrails.maxPlannedPerBusinessPerYear', t('form.maxPerYear'), { help: t('form.maxPerYearHelp'), inputMode: 'numeric' })}
          <Checks
            id="cf-teamIds"
            legend={t('form.teams')}
            help={t('form.teamsHelp')}
            error={errors.teamIds}
            options={teams.map((x) => ({ value: x.id, label: x.name }))}
            value={form.teamIds}
            onChange={(v) => set('teamIds', v)}
          />
          {select('procedure', 'procedure', t('form.procedure'), procedures.length ? procedures : [{ value: form.procedure, label: form.procedure }], t('form.procedureHelp'), 'field-policy')}
        </div>
      </fieldset>
    </div>
  );
}
