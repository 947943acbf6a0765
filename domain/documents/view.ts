/**
 * What a template is rendered from (domain/documents/fill.ts): the document's context turned into
 * words a paper prints. Each step's data sits under its step id (`B6.fineAmount`), with every
 * money value as `{figures, words, value}` ("15.500.000 đồng", "Mười lăm triệu năm trăm nghìn
 * đồng"), every date as `{vn, long, iso}` ("15/03/2026", "ngày 15 tháng 3 năm 2026"), every
 * choice as `{value, label, is}` (`is.FINE` true for a fine, for sections), every catalogue act
 * with its `reference` ("điểm c khoản 1 Điều 17"), every list item with its `stt` (1, 2, …). The
 * paths a template may use are `KNOWN_VIEW_PATHS`; a template naming another fails validation.
 */
import type { TField } from '../procedure.js';
import { VN_PROCEDURES } from '../procedures/index.js';
import { moneyFigures, moneyWords } from '../money-words.js';
import { actsSanctionableOn, limitationFrom } from '../violation-catalogue.js';
import type { TDocumentContext } from './context.js';
import { DOCUMENT_TYPE_INFO } from './catalogue.js';
import { issuerOf } from './issuer.js';
import { DOCUMENT_TYPES, type TDocumentType } from './types.js';

const DOCUMENT_TITLES = Object.fromEntries(DOCUMENT_TYPES.map((t) => [t, DOCUMENT_TYPE_INFO[t].title.vi])) as Record<TDocumentType, string>;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A date as papers print it. */
export function dateView(iso: string): { vn: string; long: string; iso: string } {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`not a date YYYY-MM-DD: ${iso}`);
  const [, y, mo, d] = m;
  return { vn: `${d}/${mo}/${y}`, long: `ngày ${d} tháng ${Number(mo)} năm ${y}`, iso };
}

const moneyView = (n: number) => ({ figures: moneyFigures(n), words: moneyWords(n), value: n });

/** "điểm c khoản 1 Điều 17", "khoản 2 Điều 17", "Điều 17". */
function provision(v: { article?: unknown; clause?: unknown; point?: unknown }): string {
  return [v.point ? `điểm ${String(v.point)}` : '', v.clause ? `khoản ${String(v.clause)}` : '', `Điều ${String(v.article)}`].filter(Boolean).join(' ');
}

/** The shipped steps' titles, for an extension decision ("Gia hạn thời hạn ra quyết định xử phạt…"). */
const STEP_TITLES: Record<string, string> = Object.fromEntries([...VN_PROCEDURES].sort((a, b) => a.version - b.version).flatMap((def) => def.steps.map((s) => [s.id, s.title.vi])));
const lowerFirst = (s: string) => `${s.charAt(0).toLocaleLowerCase('vi')}${s.slice(1)}`;

/** Fact keys read as money when the procedure declares them as plain numbers (`fineAmount`). */
const MONEY_FACT = /Amount$/;

type TFieldsByStep = Record<string, readonly TField[]>;

/** The forms of the shipped procedures by step id, a later version over an earlier one. */
function shippedFields(): TFieldsByStep {
  const byStep: Record<string, readonly TField[]> = {};
  for (const def of [...VN_PROCEDURES].sort((a, b) => a.version - b.version)) {
    for (const s of def.steps) if (s.form) byStep[s.id] = s.form.fields as TField[];
  }
  return byStep;
}
const SHIPPED = shippedFields();

function violationView(v: Record<string, unknown>) {
  return {
    ...v,
    reference: provision(v),
    bracketMin: typeof v.bracketMin === 'number' ? moneyView(v.bracketMin) : undefined,
    bracketMax: typeof v.bracketMax === 'number' ? moneyView(v.bracketMax) : undefined,
    bracketMid: typeof v.bracketMid === 'number' ? moneyView(v.bracketMid) : undefined,
  };
}

function valueView(value: unknown, f: TField | undefined): unknown {
  if (value === undefined || value === null) return undefined;
  if (f?.type === 'money' && typeof value === 'number') return moneyView(value);
  if (f?.type === 'date' && typeof value === 'string' && ISO_DATE.test(value)) return dateView(value);
  if (f?.type === 'enum' && typeof value === 'string') {
    const option = f.options.find((o) => o.value === value);
    return { value, label: option?.label.vi ?? value, is: { [value]: true } };
  }
  if (f?.type === 'violation' && typeof value === 'object') return violationView(value as Record<string, unknown>);
  if (f?.type === 'group' && Array.isArray(value)) return value.map((row, i) => ({ ...recordView(row as Record<string, unknown>, f.fields), stt: i + 1 }));
  if (f?.type === 'file') return undefined;
  if (typeof value === 'string' && ISO_DATE.test(value)) return dateView(value);
  return value;
}

function recordView(data: Record<string, unknown>, fields: readonly TField[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data))
    out[key] = valueView(
      value,
      fields?.find((f) => f.key === key),
    );
  return out;
}

/** The latest paper of each type, and for the penalty's record and decisions the form's own number and date when not issued by INS. */
function issuedView(ctx: TDocumentContext): Record<string, { number: string; date: ReturnType<typeof dateView> | undefined }> {
  const out: Record<string, { number: string; date: ReturnType<typeof dateView> | undefined }> = {};
  const fromStep = (type: TDocumentType, stepId: string, numberKey: string, dateKey: string) => {
    const data = ctx.steps[stepId];
    const n = data?.[numberKey];
    const d = data?.[dateKey];
    if (typeof n === 'string' && n !== '') out[type] = { number: n, date: typeof d === 'string' && ISO_DATE.test(d) ? dateView(d) : undefined };
  };
  fromStep('INSPECTION_DECISION', 'A5', 'decisionNo', 'decisionDate');
  fromStep('VIOLATION_RECORD', 'B1', 'recordNo', 'recordedAt');
  fromStep('SANCTION_DECISION', 'B6', 'decisionNo', 'decisionDate');
  fromStep('SANCTION_DECISION_NO_RECORD', 'N1', 'decisionNo', 'decisionDate');
  fromStep('SEIZURE_DECISION', 'D2', 'decisionNo', 'decisionDate');
  for (const doc of ctx.issued) out[doc.type] = { number: doc.number, date: dateView(doc.date) };
  return out;
}

/** Each decree the case's acts fall under, with its provisions, for the decisions' "Căn cứ" lines. */
function decreesView(steps: Record<string, unknown>): Array<{ decree: string; provisions: string }> {
  const acts: Array<Record<string, unknown>> = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.decree === 'string' && typeof o.article === 'number' && typeof o.code === 'string') acts.push(o);
      else Object.values(o).forEach(visit);
    }
  };
  visit(steps);
  const byDecree = new Map<string, string[]>();
  for (const a of acts) {
    const list = byDecree.get(a.decree as string) ?? [];
    const p = provision(a);
    if (!list.includes(p)) list.push(p);
    byDecree.set(a.decree as string, list);
  }
  return [...byDecree].map(([decree, provisions]) => ({ decree, provisions: provisions.join('; ') }));
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The party the paper is about, from the most specific source the case has: the violator named in
 * the record or the on-the-spot decision, else the case's business, else the inspected business.
 */
function partyView(ctx: TDocumentContext) {
  const s = ctx.steps;
  return {
    // The returned file's decision names the violator itself (the referral's F5, version 4 on).
    name: text(s.B1?.violatorName) ?? text(s.N1?.violatorName) ?? text(s.F5?.violatorName) ?? text(ctx.business?.name) ?? text(s.A5?.businessName),
    // What the record states first (penalty version 6 on), then the registry's, then the inspection's.
    address: text(s.B1?.violatorAddress) ?? text(s.F5?.violatorAddress) ?? text(ctx.business?.address) ?? text(s.A5?.address),
    identifier: text(s.B1?.partyIdentifier) ?? text(ctx.business?.taxCode) ?? text(s.A5?.taxCode),
    representative: text(s.B1?.violatorRepresentative) ?? text(ctx.business?.representative) ?? text(s.A7?.partyRepresentative),
  };
}

export interface TDocumentViewOptions {
  /** The forms of the case's procedure by step id (labels of choices, which fields are money or dates); the shipped procedures' by default. */
  fields?: TFieldsByStep | undefined;
  /** This paper's number and symbol, when it has them ("15/QĐ-XPHC"). */
  doc?: { number: string | null; symbol: string; title: string } | undefined;
}

/**
 * The steps a paper is rendered from. A sanction decision lists, and cites the decrees of, only the
 * acts of the record it sanctions: an act whose limitation period ended before the decision's date
 * may not be sanctioned (Art. 6, 65(1)(b); penalty version 8, docs/adr/0209). So does the decision on
 * a returned file, of the acts it names (referral version 5). A decision of measures only (Art. 65)
 * names every act they answer. The period counts again from the end of an evasion of the sanction,
 * stated in the record or, from penalty version 19, in the decision (docs/adr/0233).
 */
function sanctionedSteps(ctx: TDocumentContext): TDocumentContext['steps'] {
  // The returned file's decision names its acts itself (F5), held to their periods from the referral's version 5 (docs/adr/0216).
  const returned = ctx.type === 'RETURNED_SANCTION_DECISION' && ctx.outcome === 'RETURNED_AND_DECIDED' && ctx.procedureVersion >= 5;
  const stepId = returned ? 'F5' : 'B1';
  const record = ctx.steps[stepId];
  const decisionDate = returned ? record?.decisionDate : ctx.steps.B6?.decisionDate;
  if (!(returned || (ctx.type === 'SANCTION_DECISION' && ctx.outcome === 'DECIDED')) || !record || !Array.isArray(record.acts)) return ctx.steps;
  // Counted again from the end of an evasion after the record that the decision states (penalty version 19, docs/adr/0233).
  const decision = returned ? undefined : ctx.steps.B6;
  return { ...ctx.steps, [stepId]: { ...record, acts: actsSanctionableOn(record.acts, limitationFrom(record, decision), decisionDate) } };
}

/** The object a document's template is rendered from. */
export function documentView(ctx: TDocumentContext, opts: TDocumentViewOptions = {}): Record<string, unknown> {
  const fields = { ...SHIPPED, ...opts.fields };
  const sources = sanctionedSteps(ctx);
  const steps: Record<string, unknown> = {};
  for (const [stepId, data] of Object.entries(sources)) steps[stepId] = recordView(data, fields[stepId]);
  const facts: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(ctx.facts)) facts[key] = MONEY_FACT.test(key) && typeof value === 'number' ? moneyView(value) : valueView(value, undefined);
  return {
    ...steps,
    date: dateView(ctx.date),
    doc: opts.doc,
    case: { id: ctx.caseId, title: ctx.caseTitle },
    outcome: ctx.outcome,
    outcomeIs: ctx.outcome ? { [ctx.outcome]: true } : {},
    party: partyView(ctx),
    unit: ctx.unit,
    team: ctx.team,
    business: ctx.business,
    signer: {
      ...ctx.signer,
      ...issuerOf(ctx.unit, ctx.signer),
      // Only a deputy signs under a delegation; the decision giving it is cited in the bases (docs/adr/0197).
      delegation: ctx.signer.deputy && ctx.signer.delegation ? { number: ctx.signer.delegation.number, date: dateView(ctx.signer.delegation.date) } : undefined,
    },
    facts,
    issued: issuedView(ctx),
    decrees: decreesView(sources),
    extension: ctx.extension && {
      ...ctx.extension,
      stepTitle: STEP_TITLES[ctx.extension.stepId] ?? ctx.extension.stepId,
      what: lowerFirst(STEP_TITLES[ctx.extension.stepId] ?? ctx.extension.stepId),
      period: `${String(ctx.extension.amount).padStart(2, '0')} ${PERIOD_UNITS[ctx.extension.unit] ?? ctx.extension.unit}`,
      newDue: dateView(ctx.extension.newDue),
    },
    correction: ctx.correction && {
      ...ctx.correction,
      of: { ...ctx.correction.of, title: DOCUMENT_TITLES[ctx.correction.of.type], date: dateView(ctx.correction.of.date) },
      isCorrect: ctx.correction.kind === 'CORRECT',
      isReplace: ctx.correction.kind === 'REPLACE',
    },
  };
}

const PERIOD_UNITS: Record<string, string> = { days: 'ngày', working_days: 'ngày làm việc', months: 'tháng', hours: 'giờ' };

// ---------------------------------------------------------------------------------------------
// The paths a template may name

const DATE_LEAVES = ['vn', 'long', 'iso'];
const MONEY_LEAVES = ['figures', 'words', 'value'];

interface TKnownPaths {
  /** Every path a section, a condition or a repeat may name (objects and lists included). */
  all: Set<string>;
  /** The paths a `{{placeholder}}` may print. */
  leaves: Set<string>;
  /** The lists, whose items are `<path>[]`. */
  lists: Set<string>;
}

function addObject(k: TKnownPaths, base: string, leaves: readonly string[]) {
  k.all.add(base);
  for (const l of leaves) {
    k.all.add(`${base}.${l}`);
    k.leaves.add(`${base}.${l}`);
  }
}
function addLeaf(k: TKnownPaths, path: string) {
  k.all.add(path);
  k.leaves.add(path);
}
function addList(k: TKnownPaths, path: string) {
  k.all.add(path);
  k.lists.add(path);
  k.all.add(`${path}[]`);
}

function addField(k: TKnownPaths, base: string, f: TField) {
  const p = `${base}.${f.key}`;
  switch (f.type) {
    case 'money':
      return addObject(k, p, MONEY_LEAVES);
    case 'date':
      return addObject(k, p, DATE_LEAVES);
    case 'enum':
      addObject(k, p, ['value', 'label']);
      for (const o of f.options) addLeaf(k, `${p}.is.${o.value}`);
      return k.all.add(`${p}.is`);
    case 'group':
      addList(k, p);
      addLeaf(k, `${p}[].stt`);
      for (const sub of f.fields) addField(k, `${p}[]`, sub);
      return;
    case 'violation':
      addObject(k, p, ['code', 'decree', 'article', 'clause', 'point', 'descriptionVi', 'reference', 'offender', 'limitationYears', 'warningPossible', 'toConfirm']);
      for (const m of ['bracketMin', 'bracketMax', 'bracketMid']) addObject(k, `${p}.${m}`, MONEY_LEAVES);
      for (const list of ['additionalSanctions', 'remedialMeasures']) {
        addList(k, `${p}.${list}`);
        k.leaves.add(`${p}.${list}[]`);
      }
      return;
    case 'file':
      return;
    default:
      return addLeaf(k, p);
  }
}

function buildKnownPaths(): TKnownPaths {
  const k: TKnownPaths = { all: new Set(), leaves: new Set(), lists: new Set() };
  for (const [stepId, fields] of Object.entries(SHIPPED)) {
    k.all.add(stepId);
    for (const f of fields) addField(k, stepId, f);
  }
  addObject(k, 'date', DATE_LEAVES);
  addObject(k, 'doc', ['number', 'symbol', 'title']);
  addObject(k, 'case', ['id', 'title']);
  addLeaf(k, 'outcome');
  k.all.add('outcomeIs');
  for (const def of VN_PROCEDURES) for (const st of def.steps) for (const o of st.outcomes ?? []) addLeaf(k, `outcomeIs.${o.id}`);
  addObject(k, 'party', ['name', 'address', 'identifier', 'representative']);
  addObject(k, 'unit', ['unitId', 'parentAgency', 'agency', 'headTitle', 'place', 'province', 'treasury', 'treasuryAccount']);
  addObject(k, 'team', ['id', 'name']);
  addObject(k, 'business', ['name', 'address', 'taxCode', 'representative']);
  addObject(k, 'signer', ['name', 'role', 'team', 'deputy', 'title', 'onBehalfOf', 'authority', 'parentAgency', 'agency']);
  addObject(k, 'signer.delegation', ['number']);
  addObject(k, 'signer.delegation.date', DATE_LEAVES);
  k.all.add('facts');
  for (const def of VN_PROCEDURES) {
    for (const fact of def.facts ?? []) {
      const p = `facts.${fact.key}`;
      if (fact.type === 'date') addObject(k, p, DATE_LEAVES);
      else if (MONEY_FACT.test(fact.key)) addObject(k, p, MONEY_LEAVES);
      else addLeaf(k, p);
    }
  }
  k.all.add('issued');
  for (const type of DOCUMENT_TYPES) {
    addObject(k, `issued.${type}`, ['number']);
    addObject(k, `issued.${type}.date`, DATE_LEAVES);
  }
  addList(k, 'decrees');
  for (const l of ['decree', 'provisions']) addLeaf(k, `decrees[].${l}`);
  addObject(k, 'extension', ['stepId', 'stepTitle', 'what', 'period', 'amount', 'unit', 'reason']);
  addObject(k, 'extension.newDue', DATE_LEAVES);
  addObject(k, 'correction', ['kind', 'isCorrect', 'isReplace', 'reason', 'text']);
  addObject(k, 'correction.of', ['type', 'title', 'number']);
  addObject(k, 'correction.of.date', DATE_LEAVES);
  return k;
}

/** The paths templates may name: the shipped procedures' step fields, the unit, business, signer, issued papers… */
export const KNOWN_VIEW_PATHS: TKnownPaths = buildKnownPaths();
