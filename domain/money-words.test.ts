import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountInWords, moneyFigures, moneyWords, numberToWords } from './money-words.js';

describe('numberToWords reads numbers as Vietnamese papers write them', () => {
  it.each([
    [0, 'không'],
    [1, 'một'],
    [5, 'năm'],
    [10, 'mười'],
    [11, 'mười một'],
    [14, 'mười bốn'],
    [15, 'mười lăm'],
    [20, 'hai mươi'],
    [21, 'hai mươi mốt'],
    [24, 'hai mươi bốn'],
    [25, 'hai mươi lăm'],
    [55, 'năm mươi lăm'],
    [99, 'chín mươi chín'],
    [100, 'một trăm'],
    [101, 'một trăm linh một'],
    [105, 'một trăm linh năm'],
    [110, 'một trăm mười'],
    [111, 'một trăm mười một'],
    [115, 'một trăm mười lăm'],
    [121, 'một trăm hai mươi mốt'],
    [1000, 'một nghìn'],
    [1001, 'một nghìn không trăm linh một'],
    [1010, 'một nghìn không trăm mười'],
    [1021, 'một nghìn không trăm hai mươi mốt'],
    [1100, 'một nghìn một trăm'],
    [10_000, 'mười nghìn'],
    [15_000, 'mười lăm nghìn'],
    [21_000, 'hai mươi mốt nghìn'],
    [100_000, 'một trăm nghìn'],
    [500_000, 'năm trăm nghìn'],
    [1_000_000, 'một triệu'],
    [1_005_000, 'một triệu không trăm linh năm nghìn'],
    [1_000_005, 'một triệu không trăm linh năm'],
    [1_500_000, 'một triệu năm trăm nghìn'],
    [15_500_000, 'mười lăm triệu năm trăm nghìn'],
    [25_250_000, 'hai mươi lăm triệu hai trăm năm mươi nghìn'],
    [1_000_000_000, 'một tỷ'],
    [1_005_000_000, 'một tỷ không trăm linh năm triệu'],
    [1_000_000_005, 'một tỷ không trăm linh năm'],
    [2_500_000_000, 'hai tỷ năm trăm triệu'],
    [21_000_000_000, 'hai mươi mốt tỷ'],
    [1_000_000_000_000, 'một nghìn tỷ'],
    [2_003_000_000_000, 'hai nghìn không trăm linh ba tỷ'],
    [1_000_000_000_000_000, 'một triệu tỷ'],
    [1_234_567_891_011_121, 'một triệu hai trăm ba mươi bốn nghìn năm trăm sáu mươi bảy tỷ tám trăm chín mươi mốt triệu không trăm mười một nghìn một trăm hai mươi mốt'],
  ])('%d → "%s"', (n, words) => {
    expect(numberToWords(n)).toBe(words);
  });

  it('refuses what is not a whole non-negative amount', () => {
    for (const n of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2]) expect(() => numberToWords(n)).toThrow(RangeError);
  });

  it('never leaves a "linh" without a digit after it, a doubled space, a "không" but before "trăm", or a 1 or 5 unread as mốt or lăm', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (n) => {
        const w = numberToWords(n);
        expect(w).not.toMatch(/ {2}|^ | $|linh$|linh (trăm|nghìn|triệu|tỷ)/);
        expect(w.split(' ').every((x, i, a) => x !== 'không' || a[i + 1] === 'trăm')).toBe(true);
        // After "mươi" a 1 is "mốt" and a 5 "lăm"; after "mười" a 5 is "lăm".
        expect(w).not.toMatch(/mươi một|mươi năm|mười năm/);
      }),
    );
  });
});

describe('moneyFigures and moneyWords', () => {
  it('write the figures with dots between thousands and the words capitalised, both in đồng', () => {
    expect(moneyFigures(15_500_000)).toBe('15.500.000 đồng');
    expect(moneyFigures(0)).toBe('0 đồng');
    expect(moneyFigures(999)).toBe('999 đồng');
    expect(moneyWords(1_500_000)).toBe('Một triệu năm trăm nghìn đồng');
    expect(moneyWords(15_500_000)).toBe('Mười lăm triệu năm trăm nghìn đồng');
  });
});

describe('amounts in Vietnamese words, as the web app reads them beside a figure', () => {
  it.each([
    [0, 'không'],
    [1, 'một'],
    [5, 'năm'],
    [10, 'mười'],
    [11, 'mười một'],
    [15, 'mười lăm'],
    [20, 'hai mươi'],
    [21, 'hai mươi mốt'],
    [24, 'hai mươi bốn'],
    [25, 'hai mươi lăm'],
    [55, 'năm mươi lăm'],
    [100, 'một trăm'],
    [101, 'một trăm linh một'],
    [105, 'một trăm linh năm'],
    [110, 'một trăm mười'],
    [115, 'một trăm mười lăm'],
    [121, 'một trăm hai mươi mốt'],
    [1000, 'một nghìn'],
    [1005, 'một nghìn không trăm linh năm'],
    [1050, 'một nghìn không trăm năm mươi'],
    [10_000, 'mười nghìn'],
    [15_000, 'mười lăm nghìn'],
    [100_000, 'một trăm nghìn'],
    [250_500, 'hai trăm năm mươi nghìn năm trăm'],
    [1_000_500, 'một triệu năm trăm'],
    [1_005_000, 'một triệu không trăm linh năm nghìn'],
    [1_500_000, 'một triệu năm trăm nghìn'],
    [21_000_000, 'hai mươi mốt triệu'],
    [1_000_000_000, 'một tỷ'],
    [1_000_000_005, 'một tỷ không trăm linh năm'],
    [2_500_000_000, 'hai tỷ năm trăm triệu'],
    [1_000_000_000_000, 'một nghìn tỷ'],
  ])('reads %d as "%s"', (n, expected) => {
    expect(numberToWords(n)).toBe(expected);
  });

  it('ends an amount of money with đồng, as on a decision', () => {
    expect(amountInWords(1_500_000)).toBe('một triệu năm trăm nghìn đồng');
    expect(amountInWords(75_000_000)).toBe('bảy mươi lăm triệu đồng');
  });

  it('refuses what is not a whole, non-negative amount', () => {
    expect(() => numberToWords(-1)).toThrow(RangeError);
    expect(() => numberToWords(1.5)).toThrow(RangeError);
  });

  it('never leaves a double space or a dangling group name for any amount up to 10^12', () => {
    for (let n = 0; n < 2_000_000_000_000; n = n * 7 + 13) {
      const w = numberToWords(n);
      expect(w).not.toMatch(/\s{2}|^\s|\s$/);
      expect(w).not.toMatch(/^(nghìn|triệu|tỷ|trăm|mươi)/);
    }
  });
});
