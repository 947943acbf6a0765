/**
 * Custom search attributes of INS cases, within the SQL visibility budget of Temporal Server 1.29
 * (10 Keyword, 3 Datetime, 3 Bool slots per namespace). Values are codes and ids only:
 * no personal data (names, tax codes, addresses) ever goes here, because search attributes are
 * stored unencrypted and bypass payload codecs.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** A search attribute key of any type (the SDK does not export the key type from its index). */
export type AnySearchAttributeKey = { readonly name: string; readonly type: SearchAttributeType };

/** `INSPECTION`, `PENALTY`, `SEIZURE`, `TIP`, `CAMPAIGN_RUN`… */
export const CaseKind = defineSearchAttributeKey('CaseKind', SearchAttributeType.KEYWORD);
/** `OPEN`, `OVERDUE`, `CLOSED`… */
export const CaseStatus = defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD);
/** Id of the step(s) now open, e.g. `B2`. */
export const CurrentStep = defineSearchAttributeKey('CurrentStep', SearchAttributeType.KEYWORD);
export const UnitId = defineSearchAttributeKey('UnitId', SearchAttributeType.KEYWORD);
export const TeamId = defineSearchAttributeKey('TeamId', SearchAttributeType.KEYWORD);
export const ProcedureId = defineSearchAttributeKey('ProcedureId', SearchAttributeType.KEYWORD);
/** `<procedureId>@<version>`, the pinned definition the case runs on. */
export const ProcedureVersion = defineSearchAttributeKey('ProcedureVersion', SearchAttributeType.KEYWORD);
export const CampaignId = defineSearchAttributeKey('CampaignId', SearchAttributeType.KEYWORD);
export const NextDeadline = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);
export const Overdue = defineSearchAttributeKey('Overdue', SearchAttributeType.BOOL);

/**
 * Built into the server (not registered by INS): the nominal time a Schedule's action was due,
 * set by the server on every workflow a Schedule starts (also on triggers and backfills).
 */
export const TemporalScheduledStartTime = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

/** The custom attributes INS registers on the namespace. */
export const ALL_SEARCH_ATTRIBUTES: AnySearchAttributeKey[] = [CaseKind, CaseStatus, CurrentStep, UnitId, TeamId, ProcedureId, ProcedureVersion, CampaignId, NextDeadline, Overdue];
