/**
 * A small seeded pseudo-random generator for the bootstrap, so that a confidence interval is
 * the same on every machine and every run (a report must not change when it is reopened).
 *
 * The algorithm is Mulberry32 (Tommy Ettinger's 32-bit generator, public domain description):
 * a Weyl sequence (state += 0x6D2B79F5) passed through an xorshift-multiply output function.
 * Its period is 2^32 and it passes the usual small-crush style tests; that is ample for
 * resampling a few thousand units a few thousand times, and it needs only 32-bit integer
 * arithmetic (Math.imul), which every JavaScript engine does identically.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
}

/** A generator started from `seed` (any integer; taken modulo 2^32). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const nextUint = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    next: () => nextUint() / 4294967296,
    int: (n: number) => Math.floor((nextUint() / 4294967296) * n),
  };
}
