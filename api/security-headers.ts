/**
 * Security headers on every response, of the API and of the web app alike (Hono's `secureHeaders`):
 *
 * - a strict Content-Security-Policy, nonce-based: a fresh nonce per response; scripts run only
 *   with it (`'strict-dynamic'` then trusts what those scripts load: the lazily loaded chunks of the
 *   web app), never inline without it, never `eval`. The web app's page is served with the nonce
 *   written into its tags (`html.cspNonce` in web/vite.config.ts marks them); so is the API
 *   reference page. Styles: the app's own style sheets (`'self'`) and tags with the nonce, no
 *   `'unsafe-inline'` either — React's `style` props are set through the CSSOM
 *   (`element.style.x = …`), which CSP does not govern, so they need no exception, and no inline
 *   `style="…"` attribute or `<style>` tag without the nonce is needed anywhere;
 * - `frame-ancestors 'none'` (and `X-Frame-Options: DENY` for old browsers): no page is framed;
 * - HSTS only when the request came over TLS, directly or through a trusted proxy
 *   (`TRUSTED_PROXIES`, api/client-address.ts): sent over plain HTTP it means nothing, and on a local HTTP
 *   installation it would pin browsers to an HTTPS that does not exist.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import type { TAppEnv } from './auth.js';
import { isFromTrustedProxy } from './client-address.js';

/** One year, subdomains included (the department's hosts are all HTTPS in production). */
const HSTS = 'max-age=31536000; includeSubDomains';

/** The placeholder Vite writes as the nonce of the web app's tags (web/vite.config.ts); replaced per response. */
export const CSP_NONCE_PLACEHOLDER = 'INS_CSP_NONCE';

/** The nonce of this response's policy (set by the middleware below), for pages that carry tags. */
export function cspNonce(c: Context<TAppEnv>): string {
  const nonce = c.get('secureHeadersNonce');
  if (!nonce) throw new Error('no CSP nonce: the security-header middleware must run first (api/app.ts)');
  return nonce;
}

/**
 * Whether the request reached us over TLS: on a TLS socket of our own (the request URL is https),
 * or through a trusted proxy whose `X-Forwarded-Proto` says https. The proxy's own value is the
 * last one of the header (a proxy that appends puts it there; nginx, as shipped, sets it alone).
 */
function cameOverTls(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  if (!isFromTrustedProxy(c)) return false;
  return c.req.header('x-forwarded-proto')?.split(',').at(-1)?.trim().toLowerCase() === 'https';
}

/** The headers; `clientAddressMiddleware` (api/client-address.ts) must run first, for HSTS behind a proxy. */
export function securityHeaders(): MiddlewareHandler<TAppEnv>[] {
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", NONCE, "'strict-dynamic'"],
      styleSrc: ["'self'", NONCE],
      // Photos chosen or taken on the device are shown before upload (blob:); the app's icon is a data: URL.
      imgSrc: ["'self'", 'data:', 'blob:'],
      mediaSrc: ["'self'", 'blob:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    strictTransportSecurity: false,
  });
  const hsts: MiddlewareHandler<TAppEnv> = async (c, next) => {
    await next();
    if (cameOverTls(c)) c.header('Strict-Transport-Security', HSTS);
  };
  return [headers, hsts];
}
