/**
 * The dashboard's charts, drawn by hand in SVG. No chart library, on purpose: the ones worth having
 * weigh 50–200 kB minified, more than this whole section, and the page-weight budget
 * (test/web-budget.test.ts) counts every kB an officer's tablet downloads on a mobile network; and
 * drawing them ourselves keeps full control of what a screen reader gets — each chart is one image
 * with a name (`role="img"`, `aria-label`) and its figures in a table for assistive technology,
 * never a swarm of unlabelled shapes — and of how money reads on the axes ("1,9 tỷ").
 *
 * Each is a `<figure data-testid="chart">`: its title, the drawing, a legend, and the visually
 * hidden table with every figure in full. The drawing is measured to its box (a ResizeObserver), so
 * text is never stretched; its height is fixed by its data, so nothing moves when it is drawn.
 */
import { useCallback, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { formatMoney } from '../lib/format.js';
import { formatCompactMoney, formatCount, niceTicks } from './model.js';

/**
 * The width of an element, kept up to date: a ref callback (called when the element appears, before
 * the first paint, even if it comes later than the component) and the width, the first value until measured.
 */
function useWidth(initial: number): [(el: HTMLElement | null) => (() => void) | undefined, number] {
  const [width, setWidth] = useState(initial);
  const ref = useCallback((el: HTMLElement | null) => {
    if (!el) return undefined;
    if (el.clientWidth) setWidth(el.clientWidth);
    const observer = new ResizeObserver((entries) => {
      const w = Math.round(entries[0]?.contentRect.width ?? 0);
      if (w) setWidth(w);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** How a chart writes its figures: short on the axes, in full in tooltips and the table. */
export interface TChartFormat {
  axis(v: number): string;
  full(v: number): string;
}

/** Money in đồng ("1,9 tỷ" on the axis, "1.900.000.000 ₫" in full) or a count. */
export function chartFormat(money: boolean, lang: string): TChartFormat {
  return money ? { axis: (v) => formatCompactMoney(v, lang), full: formatMoney } : { axis: formatCount, full: formatCount };
}

/** A label's width in pixels at the charts' 12px font: figures and letters at their usual advance, with a little room to spare. */
const charsWide = (s: string): number => [...s].reduce((w, c) => w + (/[0-9]/.test(c) ? 7.7 : /[/.,: ]/.test(c) ? 4.2 : 7.4), 0);
/** The widest an axis's labels get (a money axis: "999,9 triệu"), with its room: what the time chart judges its month ticks by. */
const WIDEST_AXIS = charsWide('999,9 triệu') + 14;

function ChartFrame({ title, legend, table, children, testId }: { title: string; legend?: ReactNode; table: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <figure className="chart card" data-testid="chart" data-chart={testId}>
      <figcaption className="chart-title">{title}</figcaption>
      {legend}
      {children}
      {table}
    </figure>
  );
}

export interface TTimeSeries {
  key: string;
  name: string;
  /** Bars side by side in each period, or a line across them. */
  kind: 'bar' | 'line';
  values: number[];
}

export interface TTimePoint {
  /** On the axis: `12/2026`; where there is little room: `12/26`. */
  tick: string;
  short: string;
  /** In the tooltip and the table: "Tháng 12/2026 (15/11/2026 – 14/12/2026)". */
  label: string;
}

/**
 * Periods along the bottom, figures up the side: a series as bars (side by side when there are
 * several) or as a line with its points. Every bar and point has its figure in full as a tooltip.
 */
export function TimeChart(props: {
  title: string;
  summary: string;
  periodHeader: string;
  points: TTimePoint[];
  series: TTimeSeries[];
  format: TChartFormat;
  height?: number;
  /** The top of the axis when every figure is zero (money: a million, not one đồng). */
  emptyTop?: number;
  testId?: string;
}) {
  const { title, summary, points, series, format, height = 240 } = props;
  const [box, width] = useWidth(560);
  const max = Math.max(0, ...series.flatMap((s) => s.values));
  const ticks = niceTicks(max || (props.emptyTop ?? 1), 4);
  const top = ticks[ticks.length - 1]!;
  const left = Math.max(...ticks.map((v) => charsWide(format.axis(v)))) + 14;
  const right = 10;
  const plotTop = 12;
  const plotBottom = height - 30;
  const plotW = Math.max(40, width - left - right);
  const band = plotW / Math.max(1, points.length);
  const y = (v: number): number => plotBottom - (v / top) * (plotBottom - plotTop);
  const bars = series.filter((s) => s.kind === 'bar');
  const groupW = band * 0.72;
  const barW = Math.min(26, groupW / Math.max(1, bars.length));
  const center = (i: number): number => left + band * i + band / 2;
  // Long ticks where the longest fits, short ones otherwise (all alike), every other one where even those do not.
  // Long or short is judged as if the axis took its widest labels ("999,9 triệu"), not this chart's own:
  // two charts of one width side by side then write their months alike, whatever their figures.
  const widest = (f: (p: TTimePoint) => string): number => Math.max(0, ...points.map((p) => charsWide(f(p))));
  const sameForAll = Math.max(40, width - WIDEST_AXIS - right) / Math.max(1, points.length);
  const long = sameForAll >= widest((p) => p.tick) + 6;
  const tickText = (p: TTimePoint): string => (long ? p.tick : p.short);
  const every = band >= widest((p) => p.short) + 4 ? 1 : 2;
  return (
    <ChartFrame
      title={title}
      testId={props.testId}
      legend={<Legend series={series} />}
      table={
        // In a box of its own: a table is never narrower than its content, so it cannot itself be the hidden 1px box.
        <div className="visually-hidden">
          <table>
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{props.periodHeader}</th>
                {series.map((s) => (
                  <th key={s.key} scope="col">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {points.map((p, i) => (
                <tr key={p.label}>
                  <th scope="row">{p.label}</th>
                  {series.map((s) => (
                    <td key={s.key}>{format.full(s.values[i] ?? 0)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      }
    >
      <div className="chart-plot" ref={box} style={{ height }}>
        <svg role="img" aria-label={`${title}. ${summary}`} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
          {ticks.map((v) => (
            <g key={v} className="chart-grid">
              <line x1={left} x2={width - right} y1={y(v)} y2={y(v)} />
              <text x={left - 8} y={y(v)} dy="0.32em" textAnchor="end">
                {format.axis(v)}
              </text>
            </g>
          ))}
          {points.map((p, i) =>
            i % every === (points.length - 1) % every ? (
              <text key={p.label} className="chart-tick" x={center(i)} y={plotBottom + 18} textAnchor="middle">
                {tickText(p)}
              </text>
            ) : null,
          )}
          {bars.map((s, b) =>
            s.values.map((v, i) => {
              const x = center(i) - (barW * bars.length) / 2 + b * barW;
              const h = plotBottom - y(v);
              return (
                <rect key={`${s.key}-${i}`} className={`bar series-${s.key}`} x={x + 1} y={y(v)} width={Math.max(1, barW - 2)} height={h} data-value={v}>
                  <title>{`${points[i]?.label ?? ''} — ${s.name}: ${format.full(v)}`}</title>
                </rect>
              );
            }),
          )}
          {series
            .filter((s) => s.kind === 'line')
            .map((s) => (
              <g key={s.key} className={`line series-${s.key}`}>
                <polyline points={s.values.map((v, i) => `${center(i)},${y(v)}`).join(' ')} />
                {s.values.map((v, i) => (
                  <circle key={i} cx={center(i)} cy={y(v)} r={4} data-value={v}>
                    <title>{`${points[i]?.label ?? ''} — ${s.name}: ${format.full(v)}`}</title>
                  </circle>
                ))}
              </g>
            ))}
          <line className="chart-axis" x1={left} x2={width - right} y1={plotBottom} y2={plotBottom} />
        </svg>
      </div>
    </ChartFrame>
  );
}

function Legend({ series }: { series: TTimeSeries[] }) {
  return (
    <ul className="plain chart-legend" aria-hidden="true">
      {series.map((s) => (
        <li key={s.key}>
          <span className={`swatch ${s.kind} series-${s.key}`} />
          {s.name}
        </li>
      ))}
    </ul>
  );
}

export interface TRankRow {
  key: string;
  label: string;
  value: number;
  /** The drill-down of this bar's figure. */
  href: string;
}

/** One row's height, the same in the names' column (links) and in the drawing. */
const ROW = 40;

/**
 * Horizontal bars, largest first: each name a link to the cases behind its figure, the bar and its
 * figure beside it. The names are HTML links, beside the drawing (not inside it: an image has no
 * links), so that a keyboard and a screen reader reach each one with its figure.
 */
export function RankChart(props: {
  title: string;
  summary: string;
  nameHeader: string;
  valueHeader: string;
  rows: TRankRow[];
  format: TChartFormat;
  empty: string;
  linkHint: string;
  testId?: string;
}) {
  const { title, rows, format } = props;
  const [box, width] = useWidth(480);
  const max = Math.max(0, ...rows.map((r) => r.value));
  const ticks = niceTicks(max, 4);
  const top = ticks[ticks.length - 1]!;
  const valueW = Math.max(...rows.map((r) => charsWide(format.axis(r.value))), 30) + 12;
  const plotW = Math.max(40, width - valueW - 8);
  const height = Math.max(1, rows.length) * ROW + 26;
  const x = (v: number): number => 4 + (v / top) * plotW;
  return (
    <ChartFrame
      title={title}
      testId={props.testId}
      table={
        <div className="visually-hidden">
          <table>
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{props.nameHeader}</th>
                <th scope="col">{props.valueHeader}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.label}</th>
                  <td>{format.full(r.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      }
    >
      {rows.length === 0 ? (
        <p className="muted chart-empty">{props.empty}</p>
      ) : (
        <div className="rank" style={{ height }}>
          <ol className="plain rank-names">
            {rows.map((r) => (
              <li key={r.key} style={{ height: ROW }}>
                <Link to={r.href} data-testid="rank-link" data-group={r.key} title={r.label}>
                  {r.label}
                  <span className="visually-hidden">
                    : {format.full(r.value)} — {props.linkHint}
                  </span>
                </Link>
              </li>
            ))}
          </ol>
          <div className="chart-plot" ref={box}>
            <svg role="img" aria-label={`${title}. ${props.summary}`} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
              {ticks.map((v) => (
                <g key={v} className="chart-grid">
                  <line x1={x(v)} x2={x(v)} y1={0} y2={rows.length * ROW} />
                  <text x={x(v)} y={rows.length * ROW + 18} textAnchor={v === 0 ? 'start' : 'middle'}>
                    {format.axis(v)}
                  </text>
                </g>
              ))}
              {rows.map((r, i) => (
                <g key={r.key}>
                  <rect className="bar series-rank" x={x(0)} y={i * ROW + 9} width={Math.max(r.value ? 2 : 0, x(r.value) - x(0))} height={ROW - 18} data-value={r.value}>
                    <title>{`${r.label}: ${format.full(r.value)}`}</title>
                  </rect>
                  <text className="rank-value" x={x(r.value) + 6} y={i * ROW + ROW / 2} dy="0.32em">
                    {format.axis(r.value)}
                  </text>
                </g>
              ))}
            </svg>
          </div>
        </div>
      )}
    </ChartFrame>
  );
}
