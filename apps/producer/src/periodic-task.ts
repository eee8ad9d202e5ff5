import type { ProducerLogger } from './logger.js';

/** Options of {@link PeriodicTask}. */
export interface PeriodicTaskOptions {
  name: string;
  intervalMs: number;
  tick: () => Promise<void>;
  logger: ProducerLogger;
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

  constructor(private readonly options: PeriodicTaskOptions) {}

  /** Starts ticking. */
  start(): void {
    if (!this.stopped) {
      return;
    }
    this.stopped = false;
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
    } catch (err) {
      this.options.logger.error(
        { source: this.options.name, err: (err as Error).message },
        `${this.options.name} failed; retrying next interval`,
      );
    }
  }
}
