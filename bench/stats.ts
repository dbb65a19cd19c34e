/**
 * Small numeric helpers for the benchmark report.
 */

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function sortNumbers(values: Iterable<number>): number[] {
  return Array.from(Float64Array.from(values).sort());
}

export function median(values: readonly number[]): number {
  return percentile(sortNumbers(values), 50);
}

export interface Spread {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  count: number;
}

export function spread(values: Iterable<number>): Spread {
  const sorted = sortNumbers(values);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN, count: sorted.length };
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** `a / b` rounded, or NaN when either is missing. */
export function ratio(a: number | undefined, b: number | undefined): number {
  return a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0 ? NaN : round(a / b, 2);
}
