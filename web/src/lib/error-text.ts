/**
 * What the server refused, in the reader's language, worded from data (docs/adr/0110): a workflow
 * refusal from its `rule` and `params` (`errors.rules.*`), a validation issue from its `rule`
 * (`errors.issues.*`), anything else from its `code` (`errors.codes.*`). The server's English
 * `message` is for logs and API users; a Vietnamese reader never sees it, an English one only when
 * nothing else says what happened. A request that never reached the server says so, and that
 * nothing was lost.
 */
import type { TFunction } from 'i18next';
import { ApiError, validationIssues } from './api.js';
import { formatDateTime, formatIsoDate } from './format.js';

type TText = { vi: string; en: string };

const isText = (v: unknown): v is TText => typeof v === 'object' && v !== null && typeof (v as TText).vi === 'string' && typeof (v as TText).en === 'string';

/** A date or instant the engine wrote (`2026-11-25`, `2026-11-25T03:00:00.000Z`) as the reader reads it. */
function when(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return formatIsoDate(v);
  if (/^\d{4}-\d{2}-\d{2}T/.test(v)) return formatDateTime(v);
  return v;
}

const DATE_PARAMS = ['at', 'due', 'documentDate', 'expiredOn', 'resolvedAt', 'dueBefore', 'grantedOn', 'date', 'earliest', 'latest'];

/** A refusal's params as its sentence uses them: roles and texts in the reader's language, dates dd/mm/yyyy. */
function refusalParams(params: Record<string, unknown>, t: TFunction, lang: string): Record<string, unknown> {
  const role = (r: unknown): string => (typeof r === 'string' ? t(`roles.${r}`, { defaultValue: r }) : String(r));
  const out: Record<string, unknown> = { ...params };
  if (Array.isArray(params.roles)) out.roles = params.roles.map(role).join(t('errors.or'));
  if (params.actingAs !== undefined) out.actingAs = role(params.actingAs);
  if (isText(params.text)) out.text = lang === 'en' ? params.text.en : params.text.vi;
  out.step = isText(params.stepTitle) ? (lang === 'en' ? params.stepTitle.en : params.stepTitle.vi) : params.stepId;
  for (const k of DATE_PARAMS) if (k in params) out[k] = when(params[k]);
  if (typeof params.max === 'number' && typeof params.unit === 'string') out.amount = t(`units.${params.unit}`, { count: params.max });
  if (Array.isArray(params.issues)) out.count = params.issues.length;
  return out;
}

/** One validation issue's words, from its rule (the server's sentence in English when a rule has none). */
export function issueText(issue: { rule: string; params?: Record<string, unknown> | undefined; message: string }, t: TFunction, lang: string): string | undefined {
  const key = `errors.issues.${issue.rule}`;
  const known = t(key, { ...(issue.params ?? {}), defaultValue: '' });
  if (known) return known;
  return lang === 'en' ? issue.message : undefined;
}

/** A workflow refusal's sentence from its rule and params, in the reader's language; undefined when the rule has none. */
export function refusalSentence(refusal: { rule: string; params?: Record<string, unknown> | null | undefined }, t: TFunction, lang: string): string | undefined {
  return t(`errors.rules.${refusal.rule}`, { ...refusalParams(refusal.params ?? {}, t, lang), defaultValue: '' }) || undefined;
}

/** The sentence that says what was refused and why, in the reader's language; undefined when the headline says it all. */
export function errorMessage(error: ApiError, t: TFunction, lang: string): string | undefined {
  if (error.code === 'NETWORK') return t('errors.network');
  if (error.refusal) {
    const text = refusalSentence(error.refusal, t, lang);
    if (text) return text;
  }
  const issues = validationIssues(error);
  if (issues.length) {
    const words = issues.map((i) => issueText(i, t, lang)).filter((s): s is string => Boolean(s));
    if (words.length) return [...new Set(words)].join(' ');
  }
  return lang === 'en' ? error.message : undefined;
}

/**
 * Whether sending the same thing again may succeed: a request that did not arrive, a server or
 * dependency out of reach, a rate limit. A refusal of what was sent (4xx: its type, its size, a
 * rule) will be refused again, so no retry is offered for it.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

/** The refusal in one sentence: its reason when there is one, else what its code means. */
export function errorSentence(error: unknown, t: TFunction, lang: string): string {
  const e = error instanceof ApiError ? error : new ApiError(0, 'NETWORK', String(error));
  return errorMessage(e, t, lang) ?? t(`errors.codes.${e.code}`, { defaultValue: t('errors.title') });
}

/**
 * A procedure definition's problem as the editor shows it: its kind (`admin:issues.codes.*`) and,
 * for a problem of shape, what is wrong from its rule; the validator's English detail only to an
 * English reader.
 */
export function definitionIssueText(issue: { code: string; message: string; rule?: string | undefined; params?: Record<string, unknown> | undefined }, t: TFunction, lang: string): string {
  const kind = t(`admin:issues.codes.${issue.code}`, { defaultValue: issue.code });
  const detail = issue.rule ? issueText({ rule: issue.rule, params: issue.params, message: issue.message }, t, lang) : lang === 'en' ? issue.message : undefined;
  return detail ? `${kind}: ${detail}` : kind;
}
