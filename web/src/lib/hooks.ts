/**
 * Data hooks over the API, on the one TanStack Query cache (lib/api/client.ts): a read that can be
 * reloaded, and the shared reference data. Live events keep the reads fresh (lib/live-events.ts).
 */
import { useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from './api.js';
import { addCalendarDays, WorkingCalendar, type TCalendarDay } from '../../../domain/calendar.js';
import { $api, queryClient } from './contract/client.js';
import type { paths } from './contract/schema.gen.js';
import { todayInVietnam } from './format.js';
import type { TCaseDetail, TColleague, TLegalParam, TProcedure, TStepPrefill, TViolation } from './contract/types.js';

export interface TLoad<T> {
  data?: T;
  error?: ApiError;
  loading: boolean;
  reload(): void;
  /** Reloads, and resolves once the fresh answer (or its failure) is in: before leaving for a page that shows the same data. */
  reloaded(): Promise<void>;
}

/**
 * A typed read of the client (`$api.useQuery`, lib/contract/client.ts) as a `TLoad`: its error is the
 * `ApiError` the client's middleware threw. `T` narrows the generated type where lib/contract/types.ts refines it.
 */
function useLoad<T>(q: UseQueryResult<unknown, unknown>): TLoad<T> {
  const { refetch } = q;
  const reload = useCallback(() => void refetch(), [refetch]);
  const reloaded = useCallback(() => refetch().then(() => undefined), [refetch]);
  const error = q.error === null ? undefined : q.error instanceof ApiError ? q.error : new ApiError(0, 'NETWORK', String(q.error));
  return { data: q.data as T | undefined, error, loading: q.isLoading, reload, reloaded };
}

/** The API's paths that answer a GET with JSON (the generated document, lib/contract/schema.gen.ts). */
export type TGetPath = { [P in keyof paths]: paths[P] extends { get: { responses: { 200: { content: { 'application/json': unknown } } } } } ? P : never }[keyof paths];
/** What a GET of `P` answers when it succeeds. */
export type TGetOk<P extends TGetPath> = paths[P]['get']['responses'][200]['content']['application/json'];
/** The path and query parameters of a GET of `P`, as the document declares them. */
export type TGetParams<P extends TGetPath> = { path?: paths[P]['get']['parameters']['path']; query?: paths[P]['get']['parameters']['query'] };

/**
 * GETs `path` of the API with its parameters, typed end to end from the OpenAPI document: the
 * answer's type comes from the path, never from the caller (docs/adr/0065). `null` parameters: not
 * fetched (yet). Live events invalidate it like any read (lib/live-events.ts).
 */
export function useGet<P extends TGetPath>(path: P, params: TGetParams<P> | null = {}): TLoad<TGetOk<P>> {
  const init = params && (params.path || params.query) ? { params } : undefined;
  // openapi-react-query's overloads cannot follow a generic path: its runtime contract is this one call.
  const q = ($api.useQuery as unknown as (m: 'get', p: string, i: unknown, o: { enabled: boolean }) => UseQueryResult<unknown, unknown>)('get', path, init, { enabled: params !== null });
  return useLoad<TGetOk<P>>(q);
}

/**
 * A case's detail and its procedure, with the refinements of lib/contract/types.ts (the deadline's
 * explanation read as the calendar's record, the definition as domain/procedure.ts's type: the API
 * declares them as any JSON). Not fetched while `caseId` is empty.
 */
export function useCaseDetail(caseId: string): TLoad<TCaseDetail> {
  return useGet('/api/v1/cases/{caseId}', caseId ? { path: { caseId } } : null) as TLoad<TCaseDetail>;
}
export function useCaseProcedure(caseId: string): TLoad<{ procedure: TProcedure }> {
  return useGet('/api/v1/cases/{caseId}/procedure', caseId ? { path: { caseId } } : null) as TLoad<{ procedure: TProcedure }>;
}

/**
 * The defaults of a case's steps (`GET …/steps/{stepId}/prefill`, docs/adr/0116), by step: a step is
 * in `settled` once its read has answered or failed (a failed read means no defaults: the form starts empty).
 */
export function useStepPrefills(caseId: string, stepIds: string[]): { byStep: Map<string, TStepPrefill>; settled: Set<string> } {
  const wanted = [...new Set(stepIds)].sort().join(',');
  const list = useMemo(() => (wanted ? wanted.split(',') : []), [wanted]);
  const results = useQueries({
    queries: list.map((stepId) => $api.queryOptions('get', '/api/v1/cases/{caseId}/steps/{stepId}/prefill', { params: { path: { caseId, stepId } } })),
  });
  const byStep = new Map<string, TStepPrefill>();
  const settled = new Set<string>();
  list.forEach((stepId, i) => {
    const r = results[i]!;
    if (r.data) byStep.set(stepId, r.data);
    if (r.data || r.isError) settled.add(stepId);
  });
  return { byStep, settled };
}

/** The current time, renewed every minute (countdowns move on while a page stays open). */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Reference data that rarely changes: loaded once per page load, shared by every page (kept, never stale). */
function useReference<T>(key: string, load: () => Promise<T>): T | undefined {
  return useQuery({ queryKey: ['reference', key], queryFn: load, staleTime: Infinity, gcTime: Infinity }).data;
}

async function loadCalendar(): Promise<WorkingCalendar> {
  const today = todayInVietnam();
  const { days } = await api<{ days: TCalendarDay[] }>('GET', `/api/v1/calendar/days?from=${addCalendarDays(today, -400)}&to=${addCalendarDays(today, 800)}`);
  return new WorkingCalendar(days, 'api');
}

/** The working-day calendar for countdowns (undefined while loading). */
export function useWorkingDays(): WorkingCalendar | undefined {
  return useReference('calendar', loadCalendar);
}

const loadStaff = async () => new Map((await api<{ staff: TColleague[] }>('GET', '/api/v1/staff')).staff.map((s) => [s.id, s]));

/** The colleagues of the unit by id (names for ids). */
export function useStaff(): Map<string, TColleague> | undefined {
  return useReference('staff', loadStaff);
}

/** A user id as the person's name (the system by its role's name, none as "—"; the id while names load). */
export function useStaffName(): (id: string | null) => string {
  const staff = useStaff();
  const { t } = useTranslation();
  return (id) => (id === null ? '—' : id === 'system' ? t('roles.SYSTEM') : (staff?.get(id)?.displayName ?? id));
}

const loadViolations = async () => (await api<{ violations: TViolation[] }>('GET', '/api/v1/violations')).violations;

/** The violation catalogue (undefined while loading): the forms' picker and the rules read it. */
export function useViolations(): TViolation[] | undefined {
  return useReference('violations', loadViolations);
}

const loadLegalParams = async () => (await api<{ parameters: TLegalParam[] }>('GET', '/api/v1/legal-parameters')).parameters;

/** The effective-dated legal parameters (undefined while loading): thresholds, ceilings, day counts. */
export function useLegalParams(): TLegalParam[] | undefined {
  return useReference('legal-params', loadLegalParams);
}

/** A published procedure version: its query (published versions never change, so it never goes stale). */
const procedureQuery = (id: string, version: number) => ({
  queryKey: ['reference', 'procedure', id, version],
  queryFn: async () => (await api<{ definition: TProcedure }>('GET', `/api/v1/procedures/${encodeURIComponent(id)}/versions/${version}`)).definition,
  staleTime: Infinity,
  gcTime: Infinity,
});

/** A published procedure version (cached: published versions never change). */
export function loadProcedure(id: string, version: number): Promise<TProcedure> {
  return queryClient.fetchQuery(procedureQuery(id, version));
}

const definitionsOf = (results: { data?: TProcedure | undefined }[]) => results.map((r) => r.data);

/** The procedures of the given `id@version` keys, loaded once each (the same map while none changes). */
export function useProcedureDefs(keys: string[]): Map<string, TProcedure> {
  const wanted = [...new Set(keys)].sort().join(',');
  const list = useMemo(() => (wanted ? wanted.split(',') : []), [wanted]);
  const defs = useQueries({
    queries: list.map((key) => {
      const [id, v] = key.split('@') as [string, string];
      return procedureQuery(id, Number(v));
    }),
    combine: definitionsOf,
  });
  return useMemo(() => new Map(list.flatMap((key, i) => (defs[i] ? [[key, defs[i]] as const] : []))), [list, defs]);
}

/** The page's title in the browser tab and history: "<page> — INS". */
export function useTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} — INS`;
  }, [title]);
}
