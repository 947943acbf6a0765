import { describe, expect, it } from 'vitest';
import { atomXml, type TAtomFeed } from './public/atom.js';
import { childrenNamed, childText, parseXml } from '../test/xml.js';

const feed = (entries: TAtomFeed['entries']): TAtomFeed => ({
  id: 'urn:ins:disclosure',
  title: 'Quyết định xử phạt được công khai',
  self: 'https://example.test/public/cong-khai/feed.atom',
  alternate: 'https://example.test/public/cong-khai',
  author: 'INS',
  lang: 'vi',
  empty: new Date('2026-01-01T00:00:00Z'),
  entries,
});

describe('the Atom feed', () => {
  it('is well-formed Atom 1.0: the namespace, an id, a title, an author, self and alternate links, updated as the newest entry', () => {
    const doc = parseXml(
      atomXml(
        feed([
          { id: 'urn:uuid:1', title: 'A', updated: new Date('2026-12-01T01:02:03.456Z'), summary: 'a', link: 'https://example.test/a' },
          {
            id: 'urn:uuid:2',
            title: 'B',
            updated: new Date('2026-12-02T00:00:00Z'),
            published: new Date('2026-11-30T00:00:00Z'),
            summary: 'b',
            link: 'https://example.test/b',
            categories: ['withdrawn'],
          },
        ]),
      ),
    );
    expect(doc.name).toBe('feed');
    expect(doc.attrs.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(childText(doc, 'id')).toBe('urn:ins:disclosure');
    expect(childText(doc, 'updated')).toBe('2026-12-02T00:00:00.000Z');
    expect(childrenNamed(doc, 'link').map((l) => l.attrs.rel)).toEqual(['self', 'alternate']);
    const entries = childrenNamed(doc, 'entry');
    expect(entries.map((e) => childText(e, 'id'))).toEqual(['urn:uuid:1', 'urn:uuid:2']);
    expect(childText(entries[0]!, 'updated')).toBe('2026-12-01T01:02:03.456Z');
    expect(childrenNamed(entries[1]!, 'category')[0]!.attrs.term).toBe('withdrawn');
  });

  it('escapes what staff typed, drops characters XML cannot carry, and stays parseable', () => {
    const nasty = 'Công ty <b>"A&B"</b> \u0001\u{1F600} ]]> \'x\'';
    const xml = atomXml(feed([{ id: 'urn:uuid:3', title: nasty, updated: new Date('2026-12-01T00:00:00Z'), summary: `<script>alert(1)</script>`, link: 'https://example.test/?a=1&b=2' }]));
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('\u0001');
    const entry = childrenNamed(parseXml(xml), 'entry')[0]!;
    expect(childText(entry, 'title')).toBe('Công ty <b>"A&B"</b> \u{1F600} ]]> \'x\'');
    expect(childText(entry, 'summary')).toBe('<script>alert(1)</script>');
    expect(childrenNamed(entry, 'link')[0]!.attrs.href).toBe('https://example.test/?a=1&b=2');
  });

  it('has an updated date even with no entry', () => {
    expect(childText(parseXml(atomXml(feed([]))), 'updated')).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('the strict XML reader the tests use', () => {
  it('refuses what is not well formed', () => {
    for (const bad of ['<a><b></a></b>', '<a>x & y</a>', '<a b=c/>', '<a></a><b/>', '<a>', '<a>&foo;</a>']) expect(() => parseXml(bad), bad).toThrow();
  });
});
