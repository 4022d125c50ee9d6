// How alert_entities stores a link since schema v19: the alert's and the entity's row keys (rid) and
// the link's origin as an integer. Outside the vault a link is named by the two API ids and the
// origin's name (backups and case packages read and write it so), and this file turns one into the other.
export type LinkOrigin = 'mapped' | 'extracted';

const STORED: Record<LinkOrigin, 0 | 1> = { mapped: 0, extracted: 1 };

/** The stored integer of an origin. */
export function storedLinkOrigin(origin: LinkOrigin): 0 | 1 {
  return STORED[origin];
}

/** SQL naming the origin stored in `column` (a column of our own SQL, never input). */
export function linkOriginNameSql(column: string): string {
  return `CASE ${column} WHEN ${STORED.mapped} THEN 'mapped' ELSE 'extracted' END`;
}

/** A link as rows outside the vault carry it: by API ids, origin by name. */
export interface LinkByIds {
  alert_id: string;
  entity_id: string;
  origin: LinkOrigin;
}

/**
 * Writes a link named by ids (@alertId, @entityId, @origin: the stored integer); nothing when either
 * row is missing or the link is there.
 */
export const INSERT_LINK_BY_IDS_SQL = `INSERT OR IGNORE INTO alert_entities (alert_rid, entity_rid, origin)
  SELECT a.rid, e.rid, @origin FROM alerts a, entities e WHERE a.id = @alertId AND e.id = @entityId`;
