/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (the one-shot job in production). */
import { z } from 'zod';
import { assertDbReachable, createDb } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedReferenceData } from '../db/reference-data.js';
import { parseEnv, zDatabaseUrl } from '../lib/config.js';
import { exitOnStartupError } from '../lib/errors.js';

try {
  const config = parseEnv(z.object({ DATABASE_URL: zDatabaseUrl }), process.env);
  const db = createDb({ url: config.DATABASE_URL, poolSize: 1, applicationName: 'ins-migrate' });
  try {
    await assertDbReachable(db, config.DATABASE_URL, 'DATABASE_URL');
    const result = await migrateToLatest(db);
    for (const r of result.results ?? []) console.log(`${r.status.padEnd(9)} ${r.migrationName}`);
    const seeded = await seedReferenceData(db);
    if (seeded.calendarDays) console.log(`seeded ${seeded.calendarDays} calendar days`);
    console.log(`database is at the latest migration (${(result.results ?? []).length} applied now)`);
  } finally {
    await db.destroy();
  }
} catch (err) {
  exitOnStartupError(err);
}
