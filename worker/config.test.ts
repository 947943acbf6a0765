import { describe, expect, it } from 'vitest';
import { loadWorkerConfig, MB_PER_CACHED_WORKFLOW, WORKER_BASE_MB, workflowCacheSize, workflowHeapMb } from './config.js';

const env = { DATABASE_URL: 'postgres://ins@localhost/ins', TEMPORAL_ADDRESS: 'localhost:7233' };

describe('the workflow cache sized from the memory budget (docs/adr/0174)', () => {
  it('holds what the budget leaves after the base: about 400 cases with the default 1,536 MB', () => {
    const config = loadWorkerConfig(env);
    expect(config.WORKER_MEMORY_MB).toBe(1536);
    expect(workflowCacheSize(config)).toBe(Math.floor((1536 - WORKER_BASE_MB) / MB_PER_CACHED_WORKFLOW));
    expect(workflowCacheSize(config)).toBe(409);
  });

  it('grows with the budget, and the explicit size wins over it', () => {
    expect(workflowCacheSize(loadWorkerConfig({ ...env, WORKER_MEMORY_MB: '4096' }))).toBe(1433);
    expect(workflowCacheSize(loadWorkerConfig({ ...env, WORKER_MEMORY_MB: '4096', WORKER_MAX_CACHED_WORKFLOWS: '50' }))).toBe(50);
  });

  it('refuses a budget below what the worker needs with no cache', () => {
    expect(() => loadWorkerConfig({ ...env, WORKER_MEMORY_MB: '256' })).toThrow(/WORKER_MEMORY_MB/);
  });
});

describe("the workflow thread's heap limit", () => {
  it('is the budget less the main thread and native memory, and holds the cache it sizes', () => {
    const config = loadWorkerConfig({ ...env, WORKER_MEMORY_MB: '1536' });
    expect(workflowHeapMb(config)).toBe(1280);
    expect(workflowCacheSize(config) * MB_PER_CACHED_WORKFLOW).toBeLessThan(workflowHeapMb(config));
  });
});
