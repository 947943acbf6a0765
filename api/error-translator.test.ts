import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { CampaignError } from '../domain/campaign.js';
import { refuse } from '../domain/engine.js';
import { AppError } from './errors.js';
import { httpError, temporalUnreachable, withTemporal, workflowNotReady } from './error-translator.js';

/** An Update refused as the case workflow refuses it (workflows/case.ts `reject`). */
function refused(r = refuse('EXTENSION_USED_UP', { stepId: 'B6', maxCount: 1 }, { legalBasis: 'Điều 66' })): WorkflowUpdateFailedError {
  const failure = ApplicationFailure.create({
    type: r.code,
    message: r.message,
    nonRetryable: true,
    details: [{ code: r.code, rule: r.rule, params: r.params, legalBasis: r.legalBasis, details: r.details }],
  });
  return new WorkflowUpdateFailedError('Workflow Update failed', failure);
}

const unreachable = (): Error => Object.assign(new Error('14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:7233'), { code: 14 });

describe('the one translator to the HTTP error envelope', () => {
  it('turns a workflow refusal into its code, sentence, law, rule and params, reading nothing from the sentence', () => {
    const e = httpError(refused());
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({
      code: 'EXTENSION_NOT_ALLOWED',
      status: 422,
      message: 'Step B6 may be extended at most 1 time(s); that is used up.',
      legalBasis: 'Điều 66',
      rule: 'EXTENSION_USED_UP',
      params: { stepId: 'B6', maxCount: 1 },
    });
  });

  it('answers CASE_CLOSED for an Update to a case whose workflow has closed, or that outlived it', () => {
    expect(httpError(new WorkflowNotFoundError('workflow execution already completed', 'tip/u/2026/0001', undefined), { caseUpdate: true })).toMatchObject({ code: 'CASE_CLOSED', status: 409 });
    const outlived = new WorkflowUpdateFailedError(
      'Workflow Update failed',
      ApplicationFailure.create({ type: 'AcceptedUpdateCompletedWorkflow', message: 'Workflow Update failed because the Workflow completed before the Update completed.' }),
    );
    expect(httpError(outlived)).toMatchObject({ code: 'CASE_CLOSED' });
    // Elsewhere (a read of the case), a workflow that does not exist is not found.
    expect(httpError(new WorkflowNotFoundError('workflow not found', 'x', undefined))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('translates a case started twice, a campaign repository’s refusal, and passes an AppError through', () => {
    expect(httpError(new WorkflowExecutionAlreadyStartedError('started', 'tip/u/2026/0001', 'caseWorkflow'))).toMatchObject({ code: 'CONFLICT', message: 'Case tip/u/2026/0001 already exists.' });
    expect(httpError(new CampaignError('CONFLICT', 'Campaign x was ended.'))).toMatchObject({ code: 'CONFLICT', message: 'Campaign x was ended.' });
    const own = new AppError('FORBIDDEN', 'no');
    expect(httpError(own)).toBe(own);
    expect(httpError(new TypeError('a bug'))).toBeUndefined();
  });

  it('answers 503, nothing changed, when Temporal refuses an Update because the workflow task keeps failing (chaos, issue 13)', () => {
    // As the client throws it (a ServiceError caused by the gRPC error), recognised by its code alone.
    const grpc = Object.assign(new Error('9 FAILED_PRECONDITION: Unable to perform workflow execution update due to Workflow Task in failed state.'), { code: 9 });
    const err = Object.assign(new Error('Workflow Update failed'), { name: 'ServiceError', cause: grpc });
    expect(workflowNotReady(err)).toBe(true);
    const e = httpError(err, { caseUpdate: true });
    expect(e).toMatchObject({ code: 'UNAVAILABLE', status: 503 });
    expect(e!.message).toMatch(/nothing was changed/);
    expect(e!.message).not.toMatch(/FAILED_PRECONDITION|Workflow Task/);
    // Any other call Temporal refuses that way: 503 too, never 500.
    expect(httpError(err)).toMatchObject({ code: 'UNAVAILABLE', status: 503 });
    // Other codes are not that refusal.
    expect(workflowNotReady(Object.assign(new Error('x'), { code: 5 }))).toBe(false);
    expect(workflowNotReady(new TypeError('a bug'))).toBe(false);
  });

  it('answers 503 for Temporal out of reach, saying what was being done, never where', async () => {
    const e = httpError(unreachable(), { what: "pause the campaign's schedule" });
    expect(e).toMatchObject({ code: 'UNAVAILABLE', status: 503, message: "Temporal cannot be reached to pause the campaign's schedule; nothing was changed, try again." });
    expect(e!.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    expect(httpError(unreachable(), { changes: false })!.message).toBe('A service this request needs cannot be reached; nothing was changed, try again.');
    expect(httpError(unreachable())!.message).toBe('A service this request needs cannot be reached; it is not known whether a change was made: check, then try again.');
    const timedOut = Object.assign(new Error('4 DEADLINE_EXCEEDED'), { code: 4 });
    expect(temporalUnreachable(timedOut)).toMatchObject({ timedOut: true });
    await expect(withTemporal('run the campaign now', async () => Promise.reject(timedOut))).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/^Temporal did not answer in time to run the campaign now; the change may or may not have been made/),
    });
  });
});
