// Channels behind the investigation's views: an entity's neighbours, read on demand when the link
// graph expands a node, and taking alerts back out of a case. Gathered into the one contract by
// contract.ts.
import { z } from 'zod';
import { channel, needs } from './channel';
import type { AlertStatus } from './model';
import type { EntityRef } from './workspace-model';

/** Most neighbours one expansion returns; the graph stays readable and the answer small. */
export const MAX_NEIGHBOURS = 100;
/** Most alerts taken out of a case in one call (the alerts tab removes what it shows). */
export const MAX_UNLINKED_ALERTS = 500;

/**
 * Where an alert goes when it leaves a case. The status it had before it was promoted is not kept
 * (promote overwrote it), and someone did look at it: acknowledged keeps it off the untriaged
 * queue and its first verdict time as it was, and it may be dismissed or promoted again.
 */
export const UNLINKED_ALERT_STATUS: AlertStatus = 'acknowledged';

export interface EntityNeighbours {
  /** The entity expanded, through the caller's lens. */
  entity: EntityRef;
  /** Entities seen in the same alerts, most shared first; `sharedAlerts` counts the alerts read. */
  neighbours: (EntityRef & { sharedAlerts: number })[];
  /** How many of the entity's alerts were read: the most recent, up to a bound. */
  alertsRead: number;
  /** True when the entity has more alerts than were read, or more neighbours than were returned. */
  truncated: boolean;
}

export interface UnlinkSummary {
  removed: number;
  /** The status every removed alert now has. */
  status: AlertStatus;
}

export const investigationViewChannels = {
  'entities.neighbours': channel<EntityNeighbours>()({
    input: z.object({
      entityId: z.string().uuid(),
      limit: z.number().int().min(1).max(MAX_NEIGHBOURS).default(25),
    }).strict(),
    access: needs('read_investigations'),
  }),
  /** Takes alerts out of a case: the same right as adding them (alerts.merge), audited. */
  'investigations.unlinkAlerts': channel<UnlinkSummary>()({
    input: z.object({
      investigationId: z.string().uuid(),
      alertIds: z.array(z.string().uuid()).min(1).max(MAX_UNLINKED_ALERTS),
      reason: z.string().trim().max(1000).optional(),
    }).strict(),
    access: needs('modify_investigations'),
    audited: true,
  }),
};
