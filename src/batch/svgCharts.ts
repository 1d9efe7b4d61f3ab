import { escapeHtml, formatRate } from "./htmlEscape.js";

/** One bar of a {@link svgBarChart}. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  /** Shown at the end of the bar; the value itself when omitted. */
  readonly valueText?: string;
  readonly color: string;
  /** Tooltip (the full label and details). */
  readonly title?: string;
}

/** One segment of a {@link svgStackedBar}. */
export interface Segment {
  readonly label: string;
  readonly value: number;
  readonly color: string;
}

const WIDTH = 1100;
const ROW = 24;
const BAR = 15;
const CHAR_PX = 6.6; // average width of a 12px system-ui character, for truncating labels
const px = (x: number) => String(Math.round(x * 10) / 10);

/**
 * A horizontal bar chart as inline SVG: one row per bar, the label on the left (cut with
 * an ellipsis when long, whole in the tooltip), the value at the end of the bar, and a
 * light grid with its scale. Drawn in a fixed 1100-unit-wide viewBox that scales with
 * the page. All text is escaped.
 */
export function svgBarChart(bars: readonly Bar[], options: { readonly ariaLabel: string; readonly labelWidth?: number; readonly empty?: string }): string {
  if (bars.length === 0) return `<p class="empty">${escapeHtml(options.empty ?? "Nothing to show.")}</p>`;
  const labelWidth = options.labelWidth ?? 400;
  const left = labelWidth + 12;
  const right = WIDTH - 90;
  const top = 22;
  const height = top + bars.length * ROW + 6;
  // A scale of at least 1: counts and rates per 1,000 (one decimal) need no finer grid.
  const max = niceMax(Math.max(1, ...bars.map((b) => b.value)));
  const step = tickStep(max);
  const x = (v: number) => left + ((right - left) * v) / max;
  const parts: string[] = [];
  for (let i = 0; i * step <= max * (1 + 1e-9); i++) {
    const v = Math.round(i * step * 1e6) / 1e6;
    parts.push(
      `<line x1="${px(x(v))}" y1="${top - 4}" x2="${px(x(v))}" y2="${height - 4}" class="grid"/>`,
      `<text x="${px(x(v))}" y="${top - 9}" class="tick" text-anchor="middle">${escapeHtml(step >= 1 ? formatRate(v) : v.toFixed(Math.min(6, Math.ceil(-Math.log10(step) - 1e-9))))}</text>`,
    );
  }
  const maxChars = Math.floor((labelWidth - 4) / CHAR_PX);
  bars.forEach((b, i) => {
    const y = top + i * ROW;
    const w = Math.max(b.value > 0 ? 1.5 : 0, x(b.value) - left);
    const label = b.label.length > maxChars ? `${b.label.slice(0, maxChars - 1)}…` : b.label;
    parts.push(
      `<g><title>${escapeHtml(b.title ?? b.label)}</title>`,
      `<text x="${labelWidth}" y="${y + BAR - 3}" class="label" text-anchor="end">${escapeHtml(label)}</text>`,
      `<rect x="${left}" y="${y + 2}" width="${px(w)}" height="${BAR}" rx="2" fill="${escapeHtml(b.color)}"/>`,
      `<text x="${px(left + w + 6)}" y="${y + BAR - 3}" class="value">${escapeHtml(b.valueText ?? formatRate(b.value))}</text></g>`,
    );
  });
  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(options.ariaLabel)}" xmlns="http://www.w3.org/2000/svg">${parts.join("")}</svg>`;
}

/**
 * A single 100% stacked bar as inline SVG, with each segment's share written inside it
 * when it fits, and a legend of labels, counts and shares below.
 */
export function svgStackedBar(segments: readonly Segment[], options: { readonly ariaLabel: string; readonly empty?: string }): string {
  const total = segments.reduce((a, s) => a + s.value, 0);
  if (total <= 0) return `<p class="empty">${escapeHtml(options.empty ?? "Nothing to show.")}</p>`;
  const parts: string[] = [];
  let at = 0;
  const barTop = 4;
  const barHeight = 34;
  for (const s of segments) {
    if (s.value <= 0) continue;
    const w = (WIDTH * s.value) / total;
    const share = `${formatRate((100 * s.value) / total)}%`;
    parts.push(`<g><title>${escapeHtml(`${s.label}: ${share}`)}</title><rect x="${px(at)}" y="${barTop}" width="${px(w)}" height="${barHeight}" fill="${escapeHtml(s.color)}"/>`);
    if (w > share.length * 8 + 10) parts.push(`<text x="${px(at + w / 2)}" y="${barTop + 22}" class="inbar" text-anchor="middle">${escapeHtml(share)}</text>`);
    parts.push("</g>");
    at += w;
  }
  let legendY = barTop + barHeight + 24;
  let lx = 0;
  for (const s of segments) {
    const text = `${s.label}: ${formatRate(s.value)} (${formatRate((100 * s.value) / total)}%)`;
    const w = 18 + text.length * CHAR_PX + 28;
    if (lx > 0 && lx + w > WIDTH) {
      lx = 0;
      legendY += 22;
    }
    parts.push(`<rect x="${px(lx)}" y="${legendY - 11}" width="12" height="12" rx="2" fill="${escapeHtml(s.color)}"/>`, `<text x="${px(lx + 18)}" y="${legendY}" class="label">${escapeHtml(text)}</text>`);
    lx += w;
  }
  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${legendY + 8}" role="img" aria-label="${escapeHtml(options.ariaLabel)}" xmlns="http://www.w3.org/2000/svg">${parts.join("")}</svg>`;
}

/** A readable scale end at or above `v`: a multiple of a 1, 2 or 5 × 10^k step, in at most five steps. */
function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v / 5));
  for (const m of [1, 2, 5, 10]) {
    const step = m * p;
    if (step * 5 >= v) return Math.ceil(v / step - 1e-9) * step;
  }
  return 10 * p * 5;
}

/** The grid step of a scale end from {@link niceMax}: 2 to 5 intervals. */
function tickStep(max: number): number {
  const p = 10 ** Math.floor(Math.log10(max / 5));
  for (const m of [1, 2, 5, 10]) if (m * p * 5 >= max * (1 - 1e-9)) return m * p;
  return 10 * p;
}
