// The writer's cache of entity keys: bounded, and an entity that keeps coming stays cached when the
// cache turns over (dropping everything sent every busy entity back to the vault's index).
import { describe, expect, it } from 'vitest';
import { EntityKeyCache } from '../../../src-main/alerts/entity-key-cache';

const keys = (rid: number) => ({ id: `id-${rid}`, rid });

describe('entity key cache', () => {
  it('keeps an entity met in every generation and forgets one met only long ago', () => {
    const cache = new EntityKeyCache(3);
    cache.set('busy', keys(1));
    cache.set('once', keys(2));
    for (let rid = 10; rid < 40; rid += 1) {
      cache.set(`other-${rid}`, keys(rid));
      expect(cache.get('busy')).toEqual(keys(1));
    }
    expect(cache.get('once')).toBeUndefined();
    expect(cache.get('other-39')).toEqual(keys(39));
    expect(cache.get('other-10')).toBeUndefined();
  });
});
