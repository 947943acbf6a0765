import { z } from '@hono/zod-openapi';

/** The one error envelope (see api/errors.ts). */
export const ZErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'STEP_OUT_OF_ORDER' }),
      message: z.string(),
      legalBasis: z.string().optional(),
      details: z.unknown().optional(),
      requestId: z.string(),
    }),
  })
  .openapi('Error');
