import type { ProducerLogger } from './logger.js';

/** Options of {@link PeriodicTask}. */
export interface PeriodicTaskOptions {
  name: string;
  intervalMs: number;
  tick: () => Promise<void>;
  logger: ProducerLogger;
  /** @defaultValue Date.now */
  clock?: () => number;
}

/** How a periodic source is doing, for `/healthz`. */
export interface SourceHealth {
  /** False once no tick succeeded for three intervals (or since start). */
  ok: boolean;
  /** Epoch ms of the last successful tick, null before the first. */
  lastSuccessAt: number | null;
  /** Message of the last failed tick since the last success. */
  lastError: string | null;
}

/**
 * Runs `tick` now and then `intervalMs` after each run ends, never two at once (a slow scan of a
 * big storage directory must not pile up). A failing tick is logged and retried next time: a
 * source never stops because Redis or the sandbox API blinked.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private startedAt = 0;
  private lastSuccessAt: number | null = null;
  private lastError: string | null = null;

  constructor(private readonly options: PeriodicTaskOptions) {}

  /** Healthy while ticks keep succeeding: a source stuck on Redis or the API shows here. */
  health(): SourceHealth {
    const now = (this.options.clock ?? Date.now)();
    const since = this.lastSuccessAt ?? this.startedAt;
    const ok = this.lastError === null || now - since < 3 * this.options.intervalMs;
    return { ok, lastSuccessAt: this.lastSuccessAt, lastError: this.lastError };
  }

  /** Starts ticking. */
  start(): void {
    if (!this.stopped) {
      return;
    }
    this.stopped = false;
    this.startedAt = (this.options.clock ?? Date.now)();
    this.schedule(0);
  }

  /** Stops ticking and waits for a tick in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.running;
  }

  private schedule(delay: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.safeTick().finally(() => {
        this.running = undefined;
        if (!this.stopped) {
          this.schedule(this.options.intervalMs);
        }
      });
    }, delay);
  }

  private async safeTick(): Promise<void> {
    try {
      await this.options.tick();
      this.lastSuccessAt = (this.options.clock ?? Date.now)();
      this.lastError = null;
    } catch (err) {
      this.lastError = (err as Error).message;
      this.options.logger.error(
        { source: this.options.name, err: this.lastError },
        `${this.options.name} failed; retrying next interval`,
      );
    }
  }
}

/** Options of {@link PeriodicSource}. */
export type PeriodicSourceOptions = Omit<PeriodicTaskOptions, 'tick'>;

/**
 * A producer source that works in periodic ticks (storage scan, API polling): start, stop and
 * health come from here, the source only says what one tick does.
 */
export abstract class PeriodicSource {
  private readonly task: PeriodicTask;

  protected constructor(options: PeriodicSourceOptions) {
    this.task = new PeriodicTask({ ...options, tick: () => this.tick() });
  }

  /** One run of the source. */
  protected abstract tick(): Promise<void>;

  /** Whether recent runs succeeded. */
  health(): SourceHealth {
    return this.task.health();
  }

  /** Starts running periodically. */
  start(): void {
    this.task.start();
  }

  /** Stops (waits for a run in progress). */
  async stop(): Promise<void> {
    await this.task.stop();
  }
}
