/** Who may change the registry (api/routes/businesses.ts REGISTRY_WRITERS): what the pages offer. */
export const REGISTRY_WRITERS = ['ADMIN', 'DIRECTOR', 'TEAM_LEAD'];
