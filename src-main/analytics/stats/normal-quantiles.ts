// Standard normal quantiles used by the intervals and bounds in this folder, to 16 significant
// digits (the inverse of the standard normal CDF, as tabulated in any statistics text).

/** Two-sided 80 % interval: Φ⁻¹(0.90). */
export const Z_80 = 1.2815515655446004;
/** Two-sided 95 % interval: Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;
/** One-sided 99 % bound: Φ⁻¹(0.99). */
export const Z_ONE_SIDED_99 = 2.3263478740408408;
