/** The session token the floor's HTTP service (bench/floor-api.ts) writes at start-up and the step benchmark's clients present (cookie `s`). */
export const FLOOR_SESSION = 'bench-floor-session-0001';
