/**
 * A test certification authority and a signing certificate it issued to "Chi cục QLTT (thử
 * nghiệm)", made in memory with node-forge (keys by Node's crypto, RSA 2048): for the tests, and
 * for `npm start`'s demo signature ({@link writeDemoIdentity}). Never for production: the CA's key
 * is thrown away, so nothing else it signed can exist, and nobody trusts it but whoever adds
 * `ca.pem` to their trust store (docs/documents.md, docs/adr/0147).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import forge from 'node-forge';

export interface TTestIdentity {
  /** The CA's certificate, to trust (pdfsig's NSS database, a reader's trust list). */
  caPem: string;
  /** The signer's certificate. */
  certPem: string;
  /** The signer's key, the certificate and the CA's, encrypted with `passphrase`. */
  p12: Uint8Array;
  passphrase: string;
  /** The signer's common name: "Chi cục QLTT (thử nghiệm)". */
  commonName: string;
}

const SIGNER_CN = 'Chi cục QLTT (thử nghiệm)';
const CA_CN = 'INS Test CA (thử nghiệm)';
let cached: TTestIdentity | undefined;

/** The process's test identity (made once per process, about 0.3 s), with a fixed passphrase. */
export function testSigningIdentity(): TTestIdentity {
  cached ??= makeIdentity('ins-test');
  return cached;
}

/**
 * The demo identity of `npm start` in `dir`: ca.pem, signer.p12 and signer.passphrase, made once
 * (a random passphrase) and kept, so the demo's signed papers stay verifiable across restarts.
 */
export async function writeDemoIdentity(dir: string): Promise<{ caPath: string; p12Path: string; passphrasePath: string; passphrase: string }> {
  const caPath = path.join(dir, 'ca.pem');
  const p12Path = path.join(dir, 'signer.p12');
  const passphrasePath = path.join(dir, 'signer.passphrase');
  if (![caPath, p12Path, passphrasePath].every((f) => existsSync(f))) {
    await mkdir(dir, { recursive: true });
    const identity = makeIdentity(randomBytes(18).toString('base64url'));
    await writeFile(caPath, identity.caPem);
    await writeFile(p12Path, identity.p12, { mode: 0o600 });
    await writeFile(passphrasePath, `${identity.passphrase}\n`, { mode: 0o600 });
  }
  const passphrase = (await readFile(passphrasePath, 'utf8')).trim();
  return { caPath, p12Path, passphrasePath, passphrase };
}

function makeIdentity(passphrase: string): TTestIdentity {
  const now = Date.now();
  const notBefore = new Date(now - 24 * 3600_000);
  const caKeys = rsaKeyPair();
  const ca = certificate({
    serial: '01',
    subject: [...BASE_NAME, { shortName: 'CN', value: CA_CN }],
    issuer: [...BASE_NAME, { shortName: 'CN', value: CA_CN }],
    publicKey: caKeys.publicKey,
    notBefore,
    notAfter: new Date(now + 20 * 365 * 24 * 3600_000),
    extensions: [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }, { name: 'subjectKeyIdentifier' }],
  });
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const signerKeys = rsaKeyPair();
  const signer = certificate({
    serial: randomBytes(8)
      .toString('hex')
      .replace(/^[89a-f]/, '1'),
    subject: [...BASE_NAME, { shortName: 'OU', value: 'Chi cục Quản lý thị trường' }, { shortName: 'CN', value: SIGNER_CN }],
    issuer: ca.subject.attributes as TNameAttribute[],
    publicKey: signerKeys.publicKey,
    notBefore,
    notAfter: new Date(now + 10 * 365 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      // A document signer: digitalSignature and nonRepudiation (contentCommitment), no extended usage
      // (NSS, pdfsig's verifier, checks a signer for its e-mail-signer usage, which an EKU without emailProtection would refuse).
      { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
      { name: 'subjectKeyIdentifier' },
      { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
    ],
  });
  signer.sign(caKeys.privateKey, forge.md.sha256.create());

  const p12Der = forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(signerKeys.privateKey, [signer, ca], passphrase, { algorithm: '3des', friendlyName: 'INS signer' })).getBytes();
  return {
    caPem: forge.pki.certificateToPem(ca),
    certPem: forge.pki.certificateToPem(signer),
    p12: new Uint8Array(Buffer.from(p12Der, 'binary')),
    passphrase,
    commonName: SIGNER_CN,
  };
}

type TNameAttribute = { shortName: string; value: string; valueTagClass?: number };
const BASE_NAME: TNameAttribute[] = [
  { shortName: 'C', value: 'VN', valueTagClass: forge.asn1.Type.PRINTABLESTRING },
  { shortName: 'O', value: 'INS (thử nghiệm)' },
];

function rsaKeyPair(): { publicKey: forge.pki.rsa.PublicKey; privateKey: forge.pki.rsa.PrivateKey } {
  // Node's generator is native: forge's pure-JS one takes seconds for 2048 bits.
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKey: forge.pki.publicKeyFromPem(publicKey), privateKey: forge.pki.privateKeyFromPem(privateKey) };
}

function certificate(o: {
  serial: string;
  subject: TNameAttribute[];
  issuer: TNameAttribute[];
  publicKey: forge.pki.PublicKey;
  notBefore: Date;
  notAfter: Date;
  extensions: object[];
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.serialNumber = o.serial;
  cert.publicKey = o.publicKey;
  cert.validity.notBefore = o.notBefore;
  cert.validity.notAfter = o.notAfter;
  // UTF8String (forge encodes the value for that tag): the names are Vietnamese.
  const utf8 = (attrs: TNameAttribute[]): TNameAttribute[] => attrs.map((a) => ({ valueTagClass: forge.asn1.Type.UTF8, ...a }));
  cert.setSubject(utf8(o.subject));
  cert.setIssuer(utf8(o.issuer));
  cert.setExtensions(o.extensions);
  return cert;
}
