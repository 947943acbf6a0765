/**
 * The violation catalogue (danh mục hành vi vi phạm), seeded from ../shared/domain/vn-law.md §2.4
 * with only the rows whose article, clause and point the spec gives; rows it leaves unverified are
 * flagged `toConfirm`. Admins keep it current (decrees change).
 */
import { z } from 'zod';
import { ZIsoDate } from './calendar.js';

export const ZViolation = z.object({
  /** `<decree>:<article>.<clause>.<point>`, e.g. `ND98/2020:17.1.c`. */
  code: z.string().regex(/^[A-Z]+\d+\/\d{4}:\d+(\.\d+)?(\.[a-zđ])?$/, 'must look like ND98/2020:17.1.c'),
  decree: z.string().min(1),
  article: z.number().int().positive(),
  clause: z.number().int().positive().optional(),
  point: z.string().optional(),
  descriptionVi: z.string().min(1),
  bracket: z.object({ min: z.number().int().min(0), max: z.number().int().min(0) }),
  baseSubject: z.enum(['individual', 'organization']),
  warningPossible: z.boolean(),
  additionalSanctions: z.array(z.string()),
  remedialMeasures: z.array(z.string()),
  /** Fields with a 2-year limitation period (trade, counterfeit, price: Law Art. 6). */
  limitationYears: z.union([z.literal(1), z.literal(2)]),
  effectiveFrom: ZIsoDate,
  effectiveTo: ZIsoDate.optional(),
  confidence: z.enum(['V', 'P', 'U']),
  toConfirm: z.boolean(),
  note: z.string().optional(),
});
export type TViolation = z.infer<typeof ZViolation>;

const ND98 = 'Nghị định 98/2020/NĐ-CP (sửa đổi bởi Nghị định 17/2022/NĐ-CP)';

export const VIOLATION_CATALOGUE_SEED: readonly TViolation[] = [
  {
    code: 'ND98/2020:17.1.a', decree: ND98, article: 17, clause: 1, point: 'a',
    descriptionVi: 'Kinh doanh hàng hóa quá hạn sử dụng, trị giá hàng hóa dưới 1.000.000 đồng',
    bracket: { min: 300_000, max: 500_000 }, baseSubject: 'individual', warningPossible: true,
    additionalSanctions: [], remedialMeasures: [], limitationYears: 2, effectiveFrom: '2020-10-15', confidence: 'V', toConfirm: false,
  },
  {
    code: 'ND98/2020:17.1.b', decree: ND98, article: 17, clause: 1, point: 'b',
    descriptionVi: 'Thay đổi, xóa, sửa hạn sử dụng, nhãn hàng hóa để kéo dài thời hạn sử dụng, trị giá hàng hóa dưới 1.000.000 đồng',
    bracket: { min: 300_000, max: 500_000 }, baseSubject: 'individual', warningPossible: true,
    additionalSanctions: [], remedialMeasures: [], limitationYears: 2, effectiveFrom: '2020-10-15', confidence: 'V', toConfirm: false,
  },
  {
    code: 'ND98/2020:17.1.c', decree: ND98, article: 17, clause: 1, point: 'c',
    descriptionVi: 'Kinh doanh hàng hóa không rõ nguồn gốc, xuất xứ, trị giá hàng hóa dưới 1.000.000 đồng',
    bracket: { min: 300_000, max: 500_000 }, baseSubject: 'individual', warningPossible: true,
    additionalSanctions: ['Tịch thu tang vật vi phạm'], remedialMeasures: [], limitationYears: 2, effectiveFrom: '2020-10-15', confidence: 'V', toConfirm: false,
    note: 'Hình phạt bổ sung tịch thu: [P] theo báo chí',
  },
  {
    code: 'ND98/2020:17.2', decree: ND98, article: 17, clause: 2,
    descriptionVi: 'Các hành vi tại khoản 1 Điều 17, khung giá trị hàng hóa tiếp theo (ranh giới khung chưa xác nhận, được cho là 1.000.000 đến dưới 3.000.000 đồng)',
    bracket: { min: 500_000, max: 1_000_000 }, baseSubject: 'individual', warningPossible: false,
    additionalSanctions: [], remedialMeasures: [], limitationYears: 2, effectiveFrom: '2020-10-15', confidence: 'P', toConfirm: true,
  },
  {
    code: 'ND87/2024:13.1', decree: 'Nghị định 87/2024/NĐ-CP (quản lý giá)', article: 13, clause: 1,
    descriptionVi: 'Không niêm yết giá, niêm yết giá không rõ ràng, không đúng quy định',
    bracket: { min: 500_000, max: 1_000_000 }, baseSubject: 'individual', warningPossible: false,
    additionalSanctions: [], remedialMeasures: ['Buộc niêm yết giá đúng quy định'], limitationYears: 2, effectiveFrom: '2024-07-12', confidence: 'V', toConfirm: true,
    note: 'Chủ thể gốc của mức phạt (cá nhân hay tổ chức) trong Nghị định 87/2024 chưa được xác nhận [U]',
  },
];
