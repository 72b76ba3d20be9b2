/**
 * A tiny server-rendered line of recent values (login times in the fleet view). With fewer than two values there is
 * no line to draw, so it says `empty` instead of showing a blank.
 */
export function Sparkline({ values, label, empty }: { values: number[]; label: string; empty: string }) {
  if (values.length < 2) return <span className="text-xs text-zinc-600">{empty}</span>;
  const max = Math.max(...values, 1);
  const step = 100 / (values.length - 1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(28 - (v / max) * 26).toFixed(1)}`).join(" ");
  return (
    <svg role="img" aria-label={label} viewBox="0 0 100 30" className="mt-1 h-6 w-24" preserveAspectRatio="none">
      <polyline points={points} fill="none" stroke="#1d5fd1" strokeWidth="2" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
