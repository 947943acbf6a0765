/**
 * A sanction decision as a layout, for the renderer's and the signature's tests (lib/documents):
 * every Vietnamese vowel with every tone, a body long enough for three pages, a table that splits.
 */
import type { TDocumentLayout } from '../domain/documents/layout.js';

/** Every Vietnamese letter with a diacritic, lower and upper case (the six tones on the twelve vowels, and đ). */
export const VIETNAMESE_LETTERS = [
  'aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự yỳýỷỹỵ đ',
  'AÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ EÈÉẺẼẸ ÊỀẾỂỄỆ IÌÍỈĨỊ OÒÓỎÕỌ ÔỒỐỔỖỘ ƠỜỚỞỠỢ UÙÚỦŨỤ ƯỪỨỬỮỰ YỲÝỶỸỴ Đ',
];

const LONG =
  'Trong quá trình kiểm tra, Đội Quản lý thị trường số 1 đã phát hiện cơ sở kinh doanh bày bán hàng hóa ' +
  'không rõ nguồn gốc, xuất xứ, gồm mỹ phẩm, thực phẩm chức năng và đồ gia dụng; người đại diện không xuất trình ' +
  'được hóa đơn, chứng từ chứng minh tính hợp pháp của hàng hóa theo quy định.';

export function sanctionDecisionLayout(over: Partial<TDocumentLayout> = {}): TDocumentLayout {
  return {
    parentAgency: 'Sở Công Thương tỉnh Ninh Bình',
    agency: 'CHI CỤC QUẢN LÝ THỊ TRƯỜNG',
    number: '15/QĐ-XPHC',
    symbol: 'QĐ-XPHC',
    placeAndDate: 'Ninh Bình, ngày 15 tháng 3 năm 2026',
    formCode: 'Mẫu MQĐ02',
    title: 'QUYẾT ĐỊNH',
    subtitle: 'Xử phạt vi phạm hành chính',
    authority: 'CHI CỤC TRƯỞNG CHI CỤC QUẢN LÝ THỊ TRƯỜNG',
    bases: [
      'Căn cứ Điều 57, Điều 68, Điều 70, Điều 78 và Điều 85 Luật Xử lý vi phạm hành chính;',
      'Căn cứ Nghị định số 98/2020/NĐ-CP ngày 26 tháng 8 năm 2020 của Chính phủ quy định xử phạt vi phạm hành chính trong hoạt động thương mại, sản xuất, buôn bán hàng giả, hàng cấm và bảo vệ quyền lợi người tiêu dùng;',
      'Căn cứ Biên bản vi phạm hành chính số 3/BB-VPHC lập ngày 10 tháng 3 năm 2026;',
    ],
    body: [
      { kind: 'heading', text: 'QUYẾT ĐỊNH:' },
      {
        kind: 'article',
        label: 'Điều 1.',
        text: 'Xử phạt vi phạm hành chính đối với hộ kinh doanh Nguyễn Thị Hường, địa chỉ: số 12 đường Trưởng Thi, phường Đông Thành, tỉnh Ninh Bình; mã số thuế: 2700123456.',
      },
      { kind: 'paragraph', text: `1. Đã thực hiện hành vi vi phạm hành chính: ${LONG}` },
      { kind: 'paragraph', text: 'Chữ có dấu: Quyết định xử phạt vi phạm hành chính; Nghị định; Đội; ưởng; ỗ ặ ữ ỹ; Hưởng, Thưởng, Nguyễn, Phượng, Quỳnh, Đặng.' },
      ...VIETNAMESE_LETTERS.map((text) => ({ kind: 'paragraph' as const, text })),
      { kind: 'paragraph', text: '2. Tang vật, phương tiện bị tạm giữ:', italic: true },
      {
        kind: 'table',
        rows: [
          ['STT', 'Tên tang vật', 'Đơn vị tính', 'Số lượng', 'Ghi chú'],
          ...Array.from({ length: 28 }, (_, i) => [
            String(i + 1),
            i % 3 === 0 ? `Kem dưỡng da hiệu "Ngọc Trinh" loại hộp 50 g, không có nhãn phụ tiếng Việt, lô số ${100 + i}` : `Bánh kẹo nhập khẩu lô ${i + 1}`,
            i % 2 ? 'hộp' : 'gói',
            String((i + 1) * 12),
            i % 4 === 0 ? 'Niêm phong' : '',
          ]),
        ],
      },
      ...Array.from({ length: 6 }, (_, i) => ({ kind: 'paragraph' as const, text: `${i + 3}. ${LONG}` })),
      { kind: 'article', label: 'Điều 2.', text: 'Mức phạt tiền: 15.000.000 đồng (Bằng chữ: Mười lăm triệu đồng chẵn).' },
      {
        kind: 'article',
        label: 'Điều 3.',
        text: 'Quyết định này có hiệu lực thi hành kể từ ngày ký.\nGiao cho ông Đặng Văn Thưởng, Đội trưởng Đội Quản lý thị trường số 1, tổ chức thực hiện Quyết định này.',
      },
    ],
    signature: { lines: ['CHI CỤC TRƯỞNG'], name: 'Trần Quốc Hưởng' },
    recipients: ['- Như Điều 3;', '- Sở Công Thương (để b/c);', '- Lưu: VT, hồ sơ.'],
    verifyUrl: 'https://ins.example.gov.vn/public/van-ban/QD-XPHC-15-2026',
    draft: false,
    meta: { title: 'Quyết định xử phạt vi phạm hành chính số 15/QĐ-XPHC', caseId: 'penalty/nb-01/2026/15', type: 'SANCTION_DECISION' },
    ...over,
  };
}
