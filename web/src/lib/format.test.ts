import { describe, expect, it } from 'vitest';
import { dayOffText, formatIsoDate, notificationParams, parseViDate, readViDate, skippedDaysText } from './format.js';

describe('a date as people type it', () => {
  it.each([
    ['25/11/2026', '2026-11-25'],
    ['5/1/2026', '2026-01-05'],
    ['05/1/2026', '2026-01-05'],
    ['5/01/2026', '2026-01-05'],
    ['25112026', '2026-11-25'],
    ['05012026', '2026-01-05'],
    ['25-11-2026', '2026-11-25'],
    ['25.11.2026', '2026-11-25'],
    ['5.1.2026', '2026-01-05'],
    ['  25/11/2026 ', '2026-11-25'],
  ])('reads %j as %s', (typed, iso) => {
    expect(readViDate(typed)).toEqual({ kind: 'date', iso });
    expect(parseViDate(typed)).toBe(iso);
    // ...which the field then shows as dd/mm/yyyy.
    expect(formatIsoDate(iso)).toBe(`${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`);
  });

  it('knows 29 February only in a leap year', () => {
    expect(readViDate('29/02/2028')).toEqual({ kind: 'date', iso: '2028-02-29' });
    expect(readViDate('29022024')).toEqual({ kind: 'date', iso: '2024-02-29' });
    expect(readViDate('29/02/2000')).toEqual({ kind: 'date', iso: '2000-02-29' });
    expect(readViDate('29/02/2026')).toEqual({ kind: 'noSuchDate', typed: '29/02/2026' });
    expect(readViDate('29/02/2100')).toEqual({ kind: 'noSuchDate', typed: '29/02/2100' });
  });

  it.each([
    ['31/02/2026', '31/02/2026'],
    ['31022026', '31/02/2026'],
    ['31/04/2026', '31/04/2026'],
    ['31.4.2026', '31/04/2026'],
    ['00/01/2026', '00/01/2026'],
    ['32/01/2026', '32/01/2026'],
    ['01/13/2026', '01/13/2026'],
    ['1-13-2026', '01/13/2026'],
    ['15/00/2026', '15/00/2026'],
  ])('says %j is written like a date but no such day exists (%s)', (typed, asWritten) => {
    expect(readViDate(typed)).toEqual({ kind: 'noSuchDate', typed: asWritten });
    expect(parseViDate(typed)).toBeUndefined();
  });

  it.each(['25/11/26', '2511202', '251120261', '2026-11-25', '25/11-2026', '25 11 2026', '25/11/2026x', 'hôm nay', '//', '1/1/1/2026'])('refuses %j as not a date at all', (typed) => {
    expect(readViDate(typed)).toEqual({ kind: 'format' });
    expect(parseViDate(typed)).toBeUndefined();
  });

  it('reads an empty field as empty', () => {
    expect(readViDate('')).toEqual({ kind: 'empty' });
    expect(readViDate('   ')).toEqual({ kind: 'empty' });
  });
});

describe("a notification's parameters", () => {
  it('gives a day as dd/mm/yyyy and, in English, the step by its English title; the rest as it is', () => {
    const params = { day: '2026-12-03', count: 3, step: 'Lập biên bản', stepEn: 'Record the violation', title: 'Cửa hàng A' };
    expect(notificationParams(params, 'vi')).toEqual({ ...params, day: '03/12/2026' });
    expect(notificationParams(params, 'en')).toEqual({ ...params, day: '03/12/2026', step: 'Record the violation' });
    expect(notificationParams({ title: 'Cửa hàng A' }, 'vi')).toEqual({ title: 'Cửa hàng A' });
    // A paper's title inside the sentence, in the reader's language.
    const paper = { paper: 'Quyết định xử phạt vi phạm hành chính', paperEn: 'Penalty decision', title: 'Cửa hàng A' };
    expect(notificationParams(paper, 'vi')).toMatchObject({ paper: 'quyết định xử phạt vi phạm hành chính' });
    expect(notificationParams(paper, 'en')).toMatchObject({ paper: 'penalty decision' });
  });
});

describe('the days a deadline did not count', () => {
  it("names a weekend day in the reader's language and a holiday as the calendar names it", () => {
    const skipped = [
      { date: '2026-12-12', reason: 'Thứ Bảy' },
      { date: '2026-12-13', reason: 'Chủ nhật' },
      { date: '2026-09-02', reason: 'Quốc khánh' },
    ];
    const english = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    expect(skippedDaysText(skipped, (n) => english[n]!)).toBe('12/12/2026 (Saturday); 13/12/2026 (Sunday); 02/09/2026 (Quốc khánh)');
    // Why a campaign run moved off its due day, the same way.
    expect(dayOffText('2026-12-06', 'Chủ nhật', (n) => english[n]!)).toBe('Sunday');
    expect(dayOffText('2026-09-02', 'Quốc khánh', (n) => english[n]!)).toBe('Quốc khánh');
  });
});
