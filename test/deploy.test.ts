/**
 * The production topology stays in step with the code.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_SEARCH_ATTRIBUTES } from '../workflows/search-attributes.js';
import { searchAttributeArgs } from '../lib/dev-server.js';
import { ROOT } from './run-process.js';
import { zTrustedProxies } from '../api/client-address.js';

describe('deployment files', () => {
  it('register in production exactly the search attributes the dev server registers', async () => {
    const script = await readFile(path.join(ROOT, 'deploy/temporal/setup-namespace.sh'), 'utf8');
    const pairs = /for pair in ([^;]+);/s.exec(script)?.[1]?.replace(/\\\n/g, ' ').trim().split(/\s+/) ?? [];
    const devPairs = searchAttributeArgs().filter((a) => a !== '--search-attribute');
    expect(pairs.sort()).toEqual(devPairs.sort());
    expect(devPairs).toHaveLength(ALL_SEARCH_ATTRIBUTES.length);
  });

  it('keep the search attributes within the SQL visibility budget (10 Keyword, 3 of each other type)', () => {
    const byType = new Map<string, number>();
    for (const k of ALL_SEARCH_ATTRIBUTES) byType.set(k.type, (byType.get(k.type) ?? 0) + 1);
    for (const [type, count] of byType) expect(count).toBeLessThanOrEqual(type === 'KEYWORD' ? 10 : 3);
  });

  it('give every API replica the same S3-compatible evidence store, with the bucket and keys the store is set up with', async () => {
    const compose = await readFile(path.join(ROOT, 'docker-compose.yml'), 'utf8');
    const api = /\n {2}ins-api:\n([\s\S]*?)\n {2}[a-z]/.exec(compose)?.[1] ?? '';
    expect(api).toMatch(/<<: \[\*app-env, \*evidence-s3\]/);
    expect(api).toContain('EVIDENCE_S3_ENDPOINT: http://seaweedfs:8333');
    expect(compose).toMatch(/\n {2}seaweedfs:\n {4}image: chrislusf\/seaweedfs:\d+\.\d+\n[\s\S]*?<<: \*evidence-s3/);
    const script = await readFile(path.join(ROOT, 'deploy/seaweedfs/start.sh'), 'utf8');
    for (const name of ['EVIDENCE_S3_BUCKET', 'EVIDENCE_S3_ACCESS_KEY_ID', 'EVIDENCE_S3_SECRET_ACCESS_KEY']) expect(script).toContain(`$${name}`);
  });

  it('believe X-Forwarded-For in the API only from the network nginx shares with it, which nginx sets', async () => {
    const compose = await readFile(path.join(ROOT, 'docker-compose.yml'), 'utf8');
    const service = (name: string) => new RegExp(`\\n {2}${name}:\\n([\\s\\S]*?)(?=\\n {2}[a-z]|\\n[a-z])`).exec(compose)?.[1] ?? '';
    const subnet = /\n {2}edge:\n {4}ipam:\n {6}config:\n {8}- subnet: (\$\{INS_EDGE_SUBNET:-[^}]+\})/.exec(compose)?.[1];
    expect(subnet).toBeDefined();
    expect(service('ins-api')).toContain(`TRUSTED_PROXIES: ${subnet}`);
    expect(service('ins-api')).toMatch(/networks:\n {6}- default\n {6}- edge/);
    // nginx is on the edge network only; the API's other neighbours (PostgreSQL, Temporal…) are not.
    expect(service('proxy')).toMatch(/networks:\n {6}- edge\n/);
    for (const other of ['postgres', 'temporal', 'seaweedfs', 'ins-worker']) expect(service(other), other).not.toContain('edge');
    const nginx = await readFile(path.join(ROOT, 'deploy/nginx.conf'), 'utf8');
    expect(nginx).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
    expect(zTrustedProxies.parse(/INS_EDGE_SUBNET:-([^}]+)\}/.exec(subnet!)![1])).toHaveLength(1);
  });

  it('document every variable the config schemas read in .env.example', async () => {
    const example = await readFile(path.join(ROOT, '.env.example'), 'utf8');
    const sources = await Promise.all(['lib/config.ts', 'api/config.ts', 'worker/config.ts', 'scripts/start-config.ts'].map((f) => readFile(path.join(ROOT, f), 'utf8')));
    const names = new Set(sources.flatMap((s) => [...s.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!)));
    expect(names.size).toBeGreaterThan(10);
    for (const name of names) expect(example, `${name} missing from .env.example`).toMatch(new RegExp(`\\b${name}=`));
  });
});
