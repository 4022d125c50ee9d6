// Moving a sealed package between main and the browser: fetched in chunks into a Blob and saved
// through the download path, or sent in chunks through the encrypted upload store. The bytes are
// ciphertext under the passphrase either way.
import { api } from '../../api/client';
import { base64ToBytes, saveBlob } from '../../kit/download';
import { bytesToBase64, chunkRanges } from '../import/upload-plan';

export async function downloadPackage(downloadId: string, fileName: string, onProgress: (done: number, total: number) => void): Promise<void> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  for (;;) {
    const chunk = await api.invoke('casePackage.download', { downloadId, offset });
    parts.push(base64ToBytes(chunk.dataBase64));
    offset = chunk.nextOffset;
    onProgress(offset, chunk.sizeBytes);
    if (offset >= chunk.sizeBytes) break;
  }
  saveBlob(fileName, new Blob(parts, { type: 'application/octet-stream' }));
}

export async function uploadPackage(file: File, onProgress: (done: number, total: number) => void): Promise<string> {
  const ticket = await api.invoke('uploads.begin', { fileName: file.name.slice(0, 255) || 'case.vigilcase', size: file.size });
  try {
    for (const range of chunkRanges(file.size, ticket.chunkBytes)) {
      const bytes = new Uint8Array(await file.slice(range.offset, range.end).arrayBuffer());
      await api.invoke('uploads.chunk', { uploadId: ticket.uploadId, offset: range.offset, dataBase64: bytesToBase64(bytes) });
      onProgress(range.end, file.size);
    }
  } catch (error) {
    await api.invoke('uploads.cancel', { uploadId: ticket.uploadId }).catch(() => undefined);
    throw error;
  }
  return ticket.uploadId;
}
