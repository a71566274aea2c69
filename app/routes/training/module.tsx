import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/module";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Ltr } from "#app/components/ui/rich-text.tsx";
import { i18nContext, servicesContext, viewerContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { can } from "#app/features/auth/authorization.ts";
import { OfflineQuiz } from "#app/features/training/offline-quiz.tsx";
import { offlineAttemptFromForm, offlineAttemptSchema } from "#app/features/training/schemas.ts";
import { findModule, recordOfflineAttempt, startAttempt } from "#app/features/training/training.server.ts";
import { moduleLesson } from "#app/features/training/views.server.ts";
import { isolated } from "#app/i18n/bidi.tsx";
import type { RouteHandle } from "#app/route-handle.ts";

export const handle: RouteHandle = { languages: "ambassador" };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "training:take");
  const { language, t } = context.get(i18nContext);
  const lesson = await moduleLesson(context.get(servicesContext), viewer, params.moduleId, language);
  if (!lesson) throw data({ message: t("training:errors.not_found") }, { status: 404 });
  return lesson;
}

/**
 * The training outbox (decision 0904) posts a whole attempt answered on the device (`intent=offline`)
 * with Accept: application/json, and gets JSON back: answered here, before the page would render.
 */
export const middleware: Route.MiddlewareFunction[] = [
  async ({ request, context, params }, next) => {
    if (request.method !== "POST" || !/\bapplication\/json\b/.test(request.headers.get("accept") ?? "")) return next();
    const json = (body: unknown, status: number) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
    const { t } = context.get(i18nContext);
    const viewer = context.get(viewerContext);
    if (!viewer) return json({ ok: false, message: t("signals:errors.unauthenticated") }, 401);
    if (!can(viewer, "training:take")) return json({ ok: false, message: t("errors.forbidden_body") }, 403);
    const services = context.get(servicesContext);
    const module = findModule(services, params.moduleId ?? "");
    if (!module) return json({ ok: false, message: t("training:errors.not_found") }, 404);
    const form = await request.formData();
    if (form.get("intent") !== "offline") return json({ ok: false, message: t("errors.bad_request_body") }, 400);
    const parsed = offlineAttemptSchema.safeParse(offlineAttemptFromForm(form));
    if (!parsed.success) return json({ ok: false, message: t("training:errors.incomplete") }, 400);
    const result = await recordOfflineAttempt(services, viewer, module, parsed.data);
    if (!result.ok) return json({ ok: false, message: t(`training:errors.${result.error}`) }, 400);
    return json({ ok: true, passed: result.passed, correct: result.correctCount, total: module.questions.length, certified: result.certified }, result.repeated ? 200 : 201);
  },
];

/** Starts (or continues) the module's questions; a plain form post, so it works without JavaScript. */
export async function action({ request, context, params }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "training:take");
  const services = context.get(servicesContext);
  const module = findModule(services, params.moduleId);
  if (!module) throw data({ message: context.get(i18nContext).t("training:errors.not_found") }, { status: 404 });
  await startAttempt(services, viewer, module);
  return redirect(`/training/${module.id}/vragen`);
}

export default function TrainingModule({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("training");
  const lesson = loaderData;
  return (
    <div className="stack">
      <PageTitle>{`${lesson.title} · ${t("overview.title")}`}</PageTitle>
      <Paragraph>
        <Link className="utrecht-link" to="/training">
          {t("module.back")}
        </Link>
      </Paragraph>
      <Heading level={1}>{lesson.title}</Heading>
      <Paragraph lead>{lesson.summary}</Paragraph>
      <section className="stack" aria-labelledby="lesson-heading">
        <Heading level={2} id="lesson-heading">
          {t("module.lesson_heading")}
        </Heading>
        {lesson.lesson.map((paragraph) => (
          <Paragraph key={paragraph}>{paragraph}</Paragraph>
        ))}
      </section>
      {lesson.organisations.length ? (
        <section className="stack" aria-labelledby="organisations-heading">
          <Heading level={2} id="organisations-heading">
            {t("module.organisations_heading")}
          </Heading>
          <ul className="utrecht-unordered-list">
            {lesson.organisations.map((organisation) => (
              <li key={organisation.id} className="utrecht-unordered-list__item">
                <strong>{organisation.name}</strong>: {organisation.helpsWith}
                {organisation.phones.map((phone) => (
                  <span key={phone.tel}>
                    {" "}
                    <a className="utrecht-link tel-inline" href={`tel:${phone.tel}`}>
                      <Ltr className="ltr-number">{phone.display}</Ltr>
                    </a>
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {lesson.flows.length ? (
        <section className="stack" aria-labelledby="flows-heading">
          <Heading level={2} id="flows-heading">
            {t("module.flows_heading")}
          </Heading>
          <ul className="utrecht-unordered-list">
            {lesson.flows.map((flow) => (
              <li key={flow.id} className="utrecht-unordered-list__item">
                <Link className="utrecht-link" to={`/hulp/${flow.id}`}>
                  {flow.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Paragraph>{isolated(t, "module.pass_rule", { score: <Ltr>{String(lesson.passScore)}</Ltr>, total: <Ltr>{String(lesson.total)}</Ltr> })}</Paragraph>
      <Form method="post">
        <Button>{t(lesson.attemptOpen ? "module.continue" : "module.start")}</Button>
      </Form>
      <OfflineQuiz moduleId={lesson.id} passScore={lesson.passScore} questions={lesson.offlineQuestions} />
    </div>
  );
}
