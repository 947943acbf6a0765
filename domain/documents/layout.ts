/**
 * What a document looks like on paper, as data: the template fills it from the case
 * (domain/documents/templates), the renderer draws it (lib/documents/pdf.ts) in the layout of
 * Decree 30/2020/NĐ-CP, Appendix I — A4, Times-metric font, the national emblem line and motto on
 * the right, the issuing agency under its parent on the left, number and symbol, place and date,
 * the title, legal bases, body, signature block, recipients ("Nơi nhận").
 */
export interface TDocumentLayout {
  /** Left header, upper line: the parent agency ("SỞ CÔNG THƯƠNG TỈNH NINH BÌNH"), as of the document's date. Empty when none. */
  parentAgency: string;
  /** Left header, bold: the issuing agency ("CHI CỤC QUẢN LÝ THỊ TRƯỜNG"). */
  agency: string;
  /** "15/QĐ-XPHC"; null in a draft (printed as "Số: …/QĐ-XPHC" with `symbol`). */
  number: string | null;
  symbol: string;
  /** "Ninh Bình, ngày 15 tháng 3 năm 2026" (italic, right). */
  placeAndDate: string;
  /** Top-right small print: "Mẫu MQĐ02" where the form has a code. */
  formCode?: string | undefined;
  /** "QUYẾT ĐỊNH" / "BIÊN BẢN" (bold, centred). */
  title: string;
  /** "Xử phạt vi phạm hành chính" (bold, centred, under the title). */
  subtitle?: string | undefined;
  /** Who decides, above the bases ("CHI CỤC TRƯỞNG CHI CỤC QUẢN LÝ THỊ TRƯỜNG"), for decisions. */
  authority?: string | undefined;
  /** One "Căn cứ …;" line each (italic). */
  bases: string[];
  /** The body, in order. `article`: "Điều 1." in bold, then its text; `table`: rows of cells (the first row a header). */
  body: TBlock[];
  /** The signature block (right): role line(s) in bold, then the signer's name after the space for the signature. */
  signature: { lines: string[]; name: string };
  /** For records: the other signatures side by side (party, witness), each a title and a name. */
  otherSignatures?: Array<{ title: string; name: string }> | undefined;
  /** "Nơi nhận:" list (left, small). */
  recipients: string[];
  /** The QR code on every page opens this (the public verification page); absent in a draft. */
  verifyUrl?: string | undefined;
  /**
   * A paper the party of a penalty case receives: the case's lookup code and the public lookup page
   * (docs/adr/0120), printed beside the QR code on every page; only when the lookup can find the case
   * (the party's identifier is known). Absent in a draft.
   */
  lookup?: { code: string; url: string } | undefined;
  /** A draft: "DỰ THẢO" across each page, no QR, no number. */
  draft: boolean;
  /** Written into the PDF's metadata (Title, Subject, Keywords: type, number, case id). */
  meta: { title: string; caseId: string; type: string };
}

export type TBlock =
  { kind: 'paragraph'; text: string; italic?: boolean; bold?: boolean } | { kind: 'article'; label: string; text: string } | { kind: 'heading'; text: string } | { kind: 'table'; rows: string[][] };
