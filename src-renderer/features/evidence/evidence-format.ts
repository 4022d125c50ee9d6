// How evidence is described on screen: sizes, short hashes, which files are shown as images.
import type { CustodyEvent } from '../../../src-shared/workspace-model';

/** Raster formats the viewer shows inline (from a data: URL, which the CSP allows for images). */
const VIEWABLE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'image/avif']);

export function isViewableImage(mediaType: string): boolean {
  return VIEWABLE_IMAGES.has(mediaType.toLowerCase());
}

/** First and last 8 hex digits: enough to compare by eye, the full hash is in the tooltip and copy. */
export function shortHash(sha256: string): string {
  return sha256.length <= 20 ? sha256 : `${sha256.slice(0, 8)}…${sha256.slice(-8)}`;
}

export const CUSTODY_LABELS: Readonly<Record<CustodyEvent['event'], string>> = {
  imported: 'Added',
  viewed: 'Viewed',
  exported: 'Exported',
  verified: 'Verified intact',
  verify_failed: 'Verification failed',
};

/** Reviewer wellness: an image starts blurred unless the analyst chose to see images as they are. */
export function startsRevealed(preference: 'blurred' | 'shown' | undefined): boolean {
  return preference === 'shown';
}

export function dataUrl(mediaType: string, dataBase64: string): string {
  return `data:${mediaType};base64,${dataBase64}`;
}
