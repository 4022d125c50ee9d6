// A background task run every so often (a scheduler's tick, a nightly check's poll): started once,
// stopped once, and never what keeps the process alive (unref'd), so a command or a test can exit.
export class RepeatingTimer {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly everyMs: number, private readonly run: () => void) {}

  get running(): boolean {
    return this.timer !== null;
  }

  /** Starts the repetition; a second start does nothing. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(this.run, this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
