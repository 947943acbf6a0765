import { describe, expect, it } from 'vitest';
import { amountInWords, numberToVietnameseWords } from './money-words.js';

describe('amounts in Vietnamese words', () => {
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
    expect(numberToVietnameseWords(n)).toBe(expected);
  });

  it('ends an amount of money with đồng, as on a decision', () => {
    expect(amountInWords(1_500_000)).toBe('một triệu năm trăm nghìn đồng');
    expect(amountInWords(75_000_000)).toBe('bảy mươi lăm triệu đồng');
  });

  it('refuses what is not a whole, non-negative amount', () => {
    expect(() => numberToVietnameseWords(-1)).toThrow(RangeError);
    expect(() => numberToVietnameseWords(1.5)).toThrow(RangeError);
  });

  it('never leaves a double space or a dangling group name for any amount up to 10^12', () => {
    for (let n = 0; n < 2_000_000_000_000; n = n * 7 + 13) {
      const w = numberToVietnameseWords(n);
      expect(w).not.toMatch(/\s{2}|^\s|\s$/);
      expect(w).not.toMatch(/^(nghìn|triệu|tỷ|trăm|mươi)/);
    }
  });
});
