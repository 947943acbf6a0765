/**
 * Notifications (thông báo), pure: who is to be told what when a case changes, and the words of an
 * e-mail. A notification is stored as its kind and parameters, never as a sentence: the web app words
 * it in the reader's language when it is read, and the e-mail is worded here when it is sent
 * (docs/adr/0100-notifications-from-the-projection.md).
 */
import type { TAuditEvent } from './audit.js';
import { isUnitWide, SUPERVISOR_ROLES } from './roles.js';
import { formatVi } from './calendar.js';
import { DOCUMENT_TYPE_INFO } from './documents/catalogue.js';
import { DOCUMENT_TYPES, type TDocumentType } from './documents/types.js';
import { NATIONAL_ADMIN } from './tenancy.js';

/** What a notification is about. */
export const NOTIFICATION_KINDS = ['STEP_ASSIGNED', 'CASE_ASSIGNED', 'DEADLINE_DUE_SOON', 'DEADLINE_BREACHED', 'INSTRUCTION', 'APPROVAL_WAITING', 'PAYMENT_MISMATCH', 'DOCUMENT_NOT_ISSUED'] as const;
export type TNotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Whom a notification goes to: one person, or everyone holding a role in the case's team (its unit, for unit-wide roles). */
/** A person; a role's holders in the case's team or unit; or a role's holders in the national department (its NATIONAL_ADMINs, who keep the national configuration). */
type TRecipient = { userId: string } | { role: string; scope: 'TEAM' | 'UNIT' | 'NATIONAL' };

/** One thing to tell, before its recipients are looked up. */
export interface TNotice {
  kind: TNotificationKind;
  to: TRecipient[];
  /** Never told of their own act. */
  actorId: string;
  caseId?: string | undefined;
  stepId?: string | undefined;
  params: Record<string, string | number>;
  link: string;
  /** Unique per cause; with the recipient's id, the row's dedupe key (a retried projection writes nothing twice). */
  key: string;
}

/** What of a case the recipients depend on: its id, title, the open tasks' assignees, its escalations' reasons. */
export interface TCaseFacts {
  caseId: string;
  title: string;
  tasks: { stepId: string; title?: string | undefined; titleEn?: string | undefined; assigneeId?: string | undefined }[];
  escalations: { id: string; reasonCode: string; reasonParams: Record<string, unknown> }[];
}

/** The web app's address of a case: its id's segments as they are (web/src/lib/api.ts `caseUrl`). */
export function caseLink(caseId: string): string {
  return `/cases/${caseId.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * Whether a paper's failure is the template's (no version in force, one that does not validate or
 * cannot be filled: national configuration) rather than the unit's ("unit … is not configured"):
 * the reasons lib/documents/issue.ts gives.
 */
function byTemplate(reason: unknown): boolean {
  return typeof reason === 'string' && !/ is not configured$/.test(reason);
}

/** The role's holders to tell: the case's team, or its unit for roles that see the whole unit. */
function holders(role: string): TRecipient {
  return { role, scope: isUnitWide({ roles: [role] }) ? 'UNIT' : 'TEAM' };
}

/**
 * The notices a case's new audit events give:
 * - a step assigned (by a lead, or by the engine to the case's officer or the previous one): its
 *   assignee, unless the change was their own doing (they opened the case, did the step before);
 * - the case assigned: its new officer;
 * - a rung of a deadline's ladder (a warning at a share of the time, the breach, a rung after it):
 *   the step's officer and the rung's role (a supervisor's), and the team's lead when it comes due — due soon, or breached;
 * - a note by a team lead or director (an instruction, "chỉ đạo"): the officers holding the case's open steps;
 * - a paper the case could not issue (docs/adr/0196): the unit's administrators, who have the cause
 *   mended, and the officer whose paper it is, who issues it again then.
 */
export function caseNotices(c: TCaseFacts, audit: readonly TAuditEvent[]): TNotice[] {
  const out: TNotice[] = [];
  const link = caseLink(c.caseId);
  const base = (e: TAuditEvent) => ({ actorId: e.actorId, caseId: c.caseId, link, key: `case:${c.caseId}#${e.seq}` });
  // Who caused this change: a step the engine gives to the officer who opened the case or did the
  // step before is their own doing, and nothing they need to be told.
  const causer = audit.find((e) => e.actorRole !== 'SYSTEM')?.actorId;
  const assignedBy = (e: TAuditEvent) => ({ ...base(e), actorId: e.actorRole === 'SYSTEM' && causer ? causer : e.actorId });
  const assigneeOf = (stepId: string | undefined) => c.tasks.find((t) => t.stepId === stepId)?.assigneeId;
  // The step's title (procedure data) when it is open, else its id: `step` in Vietnamese, `stepEn` for an English reader.
  const stepName = (stepId: string | undefined): Record<string, string> => {
    const task = c.tasks.find((t) => t.stepId === stepId);
    const vi = task?.title ?? stepId ?? '';
    return { step: vi, ...(task?.titleEn ? { stepEn: task.titleEn } : {}) };
  };
  // A case given to someone (ASSIGN_CASE) hands them its open steps too: the case is what they are told of, once.
  const givenTheCase = new Set(audit.filter((e) => e.action === 'CASE_ASSIGNED').map((e) => e.detail.assigneeId));
  for (const e of audit) {
    const d = e.detail;
    const stepId = typeof d.stepId === 'string' ? d.stepId : e.stepId;
    switch (e.action) {
      case 'STEP_ASSIGNED':
        if (typeof d.to !== 'string' || !d.to || (d.reason === 'CASE_ASSIGNEE' && givenTheCase.has(d.to))) break;
        out.push({ ...assignedBy(e), kind: 'STEP_ASSIGNED', to: [{ userId: d.to }], stepId, params: { title: c.title, ...stepName(stepId) } });
        break;
      case 'CASE_ASSIGNED':
        if (typeof d.assigneeId === 'string' && d.assigneeId) out.push({ ...assignedBy(e), kind: 'CASE_ASSIGNED', to: [{ userId: d.assigneeId }], params: { title: c.title } });
        break;
      case 'DEADLINE_WARNING':
      case 'ESCALATED': {
        const esc = c.escalations.find((x) => x.id === d.escalationId);
        if (!esc || typeof d.toRole !== 'string') break;
        const dueSoon = esc.reasonCode === 'TIME_SHARE_USED';
        if (!dueSoon && esc.reasonCode !== 'DEADLINE_PASSED' && esc.reasonCode !== 'HOURS_AFTER_DEADLINE') break;
        const assignee = assigneeOf(stepId);
        // A rung to the officers' own role goes to the step's officer when it has one, not to the
        // whole team; one to a supervisor goes to them, and the officer hears of it too. The team's
        // lead hears of every step coming due (issue 15: "a lead that a deadline is at 70 %").
        const supervisor = (SUPERVISOR_ROLES as readonly string[]).includes(d.toRole);
        const to: TRecipient[] = assignee && !supervisor ? [{ userId: assignee }] : [holders(d.toRole), ...(assignee ? [{ userId: assignee }] : [])];
        if (dueSoon && d.toRole !== 'TEAM_LEAD') to.push(holders('TEAM_LEAD'));
        const params: Record<string, string | number> = { title: c.title, ...stepName(stepId) };
        if (typeof esc.reasonParams.percent === 'number') params.percent = esc.reasonParams.percent;
        if (typeof esc.reasonParams.hours === 'number') params.hours = esc.reasonParams.hours;
        out.push({ ...base(e), kind: dueSoon ? 'DEADLINE_DUE_SOON' : 'DEADLINE_BREACHED', to, stepId, params });
        break;
      }
      case 'DOCUMENT_NOT_ISSUED': {
        if (typeof d.type !== 'string' || !(DOCUMENT_TYPES as readonly string[]).includes(d.type)) break;
        const title = DOCUMENT_TYPE_INFO[d.type as TDocumentType].title;
        // Nobody is "the actor" of a failure: the officer whose paper it is is told too.
        out.push({
          ...base(e),
          actorId: SYSTEM_ACTOR_ID,
          kind: 'DOCUMENT_NOT_ISSUED',
          to: [holders('ADMIN'), { userId: e.actorId }],
          stepId,
          params: { title: c.title, paper: title.vi, paperEn: title.en, ...stepName(stepId) },
        });
        // A template that cannot fill it is national configuration: the national administrators mend it.
        if (byTemplate(d.reason))
          out.push({
            ...base(e),
            actorId: SYSTEM_ACTOR_ID,
            kind: 'DOCUMENT_NOT_ISSUED',
            to: [{ role: NATIONAL_ADMIN, scope: 'NATIONAL' }],
            stepId,
            // Not the case's page (another unit's, which they do not see): their templates.
            link: '/admin',
            key: `case:${c.caseId}#${e.seq}:national`,
            params: { title: c.title, paper: title.vi, paperEn: title.en, ...stepName(stepId), reason: String(d.reason) },
          });
        break;
      }
      case 'NOTE_ADDED': {
        if (!(SUPERVISOR_ROLES as readonly string[]).includes(e.actorRole)) break;
        const to = [...new Set(c.tasks.map((t) => t.assigneeId).filter((x): x is string => !!x))].map((userId) => ({ userId }));
        if (to.length) out.push({ ...base(e), kind: 'INSTRUCTION', to, params: { title: c.title } });
        break;
      }
    }
  }
  return out;
}

/** A campaign version submitted for approval: those who approve campaigns in its unit (CAMPAIGN_APPROVERS). */
export function approvalNotice(v: { campaignId: string; version: number; title: string; submittedBy: string; submittedAt: string }, approverRoles: readonly string[]): TNotice {
  return {
    kind: 'APPROVAL_WAITING',
    to: approverRoles.map((role) => ({ role, scope: 'UNIT' as const })),
    actorId: v.submittedBy,
    params: { title: v.title, campaignId: v.campaignId, version: v.version },
    link: `/campaigns/${encodeURIComponent(v.campaignId)}/versions/${v.version}`,
    key: `campaign:${v.campaignId}@${v.version}#${v.submittedAt}`,
  };
}

/** The actor of what the system does by itself (the daily reconciliation): never a person, so nobody is left out as "the actor". */
const SYSTEM_ACTOR_ID = 'system';

/**
 * The day's payment reconciliation of a unit found mismatches (docs/adr/0140): its legal officers,
 * once per unit and Vietnamese day (the key), with the counts by kind. None when all is well.
 */
export function paymentMismatchNotice(unitId: string, day: string, mismatches: readonly { kind: string }[]): TNotice | undefined {
  if (mismatches.length === 0) return undefined;
  const count = (kind: string) => mismatches.filter((m) => m.kind === kind).length;
  return {
    kind: 'PAYMENT_MISMATCH',
    to: [{ role: 'LEGAL_OFFICER', scope: 'UNIT' }],
    actorId: SYSTEM_ACTOR_ID,
    params: { day, count: mismatches.length, notInCase: count('NOT_IN_CASE'), amountDiffers: count('AMOUNT_DIFFERS'), noCallback: count('NO_CALLBACK'), caseUnknown: count('CASE_UNKNOWN') },
    link: '/notifications',
    key: `payments:${unitId}#${day}`,
  };
}

// ---------------------------------------------------------------------------------------------
// E-mail

export type TMailLanguage = 'vi' | 'en';

/** One notification as an e-mail words it. */
export interface TMailItem {
  kind: TNotificationKind;
  params: Record<string, string | number>;
  /** The absolute address to open. */
  url: string;
}

const SUBJECTS: Record<TMailLanguage, Record<TNotificationKind, (p: Record<string, string | number>) => string>> = {
  vi: {
    STEP_ASSIGNED: (p) => `Bạn được giao bước ${p.step} của hồ sơ “${p.title}”`,
    CASE_ASSIGNED: (p) => `Bạn được giao hồ sơ “${p.title}”`,
    DEADLINE_DUE_SOON: (p) => `Sắp đến hạn: bước ${p.step} của hồ sơ “${p.title}” đã dùng ${p.percent ?? ''}% thời hạn`,
    DEADLINE_BREACHED: (p) => `Quá hạn: bước ${p.step} của hồ sơ “${p.title}”`,
    INSTRUCTION: (p) => `Chỉ đạo mới về hồ sơ “${p.title}”`,
    APPROVAL_WAITING: (p) => `Chờ phê duyệt: kế hoạch “${p.title}” (phiên bản ${p.version})`,
    PAYMENT_MISMATCH: (p) => `Đối soát nộp phạt ngày ${formatVi(String(p.day))}: ${p.count} khoản chưa khớp giữa Kho bạc và hồ sơ`,
    DOCUMENT_NOT_ISSUED: (p) => `Chưa phát hành được ${String(p.paper).toLocaleLowerCase('vi')} của hồ sơ “${p.title}”`,
  },
  en: {
    STEP_ASSIGNED: (p) => `Step ${p.step} of case “${p.title}” was assigned to you`,
    CASE_ASSIGNED: (p) => `Case “${p.title}” was assigned to you`,
    DEADLINE_DUE_SOON: (p) => `Due soon: step ${p.step} of case “${p.title}” has used ${p.percent ?? ''}% of its time`,
    DEADLINE_BREACHED: (p) => `Overdue: step ${p.step} of case “${p.title}”`,
    INSTRUCTION: (p) => `New instruction on case “${p.title}”`,
    APPROVAL_WAITING: (p) => `Awaiting approval: campaign “${p.title}” (version ${p.version})`,
    PAYMENT_MISMATCH: (p) => `Payment reconciliation of ${formatVi(String(p.day))}: ${p.count} payments do not match between the Treasury and the cases`,
    DOCUMENT_NOT_ISSUED: (p) => `The ${String(p.paperEn ?? p.paper).toLowerCase()} of case “${p.title}” could not be issued`,
  },
};

const WORDS = {
  vi: {
    open: 'Mở trong INS',
    footer: 'Thư tự động của hệ thống INS. Tắt thư thông báo trong mục Thông báo › Tùy chọn.',
    digest: 'Tóm tắt hằng ngày',
    dueSoon: 'Sắp đến hạn',
    overdue: 'Quá hạn',
    unread: 'Thông báo chưa đọc',
  },
  en: {
    open: 'Open in INS',
    footer: 'An automatic message from INS. Turn these e-mails off under Notifications › Preferences.',
    digest: 'Daily digest',
    dueSoon: 'Due soon',
    overdue: 'Overdue',
    unread: 'Unread notifications',
  },
} as const;

/** The subject line of one notification. */
function notificationSubject(item: Pick<TMailItem, 'kind' | 'params'>, lang: TMailLanguage = 'vi'): string {
  return SUBJECTS[lang][item.kind](item.params);
}

/** The e-mail of one notification: subject, plain text and HTML, with the link to open. */
export function notificationMail(item: TMailItem, lang: TMailLanguage = 'vi'): { subject: string; text: string; html: string } {
  const subject = notificationSubject(item, lang);
  const w = WORDS[lang];
  return {
    subject,
    text: `${subject}\n\n${w.open}: ${item.url}\n\n-- \n${w.footer}\n`,
    html: `<p>${escapeHtml(subject)}</p><p><a href="${escapeHtml(item.url)}">${w.open}</a></p><hr><p><small>${escapeHtml(w.footer)}</small></p>`,
  };
}

/** A team's task in a lead's digest. */
export interface TDigestTask {
  caseTitle: string;
  /** The step's title. */
  step: string;
  due: string | null;
  url: string;
}

/** A team lead's daily digest (tóm tắt hằng ngày): the team's tasks due soon and overdue, the lead's unread notifications. */
export function digestMail(d: { date: string; dueSoon: TDigestTask[]; overdue: TDigestTask[]; unread: TMailItem[] }, lang: TMailLanguage = 'vi'): { subject: string; text: string; html: string } {
  const w = WORDS[lang];
  const subject = `${w.digest} ${d.date}: ${w.overdue.toLowerCase()} ${d.overdue.length}, ${w.dueSoon.toLowerCase()} ${d.dueSoon.length}, ${w.unread.toLowerCase()} ${d.unread.length}`;
  const task = (t: TDigestTask) => `${t.caseTitle} — ${t.step}${t.due ? ` (${t.due})` : ''}: ${t.url}`;
  const sections: [string, string[]][] = [
    [w.overdue, d.overdue.map(task)],
    [w.dueSoon, d.dueSoon.map(task)],
    [w.unread, d.unread.map((n) => `${notificationSubject(n, lang)}: ${n.url}`)],
  ];
  const text = `${subject}\n\n${sections.map(([h, lines]) => `${h}:\n${lines.length ? lines.map((l) => `- ${l}`).join('\n') : '-'}`).join('\n\n')}\n\n-- \n${w.footer}\n`;
  const html = `<p>${escapeHtml(subject)}</p>${sections.map(([h, lines]) => `<h3>${escapeHtml(h)}</h3><ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`).join('')}<hr><p><small>${escapeHtml(w.footer)}</small></p>`;
  return { subject, text, html };
}

function escapeHtml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
