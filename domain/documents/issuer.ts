/**
 * Who a decision is issued by, as the paper prints it (docs/adr/0190): the title and the agency of
 * the person with the competence who signs it, not always the unit's head. Decree 118/2021/NĐ-CP's
 * forms (MQĐ02 and the others) print "(1) the governing agency; (2) the agency of the person with
 * the competence to sanction" at the top, "(3) the title of the person who decides" before the
 * bases, and that title above the signature (Decree 30/2020/NĐ-CP, Appendix I, §II.8). A Chi cục
 * trưởng decides for the Chi cục; a Đội trưởng decides for his or her Đội, which belongs to it
 * (Decree 33/2022/NĐ-CP, Art. 4; Ordinance on Market Surveillance, Art. 21).
 */
import type { TUnitAsOf } from './context.js';
import { provinceLine } from './agency.js';
import { deputyTitleOf, headTitleOf } from '../delegation.js';

export interface TIssuer {
  /** The signature's title line: "CHI CỤC TRƯỞNG" / "ĐỘI TRƯỞNG"; a deputy's "PHÓ CHI CỤC TRƯỞNG". */
  title: string;
  /** Above it when a deputy signs under a delegation (docs/adr/0197): "KT. CHI CỤC TRƯỞNG"; '' otherwise. */
  onBehalfOf: string;
  /** Before the bases: "CHI CỤC TRƯỞNG CHI CỤC QUẢN LÝ THỊ TRƯỜNG" / "ĐỘI TRƯỞNG ĐỘI QUẢN LÝ THỊ TRƯỜNG SỐ 1". */
  authority: string;
  /** The top left lines: the governing agency, then the issuer's own. */
  parentAgency: string;
  agency: string;
}

const upper = (s: string): string => s.toLocaleUpperCase('vi-VN');

/**
 * The unit's line with its province, as a team's governing agency names it: "CHI CỤC QUẢN LÝ THỊ
 * TRƯỜNG TỈNH NINH BÌNH" (from 01/07/2025 the unit's own line leaves the province to its parent's),
 * or the line as it is when it already names it ("CỤC QUẢN LÝ THỊ TRƯỜNG TỈNH NINH BÌNH").
 */
function unitWithProvince(unit: TUnitAsOf): string {
  const agency = upper(unit.agency).trim();
  const province = provinceLine(unit.province);
  return agency.includes(province) || !unit.province ? agency : `${agency} ${province}`;
}

/**
 * The issuer of a decision signed by `signer`: a team lead with a team issues it as the Đội
 * trưởng of that team; anyone else acting on a decision (the director, who holds the unit's
 * competence) as the unit's head.
 */
export function issuerOf(unit: TUnitAsOf, signer: { role: string; team?: string | undefined; deputy?: boolean | undefined; delegation?: unknown }): TIssuer {
  const team = signer.team?.trim();
  const head =
    signer.role === 'TEAM_LEAD' && team
      ? { title: 'ĐỘI TRƯỞNG', authority: `ĐỘI TRƯỞNG ${upper(team)}`, parentAgency: unitWithProvince(unit), agency: upper(team) }
      : { title: upper(unit.headTitle), authority: upper(`${unit.headTitle} ${unit.agency}`), parentAgency: upper(unit.parentAgency), agency: upper(unit.agency) };
  // A deputy decides with the head's power and in the head's name (the authority before the bases
  // stays the head's), signing "KT. <head>" above his or her own title (Decree 30/2020, Art. 13(3)).
  if (!signer.deputy) return { ...head, onBehalfOf: '' };
  const role = signer.role === 'TEAM_LEAD' && team ? 'TEAM_LEAD' : 'DIRECTOR';
  return { ...head, title: deputyTitleOf(role, unit.headTitle), onBehalfOf: signer.delegation ? `KT. ${headTitleOf(role, unit.headTitle)}` : '' };
}

/** Letters only, one case, one space: how two writings of a name are compared. */
const nameKey = (s: string): string => s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();

/**
 * Whether the "Người ký" an officer typed names him or her (docs/adr/0194): the paper INS issues
 * prints, and signs digitally, the name of the officer completing the step, so the form must say the
 * same — the name alone, or followed by the title ("Hoàng Văn Hải, Chi cục trưởng").
 */
export function signedByOfficer(signedBy: string, officer: string): boolean {
  const typed = nameKey(signedBy);
  const name = nameKey(officer);
  if (!name) return false;
  return typed === name || (typed.startsWith(name) && /^\s*[,;(–-]/.test(typed.slice(name.length)));
}
