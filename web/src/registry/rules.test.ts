import { describe, expect, it } from 'vitest';
import { ISSUE_RULES } from '../../../domain/validation-issues.js';
import type { TIssueRule } from '../lib/contract/types.js';
import en from '../locales/en/registry.json';
import vi from '../locales/vi/registry.json';
import { checkBusinessFields, parseTaxCode, ruleText } from './rules.js';

type TIssue = { rule: TIssueRule; params?: Record<string, string | number> };

/** The issue's translation key, after checking both languages have it. */
function translated(issue: TIssue): string {
  const r = ruleText(issue);
  expect(r, issue.rule).toBeDefined();
  const key = r!.key.split('.').pop()!;
  expect((vi.rules as Record<string, string>)[key], r!.key).toBeTypeOf('string');
  expect((en.rules as Record<string, string>)[key], r!.key).toBeTypeOf('string');
  return r!.key;
}

const refused = (r: ReturnType<typeof parseTaxCode>): TIssue => {
  if (r.ok) throw new Error('expected a refusal');
  return r;
};

describe('the registry rules in the web app', () => {
  it('check a tax code as the server does, the check digit included, and name the rule broken', () => {
    expect(parseTaxCode('0100233488')).toMatchObject({ ok: true, taxCode: '0100233488' });
    expect(parseTaxCode('2700111118-001')).toMatchObject({ ok: true, isBranch: true });
    expect(translated(refused(parseTaxCode('0100233489')))).toBe('rules.taxCodeCheckDigit');
    expect(translated(refused(parseTaxCode('01002334')))).toBe('rules.taxCodeFormat');
    expect(translated(refused(parseTaxCode('0100000000')))).toBe('rules.taxCodeSerial');
    expect(translated(refused(parseTaxCode('0100233488-000')))).toBe('rules.taxCodeBranchZero');
  });

  it('have a translation for every issue a business form can get, with the values its wording needs', () => {
    const bad = [
      checkBusinessFields({ taxCode: '', name: '', type: 'x', province: 'Hà Nam', commune: 'Huyện Gia Viễn', phone: '12', status: 'nope', sector: 'x'.repeat(101) }, { partial: false }),
      checkBusinessFields({ taxCode: '0100233488', name: 'A', type: 'BRANCH', province: 'Atlantis', commune: 'Hoa Lư' }, { partial: false }),
      checkBusinessFields(
        { taxCode: '2700111118-001', name: 'A', type: 'ENTERPRISE', province: 'Ninh Bình', commune: 'Phường Hoa Lư', productGroups: Array.from({ length: 31 }, (_, i) => `g${i}`) },
        { partial: false },
      ),
      checkBusinessFields({ productGroups: ['x'.repeat(101)] }, { partial: true }),
    ].flatMap((r) => r.issues);
    expect(bad.length).toBeGreaterThan(10);
    for (const i of bad) translated(i);
    expect(ruleText(bad.find((i) => i.field === 'province')!)).toEqual({ key: 'rules.provinceMerged', params: { old: 'Hà Nam', now: 'Ninh Bình' } });
    expect(ruleText(bad.find((i) => i.field === 'sector')!)).toEqual({ key: 'rules.maxChars', params: { n: 100 } });
  });

  it('translate what the server adds in its refusals and the CSV report, from the rule and its values', () => {
    const server: [TIssue, string][] = [
      [{ rule: 'taxCodeTaken', params: { existingId: 'b-1' } }, 'rules.taxCodeTaken'],
      [{ rule: 'unknownMarket', params: { name: 'Chợ Mới' } }, 'rules.noMarket'],
      [{ rule: 'unknownHotspot', params: { names: '"X", "Y"' } }, 'rules.noHotspot'],
      [{ rule: 'unknownTeam', params: { team: 'nb-doi-9' } }, 'rules.noTeam'],
      [{ rule: 'duplicateTaxCode', params: { taxCode: '0100233488', line: 3 } }, 'rules.duplicateLine'],
      [{ rule: 'cellCount', params: { cells: 4, header: 5 } }, 'rules.cells'],
      [{ rule: 'csvSyntax', params: { detail: 'Invalid Closing Quote' } }, 'rules.csv'],
    ];
    for (const [issue, key] of server) expect(translated(issue)).toBe(key);
    expect(ruleText({ rule: 'unknownTeam', params: { team: 'nb-doi-9' } })).toEqual({ key: 'rules.noTeam', params: { team: 'nb-doi-9' } });
  });

  it('leave a rule they have no words for to the server’s sentence, and have words for every rule they map', () => {
    expect(ruleText({ rule: 'mediaType', params: { expected: 'text/csv' } })).toBeUndefined();
    for (const rule of ISSUE_RULES) if (ruleText({ rule })) translated({ rule });
  });
});
