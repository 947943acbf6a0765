import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanctionDecisionLayout } from '../../test/document-fixture.js';
import { pdfSigVerify, pdfText } from '../../test/pdf-tools.js';
import { StartupError } from '../errors.js';
import { renderPdf } from './pdf.js';
import { loadSigningIdentity, signPdf } from './sign.js';
import { testSigningIdentity, writeDemoIdentity } from './test-ca.js';

const identity = testSigningIdentity();
const SIGNER = {
  p12: identity.p12,
  passphrase: identity.passphrase,
  name: 'Trần Quốc Hưởng, Chi cục trưởng',
  reason: 'Ký ban hành Quyết định số 15/QĐ-XPHC',
  location: 'Ninh Bình',
  signingTime: new Date('2026-03-15T02:30:00Z'),
};

let pdf: Uint8Array;
let signed: Uint8Array;
let dir: string;

beforeAll(async () => {
  pdf = await renderPdf(sanctionDecisionLayout(), { date: new Date('2026-03-15T02:30:00Z') });
  signed = await signPdf(pdf, SIGNER);
  dir = await mkdtemp(path.join(os.tmpdir(), 'ins-sign-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The CMS in /Contents and the bytes /ByteRange covers. */
function signatureOf(bytes: Uint8Array): { cms: forge.asn1.Asn1; covered: Buffer; range: number[] } {
  const buf = Buffer.from(bytes);
  const m = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\s*\]/.exec(buf.toString('latin1'));
  const range = (m?.slice(1) ?? []).map(Number);
  const [a = 0, b = 0, c = 0, d = 0] = range;
  const hex = buf.subarray(a + b + 1, c - 1).toString('latin1');
  const der = Buffer.from(hex, 'hex');
  // /Contents is zero-padded after the DER: keep the one value its length says.
  const lengthBytes = (der[1] ?? 0) & 0x80 ? (der[1] ?? 0) & 0x7f : 0;
  const length = lengthBytes ? der.subarray(2, 2 + lengthBytes).reduce((n, b) => n * 256 + b, 0) : (der[1] ?? 0);
  const cms = forge.asn1.fromDer(der.subarray(0, 2 + lengthBytes + length).toString('binary'));
  return { cms, covered: Buffer.concat([buf.subarray(a, a + b), buf.subarray(c, c + d)]), range };
}

describe('signPdf: PAdES B-B with the unit certificate', () => {
  it('pdfsig finds the signature valid and the certificate trusted against the test CA, as ETSI.CAdES.detached', async () => {
    const [sig, ...more] = await pdfSigVerify(signed, identity.caPem);
    expect(more).toHaveLength(0);
    expect(sig, sig?.output).toMatchObject({
      signatureValidation: 'Signature is Valid.',
      certificateValidation: 'Certificate is Trusted.',
      signatureType: 'ETSI.CAdES.detached',
      commonName: 'Chi cục QLTT (thử nghiệm)',
    });
    expect(sig?.output).toContain('Total document signed');
  });

  it('is an incremental update: the rendered bytes are unchanged in front, and the text is the same', async () => {
    expect(Buffer.from(signed.subarray(0, pdf.length)).equals(Buffer.from(pdf))).toBe(true);
    expect(await pdfText(signed)).toBe(await pdfText(pdf));
  });

  it('is found invalid once one byte inside the signed range changes', async () => {
    const { range } = signatureOf(signed);
    const tampered = Buffer.from(signed);
    // "Producer (INS (PDFKit))" in the Info dictionary: still a readable PDF, one letter changed.
    const at = tampered.indexOf('PDFKit');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(range[1] ?? 0);
    tampered[at] = 'Q'.charCodeAt(0);
    const [sig] = await pdfSigVerify(tampered, identity.caPem);
    expect(sig?.signatureValidation, sig?.output).toBe('Digest Mismatch.');
  });

  it('is not trusted against another CA', async () => {
    const other = await writeDemoIdentity(path.join(dir, 'other'));
    const [sig] = await pdfSigVerify(signed, await readFile(other.caPath, 'utf8'));
    expect(sig?.signatureValidation, sig?.output).toBe('Signature is Valid.');
    expect(sig?.certificateValidation, sig?.output).not.toBe('Certificate is Trusted.');
  });

  it('holds a detached CMS with contentType, messageDigest and signing-certificate-v2, no signing time, and the chain; /M has the time', async () => {
    const { cms, covered } = signatureOf(signed);
    const oidOf = (a: forge.asn1.Asn1): string => forge.asn1.derToOid(forge.util.createBuffer(a.value as string));
    const children = (a: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] => (a?.value ?? []) as forge.asn1.Asn1[];
    const [contentType, wrapped] = children(cms);
    expect(oidOf(contentType as forge.asn1.Asn1)).toBe('1.2.840.113549.1.7.2');
    const signedData = children(children(wrapped)[0] as forge.asn1.Asn1);
    // version, digestAlgorithms, encapContentInfo (no eContent: detached), certificates [0], signerInfos.
    expect(children(signedData[2])).toHaveLength(1);
    const certificates = children(signedData[3]);
    expect(certificates).toHaveLength(2);
    const signerInfo = children(children(signedData[4])[0]);
    const signedAttrs = children(signerInfo[3]);
    const attrs = new Map(signedAttrs.map((a) => [oidOf(children(a)[0] as forge.asn1.Asn1), children(children(a)[1])[0]]));
    expect([...attrs.keys()].sort()).toEqual(['1.2.840.113549.1.9.16.2.47', '1.2.840.113549.1.9.3', '1.2.840.113549.1.9.4'].sort());
    const digest = attrs.get('1.2.840.113549.1.9.4')?.value as string;
    expect(Buffer.from(digest, 'binary').toString('hex')).toBe(forge.md.sha256.create().update(covered.toString('binary')).digest().toHex());
    // ESSCertIDv2's certHash is the SHA-256 of the signer's certificate as carried in the CMS.
    const essCertId = children(children(attrs.get('1.2.840.113549.1.9.16.2.47'))[0])[0];
    const certHash = Buffer.from(children(essCertId)[0]?.value as string, 'binary').toString('hex');
    const signerCertDer = forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(identity.certPem))).getBytes();
    expect(certHash).toBe(forge.md.sha256.create().update(signerCertDer).digest().toHex());
    expect(certificates.map((c) => forge.asn1.toDer(c).getBytes())).toContain(signerCertDer);
    const text = Buffer.from(signed).toString('latin1');
    expect(text).toContain('/M (D:20260315023000Z)');
    expect(text).toContain('/SubFilter /ETSI.CAdES.detached');
  });

  it('refuses a wrong passphrase with a sentence, not a stack of ASN.1', async () => {
    await expect(signPdf(pdf, { ...SIGNER, passphrase: 'wrong' })).rejects.toThrow(/passphrase .* does not open it/);
  });
});

describe('loadSigningIdentity', () => {
  it('is undefined when no certificate is configured', async () => {
    expect(await loadSigningIdentity({})).toBeUndefined();
  });

  it('reads the PKCS#12 file and names its certificate', async () => {
    const file = path.join(dir, 'unit.p12');
    await writeFile(file, identity.p12);
    const loaded = await loadSigningIdentity({ INS_SIGNING_P12: file, INS_SIGNING_P12_PASSPHRASE: identity.passphrase });
    expect(loaded?.commonName).toBe('Chi cục QLTT (thử nghiệm)');
    expect(loaded?.notAfter.getTime()).toBeGreaterThan(Date.now());
    expect(Buffer.from(loaded?.p12 ?? []).equals(Buffer.from(identity.p12))).toBe(true);
  });

  it('says which variable is wrong: a passphrase that does not open it, a file that cannot be read, a passphrase alone', async () => {
    const file = path.join(dir, 'unit.p12');
    await writeFile(file, identity.p12);
    await expect(loadSigningIdentity({ INS_SIGNING_P12: file, INS_SIGNING_P12_PASSPHRASE: 'wrong' })).rejects.toThrow(StartupError);
    await expect(loadSigningIdentity({ INS_SIGNING_P12: file, INS_SIGNING_P12_PASSPHRASE: 'wrong' })).rejects.toThrow(
      /INS_SIGNING_P12=.*unit\.p12: the passphrase \(INS_SIGNING_P12_PASSPHRASE\) does not open it/,
    );
    await expect(loadSigningIdentity({ INS_SIGNING_P12: path.join(dir, 'none.p12'), INS_SIGNING_P12_PASSPHRASE: 'x' })).rejects.toThrow(/none\.p12 cannot be read \(ENOENT\)/);
    await writeFile(path.join(dir, 'junk.p12'), 'not a certificate');
    await expect(loadSigningIdentity({ INS_SIGNING_P12: path.join(dir, 'junk.p12'), INS_SIGNING_P12_PASSPHRASE: 'x' })).rejects.toThrow(/not a readable PKCS#12 file/);
    await expect(loadSigningIdentity({ INS_SIGNING_P12_PASSPHRASE: 'x' })).rejects.toThrow(/INS_SIGNING_P12 is not/);
  });
});

describe('writeDemoIdentity', () => {
  it('writes the CA, the PKCS#12 and its passphrase once, and keeps them', async () => {
    const demo = path.join(dir, 'demo');
    const first = await writeDemoIdentity(demo);
    const before = await stat(first.p12Path);
    const second = await writeDemoIdentity(demo);
    expect(second).toEqual(first);
    expect((await stat(second.p12Path)).mtimeMs).toBe(before.mtimeMs);
    expect(before.mode & 0o077).toBe(0);
    const loaded = await loadSigningIdentity({ INS_SIGNING_P12: first.p12Path, INS_SIGNING_P12_PASSPHRASE: first.passphrase });
    const [sig] = await pdfSigVerify(await signPdf(pdf, { ...SIGNER, p12: loaded?.p12 ?? new Uint8Array(), passphrase: first.passphrase }), await readFile(first.caPath, 'utf8'));
    expect(sig?.certificateValidation, sig?.output).toBe('Certificate is Trusted.');
  });
});
