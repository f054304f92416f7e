// Small statistics for the benchmark: medians and ranges of repeated runs, and the seeded
// shuffle that decides the order of configurations in each round.

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function min(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : Math.min(...values);
}

export function max(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : Math.max(...values);
}

/** mulberry32: a tiny PRNG, so the same seed gives the same round orders on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The order of `items` in each of `rounds` rounds: round 1 as given, every later round a
 * Fisher-Yates shuffle with a fixed seed. Alternating configurations inside a round spreads slow
 * phases of a busy machine over all of them instead of penalising whichever runs during one.
 */
export function roundOrders<T>(items: readonly T[], rounds: number, seed = 20_250_101): T[][] {
  const next = random(seed);
  const orders: T[][] = [];
  for (let round = 0; round < rounds; round++) {
    const order = [...items];
    if (round > 0) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
    }
    orders.push(order);
  }
  return orders;
}
