/**
 * Replays every committed case history (test/histories/*.json, recorded from the workflow tests
 * with INS_RECORD_HISTORIES=1) against today's workflow code. A change to the workflow that would
 * break running cases fails here: wrap such changes in `patched()`.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker, DefaultLogger, Runtime } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';

const dir = path.resolve(import.meta.dirname, 'histories');
const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();

try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Installed already in this process.
}

describe('replaying committed histories', () => {
  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  it.each(files)('%s replays without nondeterminism', async (file) => {
    const history = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as { events: unknown[] };
    expect(history.events.length).toBeGreaterThan(5);
    await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') }, replayName: file }, history);
  });
});

describe('the replay check itself', () => {
  it('fails on a history the code would not produce (an activity that the code never schedules)', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw proto3 JSON history, edited by hand
    const history = JSON.parse(await readFile(path.join(dir, 'duplicate-requests.json'), 'utf8')) as { events: Record<string, any>[] };
    const scheduled = history.events.find((e) => e.activityTaskScheduledEventAttributes);
    expect(scheduled).toBeDefined();
    scheduled!.activityTaskScheduledEventAttributes.activityType.name = 'someActivityTheCodeNeverCalls';
    await expect(Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') }, replayName: 'tampered' }, history)).rejects.toThrow(/[Nn]ondetermin/);
  });
});
