/**
 * How long to wait before reconnect attempt number `attempt` (0 first): exponential from `baseMs` up to `capMs`,
 * with jitter so that the clients of a restarted server do not all come back in the same instant. The delay is
 * drawn from the upper half of the exponential step, so it still grows with each attempt.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random, baseMs = 500, capMs = 30_000): number {
  const step = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 16));
  return Math.round(step / 2 + random() * (step / 2));
}
