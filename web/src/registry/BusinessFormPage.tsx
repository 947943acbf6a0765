/**
 * Registering or changing a business. Every field is checked as it is typed with the server's own
 * rules (tax code with its check digit, the 34 provinces, communes without districts, phone), and
 * what the server still refuses (a tax code already registered…) is shown at its field.
 */
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Field, serverIssues } from '../admin/simple-form.js';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { api, ApiError, newIdempotencyKey } from '../lib/api.js';
import { useGet, useStaff, useTitle } from '../lib/hooks.js';
import { BUSINESS_FIELD_PATHS, BUSINESS_STATUSES, BUSINESS_TYPES, checkBusinessFields, PROVINCES, type TBusinessFields } from './rules.js';
import type { TBusiness } from '../lib/contract/types.js';
import { usePlaces, useRuleText } from './ui.js';
import './registry.css';

interface TForm {
  taxCode: string;
  name: string;
  type: string;
  sector: string;
  productGroups: string;
  province: string;
  commune: string;
  addressLine: string;
  phone: string;
  legalRepresentative: string;
  status: string;
  managingTeamId: string;
  marketId: string;
  hotspotIds: string[];
  conflictOfInterestUserIds: string[];
}

const EMPTY: TForm = {
  taxCode: '',
  name: '',
  type: 'ENTERPRISE',
  sector: '',
  productGroups: '',
  province: 'Ninh Bình',
  commune: '',
  addressLine: '',
  phone: '',
  legalRepresentative: '',
  status: 'ACTIVE',
  managingTeamId: '',
  marketId: '',
  hotspotIds: [],
  conflictOfInterestUserIds: [],
};

function formOf(b: TBusiness): TForm {
  return {
    taxCode: b.taxCode,
    name: b.name,
    type: b.type,
    sector: b.sector ?? '',
    productGroups: b.productGroups.join('; '),
    province: b.address.province,
    commune: b.address.commune,
    addressLine: b.address.line ?? '',
    phone: b.phone ?? '',
    legalRepresentative: b.legalRepresentative ?? '',
    status: b.status,
    managingTeamId: b.managingTeamId ?? '',
    marketId: b.marketId ?? '',
    hotspotIds: b.hotspotIds,
    conflictOfInterestUserIds: b.conflictOfInterestUserIds,
  };
}

export function BusinessFormPage() {
  const { t } = useTranslation('registry');
  const ruleText = useRuleText();
  const navigate = useNavigate();
  const { businessId } = useParams();
  const editing = !!businessId;
  const existing = useGet('/api/v1/businesses/{businessId}', editing ? { path: { businessId } } : null);
  const teams = useGet('/api/v1/teams');
  const staff = useStaff();
  const { markets, hotspots } = usePlaces();
  const [form, setForm] = useState<TForm>(EMPTY);
  const [loaded, setLoaded] = useState(false);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const key = useRef(newIdempotencyKey());
  useTitle(editing ? t('form.editTitle', { name: existing.data?.business.name ?? '' }) : t('form.newTitle'));

  const previous = existing.data?.business;
  if (previous && !loaded) {
    setForm(formOf(previous));
    setLoaded(true);
  }

  const raw = {
    taxCode: form.taxCode,
    name: form.name,
    type: form.type,
    sector: form.sector,
    productGroups: form.productGroups,
    province: form.province,
    commune: form.commune,
    addressLine: form.addressLine,
    phone: form.phone,
    legalRepresentative: form.legalRepresentative,
    status: form.status,
  };
  const checked = checkBusinessFields(raw, editing && previous ? { partial: true, previous: { taxCode: previous.taxCode, type: previous.type } } : { partial: false });
  const server = serverIssues(error);
  const problem = (field: keyof TBusinessFields): string | undefined => {
    const local = checked.issues.find((i) => i.field === field);
    if (local && (submitted || touched.has(field))) return ruleText(local);
    const s = server[BUSINESS_FIELD_PATHS[field]];
    return s ? ruleText(s) : undefined;
  };
  const refProblem = (path: string): string | undefined => (server[path] ? ruleText(server[path]) : undefined);

  const update = (field: keyof TForm, value: string | string[]): void => {
    setForm((f) => ({ ...f, [field]: value }));
    setTouched((s) => new Set(s).add(field));
  };

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setSubmitted(true);
    if (checked.issues.length) {
      // The first field with a problem takes the focus.
      const first = checked.issues[0]!.field;
      window.requestAnimationFrame(() => document.getElementById(`bf-${first}`)?.focus());
      return;
    }
    setBusy(true);
    setError(undefined);
    const body = {
      taxCode: form.taxCode,
      name: form.name,
      type: form.type,
      sector: form.sector.trim() || null,
      productGroups: form.productGroups
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean),
      address: { province: form.province, commune: form.commune, line: form.addressLine.trim() || null },
      phone: form.phone.trim() || null,
      legalRepresentative: form.legalRepresentative.trim() || null,
      status: form.status,
      managingTeamId: form.managingTeamId || null,
      marketId: form.marketId || null,
      hotspotIds: form.hotspotIds,
      conflictOfInterestUserIds: form.conflictOfInterestUserIds,
    };
    try {
      const saved = editing
        ? await api<TBusiness>('PATCH', `/api/v1/businesses/${encodeURIComponent(businessId)}`, { body })
        : await api<TBusiness>('POST', '/api/v1/businesses', { body, idempotencyKey: key.current });
      key.current = newIdempotencyKey();
      void navigate(`/registry/businesses/${encodeURIComponent(saved.id)}`);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (editing && existing.error)
    return (
      <div className="page">
        <ErrorPanel error={existing.error} focus={false} />
      </div>
    );

  const text = (field: keyof TBusinessFields & keyof TForm, label: ReactNode, opts: { required?: boolean; help?: string; wide?: boolean; inputMode?: 'numeric' | 'tel' } = {}) => (
    <Field id={`bf-${field}`} label={label} help={opts.help} error={problem(field)} required={opts.required} wide={opts.wide}>
      {(p) => (
        <input
          {...p}
          value={form[field] as string}
          inputMode={opts.inputMode}
          autoComplete="off"
          onChange={(e) => update(field, e.target.value)}
          onBlur={() => setTouched((s) => new Set(s).add(field))}
        />
      )}
    </Field>
  );

  return (
    <div className="page narrow registry-page">
      <nav aria-label={t('breadcrumb')} className="breadcrumb small">
        <Link to="/registry">{t('list.title')}</Link> ›{' '}
        {editing && previous ? <Link to={`/registry/businesses/${encodeURIComponent(previous.id)}`}>{previous.name}</Link> : <span>{t('form.newTitle')}</span>}
      </nav>
      <h1>{editing ? t('form.editTitle', { name: previous?.name ?? '' }) : t('form.newTitle')}</h1>
      <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-busy={editing && !loaded} data-testid="business-form">
        <fieldset className="form-grid aligned" disabled={editing && !loaded}>
          <legend className="visually-hidden">{t('form.legend')}</legend>
          {text('taxCode', t('form.taxCode'), { required: true, help: t('form.taxCodeHelp'), inputMode: 'numeric' })}
          <Field id="bf-type" label={t('form.type')} error={problem('type')} required>
            {(p) => (
              <select {...p} value={form.type} onChange={(e) => update('type', e.target.value)}>
                {BUSINESS_TYPES.map((x) => (
                  <option key={x} value={x}>
                    {t(`types.${x}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text('name', t('form.name'), { required: true, wide: true })}
          {text('legalRepresentative', t('form.representative'))}
          {text('phone', t('form.phone'), { inputMode: 'tel' })}
          <Field id="bf-province" label={t('form.province')} error={problem('province')} required>
            {(p) => (
              <select {...p} value={form.province} onChange={(e) => update('province', e.target.value)}>
                {!PROVINCES.some((x) => x.name === form.province) && <option value={form.province}>{form.province}</option>}
                {PROVINCES.map((x) => (
                  <option key={x.name} value={x.name}>
                    {x.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text('commune', t('form.commune'), { required: true, help: t('form.communeHelp') })}
          {text('addressLine', t('form.addressLine'), { wide: true })}
          {text('sector', t('form.sector'))}
          {text('productGroups', t('form.productGroups'), { help: t('form.productGroupsHelp') })}
          <Field id="bf-status" label={t('form.status')} error={problem('status')}>
            {(p) => (
              <select {...p} value={form.status} onChange={(e) => update('status', e.target.value)}>
                {BUSINESS_STATUSES.map((x) => (
                  <option key={x} value={x}>
                    {t(`statuses.${x}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="bf-team" label={t('form.team')} error={refProblem('managingTeamId')}>
            {(p) => (
              <select {...p} value={form.managingTeamId} onChange={(e) => update('managingTeamId', e.target.value)}>
                <option value="">{t('form.noneChosen')}</option>
                {teams.data?.teams.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="bf-market" label={t('form.market')} error={refProblem('marketId')}>
            {(p) => (
              <select {...p} value={form.marketId} onChange={(e) => update('marketId', e.target.value)}>
                <option value="">{t('form.noneChosen')}</option>
                {markets?.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset className="checkbox-group field-wide">
            <legend className="field-label">{t('form.hotspots')}</legend>
            <div className="checkbox-options">
              {(hotspots ?? []).length === 0 && <span className="muted small">{t('form.noHotspots')}</span>}
              {hotspots?.map((h) => (
                <label key={h.id} className="check">
                  <input
                    type="checkbox"
                    checked={form.hotspotIds.includes(h.id)}
                    onChange={(e) => update('hotspotIds', e.target.checked ? [...form.hotspotIds, h.id] : form.hotspotIds.filter((x) => x !== h.id))}
                  />
                  {h.name}
                </label>
              ))}
            </div>
            <p className="field-error">{refProblem('hotspotIds') ?? ''}</p>
          </fieldset>
          <fieldset className="checkbox-group field-wide">
            <legend className="field-label">{t('form.conflicts')}</legend>
            <p className="field-help">{t('form.conflictsHelp')}</p>
            <div className="checkbox-options">
              {[...(staff?.values() ?? [])]
                .filter((s) => s.active && s.roles.some((r) => r === 'INSPECTOR' || r === 'TEAM_LEAD'))
                .map((s) => (
                  <label key={s.id} className="check">
                    <input
                      type="checkbox"
                      checked={form.conflictOfInterestUserIds.includes(s.id)}
                      onChange={(e) => update('conflictOfInterestUserIds', e.target.checked ? [...form.conflictOfInterestUserIds, s.id] : form.conflictOfInterestUserIds.filter((x) => x !== s.id))}
                    />
                    {s.displayName}
                  </label>
                ))}
            </div>
            <p className="field-error">{refProblem('conflictOfInterestUserIds') ?? ''}</p>
          </fieldset>
        </fieldset>
        {submitted && checked.issues.length > 0 && (
          <p className="form-summary" role="alert">
            {t('form.fix', { count: checked.issues.length })}
          </p>
        )}
        {error && <ErrorPanel error={error} onDismiss={() => setError(undefined)} />}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy || (editing && !loaded)}>
            {editing ? t('form.save') : t('form.create')}
          </button>
          <Link to={editing && previous ? `/registry/businesses/${encodeURIComponent(previous.id)}` : '/registry'} className="button secondary">
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </div>
  );
}
