/**
 * Migrations are TypeScript modules in `db/migrations/`, named by timestamp, run in name order by
 * Kysely's Migrator. The list is static (imported here) so it works the same under tsx, a bundle
 * or compiled output.
 */
import { Migrator, type Migration, type MigrationResultSet } from 'kysely';
import type { Db } from './database.js';
import * as m20261128canary from './migrations/2026-11-28T00-00_canary.js';
import * as m20261128calendar from './migrations/2026-11-28T01-00_calendar.js';
import * as m20261128cases from './migrations/2026-11-28T02-00_cases.js';
import * as m20261128legal from './migrations/2026-11-28T03-00_legal.js';
import * as m20261128people from './migrations/2026-11-28T04-00_people.js';
import * as m20261128idempotency from './migrations/2026-11-28T05-00_idempotency.js';
import * as m20261128ratelimit from './migrations/2026-11-28T06-00_rate-limit.js';
import * as m20261128evidence from './migrations/2026-11-28T07-00_evidence.js';
import * as m20261128tokens from './migrations/2026-11-28T08-00_api-tokens.js';
import * as m20261128businesses from './migrations/2026-11-28T09-30_businesses.js';
import * as m20261128uploads from './migrations/2026-11-28T10-00_uploads.js';
import * as m20261128eventlog from './migrations/2026-11-28T11-00_event-log-request-audit.js';
import * as m20261128campaigns from './migrations/2026-11-28T12-00_campaigns.js';
import * as m20261128evidenceunit from './migrations/2026-11-28T13-00_evidence-per-unit.js';
import * as m20261128campaignend from './migrations/2026-11-28T14-00_campaign-end.js';
import * as m20261128caseabandoned from './migrations/2026-11-28T15-00_case-abandoned.js';
import * as m20261201idempotencylease from './migrations/2026-12-01T00-00_idempotency-lease.js';
import * as m20261202law from './migrations/2026-12-02T00-00_law-in-substance.js';
import * as m20261203integrations from './migrations/2026-12-03T00-00_integration-accounts.js';
import * as m20261203rolerequests from './migrations/2026-12-03T01-00_role-change-requests.js';
import * as m20261203signin from './migrations/2026-12-03T02-00_sign-in-throttle.js';
import * as m20261203revocation from './migrations/2026-12-03T03-00_credential-revocation-notify.js';
import * as m20261204tenancy from './migrations/2026-12-04T00-00_tenancy.js';
import * as m20261210caseopenrequest from './migrations/2026-12-10T00-00_case-open-request.js';
import * as m20261214escalationreason from './migrations/2026-12-14T00-00_escalation-reason.js';
import * as m20261215casesearchtext from './migrations/2026-12-15T00-00_case-search-text.js';
import * as m20261220escalationresolution from './migrations/2026-12-20T00-00_escalation-resolution.js';
import * as m20261221bulkactions from './migrations/2026-12-21T00-00_bulk-actions.js';
import * as m20261222notifications from './migrations/2026-12-22T10-00_notifications.js';
import * as m20261223paymentcallbacks from './migrations/2026-12-23T16-00_payment-callbacks.js';
import * as m20261223caselookup from './migrations/2026-12-23T20-00_case-lookup.js';
import * as m20261224partymessages from './migrations/2026-12-24T18-00_party-messages.js';
import * as m20261224publicsite from './migrations/2026-12-24T19-30_public-site.js';
import * as m20261224publictips from './migrations/2026-12-24T20-00_public-tips.js';
import * as m20261225documents from './migrations/2026-12-25T10-00_documents.js';
import * as m20261225documenttemplates from './migrations/2026-12-25T14-00_document-templates.js';
import * as m20261226statistics from './migrations/2026-12-26T10-00_statistics.js';
import * as m20261227requestauditlinked from './migrations/2026-12-27T11-00_request-audit-linked-after-commit.js';
import * as m20261227caseeventpositions from './migrations/2026-12-27T11-10_case-event-log-positions.js';
import * as m20261227casereads from './migrations/2026-12-27T12-00_case-reads.js';
import * as m20261227casesearchdocument from './migrations/2026-12-27T12-30_case-search-document.js';
import * as m20261227casereadscovering from './migrations/2026-12-27T13-00_case-reads-covering.js';
import * as m20261228unittreasury from './migrations/2026-12-28T09-00_unit-treasury.js';
import * as m20261229sanctiondelegation from './migrations/2026-12-29T09-00_sanction-delegation.js';
import * as m20261229delegationcoercion from './migrations/2026-12-29T09-10_delegation-coercion.js';
import * as m20261229delegationheadabsence from './migrations/2026-12-29T09-20_delegation-head-absence.js';
import * as m20261229eventlogidindex from './migrations/2026-12-29T09-30_event-log-id-index.js';
import * as m20261229sharednumberregister from './migrations/2026-12-29T09-40_shared-number-register.js';

export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-28T00-00_canary': m20261128canary,
  '2026-11-28T01-00_calendar': m20261128calendar,
  '2026-11-28T02-00_cases': m20261128cases,
  '2026-11-28T03-00_legal': m20261128legal,
  '2026-11-28T04-00_people': m20261128people,
  '2026-11-28T05-00_idempotency': m20261128idempotency,
  '2026-11-28T06-00_rate-limit': m20261128ratelimit,
  '2026-11-28T07-00_evidence': m20261128evidence,
  '2026-11-28T08-00_api-tokens': m20261128tokens,
  '2026-11-28T09-30_businesses': m20261128businesses,
  '2026-11-28T10-00_uploads': m20261128uploads,
  '2026-11-28T11-00_event-log-request-audit': m20261128eventlog,
  '2026-11-28T12-00_campaigns': m20261128campaigns,
  '2026-11-28T13-00_evidence-per-unit': m20261128evidenceunit,
  '2026-11-28T14-00_campaign-end': m20261128campaignend,
  '2026-11-28T15-00_case-abandoned': m20261128caseabandoned,
  '2026-12-01T00-00_idempotency-lease': m20261201idempotencylease,
  '2026-12-02T00-00_law-in-substance': m20261202law,
  '2026-12-03T00-00_integration-accounts': m20261203integrations,
  '2026-12-03T01-00_role-change-requests': m20261203rolerequests,
  '2026-12-03T02-00_sign-in-throttle': m20261203signin,
  '2026-12-03T03-00_credential-revocation-notify': m20261203revocation,
  '2026-12-04T00-00_tenancy': m20261204tenancy,
  '2026-12-10T00-00_case-open-request': m20261210caseopenrequest,
  '2026-12-14T00-00_escalation-reason': m20261214escalationreason,
  '2026-12-15T00-00_case-search-text': m20261215casesearchtext,
  '2026-12-20T00-00_escalation-resolution': m20261220escalationresolution,
  '2026-12-21T00-00_bulk-actions': m20261221bulkactions,
  '2026-12-22T10-00_notifications': m20261222notifications,
  '2026-12-23T16-00_payment-callbacks': m20261223paymentcallbacks,
  '2026-12-23T20-00_case-lookup': m20261223caselookup,
  '2026-12-24T18-00_party-messages': m20261224partymessages,
  '2026-12-24T19-30_public-site': m20261224publicsite,
  '2026-12-24T20-00_public-tips': m20261224publictips,
  '2026-12-25T10-00_documents': m20261225documents,
  '2026-12-25T14-00_document-templates': m20261225documenttemplates,
  '2026-12-26T10-00_statistics': m20261226statistics,
  '2026-12-27T11-00_request-audit-linked-after-commit': m20261227requestauditlinked,
  '2026-12-27T11-10_case-event-log-positions': m20261227caseeventpositions,
  '2026-12-27T12-00_case-reads': m20261227casereads,
  '2026-12-27T12-30_case-search-document': m20261227casesearchdocument,
  '2026-12-27T13-00_case-reads-covering': m20261227casereadscovering,
  '2026-12-28T09-00_unit-treasury': m20261228unittreasury,
  '2026-12-29T09-00_sanction-delegation': m20261229sanctiondelegation,
  '2026-12-29T09-10_delegation-coercion': m20261229delegationcoercion,
  '2026-12-29T09-20_delegation-head-absence': m20261229delegationheadabsence,
  '2026-12-29T09-30_event-log-id-index': m20261229eventlogidindex,
  '2026-12-29T09-40_shared-number-register': m20261229sharednumberregister,
};

export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableName: 'ins_migration',
    migrationLockTableName: 'ins_migration_lock',
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const err = result.error instanceof Error ? result.error : new Error(String(result.error));
    err.message = `migration ${failed?.migrationName ?? '(unknown)'} failed: ${err.message}`;
    throw err;
  }
  return result;
}
