/**
 * Builds the INS worker: the only place where real dependencies are created and passed to the
 * activities factory.
 */
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type Activities, type ActivityDeps } from '../activities/index.js';
import { WORKFLOWS_PATH } from '../lib/workflow-bundle.js';

export interface InsWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A prebuilt bundle (lib/workflow-bundle.ts: tests and `npm start` bundle once); otherwise the worker bundles at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  maxConcurrentActivityTaskExecutions?: number;
  maxConcurrentWorkflowTaskExecutions?: number;
  /** How many workflows stay cached between their tasks (docs/adr/0174). */
  maxCachedWorkflows?: number;
  /** Tests only: replace some activities (e.g. a compressed clock for deadlines). */
  activityOverrides?: Partial<Activities>;
}

export async function createInsWorker(opts: InsWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: { ...createActivities(opts.deps), ...opts.activityOverrides },
    maxConcurrentActivityTaskExecutions: opts.maxConcurrentActivityTaskExecutions ?? 50,
    maxConcurrentWorkflowTaskExecutions: opts.maxConcurrentWorkflowTaskExecutions ?? 40,
    ...(opts.maxCachedWorkflows ? { maxCachedWorkflows: opts.maxCachedWorkflows } : {}),
    shutdownGraceTime: '10 seconds',
  });
}
