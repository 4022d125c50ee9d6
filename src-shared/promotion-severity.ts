// The severity a promotion gives its new investigation, decided by main and previewed by the
// promote dialog with the same function: a template never lowers it below the alerts it is made from
// (a spam-wave template must not file a critical alert as medium).
import { SEVERITIES, type Severity } from './model';

export function higherSeverity(a: Severity, b: Severity): Severity {
  return SEVERITIES.indexOf(a) >= SEVERITIES.indexOf(b) ? a : b;
}

export interface PromotionSeverityInput {
  /** What the analyst picked in the dialog, if anything: their decision stands. */
  chosen?: Severity | undefined;
  /** The template's severity ("blank" when no template was picked). */
  template: Severity;
  /** The highest severity among the alerts being promoted; null when none could be read. */
  highestAlert: Severity | null;
}

export function promotionSeverity({ chosen, template, highestAlert }: PromotionSeverityInput): Severity {
  if (chosen) return chosen;
  return highestAlert ? higherSeverity(template, highestAlert) : template;
}
