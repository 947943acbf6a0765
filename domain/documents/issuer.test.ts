import { describe, expect, it } from 'vitest';
import { issuerOf, signedByOfficer } from './issuer.js';

describe('signedByOfficer (docs/adr/0194)', () => {
  it('takes the officer’s name as written, in any case and spacing, alone or followed by the title', () => {
    for (const typed of ['Hoàng Văn Hải', 'hoàng văn hải', '  Hoàng  Văn Hải ', 'Hoàng Văn Hải, Chi cục trưởng', 'Hoàng Văn Hải (Chi cục trưởng)', 'Hoa\u0300ng Văn Hải'])
      expect([typed, signedByOfficer(typed, 'Hoàng Văn Hải')]).toEqual([typed, true]);
  });

  it('refuses another name, a name that only starts like it, a title alone and an empty officer', () => {
    for (const typed of ['Lê Văn Cường', 'Hoàng Văn Hải Anh', 'Chi cục trưởng', 'x']) expect([typed, signedByOfficer(typed, 'Hoàng Văn Hải')]).toEqual([typed, false]);
    expect(signedByOfficer('x', '  ')).toBe(false);
  });
});

describe('issuerOf', () => {
  const unit = { unitId: 'nb', parentAgency: 'SỞ CÔNG THƯƠNG TỈNH NINH BÌNH', agency: 'CHI CỤC QUẢN LÝ THỊ TRƯỜNG', headTitle: 'CHI CỤC TRƯỞNG', place: 'Ninh Bình', province: 'Ninh Bình' };
  it('issues a team lead’s decision as the Đội trưởng of the lead’s team, anyone else’s as the unit head', () => {
    expect(issuerOf(unit, { role: 'TEAM_LEAD', team: 'Đội Quản lý thị trường số 2' })).toEqual({
      title: 'ĐỘI TRƯỞNG',
      authority: 'ĐỘI TRƯỞNG ĐỘI QUẢN LÝ THỊ TRƯỜNG SỐ 2',
      parentAgency: 'CHI CỤC QUẢN LÝ THỊ TRƯỜNG TỈNH NINH BÌNH',
      agency: 'ĐỘI QUẢN LÝ THỊ TRƯỜNG SỐ 2',
      onBehalfOf: '',
    });
    expect(issuerOf(unit, { role: 'DIRECTOR', team: 'Đội Quản lý thị trường số 2' })).toEqual({
      title: 'CHI CỤC TRƯỞNG',
      authority: 'CHI CỤC TRƯỞNG CHI CỤC QUẢN LÝ THỊ TRƯỜNG',
      parentAgency: 'SỞ CÔNG THƯƠNG TỈNH NINH BÌNH',
      agency: 'CHI CỤC QUẢN LÝ THỊ TRƯỜNG',
      onBehalfOf: '',
    });
  });

  it('has a deputy decide in the head’s title and sign “KT.” on the head’s behalf, only under a delegation (docs/adr/0197)', () => {
    const delegation = { number: '15/QĐ-GQXP', date: '2026-11-30' };
    expect(issuerOf(unit, { role: 'DIRECTOR', deputy: true, delegation })).toEqual({
      title: 'PHÓ CHI CỤC TRƯỞNG',
      onBehalfOf: 'KT. CHI CỤC TRƯỞNG',
      authority: 'CHI CỤC TRƯỞNG CHI CỤC QUẢN LÝ THỊ TRƯỜNG',
      parentAgency: 'SỞ CÔNG THƯƠNG TỈNH NINH BÌNH',
      agency: 'CHI CỤC QUẢN LÝ THỊ TRƯỜNG',
    });
    expect(issuerOf(unit, { role: 'TEAM_LEAD', team: 'Đội Quản lý thị trường số 2', deputy: true, delegation })).toMatchObject({ title: 'PHÓ ĐỘI TRƯỞNG', onBehalfOf: 'KT. ĐỘI TRƯỞNG' });
    expect(issuerOf(unit, { role: 'DIRECTOR', deputy: true })).toMatchObject({ title: 'PHÓ CHI CỤC TRƯỞNG', onBehalfOf: '' });
  });
});
