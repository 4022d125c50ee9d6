// Risk score wording: a 0–100 number from main, shown as a meter with a band people can act on.
export type RiskBand = 'low' | 'moderate' | 'high' | 'severe';

export function riskBand(score: number): RiskBand {
  if (score >= 80) return 'severe';
  if (score >= 60) return 'high';
  if (score >= 30) return 'moderate';
  return 'low';
}

export function clampScore(score: number): number {
  return Number.isFinite(score) ? Math.max(0, Math.min(100, Math.round(score))) : 0;
}
