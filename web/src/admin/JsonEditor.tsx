/**
 * The whole definition as JSON, for power users: what is typed replaces the working copy as soon as
 * it parses; until then the problem (line and column) is shown and nothing is lost.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TDefinition } from './model.js';

/** Where JSON.parse stopped, as line and column (Chromium says "at position N"; others say line/column). */
function parseProblem(text: string, err: Error): { line?: number; column?: number; message: string } {
  const lc = /line (\d+) column (\d+)/.exec(err.message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]), message: err.message };
  const pos = /position (\d+)/.exec(err.message);
  if (!pos) return { message: err.message };
  const before = text.slice(0, Number(pos[1]));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1, message: err.message };
}

export function JsonEditor({ def, onChange, readOnly }: { def: TDefinition; onChange: (d: TDefinition) => void; readOnly: boolean }) {
  const { t } = useTranslation('admin');
  const pretty = JSON.stringify(def, null, 2);
  const [text, setText] = useState(pretty);
  const [problem, setProblem] = useState<{ line?: number; column?: number; message: string }>();
  // A change made in the forms shows here when the text in the box is the previous valid one.
  const [lastValid, setLastValid] = useState(pretty);
  if (!problem && pretty !== lastValid) {
    setLastValid(pretty);
    setText(pretty);
  }
  function change(value: string): void {
    setText(value);
    try {
      const parsed = JSON.parse(value) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(t('json.notObject'));
      setProblem(undefined);
      const next = parsed as TDefinition;
      setLastValid(JSON.stringify(next, null, 2));
      onChange(next);
    } catch (err) {
      setProblem(parseProblem(value, err as Error));
    }
  }
  return (
    <div className="field json-editor">
      <label htmlFor="pe-json" className="field-label">
        {t('json.label')}
      </label>
      <p className="field-help" id="pe-json-help">
        {readOnly ? t('json.readOnly') : t('json.help')}
      </p>
      <textarea
        id="pe-json"
        className="mono"
        spellCheck={false}
        value={text}
        readOnly={readOnly}
        rows={28}
        aria-invalid={!!problem || undefined}
        aria-describedby="pe-json-help pe-json-problem"
        onChange={(e) => change(e.target.value)}
      />
      <p className="field-error" id="pe-json-problem" data-testid="json-problem">
        {problem ? (problem.line ? t('json.problemAt', { line: problem.line, column: problem.column, message: problem.message }) : t('json.problem', { message: problem.message })) : ''}
      </p>
    </div>
  );
}
