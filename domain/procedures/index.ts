/**
 * The Vietnamese market-surveillance procedures INS ships with (published as version 1 on a new
 * installation; admins publish later versions).
 */
import type { TProcedureInput } from '../procedure.js';
import { inspectionProcedure } from './inspection.js';
import { penaltyNoRecordProcedure, penaltyProcedure } from './penalty.js';
import { criminalReferralProcedure, enforcementProcedure, paperFileProcedure, seizureProcedure, tipProcedure } from './tracks.js';

export const VN_PROCEDURES: readonly TProcedureInput[] = [
  inspectionProcedure(),
  penaltyProcedure(),
  penaltyNoRecordProcedure(),
  seizureProcedure(),
  enforcementProcedure(),
  criminalReferralProcedure(),
  tipProcedure(),
  paperFileProcedure(),
];
