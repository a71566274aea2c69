import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/questions";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Ltr } from "#app/components/ui/rich-text.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { RadioGroup } from "#app/components/ui/choice-fields.tsx";
import { answerFormSchema, explainQuerySchema } from "#app/features/training/schemas.ts";
import { answerQuestion, findModule } from "#app/features/training/training.server.ts";
import { questionsPage } from "#app/features/training/views.server.ts";
import { parseForm } from "#app/forms/parse-form.ts";
import { isolated } from "#app/i18n/bidi.tsx";
import type { RouteHandle } from "#app/route-handle.ts";

export const handle: RouteHandle = { languages: "ambassador" };

// One question per page, a plain form post per answer, then the explanation
// on its own page (post, redirect, get): it works without JavaScript and the
// back button never answers twice.

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "training:take");
  const { language, t } = context.get(i18nContext);
  const query = explainQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = await questionsPage(context.get(servicesContext), viewer, params.moduleId, language, query.uitleg);
  if (!page) throw data({ message: t("training:errors.not_found") }, { status: 404 });
  if (page.kind === "none") throw redirect(`/training/${page.moduleId}`);
  return page;
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "training:take");
  const services = context.get(servicesContext);
  const { t } = context.get(i18nContext);
  const module = findModule(services, params.moduleId);
  if (!module) throw data({ message: t("training:errors.not_found") }, { status: 404 });
  const parsed = parseForm(answerFormSchema, await request.formData(), t);
  if (!parsed.success) return data(answerError(parsed.fieldErrors, parsed.formErrors), { status: 400 });
  const result = await answerQuestion(services, viewer, module, parsed.data);
  if (!result.ok) {
    const field = result.error === "unknown_option" ? "optionId" : undefined;
    const message = t(`training:errors.${result.error}`);
    return data(field ? answerError({ [field]: [message] }, []) : answerError({}, [message]), { status: 400 });
  }
  return redirect(`/training/${module.id}/vragen?uitleg=${encodeURIComponent(parsed.data.questionId)}`);
}

function answerError(fieldErrors: Record<string, string[]>, formErrors: string[]): { fieldErrors: Record<string, string[]>; formErrors: string[] } {
  return { fieldErrors, formErrors };
}

export default function TrainingQuestions({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("training");
  const page = loaderData;
  const back = (
    <Paragraph>
      <Link className="utrecht-link" to={`/training/${page.moduleId}`}>
        {page.moduleTitle}
      </Link>
    </Paragraph>
  );
  if (page.kind === "question") {
    return (
      <div className="stack">
        <PageTitle>{`${t("question.progress", { number: page.number, total: page.total })} · ${page.moduleTitle}`}</PageTitle>
        {back}
        <ErrorSummary items={errorSummaryItems(actionData, { optionId: "question-options" })} answer={actionData} />
        <Paragraph className="onboarding-progress">
          {isolated(t, "question.progress", { number: <Ltr>{String(page.number)}</Ltr>, total: <Ltr>{String(page.total)}</Ltr> })}
        </Paragraph>
        <Heading level={1}>{page.question.text}</Heading>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="attemptId" value={page.attemptId} />
          <input type="hidden" name="questionId" value={page.question.id} />
          <RadioGroup
            id="question-options"
            name="optionId"
            legend={page.question.text}
            options={page.question.options.map((option) => ({ value: option.id, label: option.label }))}
            errors={actionData?.fieldErrors?.optionId}
          />
          <Button>{t("question.submit")}</Button>
        </Form>
      </div>
    );
  }
  if (page.kind === "explanation") {
    return (
      <div className="stack">
        <PageTitle>{`${t(page.correct ? "question.right" : "question.wrong")} · ${page.moduleTitle}`}</PageTitle>
        {back}
        <Paragraph className="onboarding-progress">
          {isolated(t, "question.progress", { number: <Ltr>{String(page.number)}</Ltr>, total: <Ltr>{String(page.total)}</Ltr> })}
        </Paragraph>
        <Heading level={1}>{page.question}</Heading>
        <Alert kind={page.correct ? "ok" : "warning"}>
          <span data-testid="answer-verdict">{t(page.correct ? "question.right" : "question.wrong")}</span>
        </Alert>
        <Paragraph>{isolated(t, "question.your_answer", { answer: page.yourAnswer })}</Paragraph>
        {page.correct ? null : <Paragraph>{isolated(t, "question.right_answer", { answer: page.rightAnswer })}</Paragraph>}
        <Heading level={2}>{t("question.explanation_heading")}</Heading>
        <Paragraph data-testid="explanation">{page.explanation}</Paragraph>
        <Paragraph>
          <Link className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" to={`/training/${page.moduleId}/vragen`}>
            {t(page.last ? "question.see_result" : "question.next")}
          </Link>
        </Paragraph>
      </div>
    );
  }
  return (
    <div className="stack">
      <PageTitle>{`${t("result.heading")} · ${page.moduleTitle}`}</PageTitle>
      {back}
      <Heading level={1}>{t("result.heading")}</Heading>
      <Alert kind={page.passed ? "ok" : "warning"}>
        <span data-testid="result">
          {page.passed
            ? isolated(t, "result.passed", { score: <Ltr>{String(page.score)}</Ltr>, total: <Ltr>{String(page.total)}</Ltr> })
            : isolated(t, "result.not_passed", {
                score: <Ltr>{String(page.score)}</Ltr>,
                total: <Ltr>{String(page.total)}</Ltr>,
                needed: <Ltr>{String(page.needed)}</Ltr>,
              })}
        </span>
      </Alert>
      {page.justCertified && page.certificate ? (
        <Alert kind="ok">
          <span data-testid="certified">{isolated(t, "result.certified", { date: <Ltr>{page.certificate.validUntilLabel}</Ltr> })}</span>{" "}
          <Link className="utrecht-link" to="/training/certificaat">
            {t("overview.certificate_link")}
          </Link>
        </Alert>
      ) : null}
      <Heading level={2}>{t("result.review_heading")}</Heading>
      <ol className="utrecht-ordered-list">
        {page.review.map((item) => (
          <li key={item.question} className="utrecht-ordered-list__item">
            {item.question} — <bdi>{item.answer}</bdi>{" "}
            <span className={`utrecht-status-badge utrecht-status-badge--${item.correct ? "success" : "warning"}`}>
              {t(item.correct ? "result.review_right" : "result.review_wrong")}
            </span>
          </li>
        ))}
      </ol>
      <div className="actions">
        <Form method="post" action={`/training/${page.moduleId}`}>
          <Button appearance={page.passed ? "secondary" : "primary"}>{t("module.retake")}</Button>
        </Form>
        <Link className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" to="/training">
          {t("module.back")}
        </Link>
      </div>
    </div>
  );
}
