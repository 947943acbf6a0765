/**
 * A strict reader of the XML INS writes (the Atom feed): elements, attributes, text, the five
 * entities and character references, a prolog. It throws on anything not well formed — a tag left
 * open or closed out of order, a raw `<` or `&`, an attribute without quotes, two roots — so a test
 * that reads a document with it knows the document parses.
 */
export interface TXmlElement {
  name: string;
  attrs: Record<string, string>;
  children: TXmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string, where: string): string {
  if (s.includes('<')) throw new Error(`a raw < in ${where}`);
  return s.replace(/&([^;]*);?/g, (m, name: string) => {
    if (!m.endsWith(';')) throw new Error(`an unterminated & in ${where}`);
    if (ENTITIES[name]) return ENTITIES[name]!;
    const num = /^#(\d+)$/.exec(name) ?? /^#x([0-9a-fA-F]+)$/.exec(name);
    if (num) return String.fromCodePoint(parseInt(num[1]!, name.startsWith('#x') ? 16 : 10));
    throw new Error(`an unknown entity &${name}; in ${where}`);
  });
}

/** The document's root element; throws when the text is not well-formed XML. */
export function parseXml(xml: string): TXmlElement {
  let i = 0;
  const prolog = /^<\?xml[^?]*\?>\s*/.exec(xml);
  if (prolog) i = prolog[0].length;
  const stack: TXmlElement[] = [];
  let root: TXmlElement | undefined;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = lt < 0 ? xml.slice(i) : xml.slice(i, lt);
    if (text.length) {
      const top = stack.at(-1);
      if (!top) {
        if (text.trim()) throw new Error(`text outside the root: ${text.slice(0, 40)}`);
      } else top.text += decode(text, `<${top.name}>`);
    }
    if (lt < 0) break;
    const end = xml.indexOf('>', lt);
    if (end < 0) throw new Error('a tag is not closed');
    const tag = xml.slice(lt + 1, end);
    i = end + 1;
    if (tag.startsWith('/')) {
      const open = stack.pop();
      if (!open || open.name !== tag.slice(1).trim()) throw new Error(`</${tag.slice(1)}> closes ${open ? `<${open.name}>` : 'nothing'}`);
      if (!stack.length) root = open;
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const m = /^([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*"[^"]*")*)\s*\/?$/.exec(tag);
    if (!m) throw new Error(`not a tag: <${tag.slice(0, 60)}>`);
    const attrs: Record<string, string> = {};
    for (const a of m[2]!.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*"([^"]*)"/g)) {
      if (a[1]! in attrs) throw new Error(`a repeated attribute ${a[1]}`);
      attrs[a[1]!] = decode(a[2]!, `@${a[1]}`);
    }
    const el: TXmlElement = { name: m[1]!, attrs, children: [], text: '' };
    if (root || (!stack.length && root !== undefined)) throw new Error('a second root element');
    stack.at(-1)?.children.push(el);
    if (selfClosing) {
      if (!stack.length) root = el;
    } else stack.push(el);
  }
  if (stack.length) throw new Error(`<${stack.at(-1)!.name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}

/** The children of `el` named `name`. */
export function childrenNamed(el: TXmlElement, name: string): TXmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** The text of the first child named `name`, or undefined. */
export function childText(el: TXmlElement, name: string): string | undefined {
  return childrenNamed(el, name)[0]?.text;
}
