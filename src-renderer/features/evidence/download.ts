// Saves exported evidence through the browser's download path (a Blob URL, revoked right after),
// so the bytes never pass through a data: URL the size of the file.

export function base64ToBytes(dataBase64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(dataBase64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

export function saveFile(fileName: string, mediaType: string, dataBase64: string): void {
  saveBlob(fileName, new Blob([base64ToBytes(dataBase64)], { type: mediaType }));
}

export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
