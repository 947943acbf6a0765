import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { businessSearchText, checkBusinessFields, fineTotalsOf, foldVietnamese, parseCommune, parsePhone, parseProvince, parseTaxCode, PROVINCES, searchTerms, taxCodeCheckDigit } from './business.js';

describe('tax codes (mã số thuế)', () => {
  it.each([
    ['0100233488', '0100233488'],
    ['0314409058-002', '0314409058-002'],
    ['0314409058002', '0314409058-002'],
    [' 0100 112 437 ', '0100112437'],
    ['01.00.112.437', '0100112437'],
    ['2700123459', '2700123459'],
  ])('accepts %j as %s', (input, canonical) => {
    expect(parseTaxCode(input)).toMatchObject({ ok: true, taxCode: canonical });
  });

  it.each([
    ['', 'is required', 'required'],
    ['12345', 'must be 10 digits', 'taxCodeFormat'],
    ['01002334881', 'must be 10 digits', 'taxCodeFormat'],
    ['0100233488-01', 'must be 10 digits', 'taxCodeFormat'],
    ['0100233488_001', 'must be 10 digits', 'taxCodeFormat'],
    ['01002334a8', 'must be 10 digits', 'taxCodeFormat'],
    ['0100233480', 'check digit', 'taxCodeCheckDigit'],
    ['0101234567', 'check digit', 'taxCodeCheckDigit'],
    ['0100233488-000', 'branch number', 'taxCodeBranchZero'],
    ['0100000000', 'serial number', 'taxCodeSerial'],
  ])('refuses %j (%s), naming the rule %s', (input, reason, rule) => {
    const r = parseTaxCode(input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(reason);
    expect(!r.ok && r.rule).toBe(rule);
  });

  it('marks 13-digit codes as branches', () => {
    expect(parseTaxCode('0314409058-002')).toMatchObject({ isBranch: true });
    expect(parseTaxCode('0314409058')).toMatchObject({ isBranch: false });
  });

  it('accepts exactly the codes whose tenth digit is the computed check digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{2}[1-9]\d{6}$/), fc.integer({ min: 0, max: 9 }), (nine, last) => {
        const r = parseTaxCode(`${nine}${last}`);
        expect(r.ok).toBe(taxCodeCheckDigit(nine) === String(last));
      }),
    );
  });
});

describe('search keys', () => {
  it('folds Vietnamese accents, đ and case', () => {
    expect(foldVietnamese('Phở Đức  Hà Nội')).toBe('pho duc ha noi');
    expect(foldVietnamese('PHỞ')).toBe('pho');
    // Decomposed input (as some keyboards send it) folds the same.
    expect(foldVietnamese('Phở'.normalize('NFD'))).toBe('pho');
  });

  it('puts the name, both forms of the tax code and the representative in the search text', () => {
    expect(businessSearchText({ name: 'Cửa hàng Phở Bò', taxCode: '0314409058-002', legalRepresentative: 'Trần Văn Đạt' })).toBe('cua hang pho bo 0314409058-002 0314409058002 tran van dat');
  });

  it('splits a query into at most eight folded terms', () => {
    expect(searchTerms('  Phở   bò ')).toEqual(['pho', 'bo']);
    expect(searchTerms(undefined)).toEqual([]);
    expect(searchTerms('a b c d e f g h i j')).toHaveLength(8);
  });
});

describe('two-level addresses (since 1 July 2025)', () => {
  it('knows the 34 provinces and cities', () => {
    expect(PROVINCES).toHaveLength(34);
    expect(PROVINCES.filter((p) => p.kind === 'CITY')).toHaveLength(6);
  });

  it.each([
    ['Ninh Bình', 'Ninh Bình'],
    ['tỉnh Ninh Bình', 'Ninh Bình'],
    ['ninh binh', 'Ninh Bình'],
    ['Thành phố Hà Nội', 'Hà Nội'],
    ['TP. Hồ Chí Minh', 'Hồ Chí Minh'],
    ['TP.HCM', 'Hồ Chí Minh'],
    ['Khánh Hoà', 'Khánh Hòa'],
  ])('reads the province %j as %s', (input, name) => {
    expect(parseProvince(input)).toEqual({ ok: true, value: name });
  });

  it('names the province a merged one became part of, as a rule with the two names', () => {
    expect(parseProvince('Nam Định')).toEqual({ ok: false, message: expect.stringContaining('merged into Ninh Bình'), rule: 'provinceMerged', params: { old: 'Nam Định', now: 'Ninh Bình' } });
    expect(parseProvince('Atlantis')).toEqual({ ok: false, message: expect.stringContaining('not one of the 34'), rule: 'provinceUnknown', params: { name: 'Atlantis' } });
    expect(parseProvince(' ')).toEqual({ ok: false, message: 'is required', rule: 'required' });
  });

  it('takes a commune, ward or special zone with its kind', () => {
    expect(parseCommune('phường  Hoa Lư')).toEqual({ ok: true, value: 'Phường Hoa Lư' });
    expect(parseCommune('Xa Gia Vien')).toEqual({ ok: true, value: 'Xã Gia Vien' });
    expect(parseCommune('đặc khu Phú Quốc')).toEqual({ ok: true, value: 'Đặc khu Phú Quốc' });
  });

  it('refuses districts and townships, which no longer exist', () => {
    for (const old of ['Huyện Hoa Lư', 'Thị trấn Me', 'Quận 1', 'Thành phố Tam Điệp']) {
      expect(parseCommune(old)).toEqual({ ok: false, message: expect.stringContaining('no longer exist'), rule: 'communeDistrict' });
    }
    expect(parseCommune('Hoa Lư')).toEqual({ ok: false, message: expect.stringContaining('must start with its kind'), rule: 'communeKind' });
    expect(parseCommune('Phường')).toEqual({ ok: false, message: expect.stringContaining('must start with its kind'), rule: 'communeKind' });
  });

  it('keeps phone numbers as digits with a leading 0', () => {
    expect(parsePhone('+84 912 345 678')).toEqual({ ok: true, value: '0912345678' });
    expect(parsePhone('0229.3871.234')).toEqual({ ok: true, value: '02293871234' });
    expect(parsePhone('12345')).toMatchObject({ ok: false, rule: 'phone' });
  });
});

describe('business fields', () => {
  const good = { taxCode: '0100233488', name: ' Công ty  TNHH Phở ', type: 'ENTERPRISE', province: 'Ninh Bình', commune: 'Phường Hoa Lư' };

  it('normalises a complete business and fills defaults', () => {
    const r = checkBusinessFields(good, { partial: false });
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual({
      taxCode: '0100233488',
      name: 'Công ty TNHH Phở',
      type: 'ENTERPRISE',
      sector: null,
      productGroups: [],
      province: 'Ninh Bình',
      commune: 'Phường Hoa Lư',
      addressLine: null,
      phone: null,
      legalRepresentative: null,
      status: 'ACTIVE',
    });
  });

  it('names every missing or wrong field', () => {
    const r = checkBusinessFields({ taxCode: '123', type: 'shop', province: 'Hà Nam', commune: 'Huyện X', phone: 'x' }, { partial: false });
    expect(r.issues.map((i) => i.field).sort()).toEqual(['commune', 'name', 'phone', 'province', 'taxCode', 'type']);
  });

  it('reads Vietnamese type and status words and product groups separated by semicolons', () => {
    const r = checkBusinessFields({ ...good, taxCode: '0314409058-002', type: 'Chi nhánh', status: 'Tạm ngừng', productGroups: 'Thực phẩm; đồ uống;thực phẩm;' }, { partial: false });
    expect(r.issues).toEqual([]);
    expect(r.value).toMatchObject({ type: 'BRANCH', status: 'SUSPENDED', productGroups: ['Thực phẩm', 'đồ uống'] });
  });

  it('matches the type to the length of the tax code', () => {
    expect(checkBusinessFields({ ...good, type: 'BRANCH' }, { partial: false }).issues).toEqual([{ field: 'taxCode', message: expect.stringContaining('13-digit'), rule: 'branchNeeds13' }]);
    expect(checkBusinessFields({ ...good, taxCode: '0314409058-002' }, { partial: false }).issues).toEqual([
      { field: 'taxCode', message: expect.stringContaining('BRANCH'), rule: 'needs10', params: { type: 'ENTERPRISE' } },
    ]);
    expect(checkBusinessFields({ ...good, taxCode: '0314409058-002', type: 'HOUSEHOLD' }, { partial: false }).issues).toEqual([]);
    // An update that only changes the type is checked against the stored tax code.
    expect(checkBusinessFields({ type: 'BRANCH' }, { partial: true, previous: { taxCode: '0100233488', type: 'ENTERPRISE' } }).issues).toEqual([
      { field: 'type', message: expect.stringContaining('13-digit'), rule: 'branchNeeds13' },
    ]);
  });

  it('leaves absent fields out of an update and clears optional ones sent empty', () => {
    const r = checkBusinessFields({ name: 'Mới', phone: '', sector: null }, { partial: true });
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual({ name: 'Mới', phone: null, sector: null });
    expect(checkBusinessFields({ name: '' }, { partial: true }).issues).toEqual([{ field: 'name', message: 'is required', rule: 'required' }]);
  });
});

describe('fine totals of a case', () => {
  it('takes the last decided fine and the largest payment recorded', () => {
    const snapshot = { completed: [{ data: { fineAmount: 5_000_000 } }, { data: { paidAmount: 2_000_000 } }, { data: { fineAmount: 4_000_000 } }, { data: { paidAmount: 4_000_000 } }, { data: {} }] };
    expect(fineTotalsOf(snapshot)).toEqual({ decided: 4_000_000, paid: 4_000_000 });
    expect(fineTotalsOf({ completed: [] })).toEqual({});
    expect(fineTotalsOf(null)).toEqual({});
  });
});
