/**
 * Signs a PDF (PAdES baseline B-B, ETSI EN 319 142-1) with the unit's certificate: an incremental
 * update adds a signature field whose dictionary has /SubFilter /ETSI.CAdES.detached and the time
 * in /M; its /Contents is a CMS SignedData (RFC 5652), detached, over the /ByteRange, with the
 * signed attributes contentType, messageDigest and ESS signing-certificate-v2 (RFC 5035: the
 * certificate's SHA-256) — no signingTime, which PAdES forbids beside /M — and the certificate
 * chain. `pdfsig` verifies it (docs/documents.md, docs/adr/0147).
 */
import { readFile } from 'node:fs/promises';
import { SignPdf, Signer } from '@signpdf/signpdf';
import { DEFAULT_BYTE_RANGE_PLACEHOLDER, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import forge from 'node-forge';
import { StartupError } from '../errors.js';

/** Who signs, with what, and the signature dictionary's words. */
export interface TSigner {
  /** PKCS#12 (.p12/.pfx): the private key, its certificate and the chain. */
  p12: Uint8Array;
  passphrase: string;
  /** /Name: the signer as a person reads it ("Trần Quốc Hưởng, Chi cục trưởng"). */
  name: string;
  /** /Reason ("Ký ban hành Quyết định số 15/QĐ-XPHC"). */
  reason: string;
  /** /Location ("Ninh Bình"). */
  location: string;
  /** /M; default now. */
  signingTime?: Date | undefined;
}

/** The PKCS#12 of the unit's certificate, as configured: check it opens when the process starts. */
export interface TSigningIdentity {
  p12: Uint8Array;
  passphrase: string;
  /** The certificate's subject common name. */
  commonName: string;
  notAfter: Date;
}

/** The signing variables of a process's configuration (docs/documents.md). */
export interface TSigningConfig {
  INS_SIGNING_P12?: string | undefined;
  INS_SIGNING_P12_PASSPHRASE?: string | undefined;
}

// Room for the CMS in /Contents: two or three 2048/4096-bit certificates and the signature fit in 8 KiB.
const SIGNATURE_BYTES = 12_288;

/** Reads the configured PKCS#12; undefined when none is configured; a {@link StartupError} naming the variable when it cannot be used. */
export async function loadSigningIdentity(config: TSigningConfig): Promise<TSigningIdentity | undefined> {
  const file = config.INS_SIGNING_P12;
  const passphrase = config.INS_SIGNING_P12_PASSPHRASE;
  if (!file) {
    if (passphrase) throw new StartupError('INS_SIGNING_P12_PASSPHRASE is set but INS_SIGNING_P12 is not: set both (a PKCS#12 file and its passphrase) or neither');
    return undefined;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (err) {
    throw new StartupError(`INS_SIGNING_P12=${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}): set it to the unit's PKCS#12 (.p12) file`);
  }
  const opened = openP12(bytes, passphrase ?? '', (problem) => new StartupError(`INS_SIGNING_P12=${file}: ${problem}`));
  return { p12: bytes, passphrase: passphrase ?? '', commonName: commonName(opened.chain[0]), notAfter: opened.chain[0].validity.notAfter };
}

/** The PDF with its signature appended (an incremental update: the bytes before it are unchanged). */
export async function signPdf(pdf: Uint8Array, signer: TSigner): Promise<Uint8Array> {
  const identity = openP12(signer.p12, signer.passphrase, (problem) => new Error(`the signing certificate cannot be used: ${problem}`));
  const prepared = addPlaceholder(Buffer.from(pdf), signer, signer.signingTime ?? new Date());
  return new Uint8Array(await new SignPdf().sign(prepared, new CadesSigner(identity)));
}

// PKCS#12 bag types (RFC 7292 §4.2).
const BAG = { key: '1.2.840.113549.1.12.10.1.1', shroudedKey: '1.2.840.113549.1.12.10.1.2', cert: '1.2.840.113549.1.12.10.1.3' };

interface TOpenedP12 {
  key: forge.pki.rsa.PrivateKey;
  /** The signer's certificate first, then the rest of the chain as found. */
  chain: [forge.pki.Certificate, ...forge.pki.Certificate[]];
}

function openP12(bytes: Uint8Array, passphrase: string, fail: (problem: string) => Error): TOpenedP12 {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(Buffer.from(bytes).toString('binary')), passphrase);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw fail(/MAC could not be verified|Invalid password/i.test(message) ? 'the passphrase (INS_SIGNING_P12_PASSPHRASE) does not open it' : `not a readable PKCS#12 file (${message})`);
  }
  const bags = (type: string): forge.pkcs12.Bag[] => p12.getBags({ bagType: type })[type] ?? [];
  const keys = [...bags(BAG.shroudedKey), ...bags(BAG.key)];
  const certs = bags(BAG.cert).flatMap((b) => (b.cert ? [b.cert] : []));
  const key = keys[0]?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key || !('n' in key)) throw fail('it holds no RSA private key');
  const own = certs.find((c) => (c.publicKey as forge.pki.rsa.PublicKey).n?.equals(key.n));
  if (!own) throw fail('it holds no certificate for its private key');
  return { key, chain: [own, ...certs.filter((c) => c !== own)] };
}

function commonName(cert: forge.pki.Certificate): string {
  const value = cert.subject.getField('CN')?.value;
  return typeof value === 'string' ? forge.util.decodeUtf8(value) : '';
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
};

const { asn1 } = forge;
const seq = (...v: forge.asn1.Asn1[]): forge.asn1.Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, v);
const set = (...v: forge.asn1.Asn1[]): forge.asn1.Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, v);
const oid = (o: string): forge.asn1.Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(o).getBytes());
const octets = (bytes: string): forge.asn1.Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes);
const integer = (n: number): forge.asn1.Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const nul = (): forge.asn1.Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '');
const der = (a: forge.asn1.Asn1): string => asn1.toDer(a).getBytes();
// RFC 5754: SHA-256's AlgorithmIdentifier has no parameters.
const sha256Id = (): forge.asn1.Asn1 => seq(oid(OID.sha256));
const sha256 = (bytes: string): string => forge.md.sha256.create().update(bytes).digest().getBytes();

/** The CMS SignedData of PAdES B-B, built with forge's ASN.1 (forge's pkcs7 cannot add signing-certificate-v2). */
class CadesSigner extends Signer {
  constructor(private readonly identity: TOpenedP12) {
    super();
  }

  override async sign(signedBytes: Buffer): Promise<Buffer> {
    const [cert, ...rest] = this.identity.chain;
    const certsDer = [cert, ...rest].map((c) => der(forge.pki.certificateToAsn1(c)));
    const signerDer = certsDer[0] ?? '';
    const tbs = forge.pki.certificateToAsn1(cert).value[0] as forge.asn1.Asn1;
    const tbsFields = tbs.value as forge.asn1.Asn1[];
    // TBSCertificate: [0] version, serialNumber, signature, issuer, …
    const offset = tbsFields[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
    const serial = tbsFields[offset] as forge.asn1.Asn1;
    const issuer = tbsFields[offset + 2] as forge.asn1.Asn1;
    const copy = (a: forge.asn1.Asn1): forge.asn1.Asn1 => asn1.fromDer(der(a));

    const attributes = [
      seq(oid(OID.contentType), set(oid(OID.data))),
      seq(oid(OID.messageDigest), set(octets(sha256(signedBytes.toString('binary'))))),
      // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 ::= SEQUENCE
      // { hashAlgorithm DEFAULT sha256 (so absent), certHash, issuerSerial { GeneralNames [4] Name, serial } }.
      seq(oid(OID.signingCertificateV2), set(seq(seq(seq(octets(sha256(signerDer)), seq(seq(asn1.create(asn1.Class.CONTEXT_SPECIFIC, 4, true, [copy(issuer)])), copy(serial))))))),
    ];
    // DER: a SET OF is sorted by its elements' encodings; the signature is over that SET.
    const sortedAttributes = attributes.map(der).sort(compareBytes);
    const signedAttrsSet = '\x31' + derLength(sortedAttributes.join('').length) + sortedAttributes.join('');
    const md = forge.md.sha256.create().update(signedAttrsSet);
    const signature = this.identity.key.sign(md);

    const signerInfo = seq(
      integer(1),
      seq(copy(issuer), copy(serial)),
      sha256Id(),
      asn1.create(
        asn1.Class.CONTEXT_SPECIFIC,
        0,
        true,
        sortedAttributes.map((a) => asn1.fromDer(a)),
      ),
      seq(oid(OID.rsaEncryption), nul()),
      octets(signature),
    );
    const signedData = seq(
      integer(1),
      set(sha256Id()),
      seq(oid(OID.data)),
      asn1.create(
        asn1.Class.CONTEXT_SPECIFIC,
        0,
        true,
        certsDer.map((c) => asn1.fromDer(c)),
      ),
      set(signerInfo),
    );
    const contentInfo = seq(oid(OID.signedData), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signedData]));
    return Buffer.from(der(contentInfo), 'binary');
  }
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'binary'), Buffer.from(b, 'binary'));
}

function derLength(n: number): string {
  if (n < 0x80) return String.fromCharCode(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return String.fromCharCode(0x80 | bytes.length, ...bytes);
}

// ---- The placeholder: an incremental update (ISO 32000-1 §7.5.6) ----

/**
 * Appends the signature's objects — the signature dictionary with a zeroed /Contents, its widget
 * on page 1, the AcroForm — and the catalog and page 1 rewritten to point at them, with an xref
 * section and a trailer whose /Prev is the previous one. Works on PDFs with a classic xref table
 * (what lib/documents/pdf.ts writes); one signature per document.
 */
function addPlaceholder(pdf: Buffer, signer: TSigner, time: Date): Buffer {
  const text = pdf.toString('latin1');
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  if (!Number.isFinite(startxref) || !text.startsWith('xref', startxref)) {
    throw new Error('signPdf: the PDF has no classic cross-reference table at its end (a cross-reference stream is not supported)');
  }
  const trailerAt = text.indexOf('trailer', startxref);
  const trailer = text.slice(trailerAt, text.indexOf('startxref', trailerAt));
  const size = Number(/\/Size\s+(\d+)/.exec(trailer)?.[1]);
  const root = /\/Root\s+(\d+)\s+0\s+R/.exec(trailer)?.[1];
  if (!size || !root) throw new Error('signPdf: the trailer has no /Size or /Root');
  const offsets = xrefOffsets(text, startxref);
  const object = (n: string): string => {
    const at = offsets.get(Number(n));
    if (at === undefined) throw new Error(`signPdf: object ${n} is not in the cross-reference table`);
    const body = text.slice(text.indexOf('obj', at) + 3, text.indexOf('endobj', at)).trim();
    if (!body.startsWith('<<') || !body.endsWith('>>')) throw new Error(`signPdf: object ${n} is not a dictionary`);
    return body.slice(2, -2);
  };
  const catalog = object(root);
  if (/\/AcroForm\b/.test(catalog)) throw new Error('signPdf: the PDF already has a form (a second signature is not supported)');
  const pagesRef = /\/Pages\s+(\d+)\s+0\s+R/.exec(catalog)?.[1];
  const firstPage = pagesRef ? /\/Kids\s*\[\s*(\d+)\s+0\s+R/.exec(object(pagesRef))?.[1] : undefined;
  if (!firstPage) throw new Error('signPdf: the first page cannot be found');
  const page = object(firstPage);
  if (/\/Annots\s+\d/.test(page)) throw new Error('signPdf: page 1 has its annotations in an indirect array (not supported)');

  const sig = size;
  const widget = size + 1;
  const form = size + 2;
  const pageWithWidget = /\/Annots\s*\[/.test(page) ? page.replace(/\/Annots\s*\[/, `/Annots [${widget} 0 R `) : `${page}\n/Annots [${widget} 0 R]`;
  const objects: Array<[number, string]> = [
    [
      sig,
      `<<\n/Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter /${SUBFILTER_ETSI_CADES_DETACHED}\n` +
        `/ByteRange [0 /${DEFAULT_BYTE_RANGE_PLACEHOLDER} /${DEFAULT_BYTE_RANGE_PLACEHOLDER} /${DEFAULT_BYTE_RANGE_PLACEHOLDER}]\n` +
        `/Contents <${'0'.repeat(SIGNATURE_BYTES * 2)}>\n` +
        `/M (${pdfDate(time)})\n/Name ${pdfText(signer.name)}\n/Reason ${pdfText(signer.reason)}\n/Location ${pdfText(signer.location)}\n` +
        `/Prop_Build << /App << /Name /INS >> >>\n>>`,
    ],
    // Invisible (an empty /Rect): the paper shows the signer's block; readers list the signature.
    [widget, `<<\n/Type /Annot\n/Subtype /Widget\n/FT /Sig\n/Rect [0 0 0 0]\n/F 132\n/T (Signature1)\n/V ${sig} 0 R\n/P ${firstPage} 0 R\n>>`],
    [form, `<<\n/Fields [${widget} 0 R]\n/SigFlags 3\n>>`],
    [Number(root), `<<${catalog}\n/AcroForm ${form} 0 R\n>>`],
    [Number(firstPage), `<<${pageWithWidget}\n>>`],
  ];

  let out = pdf.toString('latin1').replace(/\s*$/, '\n');
  const written = new Map<number, number>();
  for (const [n, body] of objects) {
    written.set(n, Buffer.byteLength(out, 'latin1'));
    out += `${n} 0 obj\n${body}\nendobj\n`;
  }
  const xrefAt = Buffer.byteLength(out, 'latin1');
  out += `xref\n${xrefSubsections(written)}`;
  const keep = ['Info', 'ID'].map((k) => new RegExp(`/${k}\\s+(\\d+\\s+0\\s+R|\\[[^\\]]*\\])`).exec(trailer)?.[0]).filter(Boolean);
  out += `trailer\n<<\n/Size ${form + 1}\n/Root ${root} 0 R\n${keep.join('\n')}\n/Prev ${startxref}\n>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Offsets of in-use objects, from the last xref section back through /Prev (the newest entry wins). */
function xrefOffsets(text: string, start: number): Map<number, number> {
  const offsets = new Map<number, number>();
  const seen = new Set<number>();
  for (let at: number | undefined = start; at !== undefined && !seen.has(at);) {
    seen.add(at);
    const end = text.indexOf('trailer', at);
    const lines = text
      .slice(at + 4, end)
      .trim()
      .split(/\r?\n|\r/);
    let n = 0;
    for (const line of lines) {
      const head = /^(\d+)\s+(\d+)$/.exec(line.trim());
      if (head) {
        n = Number(head[1]);
        continue;
      }
      const entry = /^(\d{10})\s+(\d{5})\s+([nf])/.exec(line.trim());
      if (entry && entry[3] === 'n' && !offsets.has(n)) offsets.set(n, Number(entry[1]));
      if (entry) n++;
    }
    const prev = /\/Prev\s+(\d+)/.exec(text.slice(end, text.indexOf('startxref', end)))?.[1];
    at = prev === undefined ? undefined : Number(prev);
  }
  return offsets;
}

function xrefSubsections(written: Map<number, number>): string {
  const numbers = [...written.keys()].sort((a, b) => a - b);
  let out = '';
  for (let i = 0; i < numbers.length;) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === (numbers[j] ?? 0) + 1) j++;
    out += `${numbers[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) out += `${String(written.get(numbers[k] ?? 0)).padStart(10, '0')} 00000 n\r\n`;
    i = j + 1;
  }
  return out;
}

/** A PDF text string: UTF-16BE with its byte-order mark, in hex (any Vietnamese name). */
function pdfText(s: string): string {
  const utf16le = Buffer.from(`\ufeff${s.normalize('NFC')}`, 'utf16le');
  return `<${Buffer.from(utf16le).swap16().toString('hex').toUpperCase()}>`;
}

function pdfDate(d: Date): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `D:${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}
