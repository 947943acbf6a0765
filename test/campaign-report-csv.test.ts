import { describe, expect, it } from 'vitest';
import type { TCampaignReport } from '../db/repositories/campaign-report.js';
import { reportCsv } from '../api/services/campaigns.js';

const line = (over: Record<string, unknown> = {}) => ({
  rank: 1,
  taxCode: '0101234567',
  businessName: 'Cửa hàng Hòa Bình',
  teamId: 'nb-d1',
  assigneeId: null,
  caseId: 'inspection/nb/c/20260701/0101234567',
  status: 'CLOSED',
  overdue: false,
  violation: true,
  fineDecided: 0,
  finePaid: 1_500_000,
  ...over,
});
const report = (lines: unknown[], movedBecause: string | null = null) =>
  ({ runs: [{ period: '20260701', status: 'COMPLETED', dueDate: '2026-07-01', runDate: '2026-07-02', movedBecause, lines }] }) as unknown as TCampaignReport;
const HEADER = 'period,run_status,due_date,run_date,moved_because,rank,tax_code,business,team,inspector,case_id,case_status,overdue,violation,fine_decided,fine_paid';

describe('the campaign report as CSV', () => {
  it('starts with a BOM and the header, ends every line with CRLF, writes null as nothing and booleans as words', () => {
    expect(reportCsv(report([line()]))).toBe(
      `\uFEFF${HEADER}\r\n20260701,COMPLETED,2026-07-01,2026-07-02,,1,0101234567,Cửa hàng Hòa Bình,nb-d1,,inspection/nb/c/20260701/0101234567,CLOSED,false,true,0,1500000\r\n`,
    );
    expect(reportCsv({ runs: [] } as unknown as TCampaignReport)).toBe(`\uFEFF${HEADER}\r\n`);
  });

  it('quotes a cell holding a comma, a quote or a line break, and doubles its quotes', () => {
    const csv = reportCsv(report([line({ businessName: 'Cửa hàng "Hòa", Bình' })], 'Nghỉ lễ\nQuốc khánh'));
    expect(csv.split('\r\n')[1]).toBe(
      '20260701,COMPLETED,2026-07-01,2026-07-02,"Nghỉ lễ\nQuốc khánh",1,0101234567,"Cửa hàng ""Hòa"", Bình",nb-d1,,inspection/nb/c/20260701/0101234567,CLOSED,false,true,0,1500000',
    );
  });

  it('keeps spreadsheets from running a cell as a formula', () => {
    const csv = reportCsv(report([line({ businessName: '=HYPERLINK("x")', teamId: '+1', assigneeId: '@a', caseId: '-2' })]));
    expect(csv.split('\r\n')[1]).toBe(`20260701,COMPLETED,2026-07-01,2026-07-02,,1,0101234567,"'=HYPERLINK(""x"")",'+1,'@a,'-2,CLOSED,false,true,0,1500000`);
  });
});
