/**
 * The chaos loop: while a round's cases run, it kills (SIGKILL) a component at random moments and
 * starts it again after a random downtime, with a seeded generator. Faults overlap: the next one
 * may start while an earlier one's component is still down (never the same component twice at
 * once). The first faults of a round kill each component once, in a random order and in quick
 * succession, so that even a short round has killed all four.
 */
import { COMPONENTS, type Cluster, type TComponent } from './cluster.js';
import type { Rng } from './rng.js';

export interface TMonkeyOptions {
  /** Seconds between the starts of two faults (uniform in [min, max]). */
  gapSeconds: [number, number];
  /** Seconds a killed component stays down before it is started again. */
  downSeconds: [number, number];
  /** Relative weights of the components. */
  weights: Record<TComponent, number>;
}

export const DEFAULT_MONKEY: TMonkeyOptions = {
  gapSeconds: [3, 8],
  downSeconds: [0.2, 3],
  // The worker is the slowest to come back (it bundles the workflow code, and activities it was
  // running are retried only after their 30 s start-to-close timeout): a little less often.
  weights: { worker: 2, api: 3, postgres: 2, temporal: 2 },
};

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class Monkey {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly faults = new Set<Promise<void>>();
  private wake: (() => void) | undefined;
  private failure: Error | undefined;

  constructor(
    private readonly cluster: Cluster,
    private readonly rng: Rng,
    private readonly opts: TMonkeyOptions,
    private readonly log: (line: string) => void,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  /**
   * Stops starting faults (after the round's first kill of each component, if the cases ended
   * before it) and waits until every component it killed has been started again.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await Promise.all([...this.faults]);
    if (this.failure) throw this.failure;
  }

  private async pause(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = undefined;
  }

  private async run(): Promise<void> {
    const first = this.rng.shuffle(COMPONENTS);
    while ((this.running || first.length > 0) && !this.failure) {
      const quick = first.length > 0;
      await this.pause(1000 * (quick ? this.rng.between(1, 3) : this.rng.between(...this.opts.gapSeconds)));
      if (!this.running && !quick) break;
      const name = quick ? first.shift()! : this.choose();
      if (!name || this.cluster.isDown(name)) {
        if (quick) first.push(name!);
        continue;
      }
      const down = 1000 * this.rng.between(...this.opts.downSeconds);
      const fault = this.fault(name, down).catch((err: Error) => {
        this.failure ??= err;
        this.running = false;
      });
      this.faults.add(fault);
      void fault.finally(() => this.faults.delete(fault));
    }
  }

  private choose(): TComponent | undefined {
    const up = COMPONENTS.filter((c) => !this.cluster.isDown(c));
    if (!up.length) return undefined;
    return this.rng.pick(up.map((c) => ({ item: c, weight: this.opts.weights[c] })));
  }

  private async fault(name: TComponent, downMs: number): Promise<void> {
    const others = COMPONENTS.filter((c) => c !== name && this.cluster.isDown(c));
    this.log(`kill ${name} for ${(downMs / 1000).toFixed(1)} s${others.length ? ` (also down: ${others.join(', ')})` : ''}`);
    await this.cluster.kill(name);
    await sleep(downMs);
    const t0 = Date.now();
    await this.cluster.restart(name);
    this.log(`${name} up again (${((Date.now() - t0) / 1000).toFixed(1)} s after its restart)`);
  }
}
