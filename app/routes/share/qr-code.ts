import type { Route } from "./+types/qr-code";
import { qrCodeSvg } from "#app/features/sharing/share.server.ts";
import { loadShareTarget } from "#app/features/sharing/share-target.server.ts";

/** The share link as a QR code, an SVG image made on our own server. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const target = await loadShareTarget(request, params, context);
  return new Response(await qrCodeSvg(target.url), {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Content-Disposition": `inline; filename="wijkwijs-${target.item.id}.svg"`,
      // The code carries the viewer's organisation: not for shared caches.
      "Cache-Control": "private, no-cache",
    },
  });
}
