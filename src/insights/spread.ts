/**
 * The spread τ of the variants' own residuals, i.e. the penalty λ = 1/τ² of the model
 * fits, estimated from the data. Given a fit at λ, with residual estimates û_v and their
 * posterior variances V_v from the fit's curvature, Schall's (1991) update for random
 * effects in generalised linear models, MacKay's evidence update for a ridge:
 * τ² ← Σ û² / (n − λ Σ V_v), n − λ Σ V_v being the residuals' effective number. Step and
 * repeat until τ² moves by under 1% (see `spreadSearch`). Its fixed point is EM's
 * (τ² = mean of û² + V, as in penalised quasi-likelihood), which it reaches in a few
 * rounds where EM takes dozens; slightly low for binary data with few observations per
 * variant. When the effective number is not positive it takes EM's step instead.
 *
 * The intervals do not rest on τ: they come from the family bootstrap, valid whatever λ
 * is; λ only decides how far the fit trusts each variant, i.e. its efficiency.
 */

export interface SpreadBounds {
  /** τ to start from. */
  initial: number;
  /** τ is kept in [min, max]: a spread of 0 would make λ infinite. */
  min: number;
  max: number;
}

/** Refits at most this many times: near a spread of 0 the updates creep, and a spread close enough is as good. */
const MAX_ROUNDS = 30;
/** Settled when the update would move τ² by less than 1%. */
const TOLERANCE = Math.log(1.01);
/** A secant step may go at most this many times as far as the plain update would. */
const MAX_EXTRAPOLATION = 10;

/**
 * A search for the penalty: call it with each fit's residuals, their posterior variances
 * and the penalty used; it returns the penalty to refit with, or null once settled (or
 * after MAX_ROUNDS), the caller's signal to finish its fit at the penalty it used.
 *
 * The update converges only linearly where residuals are half shrunk (as with a hundred
 * votes per variant), so once two rounds are known the search takes a secant step on
 * log λ towards the update's fixed point, when that step goes the update's way and not
 * absurdly far; otherwise it takes the update itself.
 */
export function spreadSearch(bounds: SpreadBounds): (u: Float64Array, variance: Float64Array, lambda: number) => number | null {
  let previous: { x: number; h: number } | undefined;
  let round = 0;
  return (u, variance, lambda) => {
    if (u.length === 0 || round++ >= MAX_ROUNDS) return null;
    const x = Math.log(lambda);
    const h = Math.log(1 / schallUpdate(u, variance, lambda, bounds)) - x;
    if (Math.abs(h) <= TOLERANCE) return null;
    let next = x + h;
    if (previous && previous.h !== h) {
      const secant = x - (h * (x - previous.x)) / (h - previous.h);
      if (Number.isFinite(secant) && (secant - x) * h > 0 && Math.abs(secant - x) <= MAX_EXTRAPOLATION * Math.abs(h)) next = secant;
    }
    previous = { x, h };
    return Math.min(1 / bounds.min ** 2, Math.max(1 / bounds.max ** 2, Math.exp(next)));
  };
}

/** Schall's τ², or EM's when the effective number is not positive, within the bounds. */
function schallUpdate(u: Float64Array, variance: Float64Array, lambda: number, bounds: SpreadBounds): number {
  let squares = 0;
  let variances = 0;
  for (let v = 0; v < u.length; v++) {
    squares += u[v]! ** 2;
    variances += variance[v]!;
  }
  const effective = u.length - lambda * variances;
  const tau2 = effective > 0 ? squares / effective : (squares + variances) / u.length;
  return Math.min(bounds.max ** 2, Math.max(bounds.min ** 2, tau2));
}
