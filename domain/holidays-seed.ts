/**
 * The state-agency calendar 2025–2027 (../shared/domain/vn-law.md §3.3), seeded into the database
 * and then kept by admins. Only exceptions to the Monday–Friday week are listed: weekday days off
 * and weekend days worked. Weekend days inside a break need no row.
 *
 * Sources: Labour Code 2019 Arts. 111–112 (statutory days and the compensatory rule); the Prime
 * Minister's and Government Office's annual notices as cited in vn-law.md ([H1]–[H12]).
 */
import type { TCalendarEntry } from './calendar.js';

const LC = 'Bộ luật Lao động 2019, Điều 112';
const LC_COMP = 'Bộ luật Lao động 2019, Điều 111 (nghỉ bù khi ngày lễ trùng ngày nghỉ hằng tuần)';
const LC_TET = 'Bộ luật Lao động 2019, Điều 112(1)(b) và Điều 111(3); vn-law.md §3.3 (2027 [U])';

function off(date: string, reason: string, status: TCalendarEntry['status'], source: string): TCalendarEntry {
  return { date, isWorkingDay: false, reason, status, source };
}
function work(date: string, reason: string, status: TCalendarEntry['status'], source: string): TCalendarEntry {
  return { date, isWorkingDay: true, reason, status, source };
}

export const HOLIDAYS_SEED: readonly TCalendarEntry[] = [
  // 2025: all announced [V]
  off('2025-01-01', 'Tết Dương lịch', 'STATUTORY', LC),
  ...['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'].map((d) => off(d, 'Tết Nguyên đán', 'ANNOUNCED', `${LC}; lịch nghỉ Tết Ất Tỵ 2025 (25/01–02/02/2025) [H2]`)),
  off('2025-04-07', 'Giỗ Tổ Hùng Vương', 'ANNOUNCED', `${LC}; thông báo nghỉ lễ 2025 [H1], [H3]`),
  work('2025-04-26', 'Làm bù cho ngày nghỉ 02/05/2025', 'ANNOUNCED', 'Hoán đổi ngày làm việc dịp 30/4–1/5/2025 [H3]'),
  off('2025-04-30', 'Ngày Chiến thắng', 'STATUTORY', LC),
  off('2025-05-01', 'Ngày Quốc tế Lao động', 'STATUTORY', LC),
  off('2025-05-02', 'Nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)', 'ANNOUNCED', 'Hoán đổi ngày làm việc dịp 30/4–1/5/2025 [H3]'),
  off('2025-09-01', 'Quốc khánh', 'ANNOUNCED', `${LC}; lịch nghỉ Quốc khánh 2025 (30/08–02/09) [H4]`),
  off('2025-09-02', 'Quốc khánh', 'STATUTORY', LC),

  // 2026
  off('2026-01-01', 'Tết Dương lịch', 'STATUTORY', LC),
  off('2026-01-02', 'Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)', 'ANNOUNCED', 'Công văn 12729/VPCP-KGVX ngày 25/12/2025 [H6]'),
  work('2026-01-10', 'Làm bù cho ngày nghỉ 02/01/2026', 'ANNOUNCED', 'Công văn 12729/VPCP-KGVX ngày 25/12/2025 [H6]'),
  ...['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'].map((d) =>
    off(d, 'Tết Nguyên đán', 'ANNOUNCED', `${LC}; lịch nghỉ Tết Bính Ngọ 2026 (14/02–22/02/2026) do Thủ tướng phê duyệt 10/2025 [H5], [H7]`),
  ),
  off('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương (26/04 là Chủ nhật)', 'COMPUTED', `${LC_COMP}; báo chí [H9] (chưa thấy văn bản)`),
  off('2026-04-30', 'Ngày Chiến thắng', 'STATUTORY', LC),
  off('2026-05-01', 'Ngày Quốc tế Lao động', 'STATUTORY', LC),
  off('2026-09-01', 'Quốc khánh', 'ANNOUNCED', `${LC}; "ngày 2/9 và 1 ngày liền kề trước" [H6]`),
  off('2026-09-02', 'Quốc khánh', 'STATUTORY', LC),
  off('2026-08-31', 'Quốc khánh (chưa xác nhận hoán đổi)', 'PENDING', 'Một nguồn báo chí 10/2025 nêu nghỉ 29/08–02/09; cần văn bản hoán đổi [H7]'),
  off('2026-11-24', 'Ngày Văn hóa Việt Nam (dự kiến)', 'PENDING', 'Nghị quyết 30/NQ-CP (02/2026) đề nghị sửa Điều 112 BLLĐ; chưa là luật [H10], [H11]'),

  // 2027: statutory days; the Government has not announced Tết or National Day yet. Tết Đinh Mùi
  // is Sat 06/02/2027. Labour Code Art. 112(1)(b) gives 5 days around it and Art. 111 a weekday off
  // for each one that falls on a weekend; whichever split the Government picks (1+4, 2+3, 3+2 days
  // around the first day), Fri 05/02, Mon 08/02 and Tue 09/02 are off. Wed 03/02, Thu 04/02,
  // Wed 10/02 and Thu 11/02 are off under some splits only: EXPECTED until announced.
  off('2027-01-01', 'Tết Dương lịch', 'STATUTORY', LC),
  ...['2027-02-05', '2027-02-08', '2027-02-09'].map((d) => off(d, 'Tết Nguyên đán', 'COMPUTED', `${LC_TET}: nghỉ theo mọi phương án 5 ngày quanh mùng 1 (thứ Bảy 06/02/2027), gồm nghỉ bù`)),
  ...['2027-02-03', '2027-02-04', '2027-02-10', '2027-02-11'].map((d) =>
    off(d, 'Tết Nguyên đán', 'EXPECTED', `${LC_TET}: nghỉ theo một số phương án; chờ Thủ tướng công bố lịch nghỉ Tết Đinh Mùi 2027`),
  ),
  off('2027-04-16', 'Giỗ Tổ Hùng Vương', 'COMPUTED', `${LC}; 10/3 âm lịch tính theo giờ UTC+7`),
  off('2027-04-30', 'Ngày Chiến thắng', 'STATUTORY', LC),
  off('2027-05-03', 'Nghỉ bù Ngày Quốc tế Lao động (01/05 là thứ Bảy)', 'COMPUTED', LC_COMP),
  off('2027-09-02', 'Quốc khánh', 'STATUTORY', LC),
  off('2027-09-01', 'Quốc khánh (ngày liền kề, chờ Chính phủ chọn)', 'EXPECTED', `${LC}: 02/9 và 1 ngày liền kề trước hoặc sau`),
  off('2027-09-03', 'Quốc khánh (ngày liền kề, chờ Chính phủ chọn)', 'EXPECTED', `${LC}: 02/9 và 1 ngày liền kề trước hoặc sau`),
  off('2027-11-24', 'Ngày Văn hóa Việt Nam (dự kiến)', 'PENDING', 'Nghị quyết 30/NQ-CP (02/2026); chưa là luật [H10], [H11]'),
];
