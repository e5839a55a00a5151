// Wall time per pipeline stage, for `npm run bench` and `--verbose`.
import { performance } from 'node:perf_hooks';

export class StageTimer {
  readonly ms: Record<string, number> = {};
  private current?: { name: string; at: number };

  start(name: string): void {
    this.stop();
    this.current = { name, at: performance.now() };
  }

  /** Time measured elsewhere (inside the readers, on worker threads), kept beside the wall-time stages. */
  add(name: string, ms: number): void {
    this.ms[name] = (this.ms[name] ?? 0) + ms;
  }

  stop(): void {
    if (!this.current) return;
    this.ms[this.current.name] = (this.ms[this.current.name] ?? 0) + performance.now() - this.current.at;
    this.current = undefined;
  }
}
