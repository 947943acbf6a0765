/** Every workflow the INS worker runs. The worker bundles this file. */
export { canaryWorkflow } from './canary.js';
export { caseWorkflow } from './case.js';
export { campaignRunWorkflow } from './campaign.js';
export { campaignCaseReconcileWorkflow, notificationMailWorkflow, partyMessagesWorkflow, paymentReconciliationWorkflow } from './maintenance.js';
