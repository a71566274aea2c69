import { data, type MiddlewareFunction } from "react-router";
import { i18nContext } from "#app/context.server.ts";

// Every action reads its body with request.formData() (or, for the signal
// outbox and passkeys, request.json()). A body that is not a form — JSON to
// a form action, text/plain, a broken multipart or percent-encoding — would
// make formData() throw and the page a 500. This middleware makes that a 400
// with a message in the person's language, for every route at once: it
// replaces formData() on this one request with a version that says what is
// wrong. Found by the HTTP fuzz test.

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

export const bodyGuardMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  if (request.method === "GET" || request.method === "HEAD") return next();
  const { t } = context.get(i18nContext);
  const contentType = request.headers.get("content-type") ?? "";
  const original = request.formData.bind(request);
  const refuse = (status: 400 | 415) => {
    throw data({ message: t(status === 415 ? "errors.not_a_form_body" : "errors.bad_request_body") }, { status });
  };
  let parsed: Promise<FormData> | undefined;
  Object.defineProperty(request, "formData", {
    configurable: true,
    value: () => {
      // A body without a type is read as an empty form only when it is empty.
      if (contentType && !FORM_TYPES.test(contentType)) refuse(415);
      parsed ??= original();
      return parsed.catch(() => refuse(400));
    },
  });
  return next();
};
