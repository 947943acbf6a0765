/**
 * The unit's public site (issue 16; docs/adr/0137-unit-public-site.md): the kinds of content pages
 * a unit's admin writes, and the "markdown-lite" their text is written in. Text only: headings
 * (`## `), lists (`- `), paragraphs separated by a blank line. No HTML, no links, no images: the
 * public pages escape every character, so whatever is typed (a `<script>` included) is shown as text.
 */

/** A page of the site: the work schedule (lịch công tác), a legal document (văn bản pháp luật), guidance on an administrative procedure (hướng dẫn thủ tục hành chính), news (tin tức). */
export const SITE_PAGE_KINDS = ['SCHEDULE', 'LEGAL_DOCUMENT', 'GUIDANCE', 'NEWS'] as const;
export type TSitePageKind = (typeof SITE_PAGE_KINDS)[number];

/** Limits of a page's text, per language. */
export const SITE_LIMITS = { title: 200, body: 20_000 } as const;

/** One block of a page's text, as the public page renders it. */
export type TContentBlock = { kind: 'heading'; text: string } | { kind: 'paragraph'; lines: string[] } | { kind: 'list'; items: string[] };

/** The blocks of a text: `#`/`##`/`###` lines are headings, `- ` or `* ` lines list items, other lines paragraphs (a blank line ends one). */
export function contentBlocks(text: string): TContentBlock[] {
  const blocks: TContentBlock[] = [];
  let open: TContentBlock | undefined;
  const close = () => {
    if (open) blocks.push(open);
    open = undefined;
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (!line) {
      close();
      continue;
    }
    const heading = /^#{1,3}\s+(.*)$/.exec(line);
    if (heading) {
      close();
      blocks.push({ kind: 'heading', text: heading[1]!.trim() });
      continue;
    }
    const item = /^[-*]\s+(.*)$/.exec(line);
    if (item) {
      if (open?.kind !== 'list') {
        close();
        open = { kind: 'list', items: [] };
      }
      open.items.push(item[1]!.trim());
      continue;
    }
    if (open?.kind !== 'paragraph') {
      close();
      open = { kind: 'paragraph', lines: [] };
    }
    open.lines.push(line);
  }
  close();
  return blocks;
}
