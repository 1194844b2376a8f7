/** The p-th percentile (0–100) of samples by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** "p50 1.2 ms, p95 …": the usual summary line of a latency sample. */
export function summarize(samples: readonly number[], points: readonly number[] = [50, 95, 99]): string {
  return points.map((p) => `p${p} ${percentile(samples, p).toFixed(1)} ms`).join(', ');
}
