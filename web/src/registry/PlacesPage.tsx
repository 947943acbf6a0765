/**
 * Markets (chợ) and trade hotspots (điểm nóng) of the unit, each leading to the businesses in it
 * and so to their inspection history; registry writers add new ones.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Field, serverIssues } from '../admin/simple-form.js';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { api } from '../lib/api.js';
import { useAction } from '../lib/use-action.js';
import { useGet, useTitle } from '../lib/hooks.js';
import { hasAnyRole, useUser } from '../lib/session.js';
import { HOTSPOT_KINDS, MARKET_KINDS, PROVINCES } from './rules.js';
import { REGISTRY_WRITERS } from '../../../domain/roles.js';
import { useRuleText } from './ui.js';
import './registry.css';

type TCategory = 'market' | 'hotspot';

export function PlacesPage() {
  const { t } = useTranslation('registry');
  useTitle(t('places.title'));
  return (
    <div className="page registry-page">
      <nav aria-label={t('breadcrumb')} className="breadcrumb small">
        <Link to="/registry">{t('list.title')}</Link> › <span>{t('places.title')}</span>
      </nav>
      <h1>{t('places.title')}</h1>
      <p className="muted">{t('places.intro')}</p>
      <div className="places-layout">
        <Places category="market" />
        <Places category="hotspot" />
      </div>
    </div>
  );
}

function Places({ category }: { category: TCategory }) {
  const { t } = useTranslation('registry');
  const ruleText = useRuleText();
  const user = useUser();
  const path = category === 'market' ? '/api/v1/markets' : '/api/v1/hotspots';
  const list = useGet(path);
  const kinds: readonly string[] = category === 'market' ? MARKET_KINDS : HOTSPOT_KINDS;
  const [draft, setDraft] = useState({ name: '', kind: kinds[0]!, province: 'Ninh Bình', commune: '', line: '', notes: '' });
  const [adding, setAdding] = useState(false);
  // One Idempotency-Key until the place is added: sent again after a lost answer, it is added once.
  const action = useAction();
  const { busy, error } = action;
  const [status, setStatus] = useState('');
  const server = serverIssues(error);
  const id = (x: string) => `${category}-${x}`;

  async function add(e: FormEvent): Promise<void> {
    e.preventDefault();
    const body = {
      name: draft.name,
      kind: draft.kind,
      address: { province: draft.province, commune: draft.commune.trim() || null, line: draft.line.trim() || null },
      notes: draft.notes.trim() || null,
    };
    if (await action.run((idempotencyKey) => api('POST', path, { body, idempotencyKey }))) {
      setStatus(t('places.added', { name: draft.name }));
      setDraft({ ...draft, name: '', commune: '', line: '', notes: '' });
      setAdding(false);
      list.reload();
    }
  }

  return (
    <section className="card" aria-labelledby={id('title')} data-testid={`${category}-list`}>
      <div className="section-head">
        <h2 id={id('title')}>{t(`places.${category}s`)}</h2>
        {hasAnyRole(user, REGISTRY_WRITERS) && !adding && (
          <button type="button" className="button secondary" onClick={() => setAdding(true)}>
            {t(`places.add.${category}`)}
          </button>
        )}
      </div>
      <p className="status-line" role="status">
        {status}
      </p>
      {adding && (
        <form className="edit-card" onSubmit={(e) => void add(e)} noValidate aria-label={t(`places.add.${category}`)}>
          <div className="form-grid aligned">
            <Field id={id('name')} label={t('places.name')} error={server.name ? ruleText(server.name) : undefined} required wide>
              {(p) => <input {...p} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
            </Field>
            <Field id={id('kind')} label={t('places.kind')}>
              {(p) => (
                <select {...p} value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value })}>
                  {kinds.map((k) => (
                    <option key={k} value={k}>
                      {t(`places.kinds.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={id('province')} label={t('form.province')} error={server['address.province'] ? ruleText(server['address.province']) : undefined}>
              {(p) => (
                <select {...p} value={draft.province} onChange={(e) => setDraft({ ...draft, province: e.target.value })}>
                  {PROVINCES.map((x) => (
                    <option key={x.name} value={x.name}>
                      {x.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={id('commune')} label={t('form.commune')} help={t('form.communeHelp')} error={server['address.commune'] ? ruleText(server['address.commune']) : undefined}>
              {(p) => <input {...p} value={draft.commune} onChange={(e) => setDraft({ ...draft, commune: e.target.value })} />}
            </Field>
            <Field id={id('line')} label={t('form.addressLine')}>
              {(p) => <input {...p} value={draft.line} onChange={(e) => setDraft({ ...draft, line: e.target.value })} />}
            </Field>
            <Field id={id('notes')} label={t('places.notes')} wide>
              {(p) => <textarea {...p} rows={2} value={draft.notes} onChange={(e) => setDraft({ ...draft, notes: e.target.value })} />}
            </Field>
          </div>
          {error && <ErrorPanel error={error} onDismiss={action.clearError} />}
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy || !draft.name.trim()}>
              {t('places.save')}
            </button>
            <button type="button" className="button secondary" onClick={() => setAdding(false)}>
              {t('form.cancel')}
            </button>
          </div>
        </form>
      )}
      {list.error && <ErrorPanel error={list.error} focus={false} />}
      <ul className="plain place-list" aria-busy={!list.data}>
        {list.data?.items.length === 0 && <li className="muted">{t('places.empty')}</li>}
        {list.data?.items.map((p) => (
          <li key={p.id} data-testid="place" data-place={p.id}>
            <Link to={`/registry?${category}=${encodeURIComponent(p.id)}`} className="case-title">
              {p.name}
            </Link>
            <span className="case-id">
              {t(`places.kinds.${p.kind}`, { defaultValue: p.kind })} · {[p.address.line, p.address.commune, p.address.province].filter(Boolean).join(', ')}
            </span>
            {p.notes && <p className="small">{p.notes}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
