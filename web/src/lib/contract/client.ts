/**
 * The typed client of the API: openapi-fetch over the generated `paths` (schema.gen.ts), and
 * openapi-react-query's hooks over it, sharing one TanStack Query cache (`queryClient`). The
 * middleware does what every request needs: the session's CSRF token on state-changing requests,
 * an Idempotency-Key on every POST, and a refusal turned into an `ApiError` (the one error the
 * pages handle) — so a hook's `error` is an `ApiError`, never a raw body. See docs/adr/0065.
 */
import { QueryClient } from '@tanstack/react-query';
import createFetchClient, { type Middleware } from 'openapi-fetch';
import createQueryHooks from 'openapi-react-query';
import { ApiError, requestHeaders, signedOut, toError } from '../api.js';
import type { paths } from './schema.gen.js';

const middleware: Middleware = {
  onRequest({ request }) {
    for (const [name, value] of Object.entries(requestHeaders(request.method, request.headers.has('content-type')))) {
      if (!request.headers.has(name)) request.headers.set(name, value);
    }
    return request;
  },
  async onResponse({ request, response }) {
    if (response.ok) return response;
    const error = await toError(response);
    signedOut(response.status, new URL(request.url).pathname);
    throw error;
  },
  onError({ error }) {
    if ((error as Error).name === 'AbortError' || error instanceof ApiError) return error as Error;
    return new ApiError(0, 'NETWORK', (error as Error).message);
  },
};

const fetchClient = createFetchClient<paths>({ credentials: 'same-origin' });
fetchClient.use(middleware);

/** `$api.useQuery('get', '/api/v1/cases/{caseId}', { params: { path: { caseId } } })`: typed from the OpenAPI document. */
export const $api = createQueryHooks(fetchClient);

/**
 * The one cache of server data. Reads are fetched again when a page mounts them (as before) and
 * when a live event says they changed (lib/live-events.ts); no retries: a refusal is shown.
 */
export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 0 } },
});
