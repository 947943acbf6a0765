/**
 * Demo data for the embedded default (`npm start` without DATABASE_URL, never in production): one
 * unit, two teams and one user per role. The logins are in the README.
 */
import type { Db } from './database.js';
import { createTeam, createUnit, createUser } from './repositories/people.js';

export const DEMO_PASSWORD = 'ins-demo-2026';
export const DEMO_UNIT = { id: 'nb', name: 'Chi cục Quản lý thị trường tỉnh Ninh Bình', province: 'Ninh Bình' };
export const DEMO_TEAMS = [
  { id: 'nb-doi-1', unitId: 'nb', name: 'Đội Quản lý thị trường số 1' },
  { id: 'nb-doi-2', unitId: 'nb', name: 'Đội Quản lý thị trường số 2' },
];
export const DEMO_USERS = [
  { username: 'kiemsoat.an', displayName: 'Nguyễn Văn An', roles: ['INSPECTOR'], teamId: 'nb-doi-1' },
  { username: 'kiemsoat.binh', displayName: 'Trần Thị Bình', roles: ['INSPECTOR'], teamId: 'nb-doi-2' },
  { username: 'doitruong.cuong', displayName: 'Lê Văn Cường', roles: ['TEAM_LEAD'], teamId: 'nb-doi-1' },
  { username: 'doitruong.dung', displayName: 'Phạm Thị Dung', roles: ['TEAM_LEAD'], teamId: 'nb-doi-2' },
  { username: 'chicuctruong.hai', displayName: 'Hoàng Văn Hải', roles: ['DIRECTOR'], teamId: null },
  { username: 'phapche.lan', displayName: 'Vũ Thị Lan', roles: ['LEGAL_OFFICER'], teamId: null },
  { username: 'quantri.minh', displayName: 'Đỗ Văn Minh', roles: ['ADMIN'], teamId: null },
  { username: 'kehoach.nga', displayName: 'Bùi Thị Nga', roles: ['SCHEDULER'], teamId: null },
  { username: 'lanhdao.phong', displayName: 'Ngô Văn Phong', roles: ['LEADER_VIEWER'], teamId: null },
] as const;

/**
 * Seeds the demo unit, teams and users (once). `unitId` renames the unit (its teams become
 * `<unitId>-doi-1/2`): tests that share one Temporal server give each database its own unit, since
 * case ids (workflow ids) contain the unit.
 */
export async function seedDemoData(db: Db, unitId: string = DEMO_UNIT.id): Promise<number> {
  const existing = await db.selectFrom('app_user').select('id').where('id', '=', DEMO_USERS[0].username).executeTakeFirst();
  if (existing) return 0;
  const team = (id: string | null): string | null => (id === null ? null : id.replace(/^nb-/, `${unitId}-`));
  await createUnit(db, { ...DEMO_UNIT, id: unitId });
  for (const t of DEMO_TEAMS) await createTeam(db, { ...t, id: team(t.id)!, unitId });
  for (const u of DEMO_USERS) {
    await createUser(db, { id: u.username, username: u.username, displayName: u.displayName, password: DEMO_PASSWORD, roles: [...u.roles], unitId, teamId: team(u.teamId) });
  }
  return DEMO_USERS.length;
}
