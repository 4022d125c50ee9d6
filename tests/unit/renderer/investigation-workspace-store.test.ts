// The workspace shows one investigation at a time: switching forgets the previous one's parts, and
// an answer that arrives for an investigation no longer on screen is dropped, not shown.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const pending = new Map<string, (value: unknown) => void>();

vi.mock('../../../src-renderer/api/client', () => ({
  api: {
    invoke(channel: string, input: Record<string, unknown>) {
      const id = String(input['investigationId'] ?? '');
      if (channel === 'investigations.get') return Promise.resolve({ id, key: `INV-2025-${id}`, counts: {}, statusLog: [] });
      if (channel === 'notes.list') return new Promise((resolve) => pending.set(`notes:${id}`, resolve));
      if (channel === 'notes.add') return Promise.resolve({ id: 'n-new', investigationId: id, body: input['body'], author: null, createdAt: 2 });
      return Promise.reject(new Error(`unexpected ${channel}`));
    },
  },
  onEvent: () => () => undefined,
}));

const { useInvestigationStore } = await import('../../../src-renderer/features/investigation/store');

describe('investigation workspace store', () => {
  beforeEach(() => {
    pending.clear();
    useInvestigationStore.getState().reset();
  });

  it('drops notes that arrive after the analyst moved to another investigation', async () => {
    await useInvestigationStore.getState().open('0001');
    const loading = useInvestigationStore.getState().loadPart('notes');
    await useInvestigationStore.getState().open('0002');
    pending.get('notes:0001')?.([{ id: 'n-old', investigationId: '0001', body: 'old case', author: null, createdAt: 1 }]);
    await loading;
    expect(useInvestigationStore.getState().detail.data?.id).toBe('0002');
    expect(useInvestigationStore.getState().parts.notes.data).toBeNull();
  });

  it('appends an added note and marks the timeline stale so it is read again', async () => {
    await useInvestigationStore.getState().open('0003');
    const loading = useInvestigationStore.getState().loadPart('notes');
    pending.get('notes:0003')?.([]);
    await loading;
    await useInvestigationStore.getState().addNote('checked the ring');
    expect(useInvestigationStore.getState().parts.notes.data?.map((note) => note.body)).toEqual(['checked the ring']);
    expect(useInvestigationStore.getState().parts.timeline.status).toBe('idle');
  });
});
