// Cross-site request forgery: a browser always says where an unsafe request came from (Origin, or
// the fetch metadata, or at least the Referer). A request that comes from another site is refused
// before it can act with the cookies the browser attached. Clients that are not browsers send none
// of these headers and carry no ambient cookies to abuse, so they pass.
import type { FastifyRequest } from 'fastify';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isUnsafeMethod(method: string): boolean {
  return unsafeMethods.has(method.toUpperCase());
}

/** True when the request demonstrably comes from a page that is not this site's. */
export function isCrossSite(request: FastifyRequest, publicUrl: string): boolean {
  const ours = new URL(publicUrl).origin;
  const origin = request.headers.origin;
  const fetchSite = request.headers['sec-fetch-site'];
  // "Origin: null" comes from privacy-sensitive contexts (a strict referrer policy, a sandboxed
  // frame, a redirect): only the fetch metadata can say whether it was really this site.
  if (origin === 'null') return fetchSite !== 'same-origin';
  if (origin !== undefined) return origin !== ours;
  if (fetchSite !== undefined) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  const referer = request.headers.referer;
  if (referer === undefined) return false;
  try {
    return new URL(referer).origin !== ours;
  } catch {
    return true;
  }
}
