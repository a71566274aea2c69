import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import type { Route } from "./+types/answer";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { requirePermission } from "#app/features/auth/authorization.server.ts";
import { answerQuestionnaire, hasAnswered, isOpen, questionnaireForm } from "#app/features/questionnaire/questionnaire.server.ts";
import { RadioGroup } from "#app/components/ui/choice-fields.tsx";
import type { RouteHandle } from "#app/route-handle.ts";

// The anonymous questionnaire: one plain form, all questions on one page, so
// it works without JavaScript. Taking part is a choice (the page is only
// linked); the answers are stored without a link to the person (decision 0903).

export const handle: RouteHandle = { languages: "ambassador" };

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "questionnaire:answer");
  const services = context.get(servicesContext);
  const { language } = context.get(i18nContext);
  return {
    form: questionnaireForm(services, language),
    open: isOpen(services),
    answered: await hasAnswered(services, viewer.id),
  };
}

type ActionAnswer = { done: true } | { done: false; formErrors: string[]; fieldErrors: Record<string, string[]>; values: Record<string, string> };

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "questionnaire:answer");
  const services = context.get(servicesContext);
  const { t } = context.get(i18nContext);
  const form = await request.formData();
  const answers: Record<string, string> = {};
  for (const question of services.questionnaire.questions) {
    const value = form.get(`q-${question.id}`);
    if (typeof value === "string" && value.length > 0 && value.length <= 60) answers[question.id] = value;
    else if (typeof value === "string" && value.length > 60) answers[question.id] = "-";
  }
  const outcome = await answerQuestionnaire(services, viewer.id, answers);
  if (outcome.ok) return { done: true } satisfies ActionAnswer;
  if (outcome.error !== "invalid") {
    return data({ done: false, formErrors: [t(`programme:questionnaire.errors.${outcome.error}`)], fieldErrors: {}, values: answers } satisfies ActionAnswer, { status: 409 });
  }
  const fieldErrors = Object.fromEntries(Object.entries(outcome.fieldErrors).map(([id, error]) => [`q-${id}`, [t(`programme:questionnaire.errors.${error}`)]]));
  return data({ done: false, formErrors: [], fieldErrors, values: answers } satisfies ActionAnswer, { status: 400 });
}

export default function QuestionnaireAnswer({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation("programme");
  const { form } = loaderData;
  const failed = actionData && !actionData.done ? (actionData as Extract<ActionAnswer, { done: false }>) : null;
  const header = (
    <>
      <PageTitle>{form.title}</PageTitle>
      <Heading level={1}>{form.title}</Heading>
    </>
  );
  if (actionData?.done || (loaderData.answered && !failed)) {
    return (
      <div className="stack">
        {header}
        <Alert kind="ok">
          <span data-testid="questionnaire-done">{t(actionData?.done ? "questionnaire.thanks" : "questionnaire.already")}</span>
        </Alert>
      </div>
    );
  }
  if (!loaderData.open) {
    return (
      <div className="stack">
        {header}
        <Paragraph data-testid="questionnaire-closed">{t("questionnaire.closed")}</Paragraph>
      </div>
    );
  }
  const fields = Object.fromEntries(form.questions.map((question) => [`q-${question.id}`, `q-${question.id}`]));
  return (
    <div className="stack">
      {header}
      <ErrorSummary items={errorSummaryItems(failed, fields)} answer={actionData} />
      <Paragraph lead>{form.intro}</Paragraph>
      <Paragraph>{t("questionnaire.optional")}</Paragraph>
      <Form method="post" className="stack" noValidate>
        {form.questions.map((question) => (
          <RadioGroup
            key={question.id}
            id={`q-${question.id}`}
            name={`q-${question.id}`}
            legend={question.text}
            options={question.options.map((option) => ({ value: option.id, label: option.label }))}
            defaultValue={failed?.values[question.id]}
            errors={failed?.fieldErrors[`q-${question.id}`]}
          />
        ))}
        <Button>{t("questionnaire.submit")}</Button>
      </Form>
    </div>
  );
}
