// The shape every forecaster in this folder returns: a point forecast per step with its 80 % and
// 95 % prediction intervals, mean ± z·sd under normal forecast errors (Hyndman & Athanasopoulos,
// "Forecasting: Principles and Practice", §5.5).
import { Z_80, Z_95 } from './normal-quantiles';

export interface ForecastStep {
  /** Steps ahead of the last observation, from 1. */
  step: number;
  mean: number;
  /** Standard deviation of the h-step forecast error. */
  sd: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
}

export function forecastStep(step: number, mean: number, sd: number): ForecastStep {
  return {
    step, mean, sd,
    lower80: mean - Z_80 * sd, upper80: mean + Z_80 * sd,
    lower95: mean - Z_95 * sd, upper95: mean + Z_95 * sd,
  };
}
