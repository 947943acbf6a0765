/**
 * Every message the server can send is worded in both languages from its data (docs/adr/0110): a
 * refusal of the engine by its rule, a validation issue by its rule, any other refusal by its code.
 * A rule or code added without its words fails here, not in front of a Vietnamese reader.
 */
import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../../api/errors.js';
import { REFUSALS, refuse } from '../../../domain/engine/refusals.js';
import { ISSUE_RULES } from '../../../domain/validation-issues.js';
import { ApiError } from '../lib/api.js';
import { errorMessage, errorSentence, isRetryable } from '../lib/error-text.js';
import en from './en.json';
import vi from './vi.json';

const LOCALES = { vi, en } as const;

describe('the words for what the server says', () => {
  beforeAll(async () => {
    await i18n.init({ lng: 'vi', resources: { vi: { translation: vi }, en: { translation: en } }, interpolation: { escapeValue: false } });
  });

  it.each(Object.keys(LOCALES) as (keyof typeof LOCALES)[])('has in %s a sentence for every refusal rule, validation rule and error code', (lang) => {
    const errors = LOCALES[lang].errors as { rules: Record<string, string>; issues: Record<string, string>; codes: Record<string, string> };
    expect(Object.keys(REFUSALS).filter((r) => !errors.rules[r])).toEqual([]);
    expect(ISSUE_RULES.filter((r) => !errors.issues[r])).toEqual([]);
    expect(Object.keys(ERROR_STATUS).filter((c) => !errors.codes[c])).toEqual([]);
    // …and nothing for rules that do not exist.
    expect(Object.keys(errors.rules).filter((r) => !(r in REFUSALS))).toEqual([]);
    expect(Object.keys(errors.issues).filter((r) => !(ISSUE_RULES as readonly string[]).includes(r))).toEqual([]);
  });

  it('words the wrong role in Vietnamese from the rule and its params, with roles, step and dates as words', () => {
    const r = refuse('ROLE_MAY_NOT_COMPLETE', { stepId: 'A5', stepTitle: { vi: 'Quyết định kiểm tra', en: 'Inspection decision' }, roles: ['DIRECTOR', 'TEAM_LEAD'], actingAs: 'INSPECTOR' });
    const err = new ApiError(403, r.code, r.message, undefined, 'req-1', undefined, { rule: r.rule, params: r.params });
    const t = i18n.getFixedT('vi');
    expect(errorMessage(err, t, 'vi')).toBe('Bước Quyết định kiểm tra do Chi cục trưởng hoặc Đội trưởng thực hiện, không phải Kiểm soát viên.');
    expect(errorMessage(err, i18n.getFixedT('en'), 'en')).toBe('Step Inspection decision is completed by Director or Team lead, not by Inspector.');
    const late = refuse('TIME_LIMIT_PASSED', { stepId: 'B3', due: '2026-11-25' });
    expect(errorMessage(new ApiError(409, late.code, late.message, undefined, undefined, undefined, { rule: late.rule, params: late.params }), t, 'vi')).toContain('25/11/2026');
  });

  it('words a validation issue from its rule, and never shows the server’s English to a Vietnamese reader', () => {
    const t = i18n.getFixedT('vi');
    const tooShort = new ApiError(400, 'VALIDATION_FAILED', 'title: Too small: expected string to have >=3 characters', undefined, undefined, [
      { path: 'title', message: 'Too small: expected string to have >=3 characters', rule: 'minChars', params: { n: 3 } },
    ]);
    expect(errorMessage(tooShort, t, 'vi')).toBe('Tối thiểu 3 ký tự.');
    const unknown = new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'file: text/plain is not accepted; send one of image/jpeg');
    expect(errorMessage(unknown, t, 'vi')).toBeUndefined();
    expect(errorSentence(unknown, t, 'vi')).toMatch(/^Loại tệp này không được nhận/);
    expect(errorMessage(unknown, i18n.getFixedT('en'), 'en')).toBe('file: text/plain is not accepted; send one of image/jpeg');
  });

  it('says a request that never arrived could not reach the server, and that nothing was lost', () => {
    const offline = new ApiError(0, 'NETWORK', 'Failed to fetch');
    expect(errorSentence(offline, i18n.getFixedT('vi'), 'vi')).toBe('Không kết nối được với máy chủ: kiểm tra kết nối mạng rồi thử lại. Những gì bạn đã nhập vẫn còn nguyên.');
    expect(errorSentence(new TypeError('Failed to fetch'), i18n.getFixedT('vi'), 'vi')).not.toContain('Failed to fetch');
  });

  it('offers a retry only where sending again may succeed', () => {
    expect(isRetryable(new ApiError(0, 'NETWORK', 'Failed to fetch'))).toBe(true);
    expect(isRetryable(new ApiError(503, 'UNAVAILABLE', ''))).toBe(true);
    expect(isRetryable(new ApiError(429, 'RATE_LIMITED', ''))).toBe(true);
    expect(isRetryable(new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', ''))).toBe(false);
    expect(isRetryable(new ApiError(400, 'VALIDATION_FAILED', ''))).toBe(false);
    expect(isRetryable(new ApiError(413, 'PAYLOAD_TOO_LARGE', ''))).toBe(false);
  });
});
