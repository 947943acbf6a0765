/**
 * Users and teams of the admin's unit: roles, team and active state of each user (a change signs
 * the user out, so new roles apply at once), new users with a first password, new teams.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { api } from '../lib/api.js';
import { useAction } from '../lib/use-action.js';
import { useGet, useTitle } from '../lib/hooks.js';
import { useUser } from '../lib/session.js';
import { NATIONAL_ADMIN, NATIONAL_UNIT } from '../../../domain/tenancy.js';
import { EditableTable, RowButton, RowEditForm, useRowEditor } from './editable-table.js';
import { CheckboxField, Field, serverFieldErrors } from './simple-form.js';
import './admin.css';
import type { TStaffUser } from '../lib/contract/types.js';

const ROLES: readonly string[] = ['INSPECTOR', 'TEAM_LEAD', 'DIRECTOR', 'LEGAL_OFFICER', 'ADMIN', 'SCHEDULER', 'LEADER_VIEWER'];
/** In the national department, its staff may also be national administrators (docs/adr/0040). */
const NATIONAL_ROLES: readonly string[] = [...ROLES, NATIONAL_ADMIN];

function Roles({ idPrefix, value, onChange, error }: { idPrefix: string; value: string[]; onChange: (v: string[]) => void; error?: string }) {
  const { t } = useTranslation('admin');
  const choices = useUser().unitId === NATIONAL_UNIT.id ? NATIONAL_ROLES : ROLES;
  return (
    <fieldset className="checkbox-group field-wide" aria-describedby={`${idPrefix}-roles-error`}>
      <legend className="field-label">{t('people.roles')}</legend>
      <div className="checkbox-options">
        {choices.map((r) => (
          <label key={r} className="check">
            <input type="checkbox" checked={value.includes(r)} onChange={(e) => onChange(choices.filter((x) => (x === r ? e.target.checked : value.includes(x))))} />
            {t(`translation:roles.${r}`)}
          </label>
        ))}
      </div>
      <p className="field-error" id={`${idPrefix}-roles-error`}>
        {error ?? ''}
      </p>
    </fieldset>
  );
}

export function PeoplePage() {
  const { t } = useTranslation('admin');
  const me = useUser();
  useTitle(t('people.title'));
  const users = useGet('/api/v1/users');
  const teams = useGet('/api/v1/teams');
  const teamName = (id: string | null): string => (id ? (teams.data?.teams.find((x) => x.id === id)?.name ?? id) : t('people.noTeam'));
  // The choices of a user's team, in the editor and the new-user form: none, or one of the unit's.
  const teamOptions = (
    <>
      <option value="">{t('people.noTeam')}</option>
      {teams.data?.teams.map((tm) => (
        <option key={tm.id} value={tm.id}>
          {tm.name}
        </option>
      ))}
    </>
  );
  const [status, setStatus] = useState('');
  // Each form keeps its Idempotency-Key until it succeeds: sent again after a lost answer, a user or a team is made once (web/src/lib/use-action.ts).
  const userAction = useAction();
  const teamAction = useAction();
  const editor = useRowEditor<TStaffUser>({
    save: (u) => api('PATCH', `/api/v1/users/${encodeURIComponent(u.id)}`, { body: { roles: u.roles, teamId: u.teamId, active: u.active, deputy: u.deputy } }),
    saved: (u) => {
      setStatus(t('people.updated', { name: u.displayName }));
      users.reload();
    },
  });
  const { change: setEditing, problems: ee } = editor;
  // One save at a time on the page: the row's, a new user's or a new team's.
  const saving = userAction.busy || teamAction.busy || editor.busy;

  const [newUser, setNewUser] = useState({ username: '', displayName: '', password: '', roles: ['INSPECTOR'] as string[], teamId: '', deputy: false });
  const [newTeam, setNewTeam] = useState({ id: '', name: '' });

  async function createUser(e: FormEvent): Promise<void> {
    e.preventDefault();
    const body = { ...newUser, username: newUser.username.trim(), displayName: newUser.displayName.trim(), teamId: newUser.teamId || null };
    if (await userAction.run((idempotencyKey) => api('POST', '/api/v1/users', { body, idempotencyKey }))) {
      setStatus(t('people.created', { name: newUser.displayName }));
      setNewUser({ username: '', displayName: '', password: '', roles: ['INSPECTOR'], teamId: '', deputy: false });
      users.reload();
    }
  }
  async function createTeam(e: FormEvent): Promise<void> {
    e.preventDefault();
    const body = { id: newTeam.id.trim(), name: newTeam.name.trim() };
    if (await teamAction.run((idempotencyKey) => api('POST', '/api/v1/teams', { body, idempotencyKey }))) {
      setStatus(t('people.teamCreated', { name: newTeam.name }));
      setNewTeam({ id: '', name: '' });
      teams.reload();
    }
  }
  const userError = userAction.error;
  const teamError = teamAction.error;
  const ue = serverFieldErrors(userError);
  const te = serverFieldErrors(teamError);

  return (
    <div className="page admin-page">
      <h1>{t('people.title')}</h1>
      <p className="status-line" role="status">
        {status}
      </p>
      <section aria-labelledby="users-title">
        <h2 id="users-title">{t('people.users')}</h2>
        <RowEditForm
          editor={editor}
          testId="user-form"
          titleId="edit-user-title"
          heading="h3"
          title={(editing) => t('people.editTitle', { name: editing.displayName })}
          canSave={!userAction.busy && !teamAction.busy && (editor.draft?.roles.length ?? 0) > 0}
        >
          {(editing) => (
            <>
              <p className="small muted">{t('people.signOutNote')}</p>
              <Roles idPrefix="eu" value={editing.roles} onChange={(roles) => setEditing({ ...editing, roles })} error={ee.roles} />
              <div className="form-grid aligned">
                <Field id="eu-team" label={t('people.team')} error={ee.teamId}>
                  {(p) => (
                    <select {...p} value={editing.teamId ?? ''} onChange={(e) => setEditing({ ...editing, teamId: e.target.value || null })}>
                      {teamOptions}
                    </select>
                  )}
                </Field>
                <CheckboxField id="eu-active" label={t('people.activeLabel')} checked={editing.active} disabled={editing.id === me.id} onChange={(active) => setEditing({ ...editing, active })} />
                <CheckboxField id="eu-deputy" label={t('people.deputyLabel')} checked={editing.deputy} onChange={(deputy) => setEditing({ ...editing, deputy })} />
              </div>
            </>
          )}
        </RowEditForm>
        <EditableTable caption={t('people.users')} columns={[t('people.name'), t('people.roles'), t('people.team'), t('people.state')]} loading={!users.data} skeletonRows={9}>
          {users.data?.users.map((u) => (
            <tr key={u.id} className={u.active ? undefined : 'inactive'} data-testid="user-row" data-user={u.id}>
              <td>
                <span className="label">{u.displayName}</span>
                <span className="case-id">{u.username}</span>
              </td>
              <td>
                {u.roles.map((r) => t(`translation:roles.${r}`, { defaultValue: r })).join(', ')}
                {u.deputy && <span className="muted small"> · {t('people.deputy')}</span>}
              </td>
              <td>{teamName(u.teamId)}</td>
              <td>{u.active ? t('people.active') : t('people.inactive')}</td>
              <td className="row-actions">
                <RowButton label={t('edit')} rowLabel={u.displayName} onClick={() => editor.open(u)} />
              </td>
            </tr>
          ))}
        </EditableTable>

        <form className="card" onSubmit={(e) => void createUser(e)} aria-labelledby="new-user-title">
          <h3 id="new-user-title">{t('people.newUser')}</h3>
          <div className="form-grid aligned">
            <Field id="nu-username" label={t('people.username')} help={t('people.usernameHelp')} error={ue.username} required>
              {(p) => <input {...p} value={newUser.username} autoComplete="off" onChange={(e) => setNewUser({ ...newUser, username: e.target.value })} />}
            </Field>
            <Field id="nu-name" label={t('people.displayName')} error={ue.displayName} required>
              {(p) => <input {...p} value={newUser.displayName} autoComplete="off" onChange={(e) => setNewUser({ ...newUser, displayName: e.target.value })} />}
            </Field>
            <Field id="nu-password" label={t('people.password')} help={t('people.passwordHelp')} error={ue.password} required>
              {(p) => <input {...p} type="password" value={newUser.password} autoComplete="new-password" onChange={(e) => setNewUser({ ...newUser, password: e.target.value })} />}
            </Field>
            <Field id="nu-team" label={t('people.team')} error={ue.teamId}>
              {(p) => (
                <select {...p} value={newUser.teamId} onChange={(e) => setNewUser({ ...newUser, teamId: e.target.value })}>
                  {teamOptions}
                </select>
              )}
            </Field>
          </div>
          <Roles idPrefix="nu" value={newUser.roles} onChange={(roles) => setNewUser({ ...newUser, roles })} error={ue.roles} />
          <CheckboxField id="nu-deputy" label={t('people.deputyLabel')} checked={newUser.deputy} onChange={(deputy) => setNewUser({ ...newUser, deputy })} />
          {userError && <ErrorPanel error={userError} onDismiss={userAction.clearError} />}
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={saving}>
              {t('people.create')}
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="teams-title">
        <h2 id="teams-title">{t('people.teams')}</h2>
        <ul className="card plain team-list" aria-busy={!teams.data}>
          {teams.data?.teams.map((tm) => (
            <li key={tm.id}>
              <span className="label">{tm.name}</span> <code className="muted">{tm.id}</code>{' '}
              <span className="muted small">· {t('people.members', { count: users.data?.users.filter((u) => u.teamId === tm.id).length ?? 0 })}</span>
            </li>
          ))}
        </ul>
        <form className="card" onSubmit={(e) => void createTeam(e)} aria-labelledby="new-team-title">
          <h3 id="new-team-title">{t('people.newTeam')}</h3>
          <div className="form-grid aligned">
            <Field id="nt-id" label={t('people.teamId')} help={t('people.teamIdHelp')} error={te.id} required>
              {(p) => <input {...p} value={newTeam.id} autoComplete="off" onChange={(e) => setNewTeam({ ...newTeam, id: e.target.value })} />}
            </Field>
            <Field id="nt-name" label={t('people.teamName')} error={te.name} required>
              {(p) => <input {...p} value={newTeam.name} autoComplete="off" onChange={(e) => setNewTeam({ ...newTeam, name: e.target.value })} />}
            </Field>
          </div>
          {teamError && <ErrorPanel error={teamError} onDismiss={teamAction.clearError} />}
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={saving}>
              {t('people.createTeam')}
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}
