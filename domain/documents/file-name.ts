/**
 * The name a downloaded paper is saved under, the same for the case's officers and its party: its
 * symbol and number in ASCII and its year, "QD-XPHC_15-2026.pdf".
 */
import type { TDocumentType } from './types.js';

export function documentFileName(d: { number: string; type: TDocumentType; date: string; mime: string }): string {
  const ascii = d.number
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/Đ/g, 'D')
    .replace(/đ/g, 'd');
  const [n, symbol] = ascii.split('/');
  return `${(symbol ?? d.type).replace(/[^A-Za-z0-9-]/g, '-')}_${n}-${d.date.slice(0, 4)}.${d.mime === 'application/zip' ? 'zip' : 'pdf'}`;
}
