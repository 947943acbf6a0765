/**
 * The procedure the chaos script drives its cases through, published through the API by the national
 * administrator (`quocgia.thu`: a national procedure, opened by the units' team leads)
 * before the first round: a short inspection with a decision, an on-site step whose one-hour
 * deadline warns twice within its first 20 seconds (so that durable timers fire while components
 * are killed), a violation branch that runs a seizure as a sub-case beside the violation record, and a
 * join that closes the case. The deadlines are real (the legal calendar, working days and hours).
 */
import type { TProcedureInput } from '../../domain/procedure.js';
import { validateDefinition } from '../../domain/procedure-validate.js';

export const CHAOS_PROCEDURE_ID = 'chaos-inspection';
const CHAOS_SUB_PROCEDURE_ID = 'chaos-seizure';

const t = (vi: string, en: string): { vi: string; en: string } => ({ vi, en });
const BASIS = 'Chaos test procedure (not law)';

function chaosSeizureProcedure(): TProcedureInput {
  return {
    id: CHAOS_SUB_PROCEDURE_ID,
    version: 1,
    kind: 'SEIZURE',
    title: t('Tạm giữ (kiểm thử hỗn loạn)', 'Seizure (chaos test)'),
    legalBasis: BASIS,
    start: ['D1'],
    steps: [
      {
        id: 'D1',
        title: t('Xử lý tang vật', 'Handle the seized goods'),
        roles: ['INSPECTOR'],
        legalBasis: BASIS,
        form: { fields: [{ key: 'handledOn', type: 'date', label: t('Ngày xử lý', 'Handled on'), required: true, notInFuture: true }] },
        deadline: { amount: 10, unit: 'working_days', anchor: { kind: 'CASE_START' }, legalBasis: `${BASIS}: 10 working days` },
        outcomes: [
          { id: 'RELEASED', title: t('Trả lại', 'Released'), next: [] },
          { id: 'CONFISCATED', title: t('Tịch thu', 'Confiscated'), next: [] },
        ],
      },
    ],
  };
}

function chaosInspectionProcedure(): TProcedureInput {
  return {
    id: CHAOS_PROCEDURE_ID,
    version: 1,
    kind: 'TEST',
    title: t('Kiểm tra (kiểm thử hỗn loạn)', 'Inspection (chaos test)'),
    legalBasis: BASIS,
    start: ['C1'],
    steps: [
      {
        id: 'C1',
        title: t('Quyết định kiểm tra', 'Decision to inspect'),
        roles: ['TEAM_LEAD', 'DIRECTOR'],
        legalBasis: BASIS,
        form: {
          fields: [
            { key: 'decisionNo', type: 'text', label: t('Số quyết định', 'Decision number'), required: true, maxLength: 50 },
            { key: 'decisionDate', type: 'date', label: t('Ngày quyết định', 'Decision date'), required: true, notInFuture: true },
          ],
        },
        deadline: { amount: 5, unit: 'working_days', anchor: { kind: 'CASE_START' }, legalBasis: `${BASIS}: 5 working days` },
        outcomes: [{ id: 'DECIDED', title: t('Đã quyết định', 'Decided'), next: ['C2'] }],
      },
      {
        id: 'C2',
        title: t('Kiểm tra tại chỗ', 'On-site inspection'),
        roles: ['INSPECTOR'],
        legalBasis: BASIS,
        form: { fields: [{ key: 'findings', type: 'text', label: t('Kết quả', 'Findings'), required: true, maxLength: 2000 }] },
        // One hour; warnings at 0.2 % (7.2 s) and 0.5 % (18 s): durable timers that fire while components are killed.
        deadline: {
          amount: 1,
          unit: 'hours',
          anchor: { kind: 'STEP_OPENED' },
          legalBasis: `${BASIS}: 1 hour`,
          escalation: [
            { at: { kind: 'SHARE', share: 0.002 }, action: 'WARN', toRole: 'INSPECTOR' },
            { at: { kind: 'SHARE', share: 0.005 }, action: 'WARN', toRole: 'TEAM_LEAD' },
            { at: { kind: 'BREACH' }, action: 'ESCALATE', toRole: 'TEAM_LEAD' },
          ],
        },
        outcomes: [
          { id: 'NO_VIOLATION', title: t('Không vi phạm', 'No violation'), next: ['C4'] },
          { id: 'VIOLATION', title: t('Có vi phạm', 'Violation'), next: ['C3', 'S1'] },
        ],
      },
      {
        id: 'C3',
        title: t('Lập biên bản vi phạm', 'Violation record'),
        roles: ['INSPECTOR'],
        legalBasis: BASIS,
        form: { fields: [{ key: 'fineAmount', type: 'money', label: t('Số tiền phạt', 'Fine'), required: true, min: 0 }] },
        deadline: { amount: 7, unit: 'working_days', anchor: { kind: 'STEP_OPENED' }, legalBasis: `${BASIS}: 7 working days` },
        outcomes: [{ id: 'RECORDED', title: t('Đã lập', 'Recorded'), next: ['C4'] }],
      },
      {
        id: 'S1',
        title: t('Tạm giữ tang vật', 'Seizure'),
        roles: ['SYSTEM'],
        legalBasis: BASIS,
        subProcedure: { procedureId: CHAOS_SUB_PROCEDURE_ID, version: 1 },
        outcomes: [
          { id: 'RELEASED', title: t('Trả lại', 'Released'), next: ['C4'] },
          { id: 'CONFISCATED', title: t('Tịch thu', 'Confiscated'), next: ['C4'] },
        ],
      },
      {
        id: 'C4',
        title: t('Kết luận', 'Conclusion'),
        roles: ['DIRECTOR'],
        legalBasis: BASIS,
        joinOf: ['C3', 'S1'],
        form: { fields: [{ key: 'conclusion', type: 'text', label: t('Kết luận', 'Conclusion'), required: true, maxLength: 2000 }] },
        deadline: { amount: 10, unit: 'working_days', anchor: { kind: 'STEP_OPENED' }, legalBasis: `${BASIS}: 10 working days` },
        outcomes: [{ id: 'CONCLUDED', title: t('Đã kết luận', 'Concluded'), next: [] }],
      },
    ],
  };
}

/** The two definitions, sub-procedure first (the inspection pins it); each checked as the server will. */
export function chaosProcedures(): TProcedureInput[] {
  const defs = [chaosSeizureProcedure(), chaosInspectionProcedure()];
  for (const d of defs) {
    const r = validateDefinition(d);
    if (!r.ok) throw new Error(`the chaos procedure ${d.id} is invalid: ${JSON.stringify(r.issues)}`);
  }
  return defs;
}
