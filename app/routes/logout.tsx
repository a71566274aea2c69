import { useTranslation } from "react-i18next";
import { Form, redirect } from "react-router";
import type { Route } from "./+types/logout";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { pendingSecondFactorContext, servicesContext, viewerContext } from "#app/context.server.ts";
import { recordAudit } from "#app/features/audit/audit.server.ts";
import { clearedSessionCookie, deleteSession } from "#app/features/auth/session.server.ts";
import type { RouteHandle } from "#app/route-handle.ts";

export const handle: RouteHandle = { languages: "ambassador" };

export async function loader({ context }: Route.LoaderArgs) {
  if (!context.get(viewerContext) && !context.get(pendingSecondFactorContext)) throw redirect("/");
  return null;
}

export async function action({ context }: Route.ActionArgs) {
  const services = context.get(servicesContext);
  // Also before the second factor: someone who cannot pass it must be able to leave.
  const viewer = context.get(viewerContext) ?? context.get(pendingSecondFactorContext);
  if (viewer) {
    await deleteSession(services, viewer.sessionId);
    await recordAudit(services, { actor: viewer, action: "auth.logout", target: { type: "user", id: viewer.id } });
  }
  return redirect("/inloggen?melding=uitgelogd", { headers: { "Set-Cookie": clearedSessionCookie() } });
}

export default function Logout() {
  const { t } = useTranslation("auth");
  return (
    <div className="stack">
      <PageTitle>{t("logout.title")}</PageTitle>
      <Heading level={1}>{t("logout.title")}</Heading>
      <Paragraph>{t("logout.question")}</Paragraph>
      <Form method="post" reloadDocument>
        <Button>{t("logout.submit")}</Button>
      </Form>
    </div>
  );
}
