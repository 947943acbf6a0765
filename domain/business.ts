/**
 * The business registry's rules as pure functions: tax codes (mã số thuế), the two-level
 * administrative address in force since 1 July 2025, accent-insensitive search keys, and the
 * validation shared by the JSON API and the CSV import.
 */
import type { TIssueParams, TIssueRule, TRuleRef } from './validation-issues.js';
import { once } from './once.js';

// ---------------------------------------------------------------------------------------------
// Search keys

/**
 * Lower case without Vietnamese diacritics, `đ` as `d`, whitespace collapsed: "Phở Hà Nội" →
 * "pho ha noi". Used for stored search columns and for the search terms, so both sides agree.
 */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Tax codes (mã số thuế)

/**
 * Weights of the check digit: the 10th digit is `10 - (Σ wᵢ·dᵢ mod 11)` over the first nine.
 * The tax authority does not publish the rule; this is the one python-stdnum (`stdnum.vn.mst`)
 * implements, and it holds for real published codes (0100233488, 0314409058, 0100112437).
 * A remainder of 0 would need a check digit of 10, so no such code exists.
 */
const TAX_CODE_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;

/** The check digit of the first nine digits, or undefined when none can exist. */
export function taxCodeCheckDigit(firstNine: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += TAX_CODE_WEIGHTS[i]! * Number(firstNine[i]);
  const check = 10 - (sum % 11);
  return check === 10 ? undefined : String(check);
}

/** A refusal of a parse: the English sentence, and the rule and params the web app words it from. */
type TRefusal = { ok: false; message: string } & TRuleRef;

export type TTaxCodeResult = { ok: true; taxCode: string; isBranch: boolean } | TRefusal;

const refused = (message: string, rule: TIssueRule, params?: TIssueParams): TRefusal => ({ ok: false, message, rule, ...(params ? { params } : {}) });

/**
 * Parses a tax code as people write it: 10 digits (`0101234565`), or 13 for a branch or other
 * dependent unit, usually written 10 digits, a dash and 3 (`0101234565-001`); spaces and dots are
 * ignored. The canonical form is `NNNNNNNNNN` or `NNNNNNNNNN-NNN`. Circular 105/2020/TT-BTC:
 * N1–N2 province, N3–N9 serial, N10 check digit, N11–N13 the dependent unit.
 */
export function parseTaxCode(input: string): TTaxCodeResult {
  const compact = input.replace(/[\s.]/g, '');
  if (!compact) return refused('is required', 'required');
  const m = /^(\d{10})(?:-?(\d{3}))?$/.exec(compact);
  if (!m) return refused('must be 10 digits, or 13 written as 10 digits, a dash and 3 digits (0101234565 or 0101234565-001)', 'taxCodeFormat');
  const main = m[1]!;
  const branch = m[2];
  if (main.slice(2, 9) === '0000000') return refused('digits 3 to 9 (the serial number) cannot all be 0', 'taxCodeSerial');
  if (branch === '000') return refused('the branch number (last 3 digits) runs from 001 to 999', 'taxCodeBranchZero');
  if (taxCodeCheckDigit(main) !== main[9]) return refused('the check digit (10th digit) does not match the first nine: check for a typing error', 'taxCodeCheckDigit');
  return { ok: true, taxCode: branch ? `${main}-${branch}` : main, isBranch: branch !== undefined };
}

// ---------------------------------------------------------------------------------------------
// Addresses: province/city + commune/ward/special zone (no district since 1 July 2025)

/**
 * The 34 provincial-level units in force since 1 July 2025 (Resolution 202/2025/QH15): 6 cities
 * under the central government and 28 provinces, named without their "Thành phố"/"Tỉnh" prefix.
 */
export const PROVINCES: readonly { name: string; kind: 'CITY' | 'PROVINCE' }[] = [
  ...['Hà Nội', 'Huế', 'Hải Phòng', 'Đà Nẵng', 'Hồ Chí Minh', 'Cần Thơ'].map((name) => ({ name, kind: 'CITY' as const })),
  ...[
    'Lai Châu',
    'Điện Biên',
    'Sơn La',
    'Lạng Sơn',
    'Quảng Ninh',
    'Thanh Hóa',
    'Nghệ An',
    'Hà Tĩnh',
    'Cao Bằng',
    'Tuyên Quang',
    'Lào Cai',
    'Thái Nguyên',
    'Phú Thọ',
    'Bắc Ninh',
    'Hưng Yên',
    'Ninh Bình',
    'Quảng Trị',
    'Quảng Ngãi',
    'Gia Lai',
    'Khánh Hòa',
    'Lâm Đồng',
    'Đắk Lắk',
    'Đồng Nai',
    'Tây Ninh',
    'Vĩnh Long',
    'Đồng Tháp',
    'Cà Mau',
    'An Giang',
  ].map((name) => ({ name, kind: 'PROVINCE' as const })),
];

/** Provinces merged away on 1 July 2025 and the unit each became part of (Resolution 202/2025/QH15). */
const MERGED_PROVINCES: Readonly<Record<string, string>> = {
  'Hà Giang': 'Tuyên Quang',
  'Yên Bái': 'Lào Cai',
  'Bắc Kạn': 'Thái Nguyên',
  'Vĩnh Phúc': 'Phú Thọ',
  'Hòa Bình': 'Phú Thọ',
  'Bắc Giang': 'Bắc Ninh',
  'Thái Bình': 'Hưng Yên',
  'Hải Dương': 'Hải Phòng',
  'Hà Nam': 'Ninh Bình',
  'Nam Định': 'Ninh Bình',
  'Quảng Bình': 'Quảng Trị',
  'Quảng Nam': 'Đà Nẵng',
  'Kon Tum': 'Quảng Ngãi',
  'Bình Định': 'Gia Lai',
  'Ninh Thuận': 'Khánh Hòa',
  'Đắk Nông': 'Lâm Đồng',
  'Bình Thuận': 'Lâm Đồng',
  'Phú Yên': 'Đắk Lắk',
  'Bà Rịa - Vũng Tàu': 'Hồ Chí Minh',
  'Bình Dương': 'Hồ Chí Minh',
  'Bình Phước': 'Đồng Nai',
  'Long An': 'Tây Ninh',
  'Sóc Trăng': 'Cần Thơ',
  'Hậu Giang': 'Cần Thơ',
  'Bến Tre': 'Vĩnh Long',
  'Trà Vinh': 'Vĩnh Long',
  'Tiền Giang': 'Đồng Tháp',
  'Bạc Liêu': 'Cà Mau',
  'Kiên Giang': 'An Giang',
};

const provinceKey = (s: string): string =>
  foldVietnamese(s)
    .replace(/^(tinh|thanh pho|tp\.?)\s*/, '')
    .replace(/[^a-z0-9]/g, '');
// Built on first use, not when the module loads: the workflow bundle imports this module (for
// `foldVietnamese`) and evaluates it again for every workflow it starts (ADR 0178).
const provinces = once(() => {
  const byKey = new Map(PROVINCES.map((p) => [provinceKey(p.name), p.name]));
  byKey.set('hcm', 'Hồ Chí Minh');
  byKey.set('tphcm', 'Hồ Chí Minh');
  return { byKey, mergedByKey: new Map(Object.entries(MERGED_PROVINCES).map(([old, now]) => [provinceKey(old), { old, now }])) };
});

export type TParsed<T> = { ok: true; value: T } | TRefusal;

/** One of the 34 provinces/cities, by name with or without "Tỉnh"/"Thành phố", accents optional. */
export function parseProvince(input: string): TParsed<string> {
  if (!input.trim()) return refused('is required', 'required');
  const key = provinceKey(input);
  const found = provinces().byKey.get(key);
  if (found) return { ok: true, value: found };
  const merged = provinces().mergedByKey.get(key);
  if (merged) return refused(`${merged.old} was merged into ${merged.now} on 1 July 2025 (Resolution 202/2025/QH15): use ${merged.now}`, 'provinceMerged', { old: merged.old, now: merged.now });
  return refused(`${input.trim()} is not one of the 34 provinces and cities in force since 1 July 2025`, 'provinceUnknown', { name: input.trim() });
}

const COMMUNE_PREFIXES: readonly [string, string][] = [
  ['xa ', 'Xã'],
  ['phuong ', 'Phường'],
  ['dac khu ', 'Đặc khu'],
];

/**
 * A commune (xã), ward (phường) or special zone (đặc khu), written with its kind: "Phường Hoa Lư".
 * Districts, district-level towns and townships (thị trấn) were abolished on 1 July 2025, so an
 * address naming one is refused with the reason.
 */
export function parseCommune(input: string): TParsed<string> {
  const text = input.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!text) return refused('is required', 'required');
  const folded = foldVietnamese(text);
  if (/^(huyen|quan|thi xa|thi tran|thanh pho) /.test(folded)) {
    return refused(
      'districts, towns and townships (huyện, quận, thị xã, thị trấn, thành phố thuộc tỉnh) no longer exist since 1 July 2025: give the commune, ward or special zone (Xã …, Phường …, Đặc khu …)',
      'communeDistrict',
    );
  }
  for (const [prefix, label] of COMMUNE_PREFIXES) {
    const rest = text.split(' ').slice(prefix.trim().split(' ').length).join(' ');
    if (folded.startsWith(prefix) && rest) return { ok: true, value: `${label} ${rest}` };
  }
  return refused('must start with its kind: Xã …, Phường … or Đặc khu … (e.g. Phường Hoa Lư)', 'communeKind');
}

/** A Vietnamese phone number, kept as digits with a leading 0 (`+84 912 345 678` → `0912345678`). */
export function parsePhone(input: string): TParsed<string> {
  const compact = input.replace(/[\s.\-()]/g, '');
  const m = /^(?:\+?84|0)(\d{8,10})$/.exec(compact);
  if (!m) return refused('must be a Vietnamese phone number: 0 (or +84) and 8 to 10 more digits', 'phone');
  return { ok: true, value: `0${m[1]}` };
}

// ---------------------------------------------------------------------------------------------
// Businesses

/** Enterprise (doanh nghiệp), household business (hộ kinh doanh), cooperative (hợp tác xã), branch or other dependent unit (chi nhánh). */
export const BUSINESS_TYPES = ['ENTERPRISE', 'HOUSEHOLD', 'COOPERATIVE', 'BRANCH'] as const;
export type TBusinessType = (typeof BUSINESS_TYPES)[number];
/** Trading (đang hoạt động), suspended (tạm ngừng kinh doanh), closed (ngừng hoạt động, giải thể). */
export const BUSINESS_STATUSES = ['ACTIVE', 'SUSPENDED', 'CLOSED'] as const;
export type TBusinessStatus = (typeof BUSINESS_STATUSES)[number];

const TYPE_ALIASES: Record<string, TBusinessType> = {
  enterprise: 'ENTERPRISE',
  'doanh nghiep': 'ENTERPRISE',
  dn: 'ENTERPRISE',
  household: 'HOUSEHOLD',
  'ho kinh doanh': 'HOUSEHOLD',
  hkd: 'HOUSEHOLD',
  cooperative: 'COOPERATIVE',
  'hop tac xa': 'COOPERATIVE',
  htx: 'COOPERATIVE',
  branch: 'BRANCH',
  'chi nhanh': 'BRANCH',
};
const STATUS_ALIASES: Record<string, TBusinessStatus> = {
  active: 'ACTIVE',
  'hoat dong': 'ACTIVE',
  'dang hoat dong': 'ACTIVE',
  suspended: 'SUSPENDED',
  'tam ngung': 'SUSPENDED',
  'tam ngung kinh doanh': 'SUSPENDED',
  closed: 'CLOSED',
  'ngung hoat dong': 'CLOSED',
  'giai the': 'CLOSED',
};

function parseBusinessType(input: string): TParsed<TBusinessType> {
  const t = TYPE_ALIASES[foldVietnamese(input)];
  return t
    ? { ok: true, value: t }
    : refused(`must be one of ${BUSINESS_TYPES.join(', ')} (or doanh nghiệp, hộ kinh doanh, hợp tác xã, chi nhánh)`, 'businessType', { values: BUSINESS_TYPES.join(', ') });
}

function parseBusinessStatus(input: string): TParsed<TBusinessStatus> {
  const s = STATUS_ALIASES[foldVietnamese(input)];
  return s ? { ok: true, value: s } : refused(`must be one of ${BUSINESS_STATUSES.join(', ')} (or hoạt động, tạm ngừng, ngừng hoạt động)`, 'businessStatus', { values: BUSINESS_STATUSES.join(', ') });
}

/** The registry fields of a business that are checked without the database. */
export interface TBusinessFields {
  taxCode: string;
  name: string;
  type: TBusinessType;
  /** Sector (ngành nghề kinh doanh chính), free text such as "Thực phẩm", "Xăng dầu". */
  sector: string | null;
  /** Product groups (nhóm hàng) it trades in. */
  productGroups: string[];
  province: string;
  commune: string;
  /** House number, street, village or residential group (số nhà, đường, thôn/tổ dân phố). */
  addressLine: string | null;
  phone: string | null;
  /** Legal representative (người đại diện theo pháp luật) or, for a household, its owner. */
  legalRepresentative: string | null;
  status: TBusinessStatus;
}

/** Raw values as they arrive (JSON fields or CSV cells); `null` or '' clears an optional field. */
export type TBusinessRaw = { [K in keyof TBusinessFields]?: string | string[] | null | undefined };

/**
 * Where each field is in the API's JSON body: the path a refusal names it by, in the server's
 * answers and the web app's forms alike.
 */
export const BUSINESS_FIELD_PATHS: Readonly<Record<keyof TBusinessFields, string>> = {
  taxCode: 'taxCode',
  name: 'name',
  type: 'type',
  sector: 'sector',
  productGroups: 'productGroups',
  province: 'address.province',
  commune: 'address.commune',
  addressLine: 'address.line',
  phone: 'phone',
  legalRepresentative: 'legalRepresentative',
  status: 'status',
};

/** A field's problem: the English sentence, and the rule and params the web app words it from. */
export interface TFieldIssue extends TRuleRef {
  field: keyof TBusinessFields;
  message: string;
}

const MAX = { name: 300, sector: 100, productGroup: 100, productGroups: 30, addressLine: 300, legalRepresentative: 200 } as const;

/**
 * Checks and normalises business fields. With `partial`, absent fields are left out (an update);
 * otherwise tax code, name, type, province and commune are required and status defaults to ACTIVE.
 * `previous` gives the stored values an update is checked against (type vs tax-code length).
 */
export function checkBusinessFields(raw: TBusinessRaw, opts: { partial: boolean; previous?: Pick<TBusinessFields, 'taxCode' | 'type'> }): { value: Partial<TBusinessFields>; issues: TFieldIssue[] } {
  const value: Partial<TBusinessFields> = {};
  const issues: TFieldIssue[] = [];
  const problem = (field: keyof TBusinessFields, message: string, rule: TIssueRule, params?: TIssueParams): void => {
    issues.push({ field, message, rule, ...(params ? { params } : {}) });
  };
  const present = (k: keyof TBusinessFields): boolean => raw[k] !== undefined;
  const text = (k: keyof TBusinessFields): string => {
    const v = raw[k];
    return typeof v === 'string' ? v.normalize('NFC').replace(/\s+/g, ' ').trim() : '';
  };
  const required = (k: keyof TBusinessFields): boolean => {
    if (!present(k) && opts.partial) return false;
    if (!text(k)) {
      problem(k, 'is required', 'required');
      return false;
    }
    return true;
  };
  const optionalText = (k: 'sector' | 'addressLine' | 'legalRepresentative', max: number): void => {
    if (!present(k)) {
      if (!opts.partial) value[k] = null;
      return;
    }
    const t = text(k);
    if (t.length > max) problem(k, `must have at most ${max} characters`, 'maxChars', { n: max });
    else value[k] = t || null;
  };
  const parsed = <T>(k: keyof TBusinessFields, r: TParsed<T>): T | undefined => {
    if (r.ok) return r.value;
    problem(k, r.message, r.rule, r.params);
    return undefined;
  };

  let isBranchCode: boolean | undefined;
  if (required('taxCode')) {
    const r = parseTaxCode(text('taxCode'));
    if (r.ok) {
      value.taxCode = r.taxCode;
      isBranchCode = r.isBranch;
    } else problem('taxCode', r.message, r.rule, r.params);
  }
  if (required('name')) {
    if (text('name').length > MAX.name) problem('name', `must have at most ${MAX.name} characters`, 'maxChars', { n: MAX.name });
    else value.name = text('name');
  }
  if (required('type')) value.type = parsed('type', parseBusinessType(text('type')));
  optionalText('sector', MAX.sector);
  if (present('productGroups')) {
    const v = raw.productGroups;
    const list = (Array.isArray(v) ? v : typeof v === 'string' ? v.split(';') : []).map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean);
    const unique = list.filter((s, i) => list.findIndex((t) => foldVietnamese(t) === foldVietnamese(s)) === i);
    if (unique.length > MAX.productGroups) problem('productGroups', `must list at most ${MAX.productGroups} groups`, 'maxItems', { n: MAX.productGroups });
    else if (unique.some((s) => s.length > MAX.productGroup)) problem('productGroups', `each group must have at most ${MAX.productGroup} characters`, 'maxItemChars', { n: MAX.productGroup });
    else value.productGroups = unique;
  } else if (!opts.partial) value.productGroups = [];
  if (required('province')) value.province = parsed('province', parseProvince(text('province')));
  if (required('commune')) value.commune = parsed('commune', parseCommune(text('commune')));
  optionalText('addressLine', MAX.addressLine);
  if (present('phone')) value.phone = text('phone') ? parsed('phone', parsePhone(text('phone'))) : null;
  else if (!opts.partial) value.phone = null;
  optionalText('legalRepresentative', MAX.legalRepresentative);
  if (present('status') && text('status')) value.status = parsed('status', parseBusinessStatus(text('status')));
  else if (!opts.partial) value.status = 'ACTIVE';
  else if (present('status')) problem('status', 'is required', 'required');

  // An enterprise or cooperative has the 10-digit code; a branch the 13-digit one of its parent plus
  // its number (Circular 105/2020/TT-BTC). A household business may have either.
  const type = value.type ?? opts.previous?.type;
  const branch = isBranchCode ?? (opts.previous ? opts.previous.taxCode.includes('-') : undefined);
  if (type && branch !== undefined && !issues.some((i) => i.field === 'taxCode' || i.field === 'type')) {
    const field: keyof TBusinessFields = value.taxCode !== undefined ? 'taxCode' : 'type';
    if (type === 'BRANCH' && !branch) problem(field, 'a BRANCH has a 13-digit tax code (its parent’s 10 digits, a dash and its 3-digit number)', 'branchNeeds13');
    if ((type === 'ENTERPRISE' || type === 'COOPERATIVE') && branch) problem(field, `an ${type} has a 10-digit tax code; a 13-digit code belongs to a BRANCH`, 'needs10', { type });
  }
  return { value, issues };
}

/** The folded text searched by the registry: name, tax code (with and without the dash), representative. */
export function businessSearchText(b: Pick<TBusinessFields, 'name' | 'taxCode' | 'legalRepresentative'>): string {
  return [foldVietnamese(b.name), b.taxCode, b.taxCode.replace('-', ''), b.legalRepresentative ? foldVietnamese(b.legalRepresentative) : ''].filter(Boolean).join(' ');
}

/** The search terms of a query: folded, split on spaces, at most 8. */
export function searchTerms(q: string | undefined): string[] {
  return q ? foldVietnamese(q).split(' ').filter(Boolean).slice(0, 8) : [];
}

// ---------------------------------------------------------------------------------------------
// Markets and hotspots

/** Kinds of market (chợ): traditional/retail (chợ dân sinh), wholesale (chợ đầu mối), border, night. */
export const MARKET_KINDS = ['RETAIL', 'WHOLESALE', 'BORDER', 'NIGHT', 'OTHER'] as const;
/**
 * Kinds of trade hotspot (điểm nóng): border trails (đường mòn, lối mở), fuel, counterfeit goods,
 * smuggling, food safety, e-commerce.
 */
export const HOTSPOT_KINDS = ['BORDER_TRAIL', 'FUEL', 'COUNTERFEIT', 'SMUGGLING', 'FOOD_SAFETY', 'ECOMMERCE', 'OTHER'] as const;

// ---------------------------------------------------------------------------------------------
// A business's cases

/**
 * The fine decided and the amount paid in a case, from its (redacted) snapshot: the last decision
 * step's `fineAmount`, and the largest `paidAmount` recorded (payments are cumulative totals).
 */
export function fineTotalsOf(snapshot: unknown): { decided?: number; paid?: number } {
  const completed = (snapshot as { completed?: { data?: Record<string, unknown> }[] } | null)?.completed;
  if (!Array.isArray(completed)) return {};
  let decided: number | undefined;
  let paid: number | undefined;
  for (const c of completed) {
    const fine = c.data?.fineAmount;
    if (typeof fine === 'number' && Number.isFinite(fine)) decided = fine;
    const p = c.data?.paidAmount;
    if (typeof p === 'number' && Number.isFinite(p)) paid = Math.max(paid ?? 0, p);
  }
  return { ...(decided !== undefined ? { decided } : {}), ...(paid !== undefined ? { paid } : {}) };
}
