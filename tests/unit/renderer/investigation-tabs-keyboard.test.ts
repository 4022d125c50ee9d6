// The workspace tabs follow the ARIA tabs pattern: arrows wrap, Home/End jump, other keys pass.
import { describe, expect, it } from 'vitest';
import { tabIndexForKey } from '../../../src-renderer/components/tab-keys';

describe('tab list keyboard', () => {
  it('moves right and left, wrapping at both ends', () => {
    expect(tabIndexForKey('ArrowRight', 0, 3)).toBe(1);
    expect(tabIndexForKey('ArrowRight', 2, 3)).toBe(0);
    expect(tabIndexForKey('ArrowLeft', 0, 3)).toBe(2);
  });

  it('jumps to the first and last tab', () => {
    expect(tabIndexForKey('Home', 2, 9)).toBe(0);
    expect(tabIndexForKey('End', 0, 9)).toBe(8);
  });

  it('leaves other keys (Tab, Enter, letters) to the browser', () => {
    expect(tabIndexForKey('Tab', 1, 3)).toBeNull();
    expect(tabIndexForKey('Enter', 1, 3)).toBeNull();
    expect(tabIndexForKey('a', 1, 3)).toBeNull();
    expect(tabIndexForKey('ArrowRight', 0, 0)).toBeNull();
  });
});
