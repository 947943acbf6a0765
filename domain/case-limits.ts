/**
 * The bounds of a case (CASE_LIMIT_CEILINGS in procedure.ts says why they exist): what a
 * procedure and its steps allow, and whether an action would pass them. Pure and deterministic, for
 * the workflow.
 */
import { fileRefsIn } from './forms.js';
import { CASE_LIMIT_CEILINGS, DEFAULT_CASE_LIMITS, type TCaseLimits, type TProcedureDefinition, type TStep } from './procedure.js';

/** The length of a string in UTF-8 bytes (counted, not encoded: the workflow sandbox need not have TextEncoder). */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The bytes of a value as JSON (UTF-8). */
function jsonBytes(value: unknown): number {
  return utf8Bytes(JSON.stringify(value ?? null));
}

/** The procedure's limits: its own where it sets them, else the defaults; never above the ceilings. */
export function caseLimits(def: Pick<TProcedureDefinition, 'limits'>): TCaseLimits {
  const out = { ...DEFAULT_CASE_LIMITS };
  for (const k of Object.keys(out) as (keyof TCaseLimits)[]) {
    const own = def.limits?.[k];
    out[k] = Math.min(own ?? out[k], CASE_LIMIT_CEILINGS[k]);
  }
  return out;
}

export interface TLimitBreach {
  /** Which limit: a key of TCaseLimits, or `step.evidence` / `step.formBytes`. */
  limit: string;
  max: number;
  /** What the case would hold with the action. */
  actual: number;
  message: { vi: string; en: string };
}

interface TCaseContent {
  completed: { data: Record<string, unknown>; evidence: unknown[] }[];
  notes: { text: string }[];
  escalations: unknown[];
}

const breach = (limit: string, max: number, actual: number, vi: string, en: string): TLimitBreach => ({ limit, max, actual, message: { vi, en } });

/** Why completing `step` with `data` and `evidence` would pass a bound, or undefined. */
export function completionBreach(def: Pick<TProcedureDefinition, 'limits'>, content: TCaseContent, step: TStep, data: Record<string, unknown>, evidence: unknown[]): TLimitBreach | undefined {
  const limits = caseLimits(def);
  const refs = evidence.length + fileRefsIn(step.form.fields, data).length;
  const stepEvidence = Math.min(step.limits?.evidence ?? limits.evidencePerStep, CASE_LIMIT_CEILINGS.evidencePerStep);
  if (refs > stepEvidence) {
    return breach(
      'step.evidence',
      stepEvidence,
      refs,
      `Bước ${step.id} nhận tối đa ${stepEvidence} tệp chứng cứ; đã gửi ${refs}.`,
      `Step ${step.id} takes at most ${stepEvidence} pieces of evidence; ${refs} were sent.`,
    );
  }
  const caseEvidence = content.completed.reduce((n, c) => n + c.evidence.length, 0) + refs;
  if (caseEvidence > limits.evidencePerCase) {
    return breach(
      'evidencePerCase',
      limits.evidencePerCase,
      caseEvidence,
      `Hồ sơ vụ việc nhận tối đa ${limits.evidencePerCase} tệp chứng cứ; với bước này sẽ là ${caseEvidence}.`,
      `A case holds at most ${limits.evidencePerCase} pieces of evidence; with this step it would hold ${caseEvidence}.`,
    );
  }
  const bytes = jsonBytes(data);
  const stepBytes = Math.min(step.limits?.formBytes ?? limits.formBytesPerStep, CASE_LIMIT_CEILINGS.formBytesPerStep);
  if (bytes > stepBytes) {
    return breach(
      'step.formBytes',
      stepBytes,
      bytes,
      `Dữ liệu biểu mẫu của bước ${step.id} tối đa ${stepBytes} byte; đã gửi ${bytes}.`,
      `The form of step ${step.id} holds at most ${stepBytes} bytes; ${bytes} were sent.`,
    );
  }
  const caseBytes = content.completed.reduce((n, c) => n + jsonBytes(c.data), 0) + bytes;
  if (caseBytes > limits.formBytesPerCase) {
    return breach(
      'formBytesPerCase',
      limits.formBytesPerCase,
      caseBytes,
      `Dữ liệu biểu mẫu của cả vụ việc tối đa ${limits.formBytesPerCase} byte; với bước này sẽ là ${caseBytes}.`,
      `A case's forms hold at most ${limits.formBytesPerCase} bytes; with this step they would hold ${caseBytes}.`,
    );
  }
  return undefined;
}

/** Why one more note would pass a bound, or undefined. */
export function noteBreach(def: Pick<TProcedureDefinition, 'limits'>, content: TCaseContent, text: string): TLimitBreach | undefined {
  const limits = caseLimits(def);
  if (content.notes.length + 1 > limits.notesPerCase) {
    return breach('notesPerCase', limits.notesPerCase, content.notes.length + 1, `Vụ việc có tối đa ${limits.notesPerCase} ghi chú.`, `A case holds at most ${limits.notesPerCase} notes.`);
  }
  const bytes = content.notes.reduce((n, x) => n + utf8Bytes(x.text), 0) + utf8Bytes(text);
  if (bytes > limits.noteBytesPerCase) {
    return breach(
      'noteBytesPerCase',
      limits.noteBytesPerCase,
      bytes,
      `Các ghi chú của vụ việc tối đa ${limits.noteBytesPerCase} byte.`,
      `A case's notes hold at most ${limits.noteBytesPerCase} bytes.`,
    );
  }
  return undefined;
}

/** Why one more escalation or extension request would pass a bound, or undefined. */
export function escalationBreach(def: Pick<TProcedureDefinition, 'limits'>, content: TCaseContent): TLimitBreach | undefined {
  const limits = caseLimits(def);
  const n = content.escalations.length + 1;
  if (n > limits.escalationsPerCase) {
    return breach(
      'escalationsPerCase',
      limits.escalationsPerCase,
      n,
      `Vụ việc có tối đa ${limits.escalationsPerCase} lần báo cáo vượt cấp và đề nghị gia hạn.`,
      `A case holds at most ${limits.escalationsPerCase} escalations and extension requests.`,
    );
  }
  return undefined;
}
