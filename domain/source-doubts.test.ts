import { describe, expect, it } from 'vitest';
import { hasSourceDoubt, plainLegalBasis } from './source-doubts.js';

describe('a legal basis read without the doubts about its source', () => {
  it.each([
    ['Luật XLVPHC, Điều 58(4) — 24 giờ (cần xác nhận)', 'Luật XLVPHC, Điều 58(4) — 24 giờ'],
    ['Thời hạn kiểm tra (Nghị định 33/2022/NĐ-CP; số ngày cần xác nhận): tính từ ngày công bố quyết định', 'Thời hạn kiểm tra (Nghị định 33/2022/NĐ-CP): tính từ ngày công bố quyết định'],
    ['Luật XLVPHC, Điều 70: 02 ngày làm việc kể từ ngày ra quyết định (một nguồn nêu 03 ngày từ 01/07/2025 — cần xác nhận)', 'Luật XLVPHC, Điều 70: 02 ngày làm việc kể từ ngày ra quyết định'],
    [
      'Giao quyết định xử phạt kể từ ngày ra quyết định (02 ngày; một nguồn nêu 03 ngày sau Luật 88/2025 — cần xác nhận, dùng mức chặt hơn)',
      'Giao quyết định xử phạt kể từ ngày ra quyết định (02 ngày)',
    ],
    [
      'Luật XLVPHC, Điều 126: sau 01 năm kể từ thông báo lần 2 (quyết định trong 05 ngày làm việc, cần xác nhận)',
      'Luật XLVPHC, Điều 126: sau 01 năm kể từ thông báo lần 2 (quyết định trong 05 ngày làm việc)',
    ],
    ['Nghị định 189/2025/NĐ-CP (thẩm quyền xử phạt; mức trần theo chức danh cần xác nhận)', 'Nghị định 189/2025/NĐ-CP (thẩm quyền xử phạt)'],
    ['Luật XLVPHC, Điều 76 (mức cần xác nhận)', 'Luật XLVPHC, Điều 76'],
    ['Công văn 12729/VPCP-KGVX ngày 25/12/2025 [H6]', 'Công văn 12729/VPCP-KGVX ngày 25/12/2025'],
    ['Bộ luật Lao động 2019, Điều 112; thông báo nghỉ lễ 2025 [H1], [H3]', 'Bộ luật Lao động 2019, Điều 112; thông báo nghỉ lễ 2025'],
    ['Một nguồn báo chí 10/2025 nêu nghỉ 29/08–02/09; cần văn bản hoán đổi [H7]', 'cần văn bản hoán đổi'],
    ['Pháp lệnh Quản lý thị trường 2016, Điều 21; Nghị định 33/2022/NĐ-CP Điều 4', 'Pháp lệnh Quản lý thị trường 2016, Điều 21; Nghị định 33/2022/NĐ-CP Điều 4'],
  ])('%s', (text, plain) => {
    expect(plainLegalBasis(text)).toBe(plain);
    expect(hasSourceDoubt(plainLegalBasis(text))).toBe(false);
  });

  it('leaves nothing undefined and knows a doubt when it sees one', () => {
    expect(plainLegalBasis(undefined)).toBeUndefined();
    expect(hasSourceDoubt('Điều 61(2) (cần xác nhận)')).toBe(true);
    expect(hasSourceDoubt('theo một nguồn')).toBe(true);
    expect(hasSourceDoubt('Công văn [H6]')).toBe(true);
    expect(hasSourceDoubt('Điều 61(2)')).toBe(false);
  });
});
