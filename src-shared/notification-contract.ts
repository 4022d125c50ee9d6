// Channels of the caller's own notifications (src-shared/notification-model.ts): each reads and
// marks only the signed-in person's. Gathered into the one contract by contract.ts.
import { z } from 'zod';
import { activeSession, channel } from './channel';
import type { NotificationCounts, NotificationList } from './notification-model';

export const notificationChannels = {
  'notifications.list': channel<NotificationList>()({
    input: z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict(),
    access: activeSession,
  }),
  'notifications.counts': channel<NotificationCounts>()({ input: z.object({}).strict(), access: activeSession }),
  'notifications.markRead': channel<NotificationCounts>()({
    input: z.union([
      z.object({ ids: z.array(z.string().uuid()).min(1).max(200) }).strict(),
      z.object({ all: z.literal(true) }).strict(),
    ]),
    access: activeSession,
  }),
};
