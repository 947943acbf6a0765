/**
 * The one error envelope at the HTTP edge:
 * `{ "error": { "code", "message", "legalBasis"?, "rule"?, "params"?, "details"?, "requestId" } }`,
 * with the status from one table. A refusal of the engine names its `rule` and the `params` it is
 * about (domain/engine/refusals.ts), and a 400 VALIDATION_FAILED (or a 409/422 naming a field)
 * lists its validation issues in `details`, each with its `rule` and `params`
 * (domain/validation-issues.ts), so that no client needs to read the message.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { issueOf, type TIssueParams, type TIssueRule, type TValidationIssue } from '../domain/validation-issues.js';

/** Error codes the API returns, and their HTTP status. */
export const ERROR_STATUS = {
  /** The request body, query or path is malformed. */
  VALIDATION_FAILED: 400,
  /** A form submitted to a step does not satisfy the step's form definition. */
  FORM_INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  /** The actor's role may not complete this step. */
  ROLE_NOT_ALLOWED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  /** The step is not open in the case's procedure. */
  STEP_OUT_OF_ORDER: 409,
  /** Someone else completed (or claimed) the step first. */
  STEP_ALREADY_COMPLETED: 409,
  CASE_CLOSED: 409,
  CLOCK_STATE: 409,
  MIGRATION_BLOCKED: 409,
  NOT_ASSIGNEE: 403,
  OUTCOME_UNKNOWN: 400,
  INVALID_ACTION: 400,
  EVIDENCE_REQUIRED: 422,
  LIMIT_EXCEEDED: 422,
  EVIDENCE_UNKNOWN: 422,
  GUARD_FAILED: 422,
  EXTENSION_NOT_ALLOWED: 422,
  /** A business rule of the procedure or the law forbids the action. */
  BUSINESS_RULE: 422,
  /** The Idempotency-Key was already used by this user for another request (method, path, query string or body). */
  IDEMPOTENCY_KEY_REUSED: 422,
  DEADLINE_PASSED: 422,
  /** ASSIGN to someone who may not do the step: not an active user of the case's unit with one of its roles. */
  ASSIGNEE_NOT_ELIGIBLE: 422,
  /** The request body (a file, a declared upload, an import) is larger than the route accepts. */
  PAYLOAD_TOO_LARGE: 413,
  /** A file type evidence may not have. */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** An evidence file whose bytes are not of the type it was declared as (api/services/evidence-type.ts). */
  EVIDENCE_TYPE_MISMATCH: 415,
  /** A `Range` outside the file. */
  RANGE_NOT_SATISFIABLE: 416,
  /** A resumable upload's chunk does not start where the upload is; `details.offset` says where. */
  UPLOAD_OFFSET_MISMATCH: 409,
  /** Finalizing an upload that lacks bytes; `details.offset` says how many it has. */
  UPLOAD_INCOMPLETE: 409,
  /** A chunk cut off (dropped connection) or longer than announced; nothing of it was kept. */
  UPLOAD_CHUNK_INCOMPLETE: 400,
  /** The uploaded bytes are not the file whose size and SHA-256 were declared; the upload is discarded. */
  UPLOAD_CHECKSUM_MISMATCH: 422,
  /** A resumable upload left alone past its lifetime. */
  UPLOAD_EXPIRED: 410,
  /** A public tip's proof-of-work challenge is forged, stale, unsolved or used already (docs/adr/0132); `details.reason` says which. */
  CHALLENGE_REFUSED: 400,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  /** A dependency (database, Temporal, worker) is not available. */
  UNAVAILABLE: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type TErrorCode = keyof typeof ERROR_STATUS;

/**
 * A failure the API reports to the caller as is. Its message is for the caller: never an address,
 * a driver's error or anything else of the system's insides — those go in `cause`, which the error
 * handler logs with the request id (for 5xx answers).
 */
export class AppError extends Error {
  /** The engine's rule that refused (domain/engine/refusals.ts), when an engine refusal is what this is. */
  readonly rule?: string | undefined;
  /** What that rule's refusal is about (the values its message is made of). */
  readonly params?: Record<string, unknown> | undefined;
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly legalBasis?: string,
    readonly details?: unknown,
    options?: { cause?: unknown; rule?: string | undefined; params?: Record<string, unknown> | undefined },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.rule = options?.rule;
    this.params = options?.params;
  }
  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.code];
  }
}

/** A refusal of the fields in `issues`: the message names the first (`path: message`), `details` lists them all. */
export function invalidIssues(issues: readonly TValidationIssue[], code: TErrorCode = 'VALIDATION_FAILED'): AppError {
  const first = issues[0] ?? issueOf('', 'Invalid request', 'invalid');
  return new AppError(code, `${first.path || 'body'}: ${first.message}`, undefined, issues.length ? issues : [first]);
}

/** Throws `invalidIssues(issues)` when there are any. */
export function refuseIssues(issues: readonly TValidationIssue[]): void {
  if (issues.length) throw invalidIssues(issues);
}

/** A refusal of one field: the message `path: message`, and the one issue in `details`. */
export function invalidField(path: string, message: string, rule: TIssueRule, params?: TIssueParams, code: TErrorCode = 'VALIDATION_FAILED'): AppError {
  return invalidIssues([issueOf(path, message, rule, params)], code);
}

export function errorBody(
  c: Context,
  code: TErrorCode,
  message: string,
  legalBasis?: string,
  details?: unknown,
  refusal?: { rule?: string | undefined; params?: Record<string, unknown> | undefined },
) {
  // Every VALIDATION_FAILED lists issues: one that names no field is about the whole request.
  if (code === 'VALIDATION_FAILED' && details === undefined) details = [issueOf('', message, 'invalid')];
  return {
    error: {
      code,
      message,
      ...(legalBasis ? { legalBasis } : {}),
      ...(refusal?.rule ? { rule: refusal.rule, params: refusal.params ?? {} } : {}),
      ...(details !== undefined ? { details } : {}),
      requestId: (c.get('requestId' as never) as string | undefined) ?? '',
    },
  };
}
