/** One JSON line per figure on stdout; everything else goes to stderr. */
export function printFigure(figure: { name: string } & Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(figure)}\n`);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summarize(samples: readonly number[]): { p50: number; p95: number; max: number; min: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 10) / 10;
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted.at(-1)!), min: round(sorted[0]!) };
}
