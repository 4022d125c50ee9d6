// Where the link graph's nodes sit, computed once here instead of by echarts' live force layout,
// which starts from random places (the same case looked different each time it opened) and keeps
// the main thread busy animating. A Fruchterman–Reingold pass with a fixed number of steps, each
// node starting at a place drawn from its own id: the same graph always gets the same picture,
// whatever order its nodes came in. Nodes already placed (before an expansion) can be held where
// they are, so growing the graph only places the new nodes. 300 nodes take a few tens of ms.

export interface Point {
  x: number;
  y: number;
}

export interface LayoutOptions {
  /** Nodes held where they are (placed by an earlier layout). */
  fixed?: ReadonlyMap<string, Point>;
  /** Where a new node starts: near the node that brought it (an expansion). */
  nearOf?: ReadonlyMap<string, string>;
  iterations?: number;
}

/** Side of the square the layout fills; echarts scales it to the chart's box. */
export const LAYOUT_SIZE = 1000;
const DEFAULT_ITERATIONS = 150;
/** Pull towards the centre, per unit of distance: balances the push apart (which, summed, hardly depends on the node count). */
const GRAVITY = 3;

export function layoutGraph(
  ids: readonly string[],
  links: readonly { source: string; target: string }[],
  options: LayoutOptions = {},
): Map<string, Point> {
  const fixed = options.fixed ?? new Map<string, Point>();
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  // Sorted, so the result does not depend on the order the nodes arrived in.
  const order = [...new Set(ids)].sort();
  const index = new Map(order.map((id, i) => [id, i]));
  const n = order.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const held = new Uint8Array(n);
  for (let i = 0; i < n; i += 1) {
    const id = order[i] ?? '';
    const pinned = fixed.get(id);
    if (pinned) {
      xs[i] = pinned.x;
      ys[i] = pinned.y;
      held[i] = 1;
      continue;
    }
    const anchor = fixed.get(options.nearOf?.get(id) ?? '');
    const [u, v] = unitPair(id);
    if (anchor) {
      // A new neighbour starts in a ring around the node that brought it in.
      const angle = u * 2 * Math.PI;
      const radius = 40 + v * 40;
      xs[i] = anchor.x + radius * Math.cos(angle);
      ys[i] = anchor.y + radius * Math.sin(angle);
    } else {
      xs[i] = u * LAYOUT_SIZE;
      ys[i] = v * LAYOUT_SIZE;
    }
  }
  const edges: [number, number][] = [];
  for (const link of links) {
    const a = index.get(link.source);
    const b = index.get(link.target);
    if (a !== undefined && b !== undefined && a !== b) edges.push(a < b ? [a, b] : [b, a]);
  }
  // In one order too: floating-point sums depend on it.
  edges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  if (n === 0 || held.every((h) => h === 1)) return toMap(order, xs, ys);

  // Ideal distance between nodes: the area shared out among them.
  const k = Math.sqrt((LAYOUT_SIZE * LAYOUT_SIZE) / n) * 0.8;
  const centre = LAYOUT_SIZE / 2;
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  let temperature = LAYOUT_SIZE / 10;
  const cooling = temperature / (iterations + 1);
  for (let step = 0; step < iterations; step += 1) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i += 1) {
      for (let j = i + 1; j < n; j += 1) {
        let ddx = (xs[i] ?? 0) - (xs[j] ?? 0);
        let ddy = (ys[i] ?? 0) - (ys[j] ?? 0);
        let distance2 = ddx * ddx + ddy * ddy;
        if (distance2 < 0.01) {
          // Two nodes on the same spot: push them apart along a direction fixed by their places in the order.
          ddx = ((i * 7 + j * 13) % 10) / 10 - 0.45;
          ddy = ((i * 11 + j * 3) % 10) / 10 - 0.45;
          distance2 = ddx * ddx + ddy * ddy;
        }
        const force = (k * k) / distance2;
        dx[i] = (dx[i] ?? 0) + ddx * force;
        dy[i] = (dy[i] ?? 0) + ddy * force;
        dx[j] = (dx[j] ?? 0) - ddx * force;
        dy[j] = (dy[j] ?? 0) - ddy * force;
      }
    }
    for (const [a, b] of edges) {
      const ddx = (xs[a] ?? 0) - (xs[b] ?? 0);
      const ddy = (ys[a] ?? 0) - (ys[b] ?? 0);
      const distance = Math.sqrt(ddx * ddx + ddy * ddy) || 0.01;
      const force = distance / k;
      dx[a] = (dx[a] ?? 0) - ddx * force;
      dy[a] = (dy[a] ?? 0) - ddy * force;
      dx[b] = (dx[b] ?? 0) + ddx * force;
      dy[b] = (dy[b] ?? 0) + ddy * force;
    }
    for (let i = 0; i < n; i += 1) {
      if (held[i] === 1) continue;
      // A little gravity keeps nodes without links from drifting off the picture.
      const gx = (dx[i] ?? 0) + (centre - (xs[i] ?? 0)) * GRAVITY;
      const gy = (dy[i] ?? 0) + (centre - (ys[i] ?? 0)) * GRAVITY;
      const length = Math.sqrt(gx * gx + gy * gy) || 1;
      const move = Math.min(length, temperature);
      // Kept inside the square: a node pushed out by every other would otherwise leave the picture.
      xs[i] = clamp((xs[i] ?? 0) + (gx / length) * move);
      ys[i] = clamp((ys[i] ?? 0) + (gy / length) * move);
    }
    temperature -= cooling;
  }
  return toMap(order, xs, ys);
}

function clamp(value: number): number {
  return Math.min(LAYOUT_SIZE, Math.max(0, value));
}

function toMap(order: readonly string[], xs: Float64Array, ys: Float64Array): Map<string, Point> {
  return new Map(order.map((id, i) => [id, { x: Math.round((xs[i] ?? 0) * 10) / 10, y: Math.round((ys[i] ?? 0) * 10) / 10 }]));
}

/** Two numbers in [0, 1) drawn from a string (FNV-1a, then a mulberry32 step): the node's own seed. */
function unitPair(id: string): [number, number] {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  const next = () => {
    hash = (hash + 0x6d2b79f5) | 0;
    let t = Math.imul(hash ^ (hash >>> 15), 1 | hash);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return [next(), next()];
}
