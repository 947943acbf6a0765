/**
 * Poppler and NSS from the tests (docs/testing.md): what a PDF says (`pdftotext`), which fonts it
 * embeds (`pdffonts`), what it looks like (`pdftoppm`), whether its signature holds against a CA
 * (`pdfsig` on a throw-away NSS database). A missing tool fails the test with the Debian package to
 * install — never a silent skip. .ci/run installs them.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const PACKAGE: Record<string, string> = {
  pdftotext: 'poppler-utils',
  pdfinfo: 'poppler-utils',
  pdffonts: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  pdfsig: 'poppler-utils',
  certutil: 'libnss3-tools',
};

async function run(tool: string, args: string[], opts: { okCodes?: number[] } = {}): Promise<string> {
  try {
    const { stdout } = await execFileAsync(tool, args, { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    return stdout;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { code?: string | number; stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error(`${tool} is not installed: apt-get install ${PACKAGE[tool] ?? tool} (.ci/run installs it)`);
    if (typeof e.code === 'number' && opts.okCodes?.includes(e.code)) return e.stdout ?? '';
    throw new Error(`${tool} ${args.join(' ')} failed: ${e.stderr ?? e.message}`);
  }
}

/** Runs `fn` with `bytes` written to a temporary file, then removes it. */
async function withFile<T>(bytes: Uint8Array, fn: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ins-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    await writeFile(file, bytes);
    return await fn(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The text as `pdftotext -layout` lays it out; `page` limits it to one page (1-based). */
export async function pdfText(bytes: Uint8Array, page?: number): Promise<string> {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return withFile(bytes, (file) => run('pdftotext', ['-layout', '-enc', 'UTF-8', ...range, file, '-']));
}

export interface TPdfFont {
  name: string;
  type: string;
  emb: boolean;
  sub: boolean;
  uni: boolean;
}

/** `pdffonts`' table: one row per font the pages use. */
export async function pdfFonts(bytes: Uint8Array): Promise<TPdfFont[]> {
  const out = await withFile(bytes, (file) => run('pdffonts', [file]));
  // name, type (may hold spaces), encoding, emb, sub, uni, object, generation.
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      const m = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line);
      if (!m) throw new Error(`pdffonts: cannot read the line ${JSON.stringify(line)}`);
      return { name: m[1] ?? '', type: m[2] ?? '', emb: m[4] === 'yes', sub: m[5] === 'yes', uni: m[6] === 'yes' };
    });
}

/** One PNG per page (`pdftoppm -r 60`, or `resolution`) into `dir` as `<prefix>-<n>.png`; their paths in page order. */
export async function pdfToPngs(bytes: Uint8Array, dir: string, prefix: string, resolution = 60): Promise<string[]> {
  return withFile(bytes, async (file) => {
    await run('pdftoppm', ['-r', String(resolution), '-png', file, path.join(dir, prefix)]);
    const names = (await readdir(dir)).filter((n) => n.startsWith(`${prefix}-`) && n.endsWith('.png'));
    const pageOf = (n: string): number => Number(/-(\d+)\.png$/.exec(n)?.[1]);
    return names.sort((a, b) => pageOf(a) - pageOf(b)).map((n) => path.join(dir, n));
  });
}

export interface TPdfSignature {
  /** "Signature is Valid." / "Digest Mismatch." … (poppler's words after "Signature Validation: "). */
  signatureValidation: string;
  /** "Certificate is Trusted." / "Certificate issuer isn't Trusted." … */
  certificateValidation: string;
  signatureType: string;
  commonName: string;
  /** The whole output, for a failing assertion's message. */
  output: string;
}

/**
 * `pdfsig` against a fresh NSS database that trusts only `caPem`: one entry per signature. pdfsig
 * exits 1 when a signature is not valid; its output still says why.
 */
export async function pdfSigVerify(bytes: Uint8Array, caPem: string): Promise<TPdfSignature[]> {
  return withFile(bytes, async (file, dir) => {
    const db = path.join(dir, 'nssdb');
    await execFileAsync('mkdir', [db]);
    await run('certutil', ['-N', '--empty-password', '-d', `sql:${db}`]);
    const ca = path.join(dir, 'ca.pem');
    await writeFile(ca, caPem);
    await run('certutil', ['-A', '-n', 'INS test CA', '-t', 'CT,C,C', '-a', '-i', ca, '-d', `sql:${db}`]);
    const output = await run('pdfsig', ['-nssdir', `sql:${db}`, file], { okCodes: [1, 2] });
    return output
      .split(/^Signature #\d+:$/m)
      .slice(1)
      .map((block) => {
        const field = (label: string): string => new RegExp(`^\\s*- ${label}: (.*)$`, 'm').exec(block)?.[1]?.trim() ?? '';
        return {
          signatureValidation: field('Signature Validation'),
          certificateValidation: field('Certificate Validation'),
          signatureType: field('Signature Type'),
          commonName: field('Signer Certificate Common Name'),
          output,
        };
      });
  });
}

/** `pdfinfo`'s fields (Title, Subject, Keywords, Pages, CreationDate…). */
export async function pdfInfo(bytes: Uint8Array): Promise<Record<string, string>> {
  const out = await withFile(bytes, (file) => run('pdfinfo', ['-isodates', file]));
  return Object.fromEntries(out.split('\n').flatMap((line) => (/^([^:]+):\s*(.*)$/.exec(line) ? [[line.split(':')[0] ?? '', line.slice(line.indexOf(':') + 1).trim()]] : [])));
}

/** A grey-level crop of one page (`pdftoppm -gray`, PGM, without anti-aliasing): `crop` in pixels at `resolution` dpi; 0 is black, 255 white. */
export async function pdfGray(
  bytes: Uint8Array,
  page: number,
  resolution: number,
  crop: { x: number; y: number; width: number; height: number },
): Promise<{ width: number; height: number; at: (x: number, y: number) => number }> {
  return withFile(bytes, async (file) => {
    const args = [
      '-r',
      String(resolution),
      '-f',
      String(page),
      '-l',
      String(page),
      '-gray',
      '-aa',
      'no',
      '-aaVector',
      'no',
      '-x',
      String(crop.x),
      '-y',
      String(crop.y),
      '-W',
      String(crop.width),
      '-H',
      String(crop.height),
      file,
    ];
    const { stdout } = await execFileAsync('pdftoppm', args, { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') throw new Error('pdftoppm is not installed: apt-get install poppler-utils (.ci/run installs it)');
      throw err;
    });
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(stdout.subarray(0, 32).toString('latin1'));
    if (!header) throw new Error('pdftoppm -gray did not write a PGM image');
    const width = Number(header[1]);
    const height = Number(header[2]);
    const pixels = stdout.subarray(header[0].length);
    return { width, height, at: (x, y) => pixels[y * width + x] ?? 255 };
  });
}
