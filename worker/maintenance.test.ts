import { describe, expect, it } from 'vitest';
import { untilAnswered } from './maintenance.js';

const grpcError = (code: number) => Object.assign(new Error('call failed'), { cause: Object.assign(new Error(`${code} grpc`), { code }) });

describe('untilAnswered (the maintenance schedules ensured at start)', () => {
  it('asks again while Temporal answers DEADLINE_EXCEEDED or UNAVAILABLE, then returns the answer', async () => {
    const answers = [grpcError(4), grpcError(14)];
    let calls = 0;
    const result = await untilAnswered(
      async () => {
        calls++;
        const failure = answers.shift();
        if (failure) throw failure;
        return 'ok';
      },
      5_000,
      1,
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('throws any other error at once', async () => {
    let calls = 0;
    const denied = grpcError(7);
    await expect(
      untilAnswered(
        async () => {
          calls++;
          throw denied;
        },
        5_000,
        1,
      ),
    ).rejects.toBe(denied);
    expect(calls).toBe(1);
  });

  it('gives up with the last error once its time is spent', async () => {
    let calls = 0;
    await expect(
      untilAnswered(
        async () => {
          calls++;
          throw grpcError(4);
        },
        30,
        10,
      ),
    ).rejects.toThrow('call failed');
    expect(calls).toBeGreaterThan(1);
  });
});
