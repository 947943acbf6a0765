/**
 * A procedure definition edited as forms: the procedure's title and start steps, then each step —
 * its roles, outcomes and the steps they open, its deadline (amount, unit, what it counts from,
 * legal basis, hard or not) and its form fields. What the forms do not edit (deadline variants,
 * escalation ladders, guards, enum options…) is kept as it is and said so; the JSON view edits it.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { tx } from '../i18n.js';
import { ClockIcon } from './ProcedureDiagram.js';
import { CheckboxGroup, CheckboxInput, IssuesAt, NumberInput, SelectInput, TextInput, useIssuesAt } from './inputs.js';
import { STAFF_ROLES } from '../../../domain/roles.js';
import {
  ANCHOR_KINDS,
  DEADLINE_UNITS,
  domIdOf,
  FIELD_TYPES,
  newStep,
  withAnchorKind,
  type TAnchorKind,
  type TDefinition,
  type TDefinitionIssue,
  type TFieldDef,
  type TOutcomeDef,
  type TStepDef,
} from './model.js';

export function DefinitionForm({ def, onChange, readOnly, issues }: { def: TDefinition; onChange: (d: TDefinition) => void; readOnly: boolean; issues: TDefinitionIssue[] }) {
  const { t } = useTranslation('admin');
  const set = (patch: Partial<TDefinition>): void => onChange({ ...def, ...patch });
  const setStep = (i: number, s: TStepDef): void => set({ steps: def.steps.map((x, k) => (k === i ? s : x)) });
  const stepIds = def.steps.map((s) => s.id);
  return (
    <fieldset className="definition-form" disabled={readOnly}>
      <legend className="visually-hidden">{t('editor.formsLegend')}</legend>
      <section className="card" aria-labelledby="pe-general-title" id={domIdOf('')} tabIndex={-1}>
        <h3 id="pe-general-title">{t('editor.general')}</h3>
        <IssuesAt path="" reserve={false} />
        <div className="form-grid aligned">
          <TextInput path="title.vi" label={t('editor.titleVi')} value={def.title.vi} onChange={(v) => set({ title: { ...def.title, vi: v } })} required />
          <TextInput path="title.en" label={t('editor.titleEn')} value={def.title.en} onChange={(v) => set({ title: { ...def.title, en: v } })} required />
          <TextInput path="legalBasis" label={t('editor.legalBasis')} value={def.legalBasis ?? ''} onChange={(v) => set({ legalBasis: v || undefined })} wide />
          <TextInput path="description" label={t('editor.description')} value={def.description ?? ''} onChange={(v) => set({ description: v || undefined })} wide multiline />
          <CheckboxGroup path="start" legend={t('editor.start')} options={stepIds.map((id) => ({ value: id, label: id }))} value={def.start} onChange={(start) => set({ start })} />
        </div>
        {def.events.length > 0 && (
          <p className="small muted">
            {t('editor.events')}: {def.events.map((e) => e.id).join(', ')} — {t('editor.inJson')}
          </p>
        )}
      </section>
      {def.steps.map((s, i) => (
        <StepEditor
          key={i}
          index={i}
          step={s}
          def={def}
          issueCount={issues.filter((x) => x.path === `steps[${i}]` || x.path.startsWith(`steps[${i}].`)).length}
          onChange={(next) => setStep(i, next)}
          onRemove={() => set({ steps: def.steps.filter((_, k) => k !== i), start: def.start.filter((id) => id !== s.id) })}
        />
      ))}
      {!readOnly && (
        <button type="button" className="button secondary" onClick={() => set({ steps: [...def.steps, newStep(def)] })}>
          {t('editor.addStep')}
        </button>
      )}
    </fieldset>
  );
}

function Group({ legend, children, path }: { legend: ReactNode; children: ReactNode; path?: string }) {
  return (
    <fieldset className="editor-group" {...(path ? { id: domIdOf(path), tabIndex: -1 } : {})}>
      <legend>{legend}</legend>
      {path && <IssuesAt path={path} reserve={false} />}
      {children}
    </fieldset>
  );
}

function StepEditor({
  index,
  step: s,
  def,
  issueCount,
  onChange,
  onRemove,
}: {
  index: number;
  step: TStepDef;
  def: TDefinition;
  issueCount: number;
  onChange: (s: TStepDef) => void;
  onRemove: () => void;
}) {
  const { t, i18n } = useTranslation('admin');
  const lang = i18n.language;
  const at = `steps[${index}]`;
  const set = (patch: Partial<TStepDef>): void => onChange({ ...s, ...patch });
  const stepIssues = useIssuesAt(at);
  const d = s.deadline;
  const setDeadline = (patch: Partial<NonNullable<TStepDef['deadline']>>): void => set({ deadline: { ...d!, ...patch } });
  const stepIds = def.steps.map((x) => x.id);
  const others = stepIds.filter((id) => id !== s.id);
  const anchorStep = d?.anchor.stepId ? def.steps.find((x) => x.id === d.anchor.stepId) : undefined;
  const dateFields = (anchorStep?.form.fields ?? []).filter((f) => f.type === 'date').map((f) => f.key);
  const withCurrent = (list: string[], current: string | undefined): string[] => (current && !list.includes(current) ? [...list, current] : list);
  return (
    <details className="card step-editor" id={domIdOf(at)} data-testid="step-editor" data-step={s.id}>
      <summary>
        <span className="step-id">{s.id}</span> <span className="label">{tx(s.title, lang)}</span>
        {d && (
          <span className="small muted">
            {' '}
            · <ClockIcon /> {t(`translation:units.${d.unit}`, { count: d.amount })}
          </span>
        )}
        {issueCount > 0 && <span className="badge issue-badge">{t('editor.issueCount', { count: issueCount })}</span>}
      </summary>
      {stepIssues.length > 0 && <IssuesAt path={at} reserve={false} />}
      <div className="form-grid aligned">
        <TextInput path={`${at}.id`} label={t('editor.stepId')} value={s.id} onChange={(v) => set({ id: v })} required mono />
        <TextInput path={`${at}.title.vi`} label={t('editor.titleVi')} value={s.title.vi} onChange={(v) => set({ title: { ...s.title, vi: v } })} required />
        <TextInput path={`${at}.title.en`} label={t('editor.titleEn')} value={s.title.en} onChange={(v) => set({ title: { ...s.title, en: v } })} required />
        <TextInput path={`${at}.legalBasis`} label={t('editor.legalBasis')} value={s.legalBasis ?? ''} onChange={(v) => set({ legalBasis: v || undefined })} />
        <CheckboxGroup
          path={`${at}.roles`}
          legend={t('editor.roles')}
          options={STAFF_ROLES.map((r) => ({ value: r, label: t(`translation:roles.${r}`) }))}
          value={s.roles}
          onChange={(roles) => set({ roles })}
        />
        <CheckboxInput path={`${at}.requiresEvidence`} label={t('editor.requiresEvidence')} checked={!!s.requiresEvidence} onChange={(v) => set({ requiresEvidence: v || undefined })} />
      </div>
      {s.subProcedure && <p className="notice small">{t('editor.subProcedure', { id: s.subProcedure.procedureId })}</p>}
      {(s.extension || s.pause || s.guard || s.joinOf) && (
        <p className="small muted">
          {t('editor.keptParts', {
            parts: (['extension', 'pause', 'guard', 'joinOf'] as const)
              .filter((k) => s[k] !== undefined)
              .map((k) => t(`diff.lines.${k}`))
              .join(', '),
          })}
        </p>
      )}

      <Group legend={t('editor.deadline')} path={`${at}.deadline`}>
        <CheckboxInput
          path={`${at}.hasDeadline`}
          label={t('editor.hasDeadline')}
          checked={!!d}
          onChange={(v) => set({ deadline: v ? { amount: 1, unit: 'working_days', anchor: { kind: 'STEP_OPENED' }, legalBasis: '' } : undefined })}
        />
        {d && (
          <>
            <div className="form-grid aligned">
              <NumberInput
                path={`${at}.deadline.amount`}
                label={t('editor.amount')}
                value={d.amount}
                min={1}
                onChange={(v) => setDeadline({ amount: v ?? 0 })}
                required
                help={d.amountParam ? t('editor.amountParam', { param: d.amountParam }) : undefined}
              />
              <SelectInput
                path={`${at}.deadline.unit`}
                label={t('editor.unit')}
                value={d.unit}
                onChange={(v) => setDeadline({ unit: v })}
                options={DEADLINE_UNITS.map((u) => ({ value: u, label: t(`unitNames.${u}`) }))}
              />
              <SelectInput
                path={`${at}.deadline.anchor`}
                label={t('editor.anchor')}
                value={d.anchor.kind}
                onChange={(v) => setDeadline({ anchor: withAnchorKind(d.anchor, v as TAnchorKind, others[0] ?? s.id) })}
                options={ANCHOR_KINDS.map((k) => ({ value: k, label: t(`anchors.${k}`) }))}
              />
              {(d.anchor.kind === 'STEP_COMPLETED' || d.anchor.kind === 'STEP_DUE' || d.anchor.kind === 'FIELD_DATE') && (
                <SelectInput
                  path={`${at}.deadline.anchor.stepId`}
                  label={t('editor.anchorStep')}
                  value={d.anchor.stepId ?? ''}
                  onChange={(v) => setDeadline({ anchor: { ...d.anchor, stepId: v } })}
                  options={withCurrent(stepIds, d.anchor.stepId).map((id) => ({ value: id, label: id }))}
                />
              )}
              {d.anchor.kind === 'FIELD_DATE' && (
                <SelectInput
                  path={`${at}.deadline.anchor.field`}
                  label={t('editor.anchorField')}
                  value={d.anchor.field ?? ''}
                  onChange={(v) => setDeadline({ anchor: { ...d.anchor, field: v } })}
                  options={[{ value: '', label: t('editor.choose') }, ...withCurrent(dateFields, d.anchor.field || undefined).map((k) => ({ value: k, label: k }))]}
                />
              )}
              {d.anchor.kind === 'FACT_DATE' && (
                <SelectInput
                  path={`${at}.deadline.anchor.fact`}
                  label={t('editor.anchorFact')}
                  value={d.anchor.fact ?? ''}
                  onChange={(v) => setDeadline({ anchor: { ...d.anchor, fact: v } })}
                  options={[
                    { value: '', label: t('editor.choose') },
                    ...withCurrent(
                      (def.facts ?? []).filter((f) => f.type === 'date').map((f) => f.key),
                      d.anchor.fact || undefined,
                    ).map((k) => ({ value: k, label: k })),
                  ]}
                />
              )}
              {d.anchor.kind === 'EVENT' && (
                <SelectInput
                  path={`${at}.deadline.anchor.event`}
                  label={t('editor.anchorEvent')}
                  value={d.anchor.event ?? ''}
                  onChange={(v) => setDeadline({ anchor: { ...d.anchor, event: v } })}
                  options={[
                    { value: '', label: t('editor.choose') },
                    ...withCurrent(
                      def.events.map((e) => e.id),
                      d.anchor.event || undefined,
                    ).map((k) => ({ value: k, label: k })),
                  ]}
                />
              )}
              <TextInput path={`${at}.deadline.legalBasis`} label={t('editor.deadlineBasis')} value={d.legalBasis} onChange={(v) => setDeadline({ legalBasis: v })} required wide />
              <CheckboxInput path={`${at}.deadline.hard`} label={t('editor.hard')} checked={!!d.hard} onChange={(v) => setDeadline({ hard: v || undefined })} />
            </div>
            {(d.variants?.length || d.escalation?.length) && (
              <p className="small muted">
                {t('editor.keptParts', {
                  parts: [d.variants?.length ? t('editor.variantsKept', { count: d.variants.length }) : '', d.escalation?.length ? t('editor.ladderKept', { count: d.escalation.length }) : '']
                    .filter(Boolean)
                    .join(', '),
                })}
              </p>
            )}
          </>
        )}
      </Group>

      <Group legend={t('editor.outcomes')}>
        {s.outcomes.map((o, k) => (
          <OutcomeEditor
            key={k}
            path={`${at}.outcomes[${k}]`}
            outcome={o}
            stepIds={stepIds}
            onChange={(next) => set({ outcomes: s.outcomes.map((x, j) => (j === k ? next : x)) })}
            onRemove={s.outcomes.length > 1 ? () => set({ outcomes: s.outcomes.filter((_, j) => j !== k) }) : undefined}
          />
        ))}
        <button
          type="button"
          className="button subtle"
          onClick={() => set({ outcomes: [...s.outcomes, { id: `OUTCOME_${s.outcomes.length + 1}`, title: { vi: 'Kết quả mới', en: 'New outcome' }, next: [] }] })}
        >
          {t('editor.addOutcome')}
        </button>
      </Group>

      <Group legend={t('editor.fields')}>
        {s.form.fields.length === 0 && <p className="small muted">{t('editor.noFields')}</p>}
        {s.form.fields.map((f, k) => (
          <FieldEditor
            key={k}
            path={`${at}.form.fields[${k}]`}
            field={f}
            onChange={(next) => set({ form: { ...s.form, fields: s.form.fields.map((x, j) => (j === k ? next : x)) } })}
            onRemove={() => set({ form: { ...s.form, fields: s.form.fields.filter((_, j) => j !== k) } })}
          />
        ))}
        <button
          type="button"
          className="button subtle"
          onClick={() => set({ form: { ...s.form, fields: [...s.form.fields, { key: `field${s.form.fields.length + 1}`, type: 'text', label: { vi: 'Trường mới', en: 'New field' } }] } })}
        >
          {t('editor.addField')}
        </button>
      </Group>
      <div className="form-actions">
        <button type="button" className="button subtle danger" onClick={onRemove}>
          {t('editor.removeStep', { id: s.id })}
        </button>
      </div>
    </details>
  );
}

function OutcomeEditor({ path, outcome: o, stepIds, onChange, onRemove }: { path: string; outcome: TOutcomeDef; stepIds: string[]; onChange: (o: TOutcomeDef) => void; onRemove?: () => void }) {
  const { t } = useTranslation('admin');
  const set = (patch: Partial<TOutcomeDef>): void => onChange({ ...o, ...patch });
  return (
    <div className="sub-row" id={domIdOf(path)} tabIndex={-1} data-testid="outcome-editor" data-outcome={o.id}>
      <IssuesAt path={path} reserve={false} />
      <div className="form-grid aligned">
        <TextInput path={`${path}.id`} label={t('editor.outcomeId')} value={o.id} onChange={(v) => set({ id: v })} required mono />
        <TextInput path={`${path}.title.vi`} label={t('editor.titleVi')} value={o.title.vi} onChange={(v) => set({ title: { ...o.title, vi: v } })} required />
        <TextInput path={`${path}.title.en`} label={t('editor.titleEn')} value={o.title.en} onChange={(v) => set({ title: { ...o.title, en: v } })} required />
        <NextSteps path={`${path}.next`} value={o.next} stepIds={stepIds} onChange={(next) => set({ next })} />
        <TextInput path={`${path}.legalBasis`} label={t('editor.legalBasis')} value={o.legalBasis ?? ''} onChange={(v) => set({ legalBasis: v || undefined })} />
        <CheckboxInput path={`${path}.closesCase`} label={t('editor.closesCase')} checked={!!o.closesCase} onChange={(v) => set({ closesCase: v || undefined })} />
      </div>
      {o.requires !== undefined && <p className="small muted">{t('editor.requiresKept')}</p>}
      {onRemove && (
        <button type="button" className="button subtle danger" onClick={onRemove}>
          {t('editor.removeOutcome', { id: o.id })}
        </button>
      )}
    </div>
  );
}

/** The steps an outcome opens: each removable, others added from a list. */
function NextSteps({ path, value, stepIds, onChange }: { path: string; value: string[]; stepIds: string[]; onChange: (v: string[]) => void }) {
  const { t } = useTranslation('admin');
  const id = domIdOf(path);
  const invalid = useIssuesAt(path).length > 0;
  const left = stepIds.filter((s) => !value.includes(s));
  return (
    <div className="field next-steps">
      <div className="field-head">
        <span className="field-label" id={`${id}-label`}>
          {t('editor.next')}
        </span>
        <ul className="plain chips" aria-labelledby={`${id}-label`}>
          {value.length === 0 && <li className="muted small">{t('editor.nextNone')}</li>}
          {value.map((n) => (
            <li key={n} className={`chip ${stepIds.includes(n) ? '' : 'unknown'}`}>
              {n}
              <button type="button" aria-label={t('editor.removeNext', { id: n })} onClick={() => onChange(value.filter((x) => x !== n))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      </div>
      <select
        id={id}
        aria-label={t('editor.addNext')}
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-issues`}
        value=""
        onChange={(e) => {
          if (e.target.value) onChange([...value, e.target.value]);
        }}
      >
        <option value="">{t('editor.addNext')}</option>
        {left.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <IssuesAt path={path} id={`${id}-issues`} />
    </div>
  );
}

function FieldEditor({ path, field: f, onChange, onRemove }: { path: string; field: TFieldDef; onChange: (f: TFieldDef) => void; onRemove: () => void }) {
  const { t } = useTranslation('admin');
  const set = (patch: Partial<TFieldDef>): void => onChange({ ...f, ...patch });
  const extra = Object.keys(f).filter((k) => !['key', 'type', 'label', 'required'].includes(k));
  return (
    <div className="sub-row field-row" id={domIdOf(path)} tabIndex={-1} data-testid="field-editor" data-field={f.key}>
      <IssuesAt path={path} reserve={false} />
      <div className="form-grid aligned">
        <TextInput path={`${path}.key`} label={t('editor.fieldKey')} value={f.key} onChange={(v) => set({ key: v })} required mono />
        <SelectInput
          path={`${path}.type`}
          label={t('editor.fieldType')}
          value={f.type}
          onChange={(v) => set({ type: v })}
          options={withType(f.type).map((x) => ({ value: x, label: t(`fieldTypes.${x}`, { defaultValue: x }) }))}
        />
        <TextInput path={`${path}.label.vi`} label={t('editor.labelVi')} value={f.label.vi} onChange={(v) => set({ label: { ...f.label, vi: v } })} required />
        <TextInput path={`${path}.label.en`} label={t('editor.labelEn')} value={f.label.en} onChange={(v) => set({ label: { ...f.label, en: v } })} required />
        <CheckboxInput path={`${path}.required`} label={t('editor.fieldRequired')} checked={!!f.required} onChange={(v) => set({ required: v || undefined })} />
      </div>
      {extra.length > 0 && <p className="small muted">{t('editor.fieldKept', { parts: extra.join(', ') })}</p>}
      <button type="button" className="button subtle danger" onClick={onRemove}>
        {t('editor.removeField', { key: f.key })}
      </button>
    </div>
  );
}

function withType(type: string): string[] {
  return (FIELD_TYPES as readonly string[]).includes(type) ? [...FIELD_TYPES] : [...FIELD_TYPES, type];
}
