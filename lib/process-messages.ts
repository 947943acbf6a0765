/**
 * What `npm start` (scripts/start.ts) and the worker and API processes it supervises tell each other
 * over their IPC channel. Only under `npm start`: in production each process runs on its own and
 * `process.send` is undefined.
 */
import { z } from 'zod';

/** A child to its supervisor: it is up (the API listens, the worker polls). */
const ZReady = z.object({ ins: z.literal('ready') });

/** The supervisor to the API: whether the worker process is running, for /readyz. */
const ZSiblingState = z.object({ ins: z.literal('sibling'), name: z.literal('worker'), up: z.boolean(), detail: z.string() });

const ZProcessMessage = z.discriminatedUnion('ins', [ZReady, ZSiblingState]);
export type TProcessMessage = z.infer<typeof ZProcessMessage>;

/** The message, or undefined for anything else on the channel. */
export function parseProcessMessage(message: unknown): TProcessMessage | undefined {
  const r = ZProcessMessage.safeParse(message);
  return r.success ? r.data : undefined;
}

/** Tells the supervisor (if any) that this process is up. */
export function reportReady(): void {
  if (process.send && process.connected) process.send({ ins: 'ready' } satisfies TProcessMessage, undefined, undefined, () => undefined);
}
