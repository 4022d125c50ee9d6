// The server's Prometheus metrics (docs/SYNC.md, "Operations"). Each server has its own registry, so
// two servers in one process (the tests run several) count apart.
import { Counter, Histogram, Registry } from 'prom-client';

export interface ServerMetrics {
  registry: Registry;
  httpRequests: Counter<'route' | 'method' | 'status'>;
  httpDuration: Histogram<'route'>;
  pushChangesApplied: Counter;
  pushConflicts: Counter;
  pushRejected: Counter<'code'>;
  pullItems: Counter;
}

export function createServerMetrics(): ServerMetrics {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({ name: 'vigil_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['route', 'method', 'status'], registers }),
    httpDuration: new Histogram({
      name: 'vigil_http_request_duration_seconds', help: 'HTTP request duration by route', labelNames: ['route'], registers,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    pushChangesApplied: new Counter({ name: 'vigil_sync_push_changes_applied_total', help: 'Changes applied from pushes (replays not counted)', registers }),
    pushConflicts: new Counter({ name: 'vigil_sync_conflicts_total', help: 'Conflicts raised by pushes', registers }),
    pushRejected: new Counter({ name: 'vigil_sync_push_rejected_total', help: 'Pushes refused, by error code', labelNames: ['code'], registers }),
    pullItems: new Counter({ name: 'vigil_sync_pull_items_total', help: 'Records and evictions sent by pulls', registers }),
  };
}
