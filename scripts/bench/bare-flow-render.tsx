import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import {
  createStaticHandler,
  createStaticRouter,
  Outlet,
  StaticRouterProvider,
  useLoaderData,
  type RouteObject,
} from "react-router";
import { AppShell } from "#app/components/app-shell/app-shell.tsx";
import { flowPage } from "#app/features/flows/flows.ts";
import type { HelpContent } from "#app/features/content/content.server.ts";
import { createI18n } from "#app/i18n/i18n.ts";
import { residentLanguages } from "#app/i18n/languages.ts";
import { namespaces, resourcesFor } from "#app/i18n/resources.ts";
import FlowStep from "#app/routes/help/flow.tsx";

// The benchmark's baseline for a resident flow page (npm run bench): the same
// component tree as the app renders for /hulp/<flow>/<step> — our shell and the
// flow route's component, fed by the same content function — rendered with
// renderToString by React Router's data-mode static handler, without the
// framework's request handler, middleware, sessions or security headers.
// Built by Vite into build/bench/ and served by bare-flow-server.ts.

type LoaderData = Parameters<typeof FlowStep>[0]["loaderData"];

export function createFlowRenderer(content: HelpContent, municipalityName: string, stylesheets: string[]) {
  const i18n = createI18n("nl", resourcesFor("nl"), namespaces);
  const routes: RouteObject[] = [
    {
      id: "root",
      loader: () => ({ language: "nl", languageFromUrl: false }),
      Component: () => (
        <AppShell municipalityName={municipalityName} viewer={null} navigation={[]} language="nl" languagesOffered={residentLanguages}>
          <Outlet />
        </AppShell>
      ),
      children: [
        {
          path: "hulp/:flowId/:stepId?",
          loader: ({ params }) => {
            const page = flowPage(content, params.flowId!, params.stepId, "nl");
            if (!page) throw new Response(null, { status: 404 });
            return { page, print: false, address: "", language: "nl" } satisfies LoaderData;
          },
          Component: () => <FlowStep {...({ loaderData: useLoaderData() as LoaderData } as Parameters<typeof FlowStep>[0])} />,
        },
      ],
    },
  ];
  const handler = createStaticHandler(routes);

  return async function render(url: string): Promise<{ status: number; html: string }> {
    const context = await handler.query(new Request(url));
    if (context instanceof Response) return { status: context.status, html: "" };
    const router = createStaticRouter(handler.dataRoutes, context);
    const html = renderToString(
      <I18nextProvider i18n={i18n}>
        <html lang="nl" dir="ltr">
          <head>
            <meta charSet="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            {stylesheets.map((href) => (
              <link key={href} rel="stylesheet" href={href} />
            ))}
          </head>
          <body className="utrecht-document utrecht-document--surface">
            <StaticRouterProvider router={router} context={context} hydrate={false} />
          </body>
        </html>
      </I18nextProvider>,
    );
    return { status: context.statusCode, html: `<!DOCTYPE html>${html}` };
  };
}
