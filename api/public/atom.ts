/**
 * Atom 1.0 (RFC 4287) documents, built as text: the disclosure feed (docs/adr/0136). Every value is
 * escaped, and characters XML 1.0 cannot carry are dropped, so what staff typed never breaks the
 * document or becomes markup in a reader.
 */

/** One entry: a stable id (an IRI), a title, when it last changed, a text summary and a link. */
interface TAtomEntry {
  id: string;
  title: string;
  updated: Date;
  published?: Date | undefined;
  summary: string;
  link: string;
  categories?: readonly string[] | undefined;
}

export interface TAtomFeed {
  id: string;
  title: string;
  /** The feed's own address (rel="self") and the page it mirrors (rel="alternate"). */
  self: string;
  alternate: string;
  author: string;
  lang: string;
  /** When the feed last changed: the newest entry's `updated`, or `empty` when it has none. */
  empty: Date;
  entries: readonly TAtomEntry[];
}

// XML 1.0 Char: tab, newline, carriage return, and U+0020 up, but not the surrogates, U+FFFE or U+FFFF.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text escaped for XML content and attribute values. */
function xmlText(s: string): string {
  return s.replace(NOT_XML, '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!);
}

// Milliseconds kept (RFC 3339 allows them): a withdrawal in the same second as the listing still reads as later.
const stamp = (d: Date) => d.toISOString();

/** The feed as an Atom 1.0 document. */
export function atomXml(feed: TAtomFeed): string {
  const updated = feed.entries.reduce((max, e) => (e.updated > max ? e.updated : max), feed.entries.length ? new Date(0) : feed.empty);
  const entries = feed.entries.map(
    (e) => `  <entry>
    <id>${xmlText(e.id)}</id>
    <title type="text">${xmlText(e.title)}</title>
    <updated>${stamp(e.updated)}</updated>${e.published ? `\n    <published>${stamp(e.published)}</published>` : ''}
    <link rel="alternate" type="text/html" href="${xmlText(e.link)}"/>${(e.categories ?? []).map((c) => `\n    <category term="${xmlText(c)}"/>`).join('')}
    <summary type="text">${xmlText(e.summary)}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(feed.lang)}">
  <id>${xmlText(feed.id)}</id>
  <title type="text">${xmlText(feed.title)}</title>
  <updated>${stamp(updated)}</updated>
  <author><name>${xmlText(feed.author)}</name></author>
  <link rel="self" type="application/atom+xml" href="${xmlText(feed.self)}"/>
  <link rel="alternate" type="text/html" href="${xmlText(feed.alternate)}"/>
${entries.join('\n')}${entries.length ? '\n' : ''}</feed>
`;
}
