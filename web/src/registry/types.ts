/** What the registry pages read from the API (`/api/openapi.json`: Business, BusinessCase, TradePlace, BusinessImportReport). */
export interface TBusiness {
  id: string;
  unitId: string;
  taxCode: string;
  name: string;
  type: 'ENTERPRISE' | 'HOUSEHOLD' | 'COOPERATIVE' | 'BRANCH';
  sector: string | null;
  productGroups: string[];
  address: { province: string; commune: string; line: string | null };
  phone: string | null;
  legalRepresentative: string | null;
  status: 'ACTIVE' | 'SUSPENDED' | 'CLOSED';
  managingTeamId: string | null;
  marketId: string | null;
  hotspotIds: string[];
  conflictOfInterestUserIds: string[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export interface TBusinessCase {
  caseId: string;
  kind: string;
  procedure: { id: string; version: number };
  status: string;
  overdue: boolean;
  teamId: string;
  title: string;
  parentCaseId: string | null;
  openedAt: string;
  closedAt: string | null;
  outcome: string | null;
  fines: { decided?: number; paid?: number };
}

export interface TBusinessPage {
  business: TBusiness;
  market: { id: string; name: string } | null;
  hotspots: { id: string; name: string }[];
  history: TBusinessCase[];
}

export interface TPlace {
  id: string;
  name: string;
  kind: string;
  address: { province: string; commune: string | null; line: string | null };
  notes: string | null;
  createdAt: string;
}

export interface TImportReport {
  dryRun: boolean;
  created: number;
  updated: number;
  failed: number;
  rows: { line: number; status: 'CREATED' | 'UPDATED' | 'FAILED'; taxCode?: string; businessId?: string; errors: { column: string; message: string }[] }[];
}

