// Adding evidence from the workspace: the file goes up in 1 MiB base64 chunks, one after another,
// each naming its byte offset, then becomes evidence; progress is reported; a failed upload is
// cancelled in main instead of being left behind.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { VigilError } from '../../../src-shared/errors';

type Call = { channel: string; input: Record<string, unknown> };
const calls: Call[] = [];
let failEvidenceAdd = false;
const received: number[] = [];

vi.mock('../../../src-renderer/api/client', () => ({
  api: {
    async invoke(channel: string, input: Record<string, unknown>) {
      calls.push({ channel, input });
      switch (channel) {
        case 'uploads.begin':
          return { uploadId: 'up-1', chunkBytes: 4 * 1024 * 1024 };
        case 'uploads.chunk': {
          const bytes = Buffer.from(String(input['dataBase64']), 'base64');
          // Main refuses a chunk that does not continue where the last one ended.
          if (input['offset'] !== received.length) throw new VigilError('CONFLICT', 'out of order');
          for (const byte of bytes) received.push(byte);
          return { received: received.length };
        }
        case 'uploads.cancel':
          return null;
        case 'evidence.add':
          if (failEvidenceAdd) throw new VigilError('CONFLICT', 'The investigation is closed');
          return {
            id: 'ev-1', investigationId: input['investigationId'], fileName: 'shot.png', mediaType: input['mediaType'], size: received.length,
            sha256: 'f'.repeat(64), description: input['description'], addedBy: null, addedAt: 1, custody: [],
          };
        case 'evidence.list':
          return [];
        default:
          throw new Error(`unexpected channel ${channel}`);
      }
    },
  },
  onEvent: () => () => undefined,
}));

const { useEvidenceStore } = await import('../../../src-renderer/features/evidence/store');

function fileOf(size: number, type = 'image/png'): { file: File; bytes: Uint8Array } {
  const bytes = new Uint8Array(size);
  for (let index = 0; index < size; index += 1) bytes[index] = (index * 7 + 3) & 0xff;
  return { file: new File([bytes], 'shot.png', { type }), bytes };
}

describe('evidence upload from the workspace', () => {
  beforeEach(async () => {
    calls.length = 0;
    received.length = 0;
    failEvidenceAdd = false;
    useEvidenceStore.getState().reset();
    await useEvidenceStore.getState().load('inv-1');
    calls.length = 0;
  });

  it('sends every byte once, in order, in 1 MiB chunks, then adds the evidence', async () => {
    const { file, bytes } = fileOf(2 * 1024 * 1024 + 5);
    const progress: number[] = [];
    const stop = useEvidenceStore.subscribe((state) => {
      if (state.upload) progress.push(state.upload.sent);
    });
    await useEvidenceStore.getState().uploadFile(file, 'profile screenshot');
    stop();

    expect(calls.map((call) => call.channel)).toEqual(['uploads.begin', 'uploads.chunk', 'uploads.chunk', 'uploads.chunk', 'evidence.add']);
    expect(calls.filter((call) => call.channel === 'uploads.chunk').map((call) => call.input['offset'])).toEqual([0, 1024 * 1024, 2 * 1024 * 1024]);
    expect(Buffer.from(received).equals(Buffer.from(bytes))).toBe(true);
    expect(calls.at(-1)?.input).toMatchObject({ investigationId: 'inv-1', uploadId: 'up-1', mediaType: 'image/png', description: 'profile screenshot' });
    expect(progress.at(-1)).toBe(file.size);
    expect(useEvidenceStore.getState().items.data.map((item) => item.id)).toEqual(['ev-1']);
    expect(useEvidenceStore.getState().upload).toBeNull();
  });

  it('cancels the upload in main when the evidence cannot be added, and reports the refusal', async () => {
    failEvidenceAdd = true;
    await expect(useEvidenceStore.getState().uploadFile(fileOf(10).file, '')).rejects.toMatchObject({ code: 'CONFLICT' });
    await Promise.resolve();
    expect(calls.map((call) => call.channel)).toContain('uploads.cancel');
    expect(useEvidenceStore.getState().items.data).toEqual([]);
    expect(useEvidenceStore.getState().upload).toBeNull();
  });

  it('types a file the browser could not type as application/octet-stream', async () => {
    await useEvidenceStore.getState().uploadFile(fileOf(3, '').file, '');
    expect(calls.find((call) => call.channel === 'evidence.add')?.input['mediaType']).toBe('application/octet-stream');
  });
});
