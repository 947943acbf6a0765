/**
 * The Vietnamese market-surveillance procedures INS ships with. Each shipped (id, version) is
 * published on an installation that does not have it yet; running cases keep the version they
 * started on, new cases open on the latest. Version 1 of the procedures changed in version 2 is
 * frozen in ./v1/ (cases and committed histories pin it).
 */
import type { TProcedureInput } from '../procedure.js';
import { inspectionProcedure } from './inspection.js';
import { penaltyNoRecordProcedure, penaltyProcedure } from './penalty.js';
import { criminalReferralProcedure, enforcementProcedure, paperFileProcedure, seizureProcedure, tipProcedure } from './tracks.js';
import { inspectionProcedureV1 } from './v1/inspection.js';
import { penaltyNoRecordProcedureV1, penaltyProcedureV1 } from './v1/penalty.js';
import { criminalReferralProcedureV1, enforcementProcedureV1, seizureProcedureV1 } from './v1/tracks.js';

export const VN_PROCEDURES: readonly TProcedureInput[] = [
  inspectionProcedureV1(),
  penaltyProcedureV1(),
  penaltyNoRecordProcedureV1(),
  seizureProcedureV1(),
  enforcementProcedureV1(),
  criminalReferralProcedureV1(),
  tipProcedure(),
  paperFileProcedure(),
  // Version 2: the law in substance (issue 12).
  inspectionProcedure(),
  penaltyProcedure(),
  penaltyNoRecordProcedure(),
  seizureProcedure(),
  enforcementProcedure(),
  criminalReferralProcedure(),
];
