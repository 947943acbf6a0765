/**
 * What each document type is: its title, the symbol after its number ("15/QĐ-XPHC"), the official
 * form code of Decree 118/2021/NĐ-CP's appendix where one was found in a source, whether the
 * decider signs it digitally, and what it is output as. The codes and what backs each are in
 * docs/adr/0149-document-templates-as-effective-dated-data.md; a code is `confirmed` only when a
 * copy of the appendix's list was seen, and only confirmed codes are printed on the paper.
 */
import { DOCUMENT_TYPES, type TDocumentType, type TDocumentTypeInfo } from './types.js';

const ND118 = 'Nghị định 118/2021/NĐ-CP, Phụ lục (danh mục biểu mẫu)';
/** A copy of the appendix's list of forms (I. Mẫu quyết định: MQĐ01…MQĐ12b). */
const APPENDIX_LIST = 'https://www.scribd.com/document/552010482/Phu-luc-nghi-dinh-so-118-2021-nd-cp';
/** The list of the appendix's records (II. Mẫu biên bản: MBB01…). */
const RECORD_LIST = 'https://thuvienphapluat.vn/chinh-sach-phap-luat-moi/vn/bieu-mau/51009/30-mau-bien-ban-trong-xu-phat-vi-pham-hanh-chinh';

const t = (vi: string, en: string) => ({ vi, en });

export const DOCUMENT_TYPE_INFO: Record<TDocumentType, TDocumentTypeInfo> = {
  INSPECTION_DECISION: {
    title: t('Quyết định kiểm tra việc chấp hành pháp luật', 'Inspection decision'),
    symbol: 'QĐ-KT',
    // The QLTT forms of Circular 22/2021/TT-BCT: their codes were not obtained (vn-law.md, open question 12).
    signed: true,
    output: 'PDF',
  },
  INSPECTION_RECORD: { title: t('Biên bản kiểm tra', 'Inspection record'), symbol: 'BB-KT', signed: false, output: 'PDF' },
  VIOLATION_RECORD: {
    title: t('Biên bản vi phạm hành chính', 'Violation record'),
    symbol: 'BB-VPHC',
    formCode: { code: 'MBB01', confirmed: true, source: `${ND118}; ${RECORD_LIST}` },
    signed: false,
    output: 'PDF',
  },
  SANCTION_DECISION: {
    title: t('Quyết định xử phạt vi phạm hành chính', 'Sanction decision'),
    symbol: 'QĐ-XPHC',
    formCode: { code: 'MQĐ02', confirmed: true, source: `${ND118}; ${APPENDIX_LIST}` },
    signed: true,
    output: 'PDF',
    // A time to comply longer than the law's 10 days (Art. 73(1), penalty version 13).
    states: ['complianceDays'],
  },
  SANCTION_DECISION_NO_RECORD: {
    title: t('Quyết định xử phạt vi phạm hành chính không lập biên bản', 'Sanction decision without a record'),
    // MQĐ01 numbers it like MQĐ02: "Số: …/QĐ-XPHC" (https://luatduonggia.vn/?p=473288).
    symbol: 'QĐ-XPHC',
    formCode: { code: 'MQĐ01', confirmed: true, source: `${ND118}; ${APPENDIX_LIST}; https://dichvubaocaothue.vn/mau-quyet-dinh-xu-phat-vi-pham-hanh-chinh-khong-lap-bien-ban/` },
    signed: true,
    output: 'PDF',
    // A time to comply longer than 10 days (Art. 73(1), the sanction without a record's version 6).
    states: ['complianceDays'],
  },
  RETURNED_SANCTION_DECISION: {
    title: t('Quyết định xử phạt vi phạm hành chính đối với vụ việc do cơ quan tiến hành tố tụng chuyển đến', 'Sanction decision on a file returned by the criminal-procedure body'),
    // The same form and number symbol as the sanction decision (MQĐ02, Law Art. 63(2)); its own template: no violation record, the criminal body's file.
    symbol: 'QĐ-XPHC',
    formCode: { code: 'MQĐ02', confirmed: true, source: `${ND118}; ${APPENDIX_LIST}` },
    signed: true,
    output: 'PDF',
    // A time to comply longer than 10 days (Art. 73(1), criminal referral version 7).
    states: ['complianceDays'],
  },
  SEIZURE_DECISION: {
    title: t('Quyết định tạm giữ tang vật, phương tiện vi phạm hành chính', 'Seizure decision'),
    symbol: 'QĐ-TGTVPT',
    // The appendix has one (Law Art. 125); its number in the list was not seen.
    signed: true,
    output: 'PDF',
  },
  SEIZURE_RECORD: { title: t('Biên bản tạm giữ tang vật, phương tiện vi phạm hành chính', 'Seizure record'), symbol: 'BB-TGTVPT', signed: false, output: 'PDF' },
  EXTENSION_DECISION: { title: t('Quyết định gia hạn', 'Extension decision'), symbol: 'QĐ-GH', signed: true, output: 'PDF' },
  POSTPONEMENT_DECISION: {
    title: t('Quyết định hoãn thi hành quyết định phạt tiền', 'Postponement decision'),
    symbol: 'QĐ-HTHQĐ',
    formCode: { code: 'MQĐ03', confirmed: true, source: `${ND118}; vn-law.md [S23] https://luatgiabui.com/mau-quyet-dinh-hoan-thi-hanh-quyet-dinh-phat-tien-mqd03-chi-tiet-nhat/; ${APPENDIX_LIST}` },
    signed: true,
    output: 'PDF',
  },
  INSTALMENT_DECISION: {
    title: t('Quyết định nộp tiền phạt nhiều lần', 'Instalment decision'),
    symbol: 'QĐ-NTPNL',
    formCode: { code: 'MQĐ05', confirmed: true, source: `${ND118}; ${APPENDIX_LIST}` },
    signed: true,
    output: 'PDF',
  },
  CRIMINAL_TRANSFER_DECISION: {
    title: t('Quyết định chuyển hồ sơ vụ vi phạm có dấu hiệu tội phạm', 'Criminal transfer decision'),
    symbol: 'QĐ-CHS',
    // Law Art. 62; the appendix's code for it was not seen.
    signed: true,
    output: 'PDF',
  },
  COERCION_DECISION: {
    title: t('Quyết định cưỡng chế thi hành quyết định xử phạt vi phạm hành chính', 'Coercion decision'),
    symbol: 'QĐ-CCXP',
    // Decree 118's list has one form per measure (MQĐ07 salary, MQĐ08 account, MQĐ09 assets, MQĐ10
    // collection, MQĐ11 remedial measures); Decree 296/2025/NĐ-CP on coercion may have replaced them: none printed.
    signed: true,
    output: 'PDF',
  },
  CORRECTION_DECISION: { title: t('Quyết định đính chính, sửa đổi quyết định', 'Correction decision'), symbol: 'QĐ-ĐC', signed: true, output: 'PDF' },
  CASE_FILE: { title: t('Hồ sơ vụ việc', 'Case file'), symbol: 'HS', signed: false, output: 'ZIP' },
};

/**
 * The register a paper of `type` takes its number from: the first type with its symbol. The types
 * that share a symbol share a register — the sanction decisions (with a record, without one, on a
 * returned file) are all "…/QĐ-XPHC", and two of one unit must never carry the same number in a year
 * (Decree 30/2020/NĐ-CP, Appendix I: one number per paper of the register; docs/adr/0205).
 */
export function registerTypeOf(type: TDocumentType): TDocumentType {
  const symbol = DOCUMENT_TYPE_INFO[type].symbol;
  return DOCUMENT_TYPES.find((t) => DOCUMENT_TYPE_INFO[t].symbol === symbol) ?? type;
}
