/**
 * The papers' templates, version 1 (docs/adr/0149): data in the shape of ./template.ts, filled by
 * ./fill.ts. A change of wording or of the law is a new version with its `effectiveFrom`; the
 * version in force on a document's date fills it, and the issued paper records which.
 *
 * Version 1 follows the forms of Decree 118/2021/NĐ-CP's appendix where one exists (MBB01, MQĐ01,
 * MQĐ02, MQĐ03, MQĐ05) and the Law's list of contents elsewhere; it is in force from 01/07/2025,
 * when Law 88/2025/QH15 and the two-tier local government took effect (its bases cite both).
 */
import type { TDocumentType } from './types.js';
import type { TDocumentTemplate, TTemplateBlock, TTemplateCondition } from './template.js';

const FROM = '2025-07-01';

const LAW = 'Luật Xử lý vi phạm hành chính số 15/2012/QH13, được sửa đổi, bổ sung bởi Luật số 67/2020/QH14 và Luật số 88/2025/QH15';
const ND118 = 'Nghị định số 118/2021/NĐ-CP ngày 23 tháng 12 năm 2021 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Xử lý vi phạm hành chính';
const ORDINANCE = 'Pháp lệnh Quản lý thị trường số 11/2016/UBTVQH14';
const TT27 =
  'Thông tư số 27/2020/TT-BCT của Bộ trưởng Bộ Công Thương quy định nội dung, trình tự, thủ tục hoạt động kiểm tra, xử lý vi phạm hành chính và thực hiện các biện pháp nghiệp vụ của lực lượng Quản lý thị trường (sửa đổi, bổ sung bởi Thông tư số 45/2025/TT-BCT)';

const when = (path: string, equals: string | number | boolean): TTemplateCondition => ({ path, equals });
const present = (path: string, isPresent = true): TTemplateCondition => ({ path, present: isPresent });
const p = (text: string, extra: Partial<Extract<TTemplateBlock, { kind: 'paragraph' }>> = {}): TTemplateBlock => ({ kind: 'paragraph', text, ...extra });
const art = (label: string, text: string, extra: { when?: TTemplateCondition } = {}): TTemplateBlock => ({ kind: 'article', label, text, ...extra });
const DECIDES: TTemplateBlock = { kind: 'heading', text: 'QUYẾT ĐỊNH:' };

/** "tổ chức" / "ông (bà)" by the record's kind of offender. */
const PARTY_KIND_B1 = '{{#B1.offenderType.is.ORGANIZATION}}tổ chức{{/B1.offenderType.is.ORGANIZATION}}{{#B1.offenderType.is.INDIVIDUAL}}ông (bà){{/B1.offenderType.is.INDIVIDUAL}}';
/** A text field, or "Không" when the case has none. */
const orNone = (path: string) => `{{#${path}}}{{${path}}}{{/${path}}}{{^${path}}}Không.{{/${path}}}`;

/** Who the paper concerns, as the forms list them. */
const PARTY_LINES: TTemplateBlock[] = [
  p('Tên cá nhân/tổ chức: {{party.name}}'),
  p('Mã số thuế/Số định danh cá nhân: {{party.identifier}}', { when: present('party.identifier') }),
  p('Địa chỉ: {{party.address}}'),
  p('Người đại diện theo pháp luật: {{party.representative}}', { when: present('party.representative') }),
];

/** The acts of the record, one line each with the provision that sanctions it. */
const ACTS_B1: TTemplateBlock = p('- {{description}}; quy định tại {{violation.reference}} {{violation.decree}}.', { repeat: 'B1.acts' });
/** The acts the decision on a returned file names itself (F5: no violation record, Art. 56(1)(b)). */
const ACTS_F5: TTemplateBlock = p('- {{description}}; quy định tại {{violation.reference}} {{violation.decree}}.', { repeat: 'F5.acts' });
const PARTY_KIND_F5 = '{{#F5.offenderType.is.ORGANIZATION}}tổ chức{{/F5.offenderType.is.ORGANIZATION}}{{#F5.offenderType.is.INDIVIDUAL}}ông (bà){{/F5.offenderType.is.INDIVIDUAL}}';

const DECISION_SIGNATURE = { lines: ['{{unit.headTitle}}'] };
const AUTHORITY = '{{unit.headTitle}} {{unit.agency}}';
/** A sanction decision's subtitle (with a record, or on a returned file): a decision that only confiscates and orders remedial measures (Art. 65) is not a sanction. */
const SANCTION_SUBTITLE =
  '{{#outcomeIs.MEASURES_ONLY}}Áp dụng biện pháp tịch thu, khắc phục hậu quả (không xử phạt vi phạm hành chính){{/outcomeIs.MEASURES_ONLY}}{{^outcomeIs.MEASURES_ONLY}}Xử phạt vi phạm hành chính{{/outcomeIs.MEASURES_ONLY}}';
/** MQĐ02 is the form of a sanction, not of a decision of measures only. */
const SANCTION_FORM_CODE = '{{^outcomeIs.MEASURES_ONLY}}Mẫu MQĐ02{{/outcomeIs.MEASURES_ONLY}}';
const RECORD_SIGNATURE = { lines: ['NGƯỜI LẬP BIÊN BẢN'] };
const recordClose = (to: string) =>
  p(`Biên bản được lập thành 02 bản có nội dung và giá trị như nhau, đã được đọc lại cho những người có tên trên cùng nghe, công nhận là đúng và cùng ký tên dưới đây; 01 bản được giao cho ${to}.`);
const RECORD_CLOSE = recordClose('người vi phạm hoặc đại diện tổ chức vi phạm');
const RECIPIENTS = ['- Như Điều 3;', '- Lưu: VT, hồ sơ vụ việc.'];

/** Where a fine is paid, as version 1 says it: any State Treasury office, its banks, or the national public-service portal. */
const AT_TREASURY = 'tại Kho bạc Nhà nước, ngân hàng thương mại nơi Kho bạc Nhà nước mở tài khoản, hoặc qua Cổng Dịch vụ công quốc gia';
const PAY_AT = `nộp ${AT_TREASURY}`;
/** The treasury on the recipients' line, as version 1 says it. */
const TREASURY_RECIPIENT = '- Kho bạc Nhà nước (để thu tiền phạt);';

/** Art. 73, 78 LXLVPHC: 10 days from receipt; where and how to pay; 0.05 % a day after. */
const PAY_WITHIN_10_DAYS = (party: string, fine: string) =>
  `${party} phải nghiêm chỉnh chấp hành Quyết định này trong thời hạn 10 ngày kể từ ngày nhận được Quyết định. Số tiền phạt ${fine} ${PAY_AT}. Quá thời hạn trên, mỗi ngày chậm nộp phạt phải nộp thêm 0,05% tính trên tổng số tiền phạt chưa nộp (Điều 78 Luật Xử lý vi phạm hành chính). Quá thời hạn mà không tự nguyện chấp hành thì bị cưỡng chế thi hành theo quy định của pháp luật.`;
const COMPLY_WITHIN_10_DAYS =
  '{{party.name}} phải nghiêm chỉnh chấp hành Quyết định này trong thời hạn 10 ngày kể từ ngày nhận được Quyết định; quá thời hạn mà không tự nguyện chấp hành thì bị cưỡng chế thi hành theo quy định của pháp luật.';
const COMPLAINT = (party: string) => `${party} có quyền khiếu nại hoặc khởi kiện đối với Quyết định này theo quy định của pháp luật.`;

const VERSION_1: TDocumentTemplate[] = [
  {
    type: 'INSPECTION_DECISION',
    version: 1,
    effectiveFrom: FROM,
    source: `${ORDINANCE}, Điều 18, 21; Nghị định số 33/2022/NĐ-CP, Điều 4; ${TT27}`,
    title: 'QUYẾT ĐỊNH',
    subtitle: 'Kiểm tra việc chấp hành pháp luật',
    authority: AUTHORITY,
    bases: [
      `Căn cứ ${ORDINANCE};`,
      'Căn cứ Nghị định số 33/2022/NĐ-CP của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Pháp lệnh Quản lý thị trường;',
      `Căn cứ ${TT27};`,
      { text: 'Căn cứ Kế hoạch kiểm tra {{A5.planRef}};', when: present('A5.planRef') },
    ],
    body: [
      DECIDES,
      art('Điều 1.', 'Kiểm tra việc chấp hành pháp luật trong sản xuất, kinh doanh đối với:'),
      p('Tên cơ sở: {{A5.businessName}}'),
      p('Mã số thuế: {{A5.taxCode}}', { when: present('A5.taxCode') }),
      p('Địa chỉ: {{A5.address}}'),
      p('Hình thức kiểm tra: {{A5.form.label}}.'),
      p('Căn cứ kiểm tra đột xuất: {{A5.adHocGround.label}}.', { when: when('A5.form', 'AD_HOC') }),
      p('Nội dung kiểm tra: {{A5.content}}'),
      p('Thời hạn kiểm tra tính từ ngày công bố Quyết định kiểm tra, theo quy định của pháp luật.'),
      art('Điều 2.', 'Thành lập Đoàn kiểm tra gồm:', { when: present('A6') }),
      p('Trưởng đoàn: {{A6.teamHead}}', { when: present('A6') }),
      p('{{stt}}. {{name}}, số thẻ kiểm tra {{cardNo}}', { repeat: 'A6.members' }),
      art('Điều 2.', 'Giao {{team.name}} tổ chức thực hiện Quyết định này.', { when: present('A6', false) }),
      art('Điều 3.', 'Quyết định này có hiệu lực kể từ ngày ký. {{A5.businessName}}, Đoàn kiểm tra và các cá nhân, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này.'),
    ],
    signature: DECISION_SIGNATURE,
    recipients: RECIPIENTS,
  },
  {
    type: 'INSPECTION_RECORD',
    version: 1,
    effectiveFrom: FROM,
    source: `${TT27}; Thông tư số 22/2021/TT-BCT (biểu mẫu; mã mẫu chưa xác nhận)`,
    title: 'BIÊN BẢN',
    subtitle: 'Kiểm tra việc chấp hành pháp luật',
    bases: [{ text: 'Căn cứ Quyết định kiểm tra số {{issued.INSPECTION_DECISION.number}} ngày {{issued.INSPECTION_DECISION.date.vn}};', when: present('issued.INSPECTION_DECISION') }],
    body: [
      p('Hôm nay, {{date.long}}, tại {{A5.address}}, Đoàn kiểm tra gồm:'),
      p('Trưởng đoàn: {{A6.teamHead}}', { when: present('A6') }),
      p('{{stt}}. {{name}}, số thẻ kiểm tra {{cardNo}}', { repeat: 'A6.members' }),
      p('Đã tiến hành kiểm tra việc chấp hành pháp luật đối với:'),
      p('Tên cơ sở: {{A5.businessName}}'),
      p('Mã số thuế: {{A5.taxCode}}', { when: present('A5.taxCode') }),
      p('Địa chỉ: {{A5.address}}'),
      p('Đại diện cơ sở: {{A7.partyRepresentative}}'),
      p('Quyết định kiểm tra đã được công bố {{A7.announcedAt.long}}.', { when: present('A7.announcedAt') }),
      p('Nội dung kiểm tra: {{A5.content}}'),
      { kind: 'heading', text: 'KẾT QUẢ KIỂM TRA' },
      p('{{A8.findings}}'),
      p('Đoàn kiểm tra đã lấy mẫu hàng hóa; biên bản lấy mẫu kèm theo.', { when: when('A8.samplesTaken', true) }),
      p('Kết luận: không phát hiện hành vi vi phạm hành chính.', { when: when('outcome', 'NO_VIOLATION') }),
      p('Kết luận: phát hiện hành vi vi phạm hành chính; lập biên bản vi phạm hành chính theo quy định.', { when: when('outcome', 'VIOLATION') }),
      p('Kết luận: phát hiện hành vi vi phạm hành chính; lập biên bản vi phạm hành chính và tạm giữ tang vật, phương tiện vi phạm theo quy định.', { when: when('outcome', 'VIOLATION_WITH_SEIZURE') }),
      p('Kết luận: vụ việc có dấu hiệu tội phạm; hồ sơ được chuyển cơ quan tiến hành tố tụng hình sự có thẩm quyền.', { when: when('outcome', 'CRIMINAL_SIGNS') }),
      p('Đại diện cơ sở không ký biên bản; biên bản có chữ ký của người chứng kiến: {{A9.witnesses}}.', { when: when('A9.partySigned', false) }),
      recordClose('đại diện cơ sở được kiểm tra'),
    ],
    signature: { lines: ['ĐẠI DIỆN ĐOÀN KIỂM TRA'] },
    otherSignatures: [
      { title: 'ĐẠI DIỆN CƠ SỞ ĐƯỢC KIỂM TRA', name: '{{A7.partyRepresentative}}' },
      { title: 'NGƯỜI CHỨNG KIẾN', name: '{{A9.witnesses}}', when: present('A9.witnesses') },
    ],
    recipients: [],
  },
  {
    type: 'VIOLATION_RECORD',
    version: 1,
    effectiveFrom: FROM,
    source: `${LAW}, Điều 58; ${ND118}, Điều 12; Mẫu MBB01`,
    title: 'BIÊN BẢN VI PHẠM HÀNH CHÍNH',
    bases: [{ text: 'Căn cứ Quyết định kiểm tra số {{issued.INSPECTION_DECISION.number}} ngày {{issued.INSPECTION_DECISION.date.vn}};', when: present('issued.INSPECTION_DECISION') }],
    body: [
      p('Hôm nay, {{B1.recordedAt.long}}, tại {{B1.place}}.'),
      p('Người lập biên bản: {{B1.recorder}}'),
      p('Cơ quan: {{unit.agency}}'),
      p('Với sự chứng kiến của: {{B1.witnessName}}.', { when: present('B1.witnessName') }),
      p(`Tiến hành lập biên bản vi phạm hành chính đối với ${PARTY_KIND_B1} có tên sau đây:`),
      p('Tên cá nhân/tổ chức vi phạm: {{B1.violatorName}}'),
      p('Mã số thuế/Số định danh cá nhân: {{B1.partyIdentifier}}', { when: present('B1.partyIdentifier') }),
      p('Địa chỉ: {{party.address}}'),
      p('Người đại diện theo pháp luật: {{party.representative}}', { when: when('B1.offenderType', 'ORGANIZATION') }),
      p('Đã thực hiện hành vi vi phạm hành chính:'),
      ACTS_B1,
      p('Thời gian, địa điểm xảy ra vi phạm: {{B1.violationDate.long}}, tại {{B1.violationPlace}}.'),
      p('Vi phạm được phát hiện bằng phương tiện, thiết bị kỹ thuật nghiệp vụ.', { when: when('B1.detectedByEquipment', true) }),
      p(`Ý kiến trình bày của người vi phạm, người chứng kiến, người bị thiệt hại: ${orNone('B1.statements')}`),
      p(`Biện pháp ngăn chặn và bảo đảm xử lý vi phạm hành chính đã áp dụng: ${orNone('B1.preventiveMeasures')}`),
      p('Quyền và thời hạn giải trình: {{B1.explanationNotice}}', { when: present('B1.explanationNotice') }),
      p('{{B1.violatorName}} không ký biên bản; biên bản có chữ ký của {{B1.witnessName}}.', { when: when('B1.violatorSigned', false) }),
      RECORD_CLOSE,
    ],
    signature: RECORD_SIGNATURE,
    otherSignatures: [
      { title: 'ĐẠI DIỆN TỔ CHỨC VI PHẠM', name: '{{party.representative}}', when: when('B1.offenderType', 'ORGANIZATION') },
      { title: 'NGƯỜI VI PHẠM', name: '{{B1.violatorName}}', when: when('B1.offenderType', 'INDIVIDUAL') },
      { title: 'NGƯỜI CHỨNG KIẾN', name: '{{B1.witnessName}}', when: present('B1.witnessName') },
    ],
    recipients: [],
  },
  {
    type: 'SANCTION_DECISION',
    version: 1,
    effectiveFrom: FROM,
    source: `${LAW}, Điều 57, 66, 67, 68, 70, 73, 78; ${ND118}; Mẫu MQĐ02`,
    title: 'QUYẾT ĐỊNH',
    subtitle: SANCTION_SUBTITLE,
    authority: AUTHORITY,
    // MQĐ02 is the form of a sanction; a decision that only confiscates and orders remedial measures (Art. 65) is not it.
    formCode: SANCTION_FORM_CODE,
    bases: [
      { text: `Căn cứ Điều 57, Điều 68, Điều 70, Điều 78 và Điều 85 ${LAW};`, when: when('outcome', 'DECIDED') },
      { text: `Căn cứ Điều 65, Điều 70 và Điều 85 ${LAW};`, when: when('outcome', 'MEASURES_ONLY') },
      { text: 'Căn cứ {{provisions}} {{decree}};', repeat: 'decrees' },
      'Căn cứ Biên bản vi phạm hành chính số {{issued.VIOLATION_RECORD.number}} lập ngày {{issued.VIOLATION_RECORD.date.vn}};',
      { text: 'Căn cứ Biên bản phiên giải trình trực tiếp số {{B4.hearingMinutesNo}} lập ngày {{B4.hearingDate.vn}};', when: present('B4.hearingMinutesNo') },
      { text: 'Căn cứ văn bản giải trình nhận ngày {{B4.explainedOn.vn}};', when: present('B4.explainedOn') },
    ],
    body: [
      DECIDES,
      art('Điều 1.', `Xử phạt vi phạm hành chính đối với ${PARTY_KIND_B1} có tên sau đây:`, { when: when('outcome', 'DECIDED') }),
      art(
        'Điều 1.',
        `Không ra quyết định xử phạt vi phạm hành chính, chỉ áp dụng biện pháp tịch thu tang vật, phương tiện vi phạm hành chính và biện pháp khắc phục hậu quả đối với ${PARTY_KIND_B1} có tên sau đây:`,
        {
          when: when('outcome', 'MEASURES_ONLY'),
        },
      ),
      ...PARTY_LINES,
      p('1. Đã thực hiện hành vi vi phạm hành chính:'),
      ACTS_B1,
      p('2. Địa điểm, thời gian xảy ra vi phạm: {{B1.violationPlace}}, {{B1.violationDate.long}}.'),
      p(`3. Tình tiết giảm nhẹ, tình tiết tăng nặng: ${orNone('B6.amountReason')}`, { when: when('outcome', 'DECIDED') }),
      p('4. Hình thức xử phạt, biện pháp khắc phục hậu quả được áp dụng:', { when: when('outcome', 'DECIDED') }),
      p('a) Hình thức xử phạt chính: {{B6.sanction.label}}.', { when: when('B6.sanction', 'WARNING') }),
      p('a) Hình thức xử phạt chính: Phạt tiền. Mức phạt: {{B6.fineAmount.figures}} (Bằng chữ: {{B6.fineAmount.words}}).', { when: when('B6.sanction', 'FINE') }),
      p(`b) Hình thức xử phạt bổ sung: ${orNone('B6.additionalSanctions')}`, { when: when('outcome', 'DECIDED') }),
      p(`c) Biện pháp khắc phục hậu quả: ${orNone('B6.remedialMeasures')}`, { when: when('outcome', 'DECIDED') }),
      p(`3. Tịch thu tang vật, phương tiện vi phạm hành chính: ${orNone('B6.additionalSanctions')}`, { when: when('outcome', 'MEASURES_ONLY') }),
      p(`4. Biện pháp khắc phục hậu quả: ${orNone('B6.remedialMeasures')}`, { when: when('outcome', 'MEASURES_ONLY') }),
      p('Trị giá tang vật bị tịch thu: {{B6.confiscatedValue.figures}} (Bằng chữ: {{B6.confiscatedValue.words}}).', { when: present('B6.confiscatedValue') }),
      art('Điều 2.', PAY_WITHIN_10_DAYS('{{party.name}}', '{{B6.fineAmount.figures}}'), { when: when('B6.sanction', 'FINE') }),
      // A warning, or measures only (sanction NONE): no fine to pay, the same 10 days to comply (Art. 73(1)).
      ...(['WARNING', 'NONE'] as const).map((sanction) => art('Điều 2.', COMPLY_WITHIN_10_DAYS, { when: when('B6.sanction', sanction) })),
      art('Điều 3.', `Quyết định này có hiệu lực kể từ ngày ký và được giao cho {{party.name}} trong thời hạn 02 ngày làm việc kể từ ngày ký để chấp hành. ${COMPLAINT('{{party.name}}')}`),
    ],
    signature: DECISION_SIGNATURE,
    recipients: ['- Như Điều 3;', { text: TREASURY_RECIPIENT, when: when('B6.sanction', 'FINE') }, '- Lưu: VT, hồ sơ vụ việc.'],
  },
  {
    // Law Art. 63(2)–(3): the decision on a file the criminal-procedure body sent back (the referral's F5,
    // version 4 on, docs/adr/0206). MQĐ02 as the sanction decision, grounded on the body's document and
    // the file instead of a violation record (none is needed from 01/07/2025, Art. 56(1)(b)).
    type: 'RETURNED_SANCTION_DECISION',
    version: 1,
    effectiveFrom: FROM,
    source: `${LAW}, Điều 56(1)(b), 63, 65, 68, 70, 73, 78; ${ND118}; Mẫu MQĐ02`,
    title: 'QUYẾT ĐỊNH',
    subtitle: SANCTION_SUBTITLE,
    authority: AUTHORITY,
    formCode: SANCTION_FORM_CODE,
    bases: [
      { text: `Căn cứ Điều 56, Điều 63, Điều 68, Điều 70, Điều 78 và Điều 85 ${LAW};`, when: when('outcome', 'RETURNED_AND_DECIDED') },
      { text: `Căn cứ Điều 63, Điều 65, Điều 70 và Điều 85 ${LAW};`, when: when('outcome', 'MEASURES_ONLY') },
      { text: 'Căn cứ {{provisions}} {{decree}};', repeat: 'decrees' },
      {
        text: 'Căn cứ Quyết định chuyển hồ sơ vụ vi phạm có dấu hiệu tội phạm số {{issued.CRIMINAL_TRANSFER_DECISION.number}} ngày {{issued.CRIMINAL_TRANSFER_DECISION.date.vn}};',
        when: present('issued.CRIMINAL_TRANSFER_DECISION'),
      },
      'Căn cứ văn bản số {{F4.documentNo}} của {{F1.receiver}} và hồ sơ vụ vi phạm được chuyển đến để xử phạt vi phạm hành chính, nhận ngày {{F4.fileReceivedOn.vn}};',
    ],
    body: [
      DECIDES,
      art('Điều 1.', `Xử phạt vi phạm hành chính đối với ${PARTY_KIND_F5} có tên sau đây:`, { when: when('outcome', 'RETURNED_AND_DECIDED') }),
      art(
        'Điều 1.',
        `Không ra quyết định xử phạt vi phạm hành chính, chỉ áp dụng biện pháp tịch thu tang vật, phương tiện vi phạm hành chính và biện pháp khắc phục hậu quả đối với ${PARTY_KIND_F5} có tên sau đây:`,
        { when: when('outcome', 'MEASURES_ONLY') },
      ),
      ...PARTY_LINES,
      p('1. Đã thực hiện hành vi vi phạm hành chính:', { when: present('F5.acts') }),
      ACTS_F5,
      p('2. Thời gian xảy ra vi phạm: {{F5.violationDate.long}}.', { when: present('F5.violationDate') }),
      p(`3. Tình tiết giảm nhẹ, tình tiết tăng nặng: ${orNone('F5.amountReason')}`, { when: when('outcome', 'RETURNED_AND_DECIDED') }),
      p('4. Hình thức xử phạt, biện pháp khắc phục hậu quả được áp dụng:', { when: when('outcome', 'RETURNED_AND_DECIDED') }),
      p('a) Hình thức xử phạt chính: {{F5.sanction.label}}.', { when: when('F5.sanction', 'WARNING') }),
      p('a) Hình thức xử phạt chính: Phạt tiền. Mức phạt: {{F5.fineAmount.figures}} (Bằng chữ: {{F5.fineAmount.words}}).', { when: when('F5.sanction', 'FINE') }),
      p(`b) Tịch thu tang vật, phương tiện vi phạm hành chính, biện pháp khắc phục hậu quả: ${orNone('F5.measures')}`, { when: when('outcome', 'RETURNED_AND_DECIDED') }),
      p(`3. Tịch thu tang vật, phương tiện vi phạm hành chính, biện pháp khắc phục hậu quả: ${orNone('F5.measures')}`, { when: when('outcome', 'MEASURES_ONLY') }),
      art('Điều 2.', PAY_WITHIN_10_DAYS('{{party.name}}', '{{F5.fineAmount.figures}}'), { when: when('F5.sanction', 'FINE') }),
      art('Điều 2.', COMPLY_WITHIN_10_DAYS, { when: when('F5.sanction', 'WARNING') }),
      art('Điều 2.', COMPLY_WITHIN_10_DAYS, { when: when('outcome', 'MEASURES_ONLY') }),
      art('Điều 3.', `Quyết định này có hiệu lực kể từ ngày ký và được giao cho {{party.name}} trong thời hạn 02 ngày làm việc kể từ ngày ký để chấp hành. ${COMPLAINT('{{party.name}}')}`),
    ],
    signature: DECISION_SIGNATURE,
    recipients: ['- Như Điều 3;', { text: TREASURY_RECIPIENT, when: when('F5.sanction', 'FINE') }, '- {{F1.receiver}} (để biết);', '- Lưu: VT, hồ sơ vụ việc.'],
  },
  {
    type: 'SANCTION_DECISION_NO_RECORD',
    version: 1,
    effectiveFrom: FROM,
    source: `${LAW}, Điều 56, 69; ${ND118}; Mẫu MQĐ01`,
    title: 'QUYẾT ĐỊNH',
    subtitle: 'Xử phạt vi phạm hành chính không lập biên bản',
    authority: 'CÔNG CHỨC QUẢN LÝ THỊ TRƯỜNG ĐANG THI HÀNH CÔNG VỤ',
    bases: [`Căn cứ Điều 56 ${LAW};`, { text: 'Căn cứ {{provisions}} {{decree}};', repeat: 'decrees' }],
    body: [
      DECIDES,
      art('Điều 1.', 'Xử phạt vi phạm hành chính theo thủ tục không lập biên bản đối với:'),
      p('Tên cá nhân/tổ chức: {{N1.violatorName}} ({{N1.offenderType.label}})'),
      p('Hành vi vi phạm: {{N1.violation.descriptionVi}}; quy định tại {{N1.violation.reference}} {{N1.violation.decree}}.'),
      p('Địa điểm, thời gian xảy ra vi phạm: {{N1.place}}, {{N1.violationDate.long}}.'),
      p('Hình thức xử phạt: {{N1.sanction.label}}.', { when: when('N1.sanction', 'WARNING') }),
      p('Hình thức xử phạt: Phạt tiền. Mức phạt: {{N1.fineAmount.figures}} (Bằng chữ: {{N1.fineAmount.words}}).', { when: when('N1.sanction', 'FINE') }),
      art('Điều 2.', PAY_WITHIN_10_DAYS('{{N1.violatorName}}', '{{N1.fineAmount.figures}}'), { when: when('N1.sanction', 'FINE') }),
      art('Điều 3.', `Quyết định này có hiệu lực kể từ ngày ký và được giao ngay cho {{N1.violatorName}} tại nơi xảy ra vi phạm. ${COMPLAINT('{{N1.violatorName}}')}`),
    ],
    signature: { lines: ['NGƯỜI RA QUYẾT ĐỊNH'] },
    otherSignatures: [{ title: 'NGƯỜI NHẬN QUYẾT ĐỊNH', name: '{{N1.violatorName}}' }],
    recipients: ['- Như Điều 3;', '- Lưu: VT, hồ sơ vụ việc.'],
  },
  {
    type: 'SEIZURE_DECISION',
    version: 1,
    effectiveFrom: FROM,
    source: `${LAW}, Điều 119, 125, 126`,
    title: 'QUYẾT ĐỊNH',
    subtitle: 'Tạm giữ tang vật, phương tiện vi phạm hành chính',
    authority: AUTHORITY,
    bases: [`Căn cứ Điều 125 và Điều 126 ${LAW};`, 'Căn cứ Biên bản vi phạm hành chính số {{issued.VIOLATION_RECORD.number}} lập ngày {{D2.recordDate.vn}};'],
    body: [
      DECIDES,
      art('Điều 1.', 'Tạm giữ tang vật, phương tiện vi phạm hành chính của:'),
      ...PARTY_LINES,
      p('Lý do tạm giữ: {{D2.ground.label}}.'),
      p('Tang vật, phương tiện bị tạm giữ gồm:'),
      {
        kind: 'table',
        header: ['STT', 'Tên tang vật, phương tiện', 'Đơn vị tính', 'Số lượng', 'Tình trạng'],
        row: ['{{stt}}', '{{name}}', '{{unit}}', '{{quantity}}', '{{condition}}'],
        repeat: 'D2.items',
      },
      p(
        'Thời hạn tạm giữ không quá {{#D2.decisionPeriod.is.STANDARD}}07 ngày làm việc{{/D2.decisionPeriod.is.STANDARD}}{{#D2.decisionPeriod.is.TRANSFER}}10 ngày làm việc{{/D2.decisionPeriod.is.TRANSFER}}{{#D2.decisionPeriod.is.EXPLAIN_OR_VERIFY}}01 tháng{{/D2.decisionPeriod.is.EXPLAIN_OR_VERIFY}} kể từ ngày lập biên bản vi phạm hành chính ({{D2.recordDate.vn}}), là thời hạn ra quyết định xử phạt của vụ việc.',
      ),
      p('Tang vật là hàng hóa dễ hư hỏng, khó bảo quản: được xử lý theo Điều 126 Luật Xử lý vi phạm hành chính.', { when: when('D2.perishable', true) }),
      art(
        'Điều 2.',
        'Việc tạm giữ phải được lập biên bản; tang vật, phương tiện bị tạm giữ được niêm phong, bảo quản theo quy định. Người ra quyết định tạm giữ chịu trách nhiệm bảo quản tang vật, phương tiện bị tạm giữ.',
      ),
      art('Điều 3.', `Quyết định này có hiệu lực kể từ ngày ký và được giao cho {{party.name}} 01 bản. ${COMPLAINT('{{party.name}}')}`),
    ],
    signature: DECISION_SIGNATURE,
    recipients: RECIPIENTS,
  },
  {
    type: 'SEIZURE_RECORD',
    version: 1,
    effectiveFrom: FROM,
    source: `${LAW}, Điều 125(9)`,
    title: 'BIÊN BẢN',
    subtitle: 'Tạm giữ tang vật, phương tiện vi phạm hành chính',
    bases: ['Căn cứ Quyết định tạm giữ tang vật, phương tiện vi phạm hành chính số {{issued.SEIZURE_DECISION.number}} ngày {{issued.SEIZURE_DECISION.date.vn}};'],
    body: [
      p('Hôm nay, {{D2.seizedOn.long}}, tại {{party.address}}.'),
      p('Người lập biên bản: {{signer.name}}'),
      p('Cơ quan: {{unit.agency}}'),
      p('Tiến hành tạm giữ tang vật, phương tiện vi phạm hành chính của:'),
      ...PARTY_LINES,
      p('Tang vật, phương tiện bị tạm giữ gồm:'),
      {
        kind: 'table',
        header: ['STT', 'Tên tang vật, phương tiện', 'Đơn vị tính', 'Số lượng', 'Tình trạng'],
        row: ['{{stt}}', '{{name}}', '{{unit}}', '{{quantity}}', '{{condition}}'],
        repeat: 'D2.items',
      },
      p('Người vi phạm vắng mặt hoặc không ký biên bản; biên bản có chữ ký của người chứng kiến: {{D2.witnesses}}.', { when: when('D2.violatorSigned', false) }),
      RECORD_CLOSE,
    ],
    signature: RECORD_SIGNATURE,
    otherSignatures: [
      { title: 'NGƯỜI VI PHẠM HOẶC ĐẠI DIỆN TỔ CHỨC VI PHẠM', name: '{{party.representative}}' },
      { title: 'NGƯỜI CHỨNG KIẾN', name: '{{D2.witnesses}}', when: present('D2.witnesses') },
    ],
    recipients: [],
  },
  {
    type: 'EXTENSION_DECISION',
    version: 1,
    effectiveFrom: FROM,
    source: 'Căn cứ của thời hạn được gia hạn (bước của quy trình)',
    title: 'QUYẾT ĐỊNH',
    subtitle: 'Gia hạn thời hạn {{extension.what}}',
    authority: AUTHORITY,
    bases: [
      { text: `Căn cứ khoản 1 Điều 66 ${LAW};`, when: when('extension.stepId', 'B6') },
      { text: `Căn cứ khoản 8 Điều 125 ${LAW};`, when: when('extension.stepId', 'D4') },
      { text: 'Căn cứ Nghị định số 33/2022/NĐ-CP của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Pháp lệnh Quản lý thị trường;', when: when('extension.stepId', 'A8') },
      'Xét đề nghị gia hạn trong vụ việc "{{case.title}}";',
    ],
    body: [
      DECIDES,
      art('Điều 1.', 'Gia hạn thời hạn {{extension.what}} của vụ việc "{{case.title}}" thêm {{extension.period}}, đến hết {{extension.newDue.long}}.'),
      p('Lý do gia hạn: {{extension.reason}}'),
      art('Điều 2.', 'Quyết định này có hiệu lực kể từ ngày ký.'),
      art('Điều 3.', 'Các cá nhân, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này.'),
    ],
    signature: DECISION_SIGNATURE,
    recipients: RECIPIENTS,
  },
  {
    type: 'POSTPONEMENT_DECISION',
    version: 1,
    effectiveFrom: FROM,
    source: `${LAW}, Điều 76; ${ND118}; Mẫu MQĐ03`,
    title: 'QUYẾT ĐỊNH',
    subtitle: 'Hoãn thi hành quyết định phạt tiền',
    authority: AUTHORITY,
    bases: [
      `Căn cứ Điều 76 ${LAW};`,
      'Căn cứ Quyết định xử phạt vi phạm hành chính số {{issued.SANCTION_DECISION.number}} ngày {{issued.SANCTION_DECISION.date.vn}};',
      'Xét đơn đề nghị hoãn thi hành quyết định phạt tiền của {{party.name}} và xác nhận về hoàn cảnh kinh tế đặc biệt khó khăn;',
    ],
    body: [
      DECIDES,
      art('Điều 1.', 'Hoãn thi hành Quyết định xử phạt vi phạm hành chính số {{issued.SANCTION_DECISION.number}} ngày {{issued.SANCTION_DECISION.date.vn}} đối với:'),
      ...PARTY_LINES,
      p('Số tiền phạt được hoãn: {{B6.fineAmount.figures}} (Bằng chữ: {{B6.fineAmount.words}}).'),
      p('Thời hạn hoãn: đến hết {{B12.postponedUntil.long}}.'),
      p('Lý do hoãn: {{B12.hardship}}'),
      art('Điều 2.', '{{party.name}} phải nộp đủ số tiền phạt nêu tại Điều 1 khi hết thời hạn hoãn; quá thời hạn mà không tự nguyện chấp hành thì bị cưỡng chế thi hành theo quy định của pháp luật.'),
      art('Điều 3.', `Quyết định này có hiệu lực kể từ ngày ký và được giao cho {{party.name}} để chấp hành. ${COMPLAINT('{{party.name}}')}`),
    ],
    signature: DECISION_SIGNATURE,
    recipients: RECIPIENTS,
  },
  {
    type: 'INSTALMENT_DECISION',
    version: 1,
    effectiveFrom: FROM,
    source: `${LAW}, Điều 79; ${ND118}; Mẫu MQĐ05`,
    title: 'QUYẾT ĐỊNH',
    subtitle: 'Nộp tiền phạt nhiều lần',
    authority: AUTHORITY,
    bases: [
      `Căn cứ Điều 79 ${LAW};`,
      'Căn cứ Quyết định xử phạt vi phạm hành chính số {{issued.SANCTION_DECISION.number}} ngày {{issued.SANCTION_DECISION.date.vn}};',
      'Xét đơn đề nghị nộp tiền phạt nhiều lần của {{party.name}};',
    ],
    body: [
      DECIDES,
      art('Điều 1.', 'Cho phép nộp tiền phạt nhiều lần đối với:'),
      ...PARTY_LINES,
      p('Tổng số tiền phạt: {{B6.fineAmount.figures}} (Bằng chữ: {{B6.fineAmount.words}}).'),
      p('Số lần nộp: {{B13.instalments}} lần.'),
      p('Số tiền nộp lần thứ nhất: {{B13.firstAmount.figures}} (Bằng chữ: {{B13.firstAmount.words}}).'),
      p('Hạn nộp lần cuối: {{B13.lastDueDate.long}}.'),
      art(
        'Điều 2.',
        `{{party.name}} ${PAY_AT.replace('nộp tại', 'nộp tiền phạt tại')} theo đúng số tiền và thời hạn nêu tại Điều 1; quá thời hạn mà không nộp thì bị cưỡng chế thi hành theo quy định của pháp luật.`,
      ),
      art('Điều 3.', `Quyết định này có hiệu lực kể từ ngày ký và được giao cho {{party.name}} để chấp hành. ${COMPLAINT('{{party.name}}')}`),
    ],
    signature: DECISION_SIGNATURE,
    recipients: ['- Như Điều 3;', TREASURY_RECIPIENT, '- Lưu: VT, hồ sơ vụ việc.'],
  },
  {
    type: 'CRIMINAL_TRANSFER_DECISION',
    version: 1,
    effectiveFrom: FROM,
    source: `${LAW}, Điều 62`,
    title: 'QUYẾT ĐỊNH',
    subtitle: 'Chuyển hồ sơ vụ vi phạm có dấu hiệu tội phạm để truy cứu trách nhiệm hình sự',
    authority: AUTHORITY,
    bases: [
      `Căn cứ Điều 62 ${LAW};`,
      { text: 'Căn cứ Biên bản vi phạm hành chính số {{issued.VIOLATION_RECORD.number}} lập ngày {{issued.VIOLATION_RECORD.date.vn}};', when: present('issued.VIOLATION_RECORD') },
    ],
    body: [
      DECIDES,
      art('Điều 1.', 'Chuyển hồ sơ vụ vi phạm hành chính có dấu hiệu tội phạm đến {{F1.receiver}} để xem xét, truy cứu trách nhiệm hình sự đối với:'),
      ...PARTY_LINES,
      p('Hồ sơ được bàn giao theo Biên bản bàn giao số {{F1.handoverRecordNo}}.'),
      art('Điều 2.', 'Thông báo bằng văn bản cho {{party.name}} biết việc chuyển hồ sơ.'),
      art('Điều 3.', 'Quyết định này có hiệu lực kể từ ngày ký. {{F1.receiver}} và các cá nhân, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này.'),
    ],
    signature: DECISION_SIGNATURE,
    recipients: ['- Như Điều 3;', '- {{party.name}};', '- Lưu: VT, hồ sơ vụ việc.'],
  },
  {
    type: 'COERCION_DECISION',
    version: 1,
    effectiveFrom: FROM,
    source: `${LAW}, Điều 86, 87; Nghị định số 296/2025/NĐ-CP`,
    title: 'QUYẾT ĐỊNH',
    subtitle: 'Cưỡng chế thi hành quyết định xử phạt vi phạm hành chính',
    authority: AUTHORITY,
    bases: [
      `Căn cứ Điều 86 và Điều 87 ${LAW};`,
      'Căn cứ Nghị định số 296/2025/NĐ-CP ngày 16 tháng 11 năm 2025 của Chính phủ quy định về cưỡng chế thi hành quyết định xử phạt vi phạm hành chính;',
      'Căn cứ Quyết định xử phạt vi phạm hành chính số {{issued.SANCTION_DECISION.number}} ngày {{facts.decisionDate.vn}};',
      'Xét thấy {{party.name}} không tự nguyện chấp hành Quyết định xử phạt vi phạm hành chính nêu trên trong thời hạn quy định;',
    ],
    body: [
      DECIDES,
      art('Điều 1.', 'Cưỡng chế thi hành Quyết định xử phạt vi phạm hành chính số {{issued.SANCTION_DECISION.number}} ngày {{facts.decisionDate.vn}} đối với:'),
      ...PARTY_LINES,
      p('Biện pháp cưỡng chế: {{E2.measure.label}}.'),
      p('Số tiền phạt phải thi hành: {{facts.fineAmount.figures}} (Bằng chữ: {{facts.fineAmount.words}}), cùng tiền chậm nộp phạt theo Điều 78 Luật Xử lý vi phạm hành chính.', {
        when: present('facts.fineAmount'),
      }),
      art('Điều 2.', '{{party.name}} phải nghiêm chỉnh chấp hành Quyết định này và chịu mọi chi phí về việc tổ chức thực hiện các biện pháp cưỡng chế.'),
      art('Điều 3.', `Quyết định này có hiệu lực kể từ ngày ký và được giao cho {{party.name}} để chấp hành. ${COMPLAINT('{{party.name}}')}`),
    ],
    signature: DECISION_SIGNATURE,
    recipients: RECIPIENTS,
  },
  {
    type: 'CORRECTION_DECISION',
    version: 1,
    effectiveFrom: FROM,
    source: `${ND118}, Điều 18 (đính chính, sửa đổi, bổ sung, hủy bỏ, ban hành quyết định mới)`,
    title: 'QUYẾT ĐỊNH',
    subtitle:
      '{{#correction.isCorrect}}Đính chính{{/correction.isCorrect}}{{#correction.isReplace}}Hủy bỏ và thay thế{{/correction.isReplace}} Quyết định số {{correction.of.number}} ngày {{correction.of.date.vn}}',
    authority: AUTHORITY,
    bases: [`Căn cứ ${LAW};`, `Căn cứ ${ND118};`, 'Căn cứ {{correction.of.title}} số {{correction.of.number}} ngày {{correction.of.date.vn}};'],
    body: [
      DECIDES,
      art('Điều 1.', 'Đính chính {{correction.of.title}} số {{correction.of.number}} ngày {{correction.of.date.vn}} như sau: {{correction.text}}', { when: when('correction.kind', 'CORRECT') }),
      art('Điều 1.', 'Hủy bỏ {{correction.of.title}} số {{correction.of.number}} ngày {{correction.of.date.vn}} và thay thế bằng nội dung sau: {{correction.text}}', {
        when: when('correction.kind', 'REPLACE'),
      }),
      p('Lý do: {{correction.reason}}'),
      art('Điều 2.', 'Các nội dung khác của Quyết định số {{correction.of.number}} ngày {{correction.of.date.vn}} giữ nguyên hiệu lực.', { when: when('correction.kind', 'CORRECT') }),
      art('Điều 2.', 'Quyết định số {{correction.of.number}} ngày {{correction.of.date.vn}} hết hiệu lực kể từ ngày Quyết định này có hiệu lực.', { when: when('correction.kind', 'REPLACE') }),
      art('Điều 3.', 'Quyết định này có hiệu lực kể từ ngày ký và được giao cho {{party.name}} và các cá nhân, đơn vị có liên quan để thi hành.'),
    ],
    signature: DECISION_SIGNATURE,
    recipients: RECIPIENTS,
  },
];

/**
 * Version 2 of the decisions (docs/adr/0190): issued by whoever signs them. Version 1 printed the
 * unit head's title ("CHI CỤC TRƯỞNG") above every signature and before the bases, also on a
 * decision a team lead took within his or her own competence; version 2 prints the signer's title
 * and agency (./issuer.ts): a Đội trưởng's decision is headed by the Chi cục and the Đội and signed
 * "ĐỘI TRƯỞNG". Nothing else changes. In force from 07/12/2026: after every paper the installations
 * had issued under version 1 (ADR 0157), so no paper already issued is named to another version.
 */
export const SIGNER_TITLES_FROM = '2026-12-07';

const ISSUER_SIGNATURE = { lines: ['{{signer.title}}'] };
const ISSUER_AUTHORITY = '{{signer.authority}}';
const ISSUER_HEADER = { parentAgency: '{{signer.parentAgency}}', agency: '{{signer.agency}}' };

/**
 * Version 2 also names where the fine is paid (docs/adr/0193): the account of the State Treasury the
 * unit's admin set with its agency lines, in force on the paper's date; without one, as version 1.
 */
const INTO_UNIT_ACCOUNT = `{{#unit.treasury}}vào tài khoản số {{unit.treasuryAccount}} của {{unit.treasury}}, hoặc qua Cổng Dịch vụ công quốc gia{{/unit.treasury}}{{^unit.treasury}}${AT_TREASURY}{{/unit.treasury}}`;
const UNIT_TREASURY_RECIPIENT = '- {{#unit.treasury}}{{unit.treasury}}{{/unit.treasury}}{{^unit.treasury}}Kho bạc Nhà nước{{/unit.treasury}} (để thu tiền phạt);';
const withUnitTreasury = (t: TDocumentTemplate): TDocumentTemplate =>
  JSON.parse(JSON.stringify(t).replaceAll(AT_TREASURY, INTO_UNIT_ACCOUNT).replaceAll(TREASURY_RECIPIENT, UNIT_TREASURY_RECIPIENT)) as TDocumentTemplate;

const VERSION_2: TDocumentTemplate[] = VERSION_1.filter((t) => t.signature === DECISION_SIGNATURE || t.type === 'SANCTION_DECISION_NO_RECORD').map((t) =>
  withUnitTreasury({
    ...t,
    version: 2,
    effectiveFrom: SIGNER_TITLES_FROM,
    // The on-the-spot decision is signed by the officer who makes it already ("NGƯỜI RA QUYẾT ĐỊNH"): only where to pay changes.
    ...(t.signature === DECISION_SIGNATURE ? { ...(t.authority === AUTHORITY ? { authority: ISSUER_AUTHORITY } : {}), header: ISSUER_HEADER, signature: ISSUER_SIGNATURE } : {}),
  }),
);

/**
 * Version 3 of the decisions (docs/adr/0197): a deputy who signs under the head's delegation signs
 * "KT. CHI CỤC TRƯỞNG" above "PHÓ CHI CỤC TRƯỞNG" (Decree 30/2020/NĐ-CP, Art. 13(3)), and the bases
 * cite the delegation decision (Law on Handling Administrative Violations, Art. 54). A head's paper
 * reads word for word as version 2's. In force from the same day as version 2, which no paper had
 * been issued under when this was shipped (its day had not come), so version 2 never applies.
 */
const DELEGATION_BASIS_LINE = {
  text: 'Căn cứ Quyết định số {{signer.delegation.number}} ngày {{signer.delegation.date.vn}} về việc giao quyền;',
  when: present('signer.delegation'),
};
const SIGNATURE_ON_BEHALF = { lines: ['{{#signer.onBehalfOf}}{{signer.onBehalfOf}}{{/signer.onBehalfOf}}', '{{signer.title}}'] };
const VERSION_3: TDocumentTemplate[] = VERSION_2.filter((t) => t.signature.lines.join() === ISSUER_SIGNATURE.lines.join()).map((t) => ({
  ...t,
  version: 3,
  bases: [...t.bases, DELEGATION_BASIS_LINE],
  signature: SIGNATURE_ON_BEHALF,
}));

/**
 * Version 2 of the violation record and version 4 of the sanction decision (docs/adr/0215): the
 * record states what the limitation period counts from since penalty version 10 — an act still
 * going on when found, and when it was found (Art. 6(1)(b)); the day the party's deliberate evasion
 * or obstruction of the sanction ended (Art. 6(1)(c), version 11) — and the decision says from which
 * day the period counted. So does version 4 of the decision on a returned file, from what its F5
 * states (referral version 5, docs/adr/0216). A record or decision with neither reads word for word as before. In force
 * from the day after it shipped: papers are dated no later than the day they are issued
 * (`notInFuture`), so none already issued is named to another version.
 */
export const LIMITATION_LINES_FROM = '2026-12-08';

const LAW_SHORT = 'Luật Xử lý vi phạm hành chính';
const WHEN_THE_ACT_HAPPENED = {
  record: p('Thời gian, địa điểm xảy ra vi phạm: {{B1.violationDate.long}}, tại {{B1.violationPlace}}.'),
  decision: p('2. Địa điểm, thời gian xảy ra vi phạm: {{B1.violationPlace}}, {{B1.violationDate.long}}.'),
  returned: p('2. Thời gian xảy ra vi phạm: {{F5.violationDate.long}}.', { when: present('F5.violationDate') }),
};
/** What a decision says the limitation counted from, as the step that states the act (the record, B1; the returned file, F5) gives it. */
const decisionLines = (step: 'B1' | 'F5'): TTemplateBlock[] => [
  p(`Hành vi vi phạm đang được thực hiện khi bị phát hiện {{${step}.detectedOn.long}}; thời hiệu xử phạt tính từ ngày phát hiện (điểm b khoản 1 Điều 6 ${LAW_SHORT}).`, {
    when: when(`${step}.ongoing`, true),
  }),
  p(`Thời hiệu xử phạt được tính lại từ {{${step}.evasionEndedOn.long}}, khi {{party.name}} chấm dứt hành vi cố tình trốn tránh, cản trở việc xử phạt (điểm c khoản 1 Điều 6 ${LAW_SHORT}).`, {
    when: present(`${step}.evasionEndedOn`),
  }),
];
const LIMITATION_LINES = {
  record: [
    p('Hành vi vi phạm đang được thực hiện khi bị phát hiện {{B1.detectedOn.long}}.', { when: when('B1.ongoing', true) }),
    p('{{B1.violatorName}} đã cố tình trốn tránh, cản trở việc xử phạt; hành vi trốn tránh, cản trở chấm dứt {{B1.evasionEndedOn.long}}.', { when: present('B1.evasionEndedOn') }),
  ],
  decision: decisionLines('B1'),
  // The returned file's decision states the act itself from the referral's version 5 (docs/adr/0216).
  returned: decisionLines('F5'),
};
/** The template with `lines` after the block that says when the act happened, which must be there. */
function withLinesAfter(t: TDocumentTemplate, after: TTemplateBlock, lines: TTemplateBlock[], version: number): TDocumentTemplate {
  const at = t.body.findIndex((b) => JSON.stringify(b) === JSON.stringify(after));
  if (at < 0) throw new Error(`${t.type} version ${t.version} no longer says when the act happened`);
  return { ...t, version, effectiveFrom: LIMITATION_LINES_FROM, body: [...t.body.slice(0, at + 1), ...lines, ...t.body.slice(at + 1)] };
}
const latestOf = (versions: TDocumentTemplate[], type: TDocumentType) => versions.filter((t) => t.type === type).sort((a, b) => b.version - a.version)[0]!;
const VERSION_LIMITATION: TDocumentTemplate[] = [
  withLinesAfter(latestOf(VERSION_1, 'VIOLATION_RECORD'), WHEN_THE_ACT_HAPPENED.record, LIMITATION_LINES.record, 2),
  withLinesAfter(latestOf(VERSION_3, 'SANCTION_DECISION'), WHEN_THE_ACT_HAPPENED.decision, LIMITATION_LINES.decision, 4),
  withLinesAfter(latestOf(VERSION_3, 'RETURNED_SANCTION_DECISION'), WHEN_THE_ACT_HAPPENED.returned, LIMITATION_LINES.returned, 4),
];

/**
 * Version 5 of the sanction decision (docs/adr/0217): Điều 2 gives the time to comply the decision
 * states when longer than the law's 10 days (Art. 73(1), penalty version 13); without one it reads
 * word for word as version 4. In force from the same day as version 4, which no paper had been
 * issued under when this was shipped, so version 4 never applies.
 */
const TEN_DAYS = 'trong thời hạn 10 ngày kể từ ngày nhận được Quyết định';
const daysAsDecided = (step: 'B6' | 'F5' | 'N1') =>
  `trong thời hạn {{#${step}.complianceDays}}{{${step}.complianceDays}}{{/${step}.complianceDays}}{{^${step}.complianceDays}}10{{/${step}.complianceDays}} ngày kể từ ngày nhận được Quyết định`;
/**
 * Version 5 of the decision on a returned file (docs/adr/0220) does the same from what F5 states
 * (criminal referral version 7), in force from the same day as its version 4, which therefore never
 * applies either. Version 4 of the decision without a record (docs/adr/0222) does the same from
 * what N1 states (its procedure's version 6), from that day too.
 */
const VERSION_COMPLIANCE: TDocumentTemplate[] = (
  [
    ['SANCTION_DECISION', 'B6'],
    ['RETURNED_SANCTION_DECISION', 'F5'],
    ['SANCTION_DECISION_NO_RECORD', 'N1'],
  ] as const
).map(([type, step]) => {
  const before = latestOf([...VERSION_1, ...VERSION_2, ...VERSION_3, ...VERSION_LIMITATION], type);
  const text = JSON.stringify(before);
  if (!text.includes(TEN_DAYS)) throw new Error(`${type} no longer gives the 10 days to comply`);
  return { ...(JSON.parse(text.replaceAll(TEN_DAYS, daysAsDecided(step))) as TDocumentTemplate), version: before.version + 1, effectiveFrom: LIMITATION_LINES_FROM };
});

/**
 * Versions 4 and 5 of the postponement and instalment decisions (docs/adr/0223): the same papers,
 * filled from the decision they defer — the penalty's B6 with its B12 or B13, or a returned file's
 * F5 with its F10 or F11 (criminal referral version 8). Each copies a version a penalty's paper
 * reads word for word as, and takes effect on that version's day: version 4 copies version 1, in
 * force from its day; version 5 copies version 3, in force from its day (version 2 never applied).
 * A returned file's postponement may be dated any day after its decision, so every day has one.
 */
const RETURNED_FILE = 'F5.decisionDate';
const DEFERRED: Record<string, string> = { 'issued.SANCTION_DECISION': 'issued.RETURNED_SANCTION_DECISION', B6: 'F5', B12: 'F10', B13: 'F11' };
/** Every placeholder of the penalty's steps, read from the returned file's where the case is one. */
function forEitherDecision(t: TDocumentTemplate, version: number): TDocumentTemplate {
  const text = JSON.stringify(t).replace(
    /\{\{(issued\.SANCTION_DECISION|B6|B12|B13)\.([^{}]+)\}\}/g,
    (tag, from: string, rest: string) => `{{#${RETURNED_FILE}}}{{${DEFERRED[from]}.${rest}}}{{/${RETURNED_FILE}}}{{^${RETURNED_FILE}}}${tag}{{/${RETURNED_FILE}}}`,
  );
  if (!text.includes(`{{F5.fineAmount.figures}}`)) throw new Error(`${t.type} version ${t.version} no longer names the fine it defers`);
  return { ...(JSON.parse(text) as TDocumentTemplate), version };
}
const VERSION_EITHER_DECISION: TDocumentTemplate[] = (['POSTPONEMENT_DECISION', 'INSTALMENT_DECISION'] as const).flatMap((type) => [
  forEitherDecision(
    VERSION_1.find((t) => t.type === type)!,
    4,
  ),
  forEitherDecision(
    VERSION_3.find((t) => t.type === type)!,
    5,
  ),
]);

/**
 * Version 6 of the postponement and instalment decisions (docs/adr/0230): the request is said
 * certified by the body that certified it, which penalty version 16 and referral version 10 record
 * (`certifiedBy`, docs/adr/0228), as forms MQĐ03 and MQĐ05 leave a place for ("… được … xác
 * nhận"). A decision without it (an earlier version's) reads word for word as version 5. In force
 * from the day after it shipped, as version 2 of the record (papers are `notInFuture`).
 */
export const CERTIFIED_BY_FROM = '2026-12-09';
const CERTIFIED_LINES: Record<'POSTPONEMENT_DECISION' | 'INSTALMENT_DECISION', { line: string; steps: [string, string]; otherwise: string }> = {
  POSTPONEMENT_DECISION: {
    line: 'Xét đơn đề nghị hoãn thi hành quyết định phạt tiền của {{party.name}} và xác nhận về hoàn cảnh kinh tế đặc biệt khó khăn;',
    steps: ['B12', 'F10'],
    otherwise: ' và xác nhận về hoàn cảnh kinh tế đặc biệt khó khăn',
  },
  INSTALMENT_DECISION: { line: 'Xét đơn đề nghị nộp tiền phạt nhiều lần của {{party.name}};', steps: ['B13', 'F11'], otherwise: '' },
};
function withCertifyingBody(t: TDocumentTemplate): TDocumentTemplate {
  const { line, steps, otherwise } = CERTIFIED_LINES[t.type as keyof typeof CERTIFIED_LINES];
  const [own, returned] = steps.map((step) => `${step}.certifiedBy`) as [string, string];
  const certified = (path: string) => `{{#${path}}}, được {{${path}}} xác nhận hoàn cảnh kinh tế đặc biệt khó khăn{{/${path}}}`;
  const text = `${line.replace(/( và xác nhận về hoàn cảnh kinh tế đặc biệt khó khăn)?;$/, '')}${certified(own)}${certified(returned)}{{^${own}}}{{^${returned}}}${otherwise}{{/${returned}}}{{/${own}}};`;
  if (!t.bases.includes(line)) throw new Error(`${t.type} version ${t.version} no longer considers the request in the words version 6 replaces`);
  return { ...t, version: 6, effectiveFrom: CERTIFIED_BY_FROM, bases: t.bases.map((b) => (b === line ? text : b)) };
}
const VERSION_CERTIFIED: TDocumentTemplate[] = (['POSTPONEMENT_DECISION', 'INSTALMENT_DECISION'] as const).map((type) => withCertifyingBody(latestOf(VERSION_EITHER_DECISION, type)));

/** The shipped versions, published on start where an installation lacks them (ADR 0157). */
export const DOCUMENT_TEMPLATES: TDocumentTemplate[] = [...VERSION_1, ...VERSION_2, ...VERSION_3, ...VERSION_LIMITATION, ...VERSION_COMPLIANCE, ...VERSION_EITHER_DECISION, ...VERSION_CERTIFIED];

/** The version of a type's template in force on a date (the latest whose `effectiveFrom` is not after it). */
export function templateFor(type: TDocumentType, date: string, templates: readonly TDocumentTemplate[] = DOCUMENT_TEMPLATES): TDocumentTemplate {
  const inForce = templates.filter((t) => t.type === type && t.effectiveFrom <= date).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.version - a.version);
  const t = inForce[0];
  if (!t) throw new RangeError(`no template of ${type} in force on ${date}`);
  return t;
}
