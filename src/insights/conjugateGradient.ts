/** out = M⁻¹ r for a symmetric positive definite M close to the system's matrix. */
export type Preconditioner = (r: Float64Array, out: Float64Array) => void;

/** The Jacobi preconditioner: division by the matrix's diagonal, given as its inverse. */
export function diagonalPreconditioner(inverseDiagonal: Float64Array): Preconditioner {
  return (r, out) => {
    for (let i = 0; i < r.length; i++) out[i] = r[i]! * inverseDiagonal[i]!;
  };
}

/**
 * Solves A x = b for a symmetric positive definite A given only as a product, by
 * preconditioned conjugate gradients starting from x = 0: the fits' Newton steps and the
 * influence of each family. Stops when the residual is below `tolerance` times |b|, or
 * after `maxIterations`. Started at 0, it also gives b · x = xᵀ A x, which a capped Newton
 * step needs to be an ascent (see `pairFit`). Returns the iterations used.
 *
 * @example conjugateGradient((v, out) => out.set(v.map((x) => 2 * x)), diagonalPreconditioner(Float64Array.of(0.5)), Float64Array.of(4), x, 1e-9, 10) // x = [2]
 */
export function conjugateGradient(
  times: (v: Float64Array, out: Float64Array) => void,
  precondition: Preconditioner,
  b: Float64Array,
  x: Float64Array,
  tolerance: number,
  maxIterations: number,
): number {
  const n = b.length;
  const residual = Float64Array.from(b);
  const direction = new Float64Array(n);
  const product = new Float64Array(n);
  const z = new Float64Array(n);
  x.fill(0);
  precondition(residual, direction);
  let rz = 0;
  let target = 0;
  for (let i = 0; i < n; i++) {
    rz += residual[i]! * direction[i]!;
    target += b[i]! * b[i]!;
  }
  target *= tolerance * tolerance;
  for (let k = 0; k < maxIterations; k++) {
    if (!(target > 0)) return k;
    times(direction, product);
    let along = 0;
    for (let i = 0; i < n; i++) along += direction[i]! * product[i]!;
    if (!(along > 0)) return k;
    const alpha = rz / along;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      x[i]! += alpha * direction[i]!;
      residual[i]! -= alpha * product[i]!;
      norm += residual[i]! * residual[i]!;
    }
    if (norm <= target) return k + 1;
    precondition(residual, z);
    let rzNext = 0;
    for (let i = 0; i < n; i++) rzNext += residual[i]! * z[i]!;
    const beta = rzNext / rz;
    for (let i = 0; i < n; i++) direction[i] = z[i]! + beta * direction[i]!;
    rz = rzNext;
  }
  return maxIterations;
}
