import { describe, expect, it } from 'vitest';
import en from '../locales/en/registry.json';
import vi from '../locales/vi/registry.json';
import { checkBusinessFields, parseTaxCode, ruleText } from './rules.js';

function translated(message: string): string {
  const r = ruleText(message);
  expect(r, message).toBeDefined();
  const key = r!.key.split('.').pop()!;
  expect((vi.rules as Record<string, string>)[key], r!.key).toBeTypeOf('string');
  expect((en.rules as Record<string, string>)[key], r!.key).toBeTypeOf('string');
  return r!.key;
}

describe('the registry rules in the web app', () => {
  it('check a tax code as the server does, the check digit included', () => {
    expect(parseTaxCode('0100233488')).toMatchObject({ ok: true, taxCode: '0100233488' });
    expect(parseTaxCode('2700111118-001')).toMatchObject({ ok: true, isBranch: true });
    expect(translated((parseTaxCode('0100233489') as { message: string }).message)).toBe('rules.taxCodeCheckDigit');
    expect(translated((parseTaxCode('01002334') as { message: string }).message)).toBe('rules.taxCodeFormat');
    expect(translated((parseTaxCode('0100000000') as { message: string }).message)).toBe('rules.taxCodeSerial');
    expect(translated((parseTaxCode('0100233488-000') as { message: string }).message)).toBe('rules.taxCodeBranchZero');
  });

  it('have a translation for every message a business form can get', () => {
    const bad = [
      checkBusinessFields({ taxCode: '', name: '', type: 'x', province: 'Hà Nam', commune: 'Huyện Gia Viễn', phone: '12', status: 'nope', sector: 'x'.repeat(101) }, { partial: false }),
      checkBusinessFields({ taxCode: '0100233488', name: 'A', type: 'BRANCH', province: 'Atlantis', commune: 'Hoa Lư' }, { partial: false }),
      checkBusinessFields({ taxCode: '2700111118-001', name: 'A', type: 'ENTERPRISE', province: 'Ninh Bình', commune: 'Phường Hoa Lư', productGroups: Array.from({ length: 31 }, (_, i) => `g${i}`) }, { partial: false }),
      checkBusinessFields({ productGroups: ['x'.repeat(101)] }, { partial: true }),
    ].flatMap((r) => r.issues.map((i) => i.message));
    expect(bad.length).toBeGreaterThan(10);
    for (const m of bad) translated(m);
  });

  it('translate what the server adds in its refusals and the CSV report', () => {
    for (const m of [
      'a business with this tax code is already registered in your unit (b-1)',
      'no market "Chợ Mới" in your unit',
      'no hotspot "X", "Y" in your unit',
      'nb-doi-9 is not a team of your unit',
      'the tax code 0100233488 is already on line 3',
      'has 4 cells; the header has 5',
      'not valid CSV: Invalid Closing Quote',
    ])
      translated(m);
    expect(ruleText('something new the server says')).toBeUndefined();
  });
});
