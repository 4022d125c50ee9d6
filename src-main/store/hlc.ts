// Hybrid logical clock (Kulkarni et al. 2014): wall time plus a counter, so every change this device
// makes orders after everything it has seen, even when the wall clock steps backwards.
// Encoded as a fixed-width string so SQLite compares HLCs with plain text ordering.
//
// The text holds wall time and counter only (22 characters). The device that made a change is the
// row's (and the change-log entry's) `origin_device`, so a timestamp's total order, for per-field
// last-writer-wins, is (HLC, origin_device). Until schema v24 the text also ended in the device id,
// the same 36 characters twice in every row. Those older values still parse; one sorts after a
// device-less value with the same wall time and counter, a tie the device breaks anyway.

export interface Hlc {
  wallMs: number;
  counter: number;
}

export function formatHlc(hlc: Hlc): string {
  return `${hlc.wallMs.toString().padStart(15, '0')}-${hlc.counter.toString(16).padStart(6, '0')}`;
}

export function parseHlc(text: string): Hlc {
  const match = /^(\d{15})-([0-9a-f]{6})(?:-.+)?$/.exec(text);
  if (!match) throw new Error(`Not an HLC: ${text}`);
  return { wallMs: Number(match[1]), counter: parseInt(match[2] ?? '0', 16) };
}

/** The next timestamp for a local event. */
export function tickHlc(previous: Hlc, nowMs: number): Hlc {
  if (nowMs > previous.wallMs) return { wallMs: nowMs, counter: 0 };
  return { wallMs: previous.wallMs, counter: previous.counter + 1 };
}

/** Merge a timestamp received from another device (used by sync). */
export function receiveHlc(local: Hlc, remote: Hlc, nowMs: number): Hlc {
  const wallMs = Math.max(local.wallMs, remote.wallMs, nowMs);
  let counter = 0;
  if (wallMs === local.wallMs && wallMs === remote.wallMs) counter = Math.max(local.counter, remote.counter) + 1;
  else if (wallMs === local.wallMs) counter = local.counter + 1;
  else if (wallMs === remote.wallMs) counter = remote.counter + 1;
  return { wallMs, counter };
}

// The vault's clock itself, shared by the threads that write it, is shared-hlc.ts.
