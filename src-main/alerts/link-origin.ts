// How an alert came to name an entity, and how alert_entities.origin stores it: an integer since
// schema v19 (a link row is two integer keys and this).
export type LinkOrigin = 'mapped' | 'extracted';

const STORED: Record<LinkOrigin, 0 | 1> = { mapped: 0, extracted: 1 };

/** The stored integer of an origin. */
export function storedLinkOrigin(origin: LinkOrigin): 0 | 1 {
  return STORED[origin];
}
