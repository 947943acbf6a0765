/**
 * A file field of a step form: photos, videos, recordings and documents chosen from the device or
 * taken with its camera, each uploaded resumably (lib/uploads.ts) one after the other, its progress
 * and SHA-256 shown, and referenced in the form by that hash once the server has it. A file whose
 * hash is already in the field is not sent again.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { tx } from '../i18n.js';
import { errorSentence, isRetryable } from '../lib/error-text.js';
import { formatBytes } from '../lib/format.js';
import { useUser } from '../lib/session.js';
import type { TField, TFileRef } from '../lib/contract/types.js';
import { uploadFile, type TUploadProgress } from '../lib/uploads.js';
import { CameraDialog, canUseCamera, CaptureInput } from './CameraDialog.js';
import { EvidenceThumb, kindOf, Sha256 } from './Evidence.js';

/** What the server accepts as evidence (api/routes/evidence.ts). */
const EVIDENCE_ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,video/mp4,video/webm,video/quicktime,audio/mpeg,audio/webm,application/pdf';

interface TItem {
  key: number;
  file: File;
  progress?: TUploadProgress;
  error?: string;
  /** Whether sending it again may succeed (not for a file the server refuses, e.g. its type). */
  retryable?: boolean;
  /** A local picture of a photo being sent (revoked when the item goes). */
  preview?: string;
}

export interface TEvidenceFieldProps {
  field: TField;
  /** The id of the file input (the form's own id for the field). */
  id: string;
  value: TFileRef[];
  onChange: (v: TFileRef[]) => void;
  disabled: boolean;
  /** The case and step the files are collected for (their supervisors see them arrive). */
  context?: { caseId: string; stepId: string } | undefined;
  /** The field's problem line (kept in the form's layout). */
  issue: ReactNode;
  /** Told how many files are still being sent (the form waits for them). */
  onPending?: ((count: number) => void) | undefined;
}

export function EvidenceField({ field, id, value, onChange, disabled, context, issue, onPending }: TEvidenceFieldProps) {
  const { t, i18n } = useTranslation('evidence');
  const { t: tr } = useTranslation();
  const lang = i18n.language;
  const hintId = useId();
  const user = useUser();
  const [items, setItems] = useState<TItem[]>([]);
  const [camera, setCamera] = useState<'photo' | 'video'>();
  const [notice, setNotice] = useState('');
  /** Hashes computed here and confirmed by the server, this session. */
  const [confirmed, setConfirmed] = useState<Record<string, 'local' | 'server'>>({});
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  }, [value]);
  const nextKey = useRef(0);
  const running = useRef(false);
  const queue = useRef<TItem[]>([]);
  const alive = useRef(true);
  /** Local previews, released with the field. */
  const previews = useRef(new Set<string>());
  const cameraHere = canUseCamera();

  useEffect(() => {
    alive.current = true;
    const urls = previews.current;
    return () => {
      alive.current = false;
      urls.forEach((u) => URL.revokeObjectURL(u));
    };
  }, []);

  const pending = items.filter((x) => !x.error).length;
  useEffect(() => {
    onPending?.(pending);
  }, [pending, onPending]);

  const update = (key: number, patch: Partial<TItem>): void => {
    if (alive.current) setItems((all) => all.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  };
  const drop = (item: TItem): void => {
    if (item.preview) {
      URL.revokeObjectURL(item.preview);
      previews.current.delete(item.preview);
    }
    if (alive.current) setItems((all) => all.filter((x) => x.key !== item.key));
  };

  async function run(): Promise<void> {
    if (running.current) return;
    running.current = true;
    try {
      for (let item = queue.current.shift(); item; item = queue.current.shift()) {
        const { key, file } = item;
        update(key, { error: undefined });
        try {
          const { ref, localSha256 } = await uploadFile(file, { who: user.id, ...(context ? { context } : {}), onProgress: (progress) => update(key, { progress }) });
          if (!alive.current) return;
          setConfirmed((c) => ({ ...c, [ref.sha256]: localSha256 ? 'local' : 'server' }));
          // Referenced by its hash: the same file twice is one piece of evidence.
          if (latest.current.some((f) => f.sha256 === ref.sha256)) setNotice(t('alreadyAttached', { name: file.name }));
          else {
            latest.current = [...latest.current, ref];
            onChange(latest.current);
          }
          drop(item);
        } catch (err) {
          update(key, { error: t('failed', { name: file.name, message: errorSentence(err, tr, lang) }), retryable: isRetryable(err) });
        }
      }
    } finally {
      running.current = false;
    }
  }

  function add(files: File[]): void {
    if (!files.length) return;
    setNotice('');
    const added = files.map((file) => ({ key: nextKey.current++, file, ...(kindOf(file.type) === 'image' ? { preview: URL.createObjectURL(file) } : {}) }));
    for (const a of added) if (a.preview) previews.current.add(a.preview);
    setItems((all) => [...all, ...added]);
    queue.current.push(...added);
    void run();
  }

  function retry(item: TItem): void {
    queue.current.push(item);
    void run();
  }

  const phaseText = (p: TUploadProgress | undefined): string => {
    if (!p) return t('phases.queued');
    const sent = formatBytes(p.sent, lang);
    const total = formatBytes(p.total, lang);
    if (p.phase === 'waiting') return t('phases.waiting', { seconds: Math.max(1, Math.round((p.retryInMs ?? 1_000) / 1_000)), count: p.failures ?? 1, sent, total });
    return t(`phases.${p.phase}`, { sent, total });
  };

  return (
    <div className="field field-file field-wide evidence-field">
      <span className="field-label" id={`${id}-label`}>
        {tx(field.label, lang)}
        {field.required && (
          <span className="req" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </span>
      <ul className="plain evidence-list" aria-labelledby={`${id}-label`}>
        {value.length === 0 && items.length === 0 && <li className="muted">{t('none')}</li>}
        {value.map((f) => (
          <li key={f.sha256} className="evidence-item" data-testid="evidence" data-sha256={f.sha256}>
            <a href={`/api/v1/evidence/${f.sha256}`} target="_blank" rel="noreferrer" className="evidence-link">
              <EvidenceThumb file={f} />
              <span className="evidence-name">{f.name}</span>
            </a>
            <span className="evidence-meta">
              <span className="muted small">{formatBytes(f.size, lang)}</span>
              <Sha256 value={f.sha256} note={confirmed[f.sha256] === 'local' ? `✓ ${t('hashMatches')}` : confirmed[f.sha256] === 'server' ? t('hashByServer') : undefined} />
            </span>
            <button
              type="button"
              className="button subtle evidence-remove"
              onClick={() => onChange(value.filter((x) => x.sha256 !== f.sha256))}
              disabled={disabled}
              aria-label={t('remove', { name: f.name })}
            >
              ✕
            </button>
          </li>
        ))}
        {items.map((item) => (
          <li key={item.key} className="evidence-item uploading" data-testid="upload" data-phase={item.error ? 'failed' : (item.progress?.phase ?? 'queued')}>
            <span className="evidence-link">
              <EvidenceThumb file={{ mime: item.file.type, sha256: '' }} {...(item.preview ? { src: item.preview } : {})} />
              <span className="evidence-name">{item.file.name}</span>
            </span>
            <span className="evidence-meta">
              <progress max={item.file.size || 1} value={item.progress?.sent ?? 0} aria-label={t('progress', { name: item.file.name })} />
              <span className="small phase-text" aria-live="polite">
                {item.error ?? phaseText(item.progress)}
              </span>
              {item.progress?.sha256 && <Sha256 value={item.progress.sha256} />}
            </span>
            {item.error && (
              <span className="evidence-retry">
                {item.retryable && (
                  <button type="button" className="button secondary" onClick={() => retry(item)}>
                    {t('retry', { name: item.file.name })}
                  </button>
                )}
                <button type="button" className="button subtle" onClick={() => drop(item)}>
                  {t('dismiss')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      <div className="evidence-actions">
        <input
          id={id}
          className="visually-hidden"
          type="file"
          multiple
          accept={(field.type === 'file' ? field.accept?.join(',') : undefined) ?? EVIDENCE_ACCEPT}
          aria-describedby={hintId}
          disabled={disabled}
          onChange={(e) => {
            add(Array.from(e.target.files ?? []));
            e.target.value = '';
          }}
        />
        <label className="button secondary file-button" htmlFor={id}>
          {t('choose')}
        </label>
        {cameraHere ? (
          <>
            <button type="button" className="button secondary" onClick={() => setCamera('photo')} disabled={disabled}>
              {t('takePhoto')}
            </button>
            <button type="button" className="button secondary" onClick={() => setCamera('video')} disabled={disabled}>
              {t('recordVideo')}
            </button>
          </>
        ) : (
          <>
            <CaptureInput id={`${id}-photo`} mode="photo" onFiles={add} disabled={disabled}>
              {t('takePhoto')}
            </CaptureInput>
            <CaptureInput id={`${id}-video`} mode="video" onFiles={add} disabled={disabled}>
              {t('recordVideo')}
            </CaptureInput>
          </>
        )}
      </div>
      <p className="field-help" id={hintId}>
        {notice || t('accepted')}
      </p>
      {camera && <CameraDialog mode={camera} onCapture={(file) => add([file])} onClose={() => setCamera(undefined)} />}
      {issue}
    </div>
  );
}
