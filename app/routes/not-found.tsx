import { data } from "react-router";
import type { RouteHandle } from "#app/route-handle.ts";

export const handle: RouteHandle = { languages: "resident" };

/** Any path no other route matches: the root error page shows "not found" in the visitor's language. */
export async function loader() {
  throw data(null, { status: 404 });
}

export async function action() {
  throw data(null, { status: 404 });
}

export default function NotFound() {
  return null;
}
