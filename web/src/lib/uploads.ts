/**
 * Evidence uploads that survive a dropped connection (a tablet in a market hall, on 4G).
 *
 * The file's SHA-256 is computed here first (WebCrypto), then the file goes to the API's resumable
 * upload protocol (api/routes/evidence.ts; INS's own, with tus's header names but not tus, so not
 * `tus-js-client`: docs/adr/0075) in 1 MiB chunks: `POST /evidence/uploads` declares it,
 * each `PATCH` sends the chunk at the server's `Upload-Offset`, `finalize` has the server check the
 * bytes against the declared size and hash. After a failure the uploader waits — until the browser
 * is online again, then 1, 2, 4… up to 30 s — asks the server where the upload stands (`GET`) and
 * goes on from the server's offset, never from its own guess: a chunk the server kept although the
 * answer was lost is not sent twice. The hash the server answers must be the one computed here.
 *
 * An unfinished upload's id is kept in this browser under the file's hash, so the same file chosen
 * again (after a reload) resumes where it stopped.
 */
import { api, ApiError, csrfHeaders, toError, uploadEvidence } from './api.js';
import type { TFileRef } from './contract/types.js';

const CHUNK_BYTES = 1024 * 1024;
/** Failed attempts in a row (while online) before the uploader gives up and offers to retry. */
const MAX_FAILURES = 8;
const MAX_BACKOFF_MS = 30_000;
const RESUME_KEY = 'ins.upload.';

type TUploadPhase = 'hashing' | 'starting' | 'sending' | 'waiting' | 'offline' | 'finalizing' | 'done';

export interface TUploadProgress {
  phase: TUploadPhase;
  /** Bytes the server holds. */
  sent: number;
  total: number;
  sha256?: string;
  /** While waiting: failed attempts so far and how long until the next one. */
  failures?: number;
  retryInMs?: number;
}

export interface TUploadResult {
  ref: TFileRef;
  /** The hash computed in this browser, or undefined when it could not be (no WebCrypto: plain HTTP). */
  localSha256?: string;
}

/** Whether this page may compute hashes (WebCrypto needs a secure context: HTTPS or localhost). */
function canHashHere(): boolean {
  return typeof crypto !== 'undefined' && typeof crypto.subtle?.digest === 'function';
}

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

interface TUploadState {
  id: string;
  offset: number;
  size: number;
  status: 'OPEN' | 'COMPLETED' | 'FAILED';
  evidence?: TFileRef;
}

/** Where an unfinished upload's id is kept: per user (a tablet may be shared) and file. */
const resumeKey = (who: string, sha256: string): string => `${RESUME_KEY}${who}.${sha256}`;

function remember(key: string, id: string | undefined): void {
  try {
    if (id) localStorage.setItem(key, id);
    else localStorage.removeItem(key);
  } catch {
    // Private mode: resuming after a reload is not possible, resuming in this page still is.
  }
}

function remembered(key: string): string | undefined {
  try {
    return localStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Worth another try: the connection, the server busy or restarting, a chunk cut off on the way. */
function isTransient(err: unknown): boolean {
  if (!(err instanceof ApiError)) return false;
  return err.status === 0 || err.status >= 500 || err.status === 429 || err.code === 'UPLOAD_CHUNK_INCOMPLETE' || err.code === 'CONFLICT';
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = window.setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      window.clearTimeout(timer);
      reject(new DOMException('Aborted', 'AbortError'));
    });
  });
}

function online(signal?: AbortSignal): Promise<void> {
  if (navigator.onLine) return Promise.resolve();
  return new Promise((resolve, reject) => {
    window.addEventListener('online', () => resolve(), { once: true });
    signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
  });
}

async function sendChunk(id: string, offset: number, chunk: Blob, signal?: AbortSignal): Promise<TUploadState> {
  let res: Response;
  try {
    res = await fetch(`/api/v1/evidence/uploads/${id}`, {
      method: 'PATCH',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset), accept: 'application/json', ...csrfHeaders() },
      body: chunk,
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', (err as Error).message);
  }
  if (!res.ok) throw await toError(res);
  return (await res.json()) as TUploadState;
}

/**
 * Uploads `file` as evidence, resumably; `context` names the case (and step) it is collected for,
 * so the case's supervisors see it arrive. Resolves with the stored reference; rejects with the
 * server's refusal (type, size, expiry) or after too many failures in a row while online.
 */
export async function uploadFile(
  file: File,
  opts: { who: string; context?: { caseId: string; stepId?: string }; onProgress?: (p: TUploadProgress) => void; signal?: AbortSignal },
): Promise<TUploadResult> {
  const { signal } = opts;
  const total = file.size;
  const report = (p: Omit<TUploadProgress, 'total'>): void => opts.onProgress?.({ ...p, total });
  if (!canHashHere()) {
    // Plain HTTP: no WebCrypto, hence no declared hash; the one-shot upload has the server compute it.
    report({ phase: 'sending', sent: 0 });
    const ref = await uploadEvidence(file);
    report({ phase: 'done', sent: total, sha256: ref.sha256 });
    return { ref };
  }
  report({ phase: 'hashing', sent: 0 });
  const sha256 = await sha256Hex(file);
  const mime = file.type || 'application/octet-stream';
  let failures = 0;

  /** Runs `step` until it succeeds, waiting between tries; the server's refusals go to the caller. */
  async function persist<T>(sent: () => number, step: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        const v = await step();
        failures = 0;
        return v;
      } catch (err) {
        if ((err as Error).name === 'AbortError' || !isTransient(err)) throw err;
        if (!navigator.onLine) {
          report({ phase: 'offline', sent: sent(), sha256 });
          await online(signal);
          continue;
        }
        failures++;
        if (failures >= MAX_FAILURES) throw err;
        const wait = Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** (failures - 1)) * (0.8 + Math.random() * 0.4);
        report({ phase: 'waiting', sent: sent(), sha256, failures, retryInMs: wait });
        await Promise.race([sleep(wait, signal), navigator.onLine ? new Promise<void>(() => undefined) : online(signal)]);
      }
    }
  }

  report({ phase: 'starting', sent: 0, sha256 });
  let upload: TUploadState | undefined;
  const key = resumeKey(opts.who, sha256);
  const known = remembered(key);
  if (known) {
    try {
      upload = await api<TUploadState>('GET', `/api/v1/evidence/uploads/${known}`, signal ? { signal } : {});
      if (upload.status === 'FAILED' || upload.size !== total) upload = undefined;
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      upload = undefined;
    }
  }
  upload ??= await persist(
    () => 0,
    () => api<TUploadState>('POST', '/api/v1/evidence/uploads', { body: { name: file.name, mime, size: total, sha256 }, ...(signal ? { signal } : {}) }),
  );
  const id = upload.id;
  remember(key, id);
  let offset = upload.status === 'COMPLETED' ? total : upload.offset;
  let lost = false;

  while (offset < total) {
    report({ phase: 'sending', sent: offset, sha256 });
    offset = await persist(
      () => offset,
      async () => {
        if (lost) {
          // After a failure the server says where to go on from: it may hold the chunk whose answer was lost.
          const now = await api<TUploadState>('GET', `/api/v1/evidence/uploads/${id}`, signal ? { signal } : {});
          lost = false;
          return now.offset;
        }
        try {
          return (await sendChunk(id, offset, file.slice(offset, Math.min(total, offset + CHUNK_BYTES)), signal)).offset;
        } catch (err) {
          if (err instanceof ApiError && err.code === 'UPLOAD_OFFSET_MISMATCH') {
            const at = (err.details as { offset?: unknown } | undefined)?.offset;
            if (typeof at === 'number') return at;
          }
          lost = true;
          throw err;
        }
      },
    );
  }

  report({ phase: 'finalizing', sent: total, sha256 });
  const query = opts.context ? `?${new URLSearchParams({ caseId: opts.context.caseId, ...(opts.context.stepId ? { stepId: opts.context.stepId } : {}) }).toString()}` : '';
  // Finalizing is idempotent: repeating it after a lost answer is safe.
  const done = await persist(
    () => total,
    () => api<TUploadState>('POST', `/api/v1/evidence/uploads/${id}/finalize${query}`, signal ? { signal } : {}),
  );
  remember(key, undefined);
  const ref = done.evidence;
  if (!ref || ref.sha256 !== sha256) {
    throw new ApiError(422, 'UPLOAD_CHECKSUM_MISMATCH', `The server stored SHA-256 ${ref?.sha256 ?? '?'} but this device computed ${sha256}.`);
  }
  report({ phase: 'done', sent: total, sha256 });
  return { ref, localSha256: sha256 };
}
