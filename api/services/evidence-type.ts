/**
 * What an evidence file is, from its bytes, checked against the type its uploader declared. The
 * declared type is what the file is served as (and what a step's form and the supervisor's feed
 * show), so it must not be the uploader's word alone: an HTML page declared as a photo, or a PDF as
 * a video, is refused with 415 EVIDENCE_TYPE_MISMATCH.
 *
 * The bytes are read by `file-type` (magic numbers and container headers, maintained for years
 * across hundreds of formats, ESM). Its 22.x line needs Node 22; the 21.3 line is pinned (`~21.3.4`,
 * engines `>=20`) while INS runs on Node 20.
 *
 * A declared type is matched by its family, not by one exact string: a phone's HEIC photo is often
 * a `mif1` HEIF, an audio-only WebM recording is read as `video/webm`, a QuickTime file may be
 * labelled MP4 and the other way round. Those differences change nothing of how the file is shown.
 */
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../errors.js';

/** File types evidence may have (declared and served). */
export const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'video/mp4', 'video/webm', 'video/quicktime', 'audio/mpeg', 'audio/webm', 'application/pdf'] as const;
export type TEvidenceType = (typeof EVIDENCE_TYPES)[number];

const ISO_VIDEO = ['video/mp4', 'video/quicktime', 'video/x-m4v', 'video/3gpp', 'video/3gpp2'];

/** For each declared type, what `file-type` may read its bytes as. */
const READ_AS: Record<TEvidenceType, readonly string[]> = {
  'image/jpeg': ['image/jpeg'],
  'image/png': ['image/png', 'image/apng'],
  'image/webp': ['image/webp'],
  'image/heic': ['image/heic', 'image/heif', 'image/heic-sequence', 'image/heif-sequence'],
  'video/mp4': ISO_VIDEO,
  'video/quicktime': ISO_VIDEO,
  'video/webm': ['video/webm'],
  'audio/webm': ['video/webm', 'audio/webm'],
  'audio/mpeg': ['audio/mpeg'],
  'application/pdf': ['application/pdf'],
};

/** How many first bytes are read: `file-type`'s own "reasonable detection size" (4100 bytes). */
export const SNIFF_BYTES = 4100;

/** Refuses (415 EVIDENCE_TYPE_MISMATCH) a file whose first bytes are not of the declared type; `field` names where the type was declared. */
export async function checkEvidenceType(declared: TEvidenceType, head: Uint8Array, field: string): Promise<void> {
  const found = await fileTypeFromBuffer(head);
  if (found && READ_AS[declared].includes(found.mime)) return;
  throw new AppError(
    'EVIDENCE_TYPE_MISMATCH',
    `${field}: the file is declared as ${declared}, but its bytes are ${found ? `${found.mime} (.${found.ext})` : 'of no known file type'}; send it with the type it really has.`,
    undefined,
    { declared, found: found?.mime ?? null },
  );
}

/**
 * The first `n` bytes of `body` (fewer if it is shorter) and the whole body again as a stream (those
 * bytes, then the rest, read only as the stream is read): the type is checked before anything is
 * stored, without buffering the file.
 */
export async function peek(body: ReadableStream<Uint8Array>, n: number): Promise<{ head: Uint8Array; body: ReadableStream<Uint8Array> }> {
  const reader = body.getReader();
  const first: Uint8Array[] = [];
  let size = 0;
  while (size < n) {
    const step = await reader.read();
    if (step.done) break;
    first.push(step.value);
    size += step.value.byteLength;
  }
  const head = new Uint8Array(Math.min(size, n));
  let at = 0;
  for (const chunk of first) {
    if (at >= head.length) break;
    head.set(chunk.subarray(0, head.length - at), at);
    at += Math.min(chunk.byteLength, head.length - at);
  }
  const replay = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of first) controller.enqueue(chunk);
    },
    async pull(controller) {
      const step = await reader.read();
      if (step.done) controller.close();
      else controller.enqueue(step.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { head, body: replay };
}

/** The first `n` bytes of a stream (the whole stream when shorter); the rest is not read. */
export async function firstBytes(stream: ReadableStream<Uint8Array>, n: number): Promise<Uint8Array> {
  const { head, body } = await peek(stream, n);
  await body.cancel();
  return head;
}
