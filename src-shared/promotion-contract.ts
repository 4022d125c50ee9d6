// The promote dialog's preview of the severity a promotion would give (src-shared/promotion-severity.ts),
// computed by main over the same selection the promotion reads. Gathered into the one contract by contract.ts.
import { z } from 'zod';
import { channel, needs } from './channel';
import type { Severity } from './model';
import { TEMPLATE_IDS } from './workspace-model';
import { alertSelectionSchema } from './workspace-contract';

export interface PromotionSeverityPreview {
  /** What the new investigation gets when the analyst picks no severity. */
  severity: Severity;
  template: Severity;
  highestAlert: Severity | null;
}

export const promotionChannels = {
  'alerts.promotionSeverity': channel<PromotionSeverityPreview>()({
    input: z.object({ selection: alertSelectionSchema, templateId: z.enum(TEMPLATE_IDS).optional() }).strict(),
    access: needs('create_investigations'),
  }),
};
