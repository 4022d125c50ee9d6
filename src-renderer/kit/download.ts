// Saves a file the app made through the browser's download path (a Blob URL, revoked a little
// later), so the bytes never pass through a data: URL the size of the file. Used by exported
// evidence, case packages, and the analytics screen's CSV / JSON of a chart.

export function base64ToBytes(dataBase64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(dataBase64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

export function saveFile(fileName: string, mediaType: string, dataBase64: string): void {
  saveBlob(fileName, new Blob([base64ToBytes(dataBase64)], { type: mediaType }));
}

/** Text made in the window (CSV, JSON), saved as UTF-8. */
export function saveText(fileName: string, text: string, mediaType: string): void {
  saveBlob(fileName, new Blob([text], { type: `${mediaType};charset=utf-8` }));
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
  // Revoking at once can cancel the download in some browsers before it has read the blob.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
