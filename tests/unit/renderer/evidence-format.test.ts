// How evidence is described: hashes shortened but recognisable, and only
// raster images shown inline (never SVG, never a type the browser would run).
import { describe, expect, it } from 'vitest';
import { dataUrl, isViewableImage, shortHash, startsRevealed } from '../../../src-renderer/features/evidence/evidence-format';

describe('evidence descriptions', () => {
  it('shortens a sha256 to its first and last 8 digits', () => {
    const hash = 'a'.repeat(8) + '0'.repeat(48) + 'b'.repeat(8);
    expect(shortHash(hash)).toBe('aaaaaaaa…bbbbbbbb');
  });

  it('shows raster images inline and offers everything else as a download', () => {
    expect(isViewableImage('image/png')).toBe(true);
    expect(isViewableImage('IMAGE/JPEG')).toBe(true);
    expect(isViewableImage('image/svg+xml')).toBe(false);
    expect(isViewableImage('text/html')).toBe(false);
    expect(isViewableImage('application/pdf')).toBe(false);
  });

  it('builds a data URL from the media type and the bytes', () => {
    expect(dataUrl('image/png', 'AAAA')).toBe('data:image/png;base64,AAAA');
  });

  it('starts images blurred unless the analyst chose "shown", including before preferences load', () => {
    expect(startsRevealed('blurred')).toBe(false);
    expect(startsRevealed(undefined)).toBe(false);
    expect(startsRevealed('shown')).toBe(true);
  });
});
