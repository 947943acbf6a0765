/**
 * `npm run audit:verify`: checks the hash chain of every case's audit log and of every unit's
 * request audit in DATABASE_URL, and reports the first broken link of each. Exit code 1 when any
 * chain is broken.
 */
import { z } from 'zod';
import { createDb } from '../db/database.js';
import { verifyAllAudits } from '../db/repositories/cases.js';
import { verifyRequestAudits } from '../db/repositories/request-audit.js';
import { parseEnv, zDatabaseUrl } from '../lib/config.js';
import { exitOnStartupError } from '../lib/errors.js';

try {
  const config = parseEnv(z.object({ DATABASE_URL: zDatabaseUrl }), process.env);
  const db = createDb({ url: config.DATABASE_URL, poolSize: 2, applicationName: 'ins-audit-verify' });
  try {
    const { checked, broken } = await verifyAllAudits(db);
    for (const b of broken) console.log(`BROKEN ${b.caseId}: event ${b.seq}: ${b.reason}`);
    console.log(`${checked} case audit chain(s) checked, ${broken.length} broken`);
    const requests = await verifyRequestAudits(db);
    for (const b of requests.broken) console.log(`BROKEN request chain ${b.chainId}: event ${b.seq}: ${b.reason}`);
    console.log(`${requests.checked} request audit chain(s) checked, ${requests.broken.length} broken`);
    process.exitCode = broken.length || requests.broken.length ? 1 : 0;
  } finally {
    await db.destroy();
  }
} catch (err) {
  exitOnStartupError(err);
}
