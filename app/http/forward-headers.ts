import type { HeadersFunction } from "react-router";

/**
 * React Router sends headers that a loader or action sets with data() on
 * document requests only when the route exports `headers`. Routes that set
 * Retry-After, Cache-Control and the like re-export this.
 */
export const forwardHeaders: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const headers = new Headers(loaderHeaders);
  actionHeaders.forEach((value, key) => headers.set(key, value));
  return headers;
};
