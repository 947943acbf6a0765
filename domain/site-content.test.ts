import { describe, expect, it } from 'vitest';
import { contentBlocks } from './site-content.js';

describe('the markdown-lite of the unit’s public pages', () => {
  it('reads headings, lists and paragraphs, a blank line ending a block', () => {
    expect(contentBlocks('## Lịch tuần\nThứ Hai: họp giao ban\nThứ Ba: kiểm tra\n\n- Mục một\n* Mục hai\nĐoạn sau danh sách\r\n\r\n# Kết')).toEqual([
      { kind: 'heading', text: 'Lịch tuần' },
      { kind: 'paragraph', lines: ['Thứ Hai: họp giao ban', 'Thứ Ba: kiểm tra'] },
      { kind: 'list', items: ['Mục một', 'Mục hai'] },
      { kind: 'paragraph', lines: ['Đoạn sau danh sách'] },
      { kind: 'heading', text: 'Kết' },
    ]);
  });

  it('keeps markup as text, for the page to escape: no block is HTML', () => {
    expect(contentBlocks('<script>alert(1)</script>\n- <img src=x onerror=alert(1)>')).toEqual([
      { kind: 'paragraph', lines: ['<script>alert(1)</script>'] },
      { kind: 'list', items: ['<img src=x onerror=alert(1)>'] },
    ]);
  });

  it('has no block for an empty text', () => {
    expect(contentBlocks('  \n\n ')).toEqual([]);
  });
});
