/**
 * The device camera in the browser: photos taken from the live picture (getUserMedia, drawn onto a
 * canvas, JPEG) and short videos (MediaRecorder, at most {@link MAX_VIDEO_SECONDS} s). Each photo
 * or video is handed over at once (and uploaded while the officer goes on shooting). Where the
 * camera cannot be opened the device's own camera app is offered instead (`capture`).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { vnWallClock } from '../../../domain/vn-time.js';

const MAX_VIDEO_SECONDS = 60;

/** Whether this browser can show the camera in the page (a secure context with media devices). */
export function canUseCamera(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

/** `anh-20260312-101530.jpg`: the moment in Vietnam's time, so names sort in the order taken. */
function captureName(prefix: string, ext: string): string {
  const d = vnWallClock(Date.now());
  return `${prefix}-${d.slice(0, 10).replace(/-/g, '')}-${d.slice(11, 19).replace(/:/g, '')}.${ext}`;
}

function videoType(): { mime: string; ext: string } {
  for (const [mime, ext] of [
    ['video/webm;codecs=vp8,opus', 'webm'],
    ['video/webm', 'webm'],
    ['video/mp4', 'mp4'],
  ] as const) {
    if (typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(mime)) return { mime, ext };
  }
  return { mime: 'video/webm', ext: 'webm' };
}

/** The device's camera app through a file input (`capture`), where the page cannot show the camera. */
export function CaptureInput({ id, mode, onFiles, disabled, children }: { id: string; mode: 'photo' | 'video'; onFiles: (files: File[]) => void; disabled?: boolean; children: string }) {
  return (
    <>
      <input
        id={id}
        className="visually-hidden"
        type="file"
        accept={mode === 'photo' ? 'image/*' : 'video/*'}
        capture="environment"
        disabled={disabled}
        onChange={(e) => {
          onFiles(Array.from(e.target.files ?? []));
          e.target.value = '';
        }}
      />
      <label className="button secondary file-button" htmlFor={id}>
        {children}
      </label>
    </>
  );
}

export function CameraDialog({ mode, onCapture, onClose }: { mode: 'photo' | 'video'; onCapture: (file: File) => void; onClose: () => void }) {
  const { t } = useTranslation('evidence');
  const dialog = useRef<HTMLDialogElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | undefined>(undefined);
  const recorder = useRef<MediaRecorder | undefined>(undefined);
  const [ready, setReady] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [taken, setTaken] = useState(0);
  const [recordingSince, setRecordingSince] = useState<number>();
  const [recorded, setRecorded] = useState<number>();
  const [now, setNow] = useState(() => Date.now());
  const titleId = `camera-${mode}-title`;

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    let live = true;
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: mode === 'video' })
      .catch((err: unknown) => {
        // A device without a microphone still films, silently.
        if (mode === 'video') return navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } } });
        throw err;
      })
      .then((s) => {
        if (!live) {
          s.getTracks().forEach((tr) => tr.stop());
          return;
        }
        stream.current = s;
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play().catch(() => undefined);
        }
      })
      .catch((err: unknown) => live && setFailure((err as Error).message || (err as Error).name));
    return () => {
      live = false;
      if (recorder.current?.state === 'recording') recorder.current.stop();
      stream.current?.getTracks().forEach((tr) => tr.stop());
      stream.current = undefined;
    };
  }, [mode]);

  // The recording's clock, and its end at the limit.
  useEffect(() => {
    if (recordingSince === undefined) return;
    const timer = window.setInterval(() => {
      setNow(Date.now());
      if (Date.now() - recordingSince >= MAX_VIDEO_SECONDS * 1_000) recorder.current?.stop();
    }, 250);
    return () => window.clearInterval(timer);
  }, [recordingSince]);

  function shoot(): void {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')!.drawImage(v, 0, 0);
    canvas.toBlob(
      (blob) => {
        if (!blob) return;
        onCapture(new File([blob], captureName('anh', 'jpg'), { type: 'image/jpeg' }));
        setTaken((n) => n + 1);
      },
      'image/jpeg',
      0.9,
    );
  }

  function record(): void {
    const s = stream.current;
    if (!s) return;
    const { mime, ext } = videoType();
    const r = new MediaRecorder(s, { mimeType: mime });
    const parts: Blob[] = [];
    const started = Date.now();
    r.ondataavailable = (e) => e.data.size && parts.push(e.data);
    r.onstop = () => {
      setRecordingSince(undefined);
      if (!parts.length) return;
      const type = mime.split(';')[0]!;
      onCapture(new File(parts, captureName('video', ext), { type }));
      setRecorded(Math.round((Date.now() - started) / 1_000));
    };
    recorder.current = r;
    r.start(1_000);
    setRecordingSince(started);
    setNow(started);
  }

  const recording = recordingSince !== undefined;
  const seconds = recording ? Math.floor((now - recordingSince) / 1_000) : 0;

  return (
    <dialog
      ref={dialog}
      className="camera-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      data-testid="camera"
    >
      <h2 id={titleId}>{mode === 'photo' ? t('camera.titlePhoto') : t('camera.titleVideo')}</h2>
      {failure ? (
        <div className="camera-fallback">
          <p role="alert">{t('camera.unavailable', { message: failure })}</p>
          <CaptureInput id={`camera-${mode}-fallback`} mode={mode} onFiles={(files) => files.forEach(onCapture)}>
            {mode === 'photo' ? t('camera.fallbackPhoto') : t('camera.fallbackVideo')}
          </CaptureInput>
        </div>
      ) : (
        <div className="camera-view">
          <video ref={video} muted playsInline aria-label={t('camera.preview')} onLoadedData={() => setReady(true)} />
          {!ready && <p className="camera-starting">{t('camera.starting')}</p>}
        </div>
      )}
      <p className="camera-status" role="status" data-testid="camera-status">
        {recording
          ? t('camera.recording', { seconds, max: MAX_VIDEO_SECONDS })
          : recorded !== undefined
            ? t('camera.recorded', { seconds: recorded })
            : taken > 0
              ? t('camera.taken', { count: taken })
              : ''}
      </p>
      <div className="form-actions">
        {mode === 'photo' && !failure && (
          <button type="button" className="button primary" onClick={shoot} disabled={!ready}>
            {t('camera.shoot')}
          </button>
        )}
        {mode === 'video' && !failure && (
          <button type="button" className={`button ${recording ? 'danger-fill' : 'primary'}`} onClick={() => (recording ? recorder.current?.stop() : record())} disabled={!ready}>
            {recording ? t('camera.stop') : t('camera.start')}
          </button>
        )}
        <button type="button" className="button secondary" onClick={onClose} disabled={recording}>
          {t('camera.close')}
        </button>
      </div>
    </dialog>
  );
}
