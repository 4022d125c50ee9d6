import { describe, expect, it } from 'vitest';
import { hashFor, routeFromHash } from '../../../src-renderer/kit/pages';
import { INVESTIGATION_TABS, investigationLocation, investigationParam } from '../../../src-renderer/features/investigation/investigation-route';

const ID = '0192f3a4-5b6c-7d8e-9f00-112233445566';

describe('an investigation tab in the URL', () => {
  it('goes through the hash and back for every tab', () => {
    for (const tab of INVESTIGATION_TABS) {
      const { page, param } = routeFromHash(hashFor('investigation', investigationParam(ID, tab)));
      expect(page).toBe('investigation');
      expect(investigationLocation(param)).toEqual({ id: ID, tab });
    }
  });

  it('keeps the overview as the bare id, so links made before tabs were in the URL still work', () => {
    expect(investigationParam(ID, 'overview')).toBe(ID);
    expect(investigationLocation(routeFromHash(`#investigation/${ID}`).param)).toEqual({ id: ID, tab: 'overview' });
  });

  it('reads an unknown or empty tab as the overview, and no id as none', () => {
    expect(investigationLocation(`${ID}/nonsense`)).toEqual({ id: ID, tab: 'overview' });
    expect(investigationLocation(`${ID}/`)).toEqual({ id: ID, tab: 'overview' });
    expect(investigationLocation(null)).toEqual({ id: null, tab: 'overview' });
    expect(investigationLocation('/evidence')).toEqual({ id: null, tab: 'evidence' });
  });
});
