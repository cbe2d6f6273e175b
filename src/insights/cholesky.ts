/**
 * Dense Cholesky factorisation for the small symmetric positive definite systems of the
 * fits (tens to a few hundred unknowns), row-major n × n in a Float64Array.
 */

/**
 * Factors `a` in place into its lower triangle L (a = L Lᵀ); the upper triangle is left
 * as it was. Returns false when `a` is not positive definite.
 */
export function cholesky(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let k = 0; k < j; k++) d -= a[j * n + k]! ** 2;
    if (!(d > 0)) return false;
    const root = Math.sqrt(d);
    a[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= a[i * n + k]! * a[j * n + k]!;
      a[i * n + j] = s / root;
    }
  }
  return true;
}

/** Solves L Lᵀ x = b in place in `b`, with L from `cholesky`. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array, offset = 0): void {
  for (let i = 0; i < n; i++) {
    let s = b[offset + i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * b[offset + k]!;
    b[offset + i] = s / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[offset + i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * b[offset + k]!;
    b[offset + i] = s / l[i * n + i]!;
  }
}

/** The inverse of L Lᵀ, as a full symmetric matrix. */
export function choleskyInverse(l: Float64Array, n: number): Float64Array {
  const inverse = new Float64Array(n * n);
  for (let j = 0; j < n; j++) inverse[j * n + j] = 1;
  for (let j = 0; j < n; j++) choleskySolve(l, n, inverse, j * n);
  return inverse;
}
