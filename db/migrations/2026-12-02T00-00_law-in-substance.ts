import { sql, type Kysely } from 'kysely';

const LC_TET = 'Bộ luật Lao động 2019, Điều 112(1)(b) và Điều 111(3); vn-law.md §3.3 (2027 [U])';

/**
 * Frozen data of this migration (the seed in domain/ may change later; this must not).
 * Tết Đinh Mùi 2027 (Sat 06/02/2027) had not been announced on 02/12/2026.
 */
const TET_2027 = [
  { date: '2027-02-05', status: 'COMPUTED', source: `${LC_TET}: nghỉ theo mọi phương án 5 ngày quanh mùng 1 (thứ Bảy 06/02/2027), gồm nghỉ bù` },
  { date: '2027-02-08', status: 'COMPUTED', source: `${LC_TET}: nghỉ theo mọi phương án 5 ngày quanh mùng 1 (thứ Bảy 06/02/2027), gồm nghỉ bù` },
  { date: '2027-02-09', status: 'COMPUTED', source: `${LC_TET}: nghỉ theo mọi phương án 5 ngày quanh mùng 1 (thứ Bảy 06/02/2027), gồm nghỉ bù` },
  { date: '2027-02-03', status: 'EXPECTED', source: `${LC_TET}: nghỉ theo một số phương án; chờ Thủ tướng công bố lịch nghỉ Tết Đinh Mùi 2027` },
  { date: '2027-02-04', status: 'EXPECTED', source: `${LC_TET}: nghỉ theo một số phương án; chờ Thủ tướng công bố lịch nghỉ Tết Đinh Mùi 2027` },
  { date: '2027-02-10', status: 'EXPECTED', source: `${LC_TET}: nghỉ theo một số phương án; chờ Thủ tướng công bố lịch nghỉ Tết Đinh Mùi 2027` },
  { date: '2027-02-11', status: 'EXPECTED', source: `${LC_TET}: nghỉ theo một số phương án; chờ Thủ tướng công bố lịch nghỉ Tết Đinh Mùi 2027` },
];

export async function up(db: Kysely<any>): Promise<void> {
  // A fifth calendar status: a day the statute makes likely that the Government has not announced.
  await sql`alter table calendar_day drop constraint calendar_day_status_check`.execute(db);
  await sql`alter table calendar_day add constraint calendar_day_status_check check (status in ('STATUTORY','ANNOUNCED','COMPUTED','EXPECTED','PENDING'))`.execute(db);

  // An installation whose calendar was seeded already (revision > 0) gets Tết 2027 and National
  // Day 2027's second day as the seed now has them; rows an admin has touched are left alone. A
  // fresh database (revision 0) is seeded from domain/holidays-seed.ts after the migrations.
  const rev = await db.selectFrom('calendar_revision').select('revision').where('id', '=', 1).executeTakeFirst();
  if (rev && rev.revision > 0) {
    const inserted = await db
      .insertInto('calendar_day')
      .values(TET_2027.map((d) => ({ date: d.date, is_working_day: false, reason: 'Tết Nguyên đán', status: d.status, source: d.source, updated_by: 'seed' })))
      .onConflict((oc) => oc.column('date').doNothing())
      .returning('date')
      .execute();
    const moved = await db
      .updateTable('calendar_day')
      .set({ status: 'EXPECTED', updated_at: sql`now()` })
      .where('date', 'in', ['2027-09-01', '2027-09-03'])
      .where('status', '=', 'PENDING')
      .where('updated_by', '=', 'seed')
      .returning('date')
      .execute();
    if (inserted.length + moved.length > 0) {
      await db.updateTable('calendar_revision').set({ revision: sql`revision + 1`, changed_at: sql`now()` }).where('id', '=', 1).execute();
    }
  }

  // Art. 70 delivery: 2 working days until the 3 reported by one source after Law 88/2025 is
  // confirmed (the stricter figure for the agency). Only the seeded row, never an admin's edit.
  await db
    .updateTable('legal_parameter')
    .set({ value: 2, description_vi: 'Giao quyết định xử phạt kể từ ngày ra quyết định (02 ngày; một nguồn nêu 03 ngày sau Luật 88/2025 — cần xác nhận, dùng mức chặt hơn)', updated_at: sql`now()` })
    .where('key', '=', 'deliveryWorkingDays')
    .where('effective_from', '=', '2025-07-01')
    .where('value', '=', 3)
    .where('updated_by', '=', 'seed')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('calendar_day').where('status', '=', 'EXPECTED').where('updated_by', '=', 'seed').execute();
  await sql`alter table calendar_day drop constraint calendar_day_status_check`.execute(db);
  await sql`alter table calendar_day add constraint calendar_day_status_check check (status in ('STATUTORY','ANNOUNCED','COMPUTED','PENDING'))`.execute(db);
}
