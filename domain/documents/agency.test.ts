import { describe, expect, it } from 'vitest';
import { defaultAgencyAsOf, provinceLine } from './agency.js';

describe('the agency on a paper, as of its date', () => {
  const nb = { id: 'nb', province: 'Ninh Bình' };
  it('from 01/07/2025 the Chi cục under the provincial Department of Industry and Trade', () => {
    expect(defaultAgencyAsOf(nb, '2025-07-01')).toMatchObject({ parentAgency: 'SỞ CÔNG THƯƠNG TỈNH NINH BÌNH', agency: 'CHI CỤC QUẢN LÝ THỊ TRƯỜNG', headTitle: 'CHI CỤC TRƯỞNG', place: 'Ninh Bình' });
  });
  it('the day before, the provincial Cục under the General Department', () => {
    expect(defaultAgencyAsOf(nb, '2025-06-30')).toMatchObject({ parentAgency: 'TỔNG CỤC QUẢN LÝ THỊ TRƯỜNG', agency: 'CỤC QUẢN LÝ THỊ TRƯỜNG TỈNH NINH BÌNH', headTitle: 'CỤC TRƯỞNG' });
  });
  it('a centrally-run city is a THÀNH PHỐ', () => {
    expect(provinceLine('Hà Nội')).toBe('THÀNH PHỐ HÀ NỘI');
    expect(provinceLine('Tỉnh Thanh Hóa')).toBe('TỈNH THANH HÓA');
    expect(defaultAgencyAsOf({ id: 'hn', province: 'Hà Nội' }, '2026-01-05').parentAgency).toBe('SỞ CÔNG THƯƠNG THÀNH PHỐ HÀ NỘI');
  });
});
