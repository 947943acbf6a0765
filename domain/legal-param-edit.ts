/**
 * A legal parameter's value as a national administrator enters it (docs/adr/0218): checked against
 * the unit the code reads each shipped parameter in. Kept apart from ./legal-params.ts, which the
 * case workflow bundles: the schemas stay out of the workflow's sandbox.
 */
import { LEGAL_PARAMS_SEED } from './legal-params.js';
import { legalParamEdit } from './legal-schema.js';

export const ZLegalParamEdit = legalParamEdit(new Map(LEGAL_PARAMS_SEED.map((p) => [p.key, p.unit])));
