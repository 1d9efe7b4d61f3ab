/** The report's whole stylesheet, inlined: system fonts, no external asset. */
export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f3f4f6; color: #111827; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
main { max-width: 1160px; margin: 0 auto; padding: 28px 24px 40px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 0 0 6px; }
.sub { margin: 0 0 18px; color: #4b5563; }
.tiles { display: grid; grid-template-columns: repeat(5, 1fr); gap: 12px; }
.tile { background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; padding: 12px 14px; }
.tile .n { font-size: 26px; font-weight: 650; font-variant-numeric: tabular-nums; }
.tile .l { color: #4b5563; font-size: 13px; }
.tile.alert { border-color: #f2b8b5; background: #fef3f2; }
.tile.alert .n { color: #b42318; }
.disclaimer { margin: 18px 0; padding: 10px 14px; background: #fffbeb; border: 1px solid #f5d28a; border-radius: 8px; font-size: 14px; }
section { background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; padding: 16px 18px; margin: 16px 0; }
.note { margin: 0 0 10px; color: #4b5563; font-size: 14px; }
.empty { color: #6b7280; font-style: italic; }
.legend { margin: 0 0 6px; font-size: 13px; color: #374151; }
.legend span { margin-right: 18px; white-space: nowrap; }
.legend i { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
svg.chart { display: block; width: 100%; height: auto; }
svg .label { font-size: 12.5px; fill: #1f2937; font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
svg .value { font-size: 12px; fill: #374151; font-variant-numeric: tabular-nums; }
svg .tick { font-size: 11px; fill: #6b7280; }
svg .grid { stroke: #e5e7eb; stroke-width: 1; }
svg .inbar { font-size: 13px; fill: #fff; font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; margin-top: 6px; }
table.narrow { width: auto; min-width: 360px; }
th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid #eef0f3; white-space: nowrap; }
th { background: #f9fafb; font-weight: 600; }
tbody tr:nth-child(even) { background: #fafafa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.id, td.hash { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
td.id { white-space: normal; overflow-wrap: anywhere; width: 100%; }
.badge { color: #fff; border-radius: 4px; padding: 1px 7px; font-size: 12px; }
details { margin-top: 10px; }
summary { cursor: pointer; color: #374151; }
footer { color: #6b7280; font-size: 13px; margin-top: 24px; }
@media (max-width: 800px) { .tiles { grid-template-columns: repeat(2, 1fr); } }
@media print { body { background: #fff; } section { break-inside: avoid; } }
`.trim();
