// Sizes read the same on every screen: binary units, one decimal below 10, none from 10 up.
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../src-renderer/format/bytes';

describe('sizes', () => {
  it.each([
    [0, '0 B'], [512, '512 B'], [1023, '1023 B'], [1024, '1 KiB'], [1536, '1.5 KiB'], [10 * 1024, '10 KiB'],
    [5 * 1024 * 1024, '5 MiB'], [145 * 1024 * 1024, '145 MiB'], [3.25 * 1024 ** 3, '3.3 GiB'], [5 * 1024 ** 3, '5 GiB'],
    [3 * 1024 ** 4, '3 TiB'], [2048 * 1024 ** 4, '2048 TiB'],
  ])('%d bytes read %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});
