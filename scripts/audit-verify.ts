/**
 * `npm run audit:verify`: checks the hash chain of every case's audit log and of every unit's
 * request audit in DATABASE_URL, and reports the first broken link of each; then compares each
 * case's chain head with the one its workflow wrote (TEMPORAL_ADDRESS), so that a lost tail — or a
 * case missing from the read model altogether — is reported too (lib/audit-heads.ts). Exit code 1
 * when anything is broken. `--chains-only` skips the comparison (no Temporal needed).
 */
import { Client, Connection } from '@temporalio/client';
import { z } from 'zod';
import { createDb } from '../db/database.js';
import { verifyAllAudits } from '../db/repositories/cases.js';
import { verifyRequestAudits } from '../db/repositories/request-audit.js';
import { compareAuditHeads } from '../lib/audit-heads.js';
import { parseEnv, zDatabaseUrl, zTemporalAddress } from '../lib/config.js';
import { exitOnStartupError } from '../lib/errors.js';

const chainsOnly = process.argv.includes('--chains-only');

try {
  const config = parseEnv(
    z.object({
      DATABASE_URL: zDatabaseUrl,
      TEMPORAL_ADDRESS: chainsOnly ? zTemporalAddress.optional() : zTemporalAddress,
      TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
      TEMPORAL_TASK_QUEUE: z.string().min(1).default('ins-cases'),
    }),
    process.env,
  );
  const db = createDb({ url: config.DATABASE_URL, poolSize: 4, applicationName: 'ins-audit-verify' });
  try {
    const { checked, broken } = await verifyAllAudits(db);
    for (const b of broken) console.log(`BROKEN ${b.caseId}: event ${b.seq}: ${b.reason}`);
    console.log(`${checked} case audit chain(s) checked, ${broken.length} broken`);
    const requests = await verifyRequestAudits(db);
    for (const b of requests.broken) console.log(`BROKEN request chain ${b.chainId}: event ${b.seq}: ${b.reason}`);
    console.log(`${requests.checked} request audit chain(s) checked, ${requests.broken.length} broken, ${requests.unlinked} row(s) not linked yet (chained after commit: docs/adr/0173)`);
    let headsBroken = 0;
    if (!chainsOnly && config.TEMPORAL_ADDRESS) {
      const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
      try {
        const heads = await compareAuditHeads(db, new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }), { taskQueue: config.TEMPORAL_TASK_QUEUE });
        for (const b of heads.broken) console.log(`BROKEN ${b.caseId}: event ${b.seq}: ${b.reason}`);
        for (const n of heads.notCompared) console.log(`NOT COMPARED ${n.caseId}: ${n.reason}`);
        console.log(`${heads.compared} chain head(s) compared with their workflows, ${heads.broken.length} broken, ${heads.notCompared.length} not compared`);
        headsBroken = heads.broken.length;
      } finally {
        await connection.close();
      }
    } else {
      console.log('chain heads not compared with the workflows (--chains-only)');
    }
    process.exitCode = broken.length || requests.broken.length || headsBroken ? 1 : 0;
  } finally {
    await db.destroy();
  }
} catch (err) {
  exitOnStartupError(err);
}
