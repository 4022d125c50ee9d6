// Derivative-free minimisation by the Nelder–Mead simplex method (Nelder & Mead 1965, "A simplex
// method for function minimization"), with the standard coefficients: reflection 1, expansion 2,
// contraction ½, shrink ½. Unconstrained: callers map bounded parameters onto the real line.

export interface NelderMeadOptions {
  /** Initial simplex: the start plus the start moved by `step` along each axis. */
  step?: number;
  maxEvaluations?: number;
  /** Stop when the spread of values over the simplex is below this, relative to the best value. */
  relativeTolerance?: number;
  /** Also stop when the spread is below this absolute amount (a perfect fit has best value 0). */
  absoluteTolerance?: number;
}

export interface NelderMeadResult {
  point: number[];
  value: number;
  evaluations: number;
}

export function nelderMead(objective: (point: readonly number[]) => number, start: readonly number[], options: NelderMeadOptions = {}): NelderMeadResult {
  const step = options.step ?? 1;
  const maxEvaluations = options.maxEvaluations ?? 2000;
  const relativeTolerance = options.relativeTolerance ?? 1e-10;
  const absoluteTolerance = options.absoluteTolerance ?? 1e-14;
  const dimension = start.length;
  let evaluations = 0;
  const evaluate = (point: number[]): number => {
    evaluations += 1;
    const value = objective(point);
    // A NaN or infinite value (an unstable parameter set) ranks worst instead of poisoning the order.
    return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };

  let simplex: { point: number[]; value: number }[] = [];
  simplex.push({ point: [...start], value: evaluate([...start]) });
  for (let axis = 0; axis < dimension; axis += 1) {
    const point = [...start];
    point[axis] = (point[axis] as number) + step;
    simplex.push({ point, value: evaluate(point) });
  }

  const along = (from: number[], to: number[], t: number) => from.map((x, i) => x + t * ((to[i] as number) - x));
  while (evaluations < maxEvaluations) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0] as { point: number[]; value: number };
    const worst = simplex[dimension] as { point: number[]; value: number };
    const secondWorst = simplex[dimension - 1] as { point: number[]; value: number };
    const spread = worst.value - best.value;
    if (spread <= relativeTolerance * Math.abs(best.value) || spread <= absoluteTolerance) break;

    const centroid = new Array<number>(dimension).fill(0);
    for (let v = 0; v < dimension; v += 1) {
      const vertex = (simplex[v] as { point: number[] }).point;
      for (let i = 0; i < dimension; i += 1) centroid[i] = (centroid[i] as number) + (vertex[i] as number) / dimension;
    }
    const reflected = along(centroid, worst.point, -1);
    const reflectedValue = evaluate(reflected);
    if (reflectedValue < best.value) {
      const expanded = along(centroid, worst.point, -2);
      const expandedValue = evaluate(expanded);
      simplex[dimension] = expandedValue < reflectedValue ? { point: expanded, value: expandedValue } : { point: reflected, value: reflectedValue };
    } else if (reflectedValue < secondWorst.value) {
      simplex[dimension] = { point: reflected, value: reflectedValue };
    } else {
      // Contract towards the better of the worst point and its reflection.
      const outside = reflectedValue < worst.value;
      const contracted = along(centroid, outside ? reflected : worst.point, 0.5);
      const contractedValue = evaluate(contracted);
      if (contractedValue < (outside ? reflectedValue : worst.value)) {
        simplex[dimension] = { point: contracted, value: contractedValue };
      } else {
        simplex = simplex.map((vertex, index) => {
          if (index === 0) return vertex;
          const point = along(best.point, vertex.point, 0.5);
          return { point, value: evaluate(point) };
        });
      }
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  const best = simplex[0] as { point: number[]; value: number };
  return { point: best.point, value: best.value, evaluations };
}
