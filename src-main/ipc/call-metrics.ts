// Per-channel call timings, so slow channels show up in logs and benchmarks.

export interface ChannelTiming {
  calls: number;
  totalMs: number;
  maxMs: number;
}

export class CallMetrics {
  private readonly timings = new Map<string, ChannelTiming>();

  record(channel: string, durationMs: number): void {
    const timing = this.timings.get(channel) ?? { calls: 0, totalMs: 0, maxMs: 0 };
    timing.calls += 1;
    timing.totalMs += durationMs;
    timing.maxMs = Math.max(timing.maxMs, durationMs);
    this.timings.set(channel, timing);
  }

  snapshot(): Record<string, ChannelTiming> {
    return Object.fromEntries([...this.timings].map(([k, v]) => [k, { ...v }]));
  }
}
