/**
 * One version of a campaign, or a new campaign. A scheduler edits a draft (saved on the server,
 * checked there), previews the run it would make and submits it; the director reads a submitted
 * version and approves it (never their own: four eyes) or rejects it saying why. Approved and
 * older versions are read only; a scheduler starts the next version from any of them.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { RecordFailed, RecordSkeleton } from '../components/PageStates.js';
import { api, ApiError, validationIssues } from '../lib/api.js';
import { formatDateTime, formatIsoDate, todayInVietnam } from '../lib/format.js';
import { useGet, useStaff, useStaffName, useTitle } from '../lib/hooks.js';
import { hasAnyRole, useUser } from '../lib/session.js';
import type { TTeam } from '../lib/contract/types.js';
import { usePlaces } from '../registry/ui.js';
import { useAction } from './actions.js';
import { CampaignForm, type TProcedureChoice } from './CampaignForm.js';
import { campaignIssueText, draftJson, draftOf, emptyForm, formOf, issuesByField, localIssues, nextVersion, openDraft, periodLabel, type TCampaignForm, type TIssueText } from './model.js';
import { CAMPAIGN_APPROVERS, CAMPAIGN_PLANNERS } from '../../../domain/roles.js';
import type { TCampaignDefinition, TCampaignVersion } from '../lib/contract/types.js';
import { PlanView, useCadenceText, useProcedureName, VersionBadge } from './ui.js';
import '../admin/admin.css';
import './campaigns.css';

export function VersionPage() {
  const { t } = useTranslation('campaigns');
  const params = useParams();
  const isNew = params.campaignId === undefined;
  const campaignId = params.campaignId ?? '';
  const versionNo = Number(params.version ?? 1);
  const navigate = useNavigate();
  const user = useUser();
  const nameOf = useStaffName();
  const isPlanner = hasAnyRole(user, CAMPAIGN_PLANNERS);
  const isApprover = hasAnyRole(user, CAMPAIGN_APPROVERS);
  const base = `/api/v1/campaigns/${encodeURIComponent(campaignId)}`;
  const version = useGet('/api/v1/campaigns/{campaignId}/versions/{version}', isNew ? null : { path: { campaignId, version: versionNo } });
  const campaign = useGet('/api/v1/campaigns/{campaignId}', isNew ? null : { path: { campaignId } });
  const teams = useGet('/api/v1/teams');
  const procedures = useGet('/api/v1/procedures');
  const { markets, hotspots } = usePlaces();
  const action = useAction();
  const [form, setForm] = useState<TCampaignForm>();
  const [loadedFor, setLoadedFor] = useState<string>();
  const [dirty, setDirty] = useState(false);
  const [local, setLocal] = useState<Record<string, TIssueText>>({});
  const [previewing, setPreviewing] = useState(false);
  const [note, setNote] = useState('');
  const [noteProblem, setNoteProblem] = useState<string>();

  const v = version.data;
  const ended = campaign.data?.ended ?? null;
  const editable = isNew ? isPlanner : v?.status === 'DRAFT' && isPlanner && !ended;
  // National inspection procedures and the unit's own variants of them (docs/adr/0040).
  const choices: TProcedureChoice[] = (procedures.data?.versions ?? [])
    .filter((p) => p.kind === 'INSPECTION' && p.status === 'PUBLISHED' && (p.owner_unit_id === null || p.owner_unit_id === user.unitId))
    .map((p) => ({ value: `${p.procedure_id}@${p.version}`, label: `${p.title_vi}${p.owner_unit_id ? ` (${t('translation:newCase.unitProcedure')})` : ''} — ${t('versionNo', { v: p.version })}` }));

  // The form starts from the version (once per version), or for a new campaign from the defaults.
  const formKey = isNew ? 'new' : `${campaignId}/${versionNo}`;
  if (loadedFor !== formKey) {
    if (isNew && teams.data && procedures.data) {
      setForm(
        emptyForm(
          todayInVietnam(),
          teams.data.teams.map((x) => x.id),
          choices[0]?.value ?? '',
        ),
      );
      setLoadedFor(formKey);
    } else if (!isNew && v) {
      setForm(formOf(v.definition));
      setLoadedFor(formKey);
      setDirty(false);
      setPreviewing(false);
    }
  }
  useTitle(isNew ? t('draft.newTitle') : v ? `${v.definition.title} — ${t('versionNo', { v: v.version })}` : t('draft.title'));

  // Typed changes are not lost by closing the tab unawares.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent): void => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  if (!isNew && version.error && !v) {
    return <RecordFailed error={version.error} backTo="/campaigns" backLabel={t('campaign.back')} />;
  }
  if (isNew && !isPlanner) return <p className="page notice">{t('draft.onlyPlanners')}</p>;
  if (!form || (!isNew && !v)) {
    return <RecordSkeleton />;
  }

  const server = action.error?.status === 400 ? issuesByField(validationIssues(action.error)) : {};
  const errors: Record<string, string> = {};
  for (const [field, issue] of Object.entries(server)) {
    const known = campaignIssueText(issue);
    errors[field] = known ? t(known.key, known.params ?? {}) : issue.message;
  }
  for (const [path, issue] of Object.entries(local)) errors[path] = t(issue.key, issue.params ?? {});
  const idOf = isNew ? form.campaignId : campaignId;
  const urlOf = (id: string) => `/api/v1/campaigns/${encodeURIComponent(id)}`;

  const change = (f: TCampaignForm): void => {
    setForm(f);
    setDirty(true);
    if (Object.keys(local).length) setLocal(localIssues(f, isNew));
  };

  /** Saves the draft; false when the form or the server refused it (the problems are shown). */
  async function save(): Promise<boolean> {
    const problems = localIssues(form!, isNew);
    setLocal(problems);
    if (Object.keys(problems).length) {
      action.clear();
      const first = Object.keys(problems)[0]!;
      window.requestAnimationFrame(() => document.getElementById(`cf-${first}`)?.focus());
      return false;
    }
    const ok = await action.run(
      'save',
      async () => {
        if (isNew) {
          // A new campaign never takes over an existing one's id (its drafts are someone's work).
          const exists = await api('GET', urlOf(idOf)).then(
            () => true,
            (err: unknown) => {
              if (err instanceof ApiError && err.status === 404) return false;
              throw err;
            },
          );
          if (exists) throw new ApiError(409, 'CONFLICT', t('draft.idTaken', { id: idOf }));
        }
        await api<TCampaignVersion>('PUT', `${urlOf(idOf)}/versions/${versionNo}`, { body: draftJson(draftOf(form!)) });
      },
      t('draft.saved'),
    );
    if (!ok) {
      window.requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="server-error"]')?.focus());
      return false;
    }
    setDirty(false);
    // navigate() returns a promise only under a data router; this app's BrowserRouter navigates at once.
    if (isNew) void navigate(`/campaigns/${encodeURIComponent(idOf)}/versions/1`, { replace: true });
    else {
      version.reload();
      campaign.reload();
    }
    return true;
  }

  const onSave = (e: FormEvent): void => {
    e.preventDefault();
    void save();
  };
  const submit = async (): Promise<void> => {
    if (dirty && !(await save())) return;
    if (await action.run('submit', () => api('POST', `${base}/versions/${versionNo}/submit`), t('draft.submitted'))) {
      version.reload();
      campaign.reload();
    }
  };
  const preview = async (): Promise<void> => {
    if (dirty && !(await save())) return;
    setPreviewing(true);
  };
  const withdraw = async (): Promise<void> => {
    if (await action.run('withdraw', () => api('POST', `${base}/versions/${versionNo}/withdraw`), t('draft.withdrawn'))) {
      version.reload();
      campaign.reload();
    }
  };
  const newVersion = async (from: TCampaignDefinition): Promise<void> => {
    const next = nextVersion(campaign.data?.versions ?? []);
    const { id: _id, version: _v, ...draft } = from;
    if (await action.run('new-version', () => api('PUT', `${base}/versions/${next}`, { body: draft }), t('draft.created', { v: next }))) {
      void navigate(`/campaigns/${encodeURIComponent(campaignId)}/versions/${next}`); // BrowserRouter: nothing to wait for
    }
  };
  const decide = async (approve: boolean): Promise<void> => {
    if (!approve && !note.trim()) {
      setNoteProblem(t('decision.noteRequired'));
      document.getElementById('decision-note')?.focus();
      return;
    }
    setNoteProblem(undefined);
    const body = note.trim() ? { note: note.trim() } : {};
    const ok = await action.run(
      approve ? 'approve' : 'reject',
      () => api('POST', `${base}/versions/${versionNo}/${approve ? 'approve' : 'reject'}`, { body }),
      approve ? t('decision.approved') : t('decision.rejected'),
    );
    if (!ok) return;
    setNote('');
    if (approve) {
      // The campaign page shows the same read: fresh first (its schedule, its approved version), so that it does not open on the campaign as it was and jump.
      await campaign.reloaded();
      void navigate(`/campaigns/${encodeURIComponent(campaignId)}`); // BrowserRouter: nothing to wait for
    } else {
      version.reload();
      campaign.reload();
    }
  };

  const draftOpen = campaign.data ? openDraft(campaign.data.versions) : undefined;
  const places = [...(markets ?? []), ...(hotspots ?? [])];
  const title = isNew ? t('draft.newTitle') : v!.definition.title;

  return (
    <div className="page campaign-version-page" data-testid="campaign-version" data-status={v?.status ?? 'NEW'}>
      <nav aria-label={t('breadcrumb')} className="breadcrumb small">
        <Link to="/campaigns">{t('list.title')}</Link>
        {!isNew && (
          <>
            {' › '}
            <Link to={`/campaigns/${encodeURIComponent(campaignId)}`}>{v!.definition.title}</Link>
          </>
        )}
        {' › '}
        <span>{isNew ? t('draft.newTitle') : t('versionNo', { v: versionNo })}</span>
      </nav>
      <header className="page-head">
        <div>
          <h1>{title}</h1>
          {v && (
            <p className="case-kicker">
              {t('versionNo', { v: v.version })} <VersionBadge status={v.status} />{' '}
              {dirty && (
                <span className="badge unsaved" data-testid="unsaved">
                  {t('draft.unsaved')}
                </span>
              )}
            </p>
          )}
        </div>
      </header>

      {v && (
        <dl className="record version-facts card">
          <div>
            <dt>{t('versions.drafted')}</dt>
            <dd>
              {nameOf(v.createdBy)} · {formatDateTime(v.createdAt)}
            </dd>
          </div>
          {v.submittedBy && (
            <div>
              <dt>{t('versions.submitted')}</dt>
              <dd>
                {nameOf(v.submittedBy)} · {v.submittedAt && formatDateTime(v.submittedAt)}
              </dd>
            </div>
          )}
          {v.withdrawnBy && (
            <div>
              <dt>{t('versions.withdrawn')}</dt>
              <dd>
                {nameOf(v.withdrawnBy)} · {v.withdrawnAt && formatDateTime(v.withdrawnAt)}
              </dd>
            </div>
          )}
          {v.decidedBy && (
            <div>
              <dt>{t('versions.decided')}</dt>
              <dd data-testid="decision">
                {nameOf(v.decidedBy)} · {v.decidedAt && formatDateTime(v.decidedAt)}
                {v.decisionNote && <span className="decision-note">“{v.decisionNote}”</span>}
              </dd>
            </div>
          )}
        </dl>
      )}

      {editable ? (
        <form onSubmit={onSave} noValidate>
          <CampaignForm form={form} onChange={change} errors={errors} isNew={isNew} teams={teams.data?.teams ?? []} procedures={choices} places={places} />
          <div className="form-footer">
            <p className="status-line" role="status" data-testid="draft-status">
              {action.done ?? ''}
            </p>
            {action.error && <ErrorPanel error={action.error} onDismiss={action.clear} focus={false} />}
            <div className="form-actions">
              <button type="submit" className="button primary" disabled={!!action.busy}>
                {t('draft.save')}
              </button>
              {!isNew && (
                <>
                  <button type="button" className="button secondary" disabled={!!action.busy} onClick={() => void preview()}>
                    {t('draft.preview')}
                  </button>
                  <button type="button" className="button secondary" disabled={!!action.busy} onClick={() => void submit()}>
                    {t('draft.submit')}
                  </button>
                </>
              )}
            </div>
            {!isNew && <p className="field-help">{t('draft.submitHelp')}</p>}
          </div>
        </form>
      ) : (
        <>
          <DefinitionView def={v!.definition} teams={teams.data?.teams} />
          <div className="form-footer">
            <p className="status-line" role="status" data-testid="draft-status">
              {action.done ?? ''}
            </p>
            {action.error && <ErrorPanel error={action.error} onDismiss={action.clear} />}
            {ended && (
              <p className="notice" data-testid="ended-notice">
                {t('end.endedBy', { at: formatDateTime(ended.at), by: nameOf(ended.by) })} “{ended.note}”
              </p>
            )}
            {!ended && v!.status === 'SUBMITTED' && isApprover && (
              <section className="card decision-card" aria-labelledby="decision-title">
                <h2 id="decision-title">{t('decision.title')}</h2>
                <p className="field-help">{t('decision.help')}</p>
                <div className="field">
                  <label className="field-label" htmlFor="decision-note">
                    {t('decision.note')}
                  </label>
                  <textarea
                    id="decision-note"
                    rows={2}
                    maxLength={500}
                    value={note}
                    aria-invalid={noteProblem ? true : undefined}
                    aria-describedby="decision-note-error"
                    onChange={(e) => setNote(e.target.value)}
                  />
                  <p className="field-error" id="decision-note-error">
                    {noteProblem ?? ''}
                  </p>
                </div>
                <div className="form-actions">
                  <button type="button" className="button primary" disabled={!!action.busy} onClick={() => void decide(true)}>
                    {t('decision.approve')}
                  </button>
                  <button type="button" className="button secondary danger" disabled={!!action.busy} onClick={() => void decide(false)}>
                    {t('decision.reject')}
                  </button>
                </div>
              </section>
            )}
            {!ended && v!.status === 'SUBMITTED' && !isApprover && <p className="notice">{t('decision.waiting')}</p>}
            {!ended && v!.status === 'SUBMITTED' && isPlanner && (
              <div className="form-actions">
                <button type="button" className="button secondary" disabled={!!action.busy} onClick={() => void withdraw()}>
                  {t('draft.withdraw')}
                </button>
              </div>
            )}
            {!ended && isPlanner && v!.status !== 'SUBMITTED' && (
              <div className="form-actions">
                {draftOpen ? (
                  <Link className="button secondary" to={`/campaigns/${encodeURIComponent(campaignId)}/versions/${draftOpen.version}`}>
                    {t('campaign.openDraft', { v: draftOpen.version })}
                  </Link>
                ) : (
                  <button type="button" className="button secondary" disabled={!!action.busy || !campaign.data} onClick={() => void newVersion(v!.definition)}>
                    {t('draft.newVersion')}
                  </button>
                )}
              </div>
            )}
          </div>
        </>
      )}
      {!isNew && !ended && (previewing || (v && v.status === 'SUBMITTED' && hasAnyRole(user, ['SCHEDULER', 'DIRECTOR']))) && (
        <DraftPreview campaignId={campaignId} version={versionNo} teams={teams.data?.teams} />
      )}
    </div>
  );
}

/** The run this version would make next (a dry run of this version), to check before submitting or approving. */
function DraftPreview({ campaignId, version, teams }: { campaignId: string; version: number; teams: TTeam[] | undefined }) {
  const { t } = useTranslation('campaigns');
  const staff = useStaff();
  const preview = useGet('/api/v1/campaigns/{campaignId}/dry-run', { path: { campaignId }, query: { version } });
  return (
    <section className="card" aria-labelledby="draft-preview-title" data-testid="preview">
      <div className="section-head">
        <h2 id="draft-preview-title">{t('preview.titleVersion', { v: version })}</h2>
        <button type="button" className="button subtle" disabled={preview.loading} onClick={preview.reload}>
          {t('preview.again')}
        </button>
      </div>
      {preview.error && <ErrorPanel error={preview.error} focus={false} />}
      {!preview.data && !preview.error && <div className="skeleton-block tall" aria-busy="true" />}
      {preview.data && (
        <div data-testid="preview-result" data-period={preview.data.period}>
          <p>
            {t('preview.run', { period: periodLabel(preview.data.period), at: formatDateTime(preview.data.scheduledAt), v: preview.data.version })}{' '}
            <span className="badge" data-testid="preview-source" data-source={preview.data.scheduledAtSource}>
              {t(`preview.sources.${preview.data.scheduledAtSource}`)}
            </span>
          </p>
          <PlanView plan={preview.data.plan} staff={staff} teams={teams} />
        </div>
      )}
    </section>
  );
}

/** A definition to read (approved, submitted, older versions). */
function DefinitionView({ def, teams }: { def: TCampaignDefinition; teams: TTeam[] | undefined }) {
  const { t } = useTranslation('campaigns');
  const cadenceText = useCadenceText();
  const procedureName = useProcedureName(def.procedure);
  const { markets, hotspots } = usePlaces();
  const placeName = (id: string): string => [...(markets ?? []), ...(hotspots ?? [])].find((p) => p.id === id)?.name ?? id;
  const list = (xs: string[]): string => (xs.length ? xs.join('; ') : t('form.any'));
  const rows: [string, string][] = [
    [t('form.kind'), t(`kinds.${def.kind}`)],
    [t('form.theme'), def.theme],
    [t('form.legalBasis'), def.legalBasis],
    [t('form.window'), `${formatIsoDate(def.planWindow.from)} – ${formatIsoDate(def.planWindow.to)}`],
    [t('form.cadence'), cadenceText(def.cadence)],
    [t('form.holidayPolicy'), t(`holidayPolicies.${def.holidayPolicy}`)],
    [t('form.overlapPolicy'), t(`overlapPolicies.${def.overlapPolicy}`)],
    [t('form.sectors'), list(def.targets.sectors)],
    [t('form.productGroups'), list(def.targets.productGroups)],
    [t('form.areas'), list(def.targets.areas)],
    [t('form.places'), list(def.targets.marketIds.map(placeName))],
    [t('form.minRiskScore'), String(def.targets.minRiskScore)],
    [t('form.minMonths'), String(def.targets.minMonthsSinceLastInspection)],
    [t('form.withOpenTipsOnly'), def.targets.withOpenTipsOnly ? t('yes') : t('no')],
    [t('form.quota'), t('campaign.quota', { perRun: def.quota.perRun, perTeam: def.quota.perTeam })],
    [t('form.maxPerYear'), String(def.guardrails.maxPlannedPerBusinessPerYear)],
    [t('form.teams'), def.teamIds.map((id) => teams?.find((x) => x.id === id)?.name ?? id).join(', ')],
    [t('form.procedure'), procedureName],
  ];
  return (
    <section className="card" aria-labelledby="definition-title" data-testid="definition">
      <h2 id="definition-title">{t('draft.definition')}</h2>
      <dl className="record definition-record">
        {rows.map(([k, val]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{val}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
