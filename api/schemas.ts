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

const error = (description: string) => ({ description, content: { 'application/json': { schema: ZErrorBody } } });

/** The error responses of authenticated routes, for OpenAPI declarations. */
export const ERROR_RESPONSES = {
  400: error('Bad input or form'),
  401: error('Not signed in'),
  403: error('Role not allowed'),
  404: error('Not found (or not yours to see)'),
  409: error('Out of order or conflict'),
  422: error('A rule of the law or the procedure forbids it'),
};
