/**
 * A procedure drawn as a layered graph: the start, each step (its id, deadline and title), the
 * transitions its outcomes open (labelled with the outcome when a step has several), and the end.
 * The layout is dagre's (layered, few crossings); the drawing is plain SVG. Each step is a link to
 * its part of the form. Steps added or changed since the version compared with are marked.
 */
import { graphlib, layout as dagreLayout } from '@dagrejs/dagre';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { tx } from '../i18n.js';
import { domIdOf, END_NODE, procedureGraph, START_NODE, wrapText, type TDefinition } from './model.js';

const NODE_W = 196;
const NODE_H = 64;
const TERMINAL = 34;
const LABEL_CHARS = 22;

interface TPlaced {
  id: string;
  x: number;
  y: number;
}

export function ProcedureDiagram({ def, added = [], changed = [], onOpenStep }: { def: TDefinition; added?: string[]; changed?: string[]; onOpenStep?: (stepId: string) => void }) {
  const { t, i18n } = useTranslation('admin');
  const lang = i18n.language;
  const layout = useMemo(() => {
    const g = new graphlib.Graph({ multigraph: false });
    g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 46, edgesep: 12, marginx: 8, marginy: 8 });
    g.setDefaultEdgeLabel(() => ({}));
    const { edges, hasEnd } = procedureGraph(def);
    g.setNode(START_NODE, { width: TERMINAL * 2.6, height: TERMINAL });
    for (const s of def.steps) g.setNode(s.id, { width: NODE_W, height: NODE_H });
    if (hasEnd) g.setNode(END_NODE, { width: TERMINAL * 2.6, height: TERMINAL });
    const several = new Set(def.steps.filter((s) => s.outcomes.length > 1).map((s) => s.id));
    for (const e of edges) {
      const label = several.has(e.from) ? e.outcomes.map((o) => tx(o.title, lang)).join(' / ') : '';
      const lines = label ? wrapText(label, LABEL_CHARS, 2) : [];
      g.setEdge(e.from, e.to, { lines, width: lines.length ? Math.max(...lines.map((l) => l.length)) * 6.2 + 8 : 0, height: lines.length * 14, labelpos: 'c', full: label });
    }
    dagreLayout(g);
    const graph = g.graph();
    const nodes = g.nodes().map((id) => {
      const n = g.node(id);
      return { id, x: n.x, y: n.y } satisfies TPlaced;
    });
    const lines = g.edges().map((e) => {
      const d = g.edge(e) as { points: { x: number; y: number }[]; lines: string[]; x?: number; y?: number; full: string };
      return { from: e.v, to: e.w, points: d.points, lines: d.lines, x: d.x, y: d.y, full: d.full };
    });
    return { width: Math.ceil(graph.width ?? 0), height: Math.ceil(graph.height ?? 0), nodes, lines };
  }, [def, lang]);

  const stepOf = new Map(def.steps.map((s, i) => [s.id, { s, i }]));
  const deadlineOf = (id: string): string => {
    const d = stepOf.get(id)?.s.deadline;
    return d ? t(`translation:units.${d.unit}`, { count: d.amount }) : '';
  };

  return (
    <figure className="diagram" data-testid="procedure-diagram">
      <svg width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`} role="group" aria-label={t('diagram.label', { title: tx(def.title, lang) })}>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#4a5866" />
          </marker>
        </defs>
        {layout.lines.map((l) => (
          <g key={`${l.from}-${l.to}`} className="edge" aria-hidden="true">
            <path d={l.points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')} markerEnd="url(#arrow)" />
            {l.lines.length > 0 && l.x !== undefined && l.y !== undefined && (
              <text x={l.x} y={l.y - (l.lines.length - 1) * 7 + 4} className="edge-label">
                <title>{l.full}</title>
                {l.lines.map((line, i) => (
                  <tspan key={i} x={l.x} dy={i ? 14 : 0}>
                    {line}
                  </tspan>
                ))}
              </text>
            )}
          </g>
        ))}
        {layout.nodes.map((n) => {
          if (n.id === START_NODE || n.id === END_NODE) {
            return (
              <g key={n.id} className={`terminal ${n.id === START_NODE ? 'start' : 'end'}`} transform={`translate(${n.x},${n.y})`}>
                <rect x={-TERMINAL * 1.3} y={-TERMINAL / 2} width={TERMINAL * 2.6} height={TERMINAL} rx={TERMINAL / 2} />
                <text y={5}>{n.id === START_NODE ? t('diagram.start') : t('diagram.end')}</text>
              </g>
            );
          }
          const entry = stepOf.get(n.id);
          if (!entry) return null;
          const { s, i } = entry;
          const mark = added.includes(s.id) ? 'added' : changed.includes(s.id) ? 'changed' : '';
          const title = wrapText(tx(s.title, lang), 27, 2);
          const name = `${s.id} ${tx(s.title, lang)}${deadlineOf(s.id) ? `, ${t('diagram.deadline', { amount: deadlineOf(s.id) })}` : ''}${mark ? ` (${t(`diagram.${mark}`)})` : ''}`;
          return (
            <a
              key={n.id}
              href={`#${domIdOf(`steps[${i}]`)}`}
              data-testid="diagram-step"
              data-step={s.id}
              data-mark={mark || undefined}
              onClick={(e) => {
                if (!onOpenStep) return;
                e.preventDefault();
                onOpenStep(s.id);
              }}
            >
              {/* The full name (titles are cut to fit the box); the box's own text is not read twice. */}
              <title>{name}</title>
              <g className={`node ${s.subProcedure ? 'sub' : ''} ${mark}`} transform={`translate(${n.x - NODE_W / 2},${n.y - NODE_H / 2})`} aria-hidden="true">
                <rect width={NODE_W} height={NODE_H} rx={6} />
                <text x={8} y={17} className="node-id">
                  {s.id}
                </text>
                {s.deadline && (
                  <>
                    <g transform="translate(44,7)">
                      <ClockShape />
                    </g>
                    <text x={60} y={17} className="node-deadline">
                      {deadlineOf(s.id)}
                    </text>
                  </>
                )}
                {title.map((line, k) => (
                  <text key={k} x={8} y={35 + k * 16} className="node-title">
                    {line}
                  </text>
                ))}
              </g>
            </a>
          );
        })}
      </svg>
      <figcaption className="diagram-legend small muted">
        {t('diagram.legendArrows')}{' '}
        <span className="nowrap">
          <ClockIcon /> {t('diagram.legendDeadline')}
        </span>{' '}
        {t('diagram.legendSub')}
        {(added.length > 0 || changed.length > 0) && (
          <>
            {' '}
            <span className="legend-swatch added" aria-hidden="true" /> {t('diagram.added')} <span className="legend-swatch changed" aria-hidden="true" /> {t('diagram.changed')}
          </>
        )}
      </figcaption>
    </figure>
  );
}

/** A clock (no emoji font is needed): the sign of a deadline. */
function ClockShape() {
  return (
    <g className="clock">
      <circle cx="6" cy="6" r="5.2" />
      <path d="M6 3v3.2l2.2 1.4" />
    </g>
  );
}

/** The clock inline in text. */
export function ClockIcon() {
  return (
    <svg className="clock-icon" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
      <ClockShape />
    </svg>
  );
}
