/**
 * The read contract of the business registry: what the API answers about a business, a market or
 * hotspot, and a CSV import (camelCase; the repository, db/repositories/businesses.ts, maps its rows
 * to these shapes once). The web app's types are generated from the OpenAPI document these make
 * (docs/adr/0065).
 */
import { z } from '@hono/zod-openapi';
import { BUSINESS_STATUSES, BUSINESS_TYPES } from '../../domain/business.js';
import { ZIssueParams, ZIssueRule } from '../schemas.js';

const ZAddress = z.object({ province: z.string(), commune: z.string(), line: z.string().nullable() });
export const ZBusiness = z
  .object({
    id: z.string(),
    unitId: z.string(),
    taxCode: z.string().openapi({ example: '0100233488' }),
    name: z.string(),
    type: z.enum(BUSINESS_TYPES),
    sector: z.string().nullable(),
    productGroups: z.array(z.string()),
    address: ZAddress,
    phone: z.string().nullable(),
    legalRepresentative: z.string().nullable(),
    status: z.enum(BUSINESS_STATUSES),
    managingTeamId: z.string().nullable(),
    marketId: z.string().nullable(),
    hotspotIds: z.array(z.string()),
    conflictOfInterestUserIds: z.array(z.string()).openapi({ description: 'Users who must not be assigned to inspect it' }),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .openapi('Business');

export const ZPlace = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    address: z.object({ province: z.string(), commune: z.string().nullable(), line: z.string().nullable() }),
    notes: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('TradePlace');

export const ZImportReport = z
  .object({
    dryRun: z.boolean(),
    created: z.number().int(),
    updated: z.number().int(),
    failed: z.number().int(),
    rows: z.array(
      z.object({
        line: z.number().int().openapi({ description: 'Line of the file where the row starts (the header is line 1)' }),
        status: z.enum(['CREATED', 'UPDATED', 'FAILED']),
        taxCode: z.string().optional(),
        businessId: z.string().optional(),
        errors: z.array(
          z.object({
            column: z.string(),
            message: z.string(),
            rule: ZIssueRule,
            params: ZIssueParams.optional(),
            value: z.string().optional().openapi({ description: 'The cell as written (trimmed, at most 100 characters), when the problem is a cell’s' }),
          }),
        ),
      }),
    ),
  })
  .openapi('BusinessImportReport');
