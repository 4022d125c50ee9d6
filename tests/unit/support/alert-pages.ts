// Reads the whole triage queue for a filter, page by page through the keyset cursor, as a window does.
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import type { AlertRow } from '../../../src-shared/model';

export async function allAlertPages(client: InProcessClient, filter: Record<string, unknown> = {}): Promise<AlertRow[]> {
  const rows: AlertRow[] = [];
  let after: { occurredAt: number; id: string } | undefined;
  for (;;) {
    const page = await client.invoke('alerts.list', { ...filter, limit: 250, ...(after ? { after } : {}) });
    rows.push(...page.rows);
    if (!page.next) return rows;
    after = page.next;
  }
}
