import { describe, expect, it } from 'vitest';
import { caseSearchText } from './projection.js';

describe('the text the case search matches', () => {
  it('holds the case number, the title and what the officers wrote, folded without accents', () => {
    const text = caseSearchText('penalty/nb/2026/0007', 'Cửa hàng Hồng Phát — xử phạt', [
      { data: { decisionNo: '15/QĐ-XPHC', violatorName: 'Nguyễn Thị Đào', decisionDate: '2026-11-25', fineAmount: 5_000_000 } },
      { data: { parties: [{ name: 'Trần Văn Bình', role: 'WITNESS' }], evidence: [{ sha256: 'a'.repeat(64), name: 'ảnh.jpg' }] } },
    ]);
    expect(text).toContain('penalty/nb/2026/0007');
    expect(text).toContain('cua hang hong phat');
    expect(text).toContain('15/qd-xphc');
    expect(text).toContain('nguyen thi dao');
    expect(text).toContain('tran van binh');
    // Dates, numbers and stored files are not search words.
    expect(text).not.toContain('2026-11-25');
    expect(text).not.toContain('5000000');
    expect(text).not.toContain('anh.jpg');
  });

  it('leaves out long texts and stays bounded', () => {
    const long = 'x'.repeat(500);
    const many = Array.from({ length: 100 }, (_, i) => ({ data: { note: `ghi chú số ${i} `.repeat(10) } }));
    expect(caseSearchText('tip/nb/2026/0001', 'Tin báo', [{ data: { description: long } }])).not.toContain(long);
    expect(caseSearchText('tip/nb/2026/0001', 'Tin báo', many).length).toBeLessThanOrEqual(4_000);
  });
});
