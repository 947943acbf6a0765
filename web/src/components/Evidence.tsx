/**
 * Evidence as people look at it: a thumbnail for photos (the stored file, at a fixed size so nothing
 * moves when it loads), a mark for videos, recordings and documents, the name, the size and the
 * SHA-256 that proves which file was seen.
 */
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../lib/format.js';
import type { TFileRef } from '../lib/contract/types.js';
import '../evidence.css';

export type TEvidenceKind = 'image' | 'video' | 'audio' | 'pdf' | 'file';

export function kindOf(mime: string): TEvidenceKind {
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return mime === 'application/pdf' ? 'pdf' : 'file';
}

const MARK: Record<TEvidenceKind, string> = { image: '', video: '▶', audio: '♪', pdf: 'PDF', file: '…' };

/** Browsers show these image types themselves (HEIC photos from iPhones they mostly do not). */
const SHOWN = ['image/jpeg', 'image/png', 'image/webp'];

/** The stored file's thumbnail (photos) or its kind's mark, at a fixed size; `src` overrides the stored file (a local preview). */
export function EvidenceThumb({ file, src, size = 'normal' }: { file: Pick<TFileRef, 'mime' | 'sha256'>; src?: string; size?: 'normal' | 'small' }) {
  const { t } = useTranslation('evidence');
  const kind = kindOf(file.mime);
  const url = src ?? (file.sha256 ? `/api/v1/evidence/${file.sha256}` : undefined);
  return (
    <span className={`evidence-thumb ${size} kind-${kind}`} aria-hidden="true" title={t(`kinds.${kind}`)}>
      {kind === 'image' && SHOWN.includes(file.mime) && url ? (
        <img src={url} alt="" loading="lazy" decoding="async" width={size === 'small' ? 64 : 112} height={size === 'small' ? 48 : 84} />
      ) : (
        <span className="evidence-mark">{MARK[kind] || t(`kinds.${kind}`)}</span>
      )}
    </span>
  );
}

/** The full hash, readable and selectable (it is what a court compares). */
export function Sha256({ value, note }: { value: string; note?: string }) {
  const { t } = useTranslation('evidence');
  return (
    <span className="evidence-hash">
      <span className="label">{t('sha256')}</span> <code data-testid="sha256">{value}</code>
      {note && <span className="hash-note"> · {note}</span>}
    </span>
  );
}

/** Evidence of a case (a step's files), each with its thumbnail, name, size and hash. */
export function EvidenceList({ files }: { files: TFileRef[] }) {
  const { i18n } = useTranslation();
  return (
    <ul className="plain evidence-list" data-testid="evidence-list">
      {files.map((f) => (
        <li key={f.sha256} className="evidence-item" data-testid="evidence" data-sha256={f.sha256}>
          <a href={`/api/v1/evidence/${f.sha256}`} target="_blank" rel="noreferrer" className="evidence-link">
            <EvidenceThumb file={f} />
            <span className="evidence-name">{f.name}</span>
          </a>
          <span className="evidence-meta">
            <span className="muted small">{formatBytes(f.size, i18n.language)}</span>
            <Sha256 value={f.sha256} />
          </span>
        </li>
      ))}
    </ul>
  );
}
