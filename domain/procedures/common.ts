/**
 * Building blocks shared by the Vietnamese procedure definitions (../shared/domain/vn-law.md §1).
 * Numbers the spec marks unverified are configuration (domain/legal-params.ts, `toConfirm`); the
 * definitions below cite where each day count comes from.
 */
import type { TEscalationRung, TField, TText } from '../procedure.js';

export const t = (vi: string, en: string): TText => ({ vi, en });

export const LAW = 'Luật Xử lý vi phạm hành chính 2012 (sửa đổi, bổ sung 2020, 2025)';
export const ORDINANCE = 'Pháp lệnh Quản lý thị trường 2016';
export const TT27 = 'Thông tư 27/2020/TT-BCT (sửa đổi bởi Thông tư 45/2025/TT-BCT)';

/** The usual ladder: warn the officer at 60 %, escalate to the team lead on breach, to the director a day later. */
export const STANDARD_LADDER: TEscalationRung[] = [
  { at: { kind: 'SHARE', share: 0.6 }, action: 'WARN', toRole: 'INSPECTOR' },
  { at: { kind: 'BREACH' }, action: 'ESCALATE', toRole: 'TEAM_LEAD' },
  { at: { kind: 'AFTER_BREACH', hours: 24 }, action: 'ESCALATE', toRole: 'DIRECTOR' },
];

export const offenderField: TField = {
  key: 'offenderType',
  type: 'enum',
  label: t('Đối tượng vi phạm', 'Offender'),
  required: true,
  options: [
    { value: 'INDIVIDUAL', label: t('Cá nhân', 'Individual') },
    { value: 'ORGANIZATION', label: t('Tổ chức', 'Organisation') },
  ],
};

export const evidenceField: TField = { key: 'evidence', type: 'file', label: t('Chứng cứ (ảnh, video, tài liệu)', 'Evidence'), maxFiles: 50 };

export const decisionFields: TField[] = [
  { key: 'decisionNo', type: 'text', label: t('Số quyết định', 'Decision number'), required: true, maxLength: 60 },
  { key: 'decisionDate', type: 'date', label: t('Ngày quyết định', 'Decision date'), required: true, notInFuture: true },
  { key: 'signedBy', type: 'text', label: t('Người ký', 'Signed by'), required: true, maxLength: 200 },
];
