/**
 * The fixed part of the synthetic national data (bench/generate.ts): the 34 provincial units and
 * their teams, officers and communes, the product groups, the violation codes and the words names
 * are made of. Built in TypeScript from the seed (small); the bulk is generated in SQL from it.
 */
import { foldVietnamese, PROVINCES } from '../domain/business.js';

/** Relative size of each province's unit (cases, teams, communes, businesses): the big cities 5–8× a small province. */
const PROVINCE_WEIGHTS: Readonly<Record<string, number>> = {
  'Hà Nội': 7.5,
  Huế: 1.5,
  'Hải Phòng': 4,
  'Đà Nẵng': 3,
  'Hồ Chí Minh': 8,
  'Cần Thơ': 2.5,
  'Lai Châu': 1,
  'Điện Biên': 1,
  'Sơn La': 1.2,
  'Lạng Sơn': 1.1,
  'Quảng Ninh': 2,
  'Thanh Hóa': 3,
  'Nghệ An': 3,
  'Hà Tĩnh': 1.3,
  'Cao Bằng': 1,
  'Tuyên Quang': 1.3,
  'Lào Cai': 1.4,
  'Thái Nguyên': 1.8,
  'Phú Thọ': 2.5,
  'Bắc Ninh': 3,
  'Hưng Yên': 2.5,
  'Ninh Bình': 2.5,
  'Quảng Trị': 1.5,
  'Quảng Ngãi': 1.7,
  'Gia Lai': 2,
  'Khánh Hòa': 2,
  'Lâm Đồng': 2.5,
  'Đắk Lắk': 2,
  'Đồng Nai': 3.5,
  'Tây Ninh': 2.5,
  'Vĩnh Long': 2.5,
  'Đồng Tháp': 2.5,
  'Cà Mau': 1.8,
  'An Giang': 3,
};

/** The product groups (nhóm hàng) of the businesses, with their shares. */
const PRODUCT_GROUPS: readonly (readonly [string, number])[] = [
  ['Thực phẩm', 28],
  ['Đồ uống', 9],
  ['Mỹ phẩm', 8],
  ['Dược phẩm', 5],
  ['Xăng dầu', 5],
  ['Vàng bạc', 3],
  ['Thuốc lá', 6],
  ['Thuốc lá điện tử', 3],
  ['Hàng điện tử', 8],
  ['Quần áo', 10],
  ['Thương mại điện tử', 9],
  ['Phân bón', 6],
];

/** Violation codes (`<decree>:<article>.<clause>.<point>`) of the decisions, most frequent first. */
const VIOLATION_CODES: readonly string[] = [
  'ND98/2020:17.1.a',
  'ND98/2020:11.2.b',
  'ND98/2020:17.1.b',
  'ND98/2020:17.1.c',
  'ND98/2020:11.1.a',
  'ND98/2020:15.1.a',
  'ND98/2020:30.1.a',
  'ND98/2020:13.1.b',
  'ND98/2020:9.1.a',
  'ND98/2020:10.2.a',
  'ND98/2020:17.2',
  'ND98/2020:12.1.a',
  'ND98/2020:16.3.b',
  'ND98/2020:19.1.c',
  'ND98/2020:20.2.a',
  'ND98/2020:21.1.a',
  'ND98/2020:24.1.b',
  'ND98/2020:25.2.a',
  'ND98/2020:31.1.b',
  'ND98/2020:34.1.a',
  'ND98/2020:38.2.a',
  'ND98/2020:40.1.a',
  'ND98/2020:51.1.a',
  'ND98/2020:62.1.b',
  'ND98/2020:64.1.a',
  'ND15/2018:4.1',
  'ND15/2018:9.2.a',
  'ND15/2018:22.1',
  'ND115/2018:5.1.a',
  'ND115/2018:6.2.b',
  'ND115/2018:10.1.a',
  'ND115/2018:17.3',
  'ND87/2024:13.1',
  'ND87/2024:14.1',
  'ND87/2024:15.2.a',
  'ND99/2020:5.1',
  'ND99/2020:11.3.b',
  'ND117/2020:41.1.a',
  'ND117/2020:48.2',
  'ND84/2022:24.1.a',
];

const FAMILY_NAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE_NAMES = ['Văn', 'Thị', 'Minh', 'Thanh', 'Quốc', 'Hữu', 'Ngọc', 'Đức', 'Thu', 'Anh', 'Hoài', 'Kim'];
const GIVEN_NAMES = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hoa',
  'Hùng',
  'Hương',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Ngọc',
  'Phong',
  'Phương',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Việt',
  'Yến',
];
const BRAND_WORDS = [
  'Thành Đạt',
  'Phú Quý',
  'Hoàng Long',
  'Minh Phát',
  'An Khang',
  'Việt Tiến',
  'Hưng Thịnh',
  'Sao Mai',
  'Đại Nam',
  'Phương Đông',
  'Kim Ngân',
  'Bảo Tín',
  'Trường Sơn',
  'Hồng Hà',
  'Thiên Phúc',
  'Tân Tiến',
  'Nam Á',
  'Hải Âu',
  'Bình An',
  'Thái Dương',
];
const TRADE_WORDS = ['Thực phẩm', 'Thương mại', 'Dịch vụ', 'Xuất nhập khẩu', 'Dược phẩm', 'Mỹ phẩm', 'Điện tử', 'Xăng dầu', 'Nông sản', 'Thời trang', 'Đầu tư'];
const SECTORS = ['Bán lẻ', 'Bán buôn', 'Sản xuất', 'Dịch vụ ăn uống', 'Kinh doanh trực tuyến'];
const PLACE_FIRST = ['An', 'Bình', 'Tân', 'Phú', 'Hòa', 'Long', 'Thạnh', 'Vĩnh', 'Phước', 'Đông', 'Tây', 'Trung', 'Hưng', 'Mỹ', 'Quang'];
const PLACE_SECOND = ['Hưng', 'Lợi', 'Thuận', 'Mỹ', 'Khánh', 'Lộc', 'Hiệp', 'Thành', 'Sơn', 'Hải', 'Phú', 'Định', 'Yên', 'Bình', 'Hòa'];

/** A small deterministic PRNG (mulberry32): the same seed, the same reference data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A lookup table of `slots` entries, entry i the (1-based) index of the item whose weight share covers it. */
function pickTable(weights: readonly number[], slots: number): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  const table: number[] = [];
  let cumulative = 0;
  weights.forEach((w, i) => {
    cumulative += w;
    const end = Math.round((cumulative / total) * slots);
    while (table.length < end) table.push(i + 1);
  });
  while (table.length < slots) table.push(weights.length);
  return table;
}

interface TRefUnit {
  /** 1-based. */
  idx: number;
  id: string;
  name: string;
  province: string;
  weight: number;
  /** Officers in each of its teams (team numbers are 1-based). */
  officersPerTeam: number[];
  communes: string[];
  businesses: number;
}

export interface TReference {
  units: TRefUnit[];
  /** The bound arrays of the generating SQL (1-based in SQL). */
  arrays: {
    unitIds: string[];
    provinces: string[];
    teamCount: number[];
    teamOffset: number[];
    officerCount: number[];
    communeOffset: number[];
    communeCount: number[];
    communeNames: string[];
    communeKeys: string[];
    businessOffset: number[];
    businessCount: number[];
    unitPick: number[];
    productNames: string[];
    productPick: number[];
    violationCodes: string[];
    violationPick: number[];
    familyNames: string[];
    familyKeys: string[];
    middleNames: string[];
    middleKeys: string[];
    givenNames: string[];
    givenKeys: string[];
    brandWords: string[];
    brandKeys: string[];
    tradeWords: string[];
    tradeKeys: string[];
    sectors: string[];
    sectorKeys: string[];
  };
  businesses: number;
}

export const UNIT_PICK_SLOTS = 10_000;
export const PICK_SLOTS = 1_000;

function unitId(idx: number): string {
  return `GEN-u${String(idx).padStart(2, '0')}`;
}

export function buildReference(seed: number, totalBusinesses: number): TReference {
  const rand = prng(seed);
  const provinces = PROVINCES.map((p) => p.name);
  const weights = provinces.map((p) => PROVINCE_WEIGHTS[p] ?? 1);
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const places = PLACE_FIRST.flatMap((a) => PLACE_SECOND.filter((b) => b !== a).map((b) => `${a} ${b}`));
  const units: TRefUnit[] = PROVINCES.map((p, i) => {
    const w = weights[i]!;
    const teams = Math.min(12, Math.max(5, Math.round(5 + (7 * (w - 1)) / 7)));
    const communeCount = Math.min(100, Math.max(30, Math.round(30 + (70 * (w - 1)) / 7 + (rand() - 0.5) * 10)));
    // A shuffled sample of place names: wards (phường) first, then communes (xã).
    const shuffled = [...places];
    for (let k = shuffled.length - 1; k > 0; k--) {
      const j = Math.floor(rand() * (k + 1));
      [shuffled[k], shuffled[j]] = [shuffled[j]!, shuffled[k]!];
    }
    const wards = Math.round(communeCount * (p.kind === 'CITY' ? 0.6 : 0.2));
    const communes = shuffled.slice(0, communeCount).map((name, k) => `${k < wards ? 'Phường' : 'Xã'} ${name}`);
    return {
      idx: i + 1,
      id: unitId(i + 1),
      name: `Chi cục Quản lý thị trường ${p.kind === 'CITY' ? 'thành phố' : 'tỉnh'} ${p.name}`,
      province: p.name,
      weight: w,
      officersPerTeam: Array.from({ length: teams }, () => 6 + Math.floor(rand() * 5)),
      communes,
      businesses: Math.max(1, Math.round((totalBusinesses * w) / totalWeight)),
    };
  });

  const teamOffset: number[] = [];
  const officerCount: number[] = [];
  const communeOffset: number[] = [];
  const communeNames: string[] = [];
  const businessOffset: number[] = [];
  let businesses = 0;
  for (const u of units) {
    teamOffset.push(officerCount.length);
    officerCount.push(...u.officersPerTeam);
    communeOffset.push(communeNames.length);
    communeNames.push(...u.communes);
    businessOffset.push(businesses);
    businesses += u.businesses;
  }
  const fold = (xs: readonly string[]): string[] => xs.map(foldVietnamese);
  return {
    units,
    businesses,
    arrays: {
      unitIds: units.map((u) => u.id),
      provinces: units.map((u) => u.province),
      teamCount: units.map((u) => u.officersPerTeam.length),
      teamOffset,
      officerCount,
      communeOffset,
      communeCount: units.map((u) => u.communes.length),
      communeNames,
      communeKeys: fold(communeNames),
      businessOffset,
      businessCount: units.map((u) => u.businesses),
      unitPick: pickTable(weights, UNIT_PICK_SLOTS),
      productNames: PRODUCT_GROUPS.map(([name]) => name),
      productPick: pickTable(
        PRODUCT_GROUPS.map(([, w]) => w),
        PICK_SLOTS,
      ),
      violationCodes: [...VIOLATION_CODES],
      // Zipf-like: a few behaviours (expired goods, no invoices) make most of the decisions.
      violationPick: pickTable(
        VIOLATION_CODES.map((_, i) => 1 / (i + 2)),
        PICK_SLOTS,
      ),
      familyNames: FAMILY_NAMES,
      familyKeys: fold(FAMILY_NAMES),
      middleNames: MIDDLE_NAMES,
      middleKeys: fold(MIDDLE_NAMES),
      givenNames: GIVEN_NAMES,
      givenKeys: fold(GIVEN_NAMES),
      brandWords: BRAND_WORDS,
      brandKeys: fold(BRAND_WORDS),
      tradeWords: TRADE_WORDS,
      tradeKeys: fold(TRADE_WORDS),
      sectors: SECTORS,
      sectorKeys: fold(SECTORS),
    },
  };
}

/** A person's name drawn from the reference lists (officers). */
export function personName(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  return `${pick(FAMILY_NAMES)} ${pick(MIDDLE_NAMES)} ${pick(GIVEN_NAMES)}`;
}
