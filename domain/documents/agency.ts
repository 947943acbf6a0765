/**
 * Whose name a paper carries, as of its date (Decree 30/2020/NĐ-CP: the issuing agency under its
 * direct parent). The national rule: until 30/06/2025 a provincial QLTT unit was the Cục QLTT of
 * its province under the General Department (Tổng cục QLTT); from 01/07/2025 it is the Chi cục QLTT
 * under the province's Department of Industry and Trade (Decree 40/2025/NĐ-CP; ../shared/domain/
 * vn-law.md "QLTT organisation", [V]). A unit may set its own lines from a date (`unit_agency`),
 * which take precedence; this is the default without them.
 */
import type { TUnitAsOf } from './context.js';

/** The date the Chi cục QLTT came under the provincial Department of Industry and Trade (as the issue and Decree 40/2025 put it). */
const CHI_CUC_FROM = '2025-07-01';

/** Centrally-run cities ("THÀNH PHỐ …") as of 2025; any other province is a "TỈNH …". */
const CITIES = new Set(['Hà Nội', 'Hồ Chí Minh', 'Thành phố Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Huế']);

const upper = (s: string): string => s.toLocaleUpperCase('vi-VN');

/** "TỈNH NINH BÌNH" / "THÀNH PHỐ HÀ NỘI". */
export function provinceLine(province: string): string {
  const name = province.replace(/^(Tỉnh|Thành phố|TP\.?)\s+/i, '').trim();
  return upper(CITIES.has(province) || CITIES.has(name) ? `Thành phố ${name}` : `Tỉnh ${name}`);
}

/** The national rule for a provincial unit on a date (yyyy-mm-dd). */
export function defaultAgencyAsOf(unit: { id: string; province: string }, date: string): TUnitAsOf {
  const place = unit.province.replace(/^(Tỉnh|Thành phố|TP\.?)\s+/i, '').trim();
  const province = provinceLine(unit.province);
  if (date >= CHI_CUC_FROM) {
    return { unitId: unit.id, parentAgency: `SỞ CÔNG THƯƠNG ${province}`, agency: 'CHI CỤC QUẢN LÝ THỊ TRƯỜNG', headTitle: 'CHI CỤC TRƯỞNG', place, province: unit.province };
  }
  return { unitId: unit.id, parentAgency: 'TỔNG CỤC QUẢN LÝ THỊ TRƯỜNG', agency: `CỤC QUẢN LÝ THỊ TRƯỜNG ${province}`, headTitle: 'CỤC TRƯỞNG', place, province: unit.province };
}
