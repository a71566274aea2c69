import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/account";
import { PageTitle } from "#app/components/app-shell/page-title.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { ErrorSummary, errorSummaryItems } from "#app/components/ui/error-summary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { SelectField, TextField } from "#app/components/ui/form-field.tsx";
import { Heading, Paragraph } from "#app/components/ui/heading.tsx";
import { Cell, Row, Table } from "#app/components/ui/table.tsx";
import { i18nContext, servicesContext } from "#app/context.server.ts";
import { listAreas } from "#app/features/areas/areas.server.ts";
import { changeOwnPassword, endOwnSession, listOwnSessions, updateOwnProfile } from "#app/features/auth/account.server.ts";
import { forbidden, requirePermission } from "#app/features/auth/authorization.server.ts";
import { can } from "#app/features/auth/authorization.ts";
import { PASSWORD_MIN_LENGTH } from "#app/features/auth/password-policy.ts";
import { clearedSessionCookie } from "#app/features/auth/session.server.ts";
import { formatClockTime, formatDateTime } from "#app/calendar/format.ts";
import { safeReturnPath } from "#app/features/auth/safe-path.ts";
import { logOutEverywhere, setUserLanguage } from "#app/features/auth/users.server.ts";
import { CheckboxGroup } from "#app/components/ui/choice-fields.tsx";
import { getNotificationWijken, setNotificationWijken } from "#app/features/profile/notification-preferences.server.ts";
import { accountQuerySchema, endSessionSchema, languageChoiceSchema, notificationSchema, passwordChangeSchema, profileSchema } from "#app/features/profile/schemas.ts";
import { parseForm } from "#app/forms/parse-form.ts";
import { digestSetting, setDigest } from "#app/features/signals/digest.server.ts";
import { notificationSettings, setNotificationSettings } from "#app/features/signals/notifications.server.ts";
import { PushSettings } from "#app/features/warnings/push-settings.tsx";
import { countSubscriptions, vapidKeys } from "#app/features/warnings/push.server.ts";
import { languageNames, languages, savableLanguages } from "#app/i18n/languages.ts";
import { withLanguage } from "#app/i18n/localized-path.ts";
import type { RouteHandle } from "#app/route-handle.ts";

export const handle: RouteHandle = { languages: "ambassador" };

/** The path without ?lang=, so that the saved preference applies to it. */
function withoutLanguage(path: string): string {
  const url = new URL(path, "http://wijkwijs.invalid");
  url.searchParams.delete("lang");
  return `${url.pathname}${url.search}${url.hash}`;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewer = requirePermission(request, context, "account:manage");
  const services = context.get(servicesContext);
  const chooseWijken = can(viewer, "notifications:choose");
  const [sessions, areas, wijken, digest, signalNotifications] = await Promise.all([
    listOwnSessions(services, viewer),
    chooseWijken ? listAreas(services, viewer.municipalityId) : Promise.resolve([]),
    chooseWijken ? getNotificationWijken(services, viewer) : Promise.resolve(null),
    // Staff on a side of the signal workflow: the daily digest of overdue and new signals.
    digestSetting(services, viewer),
    notificationSettings(services, viewer),
  ]);
  const push = can(viewer, "push:subscribe")
    ? { publicKey: (await vapidKeys(services)).publicKey, devices: await countSubscriptions(services, viewer.id) }
    : null;
  return {
    push,
    notice: accountQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams)).melding ?? null,
    displayName: viewer.displayName,
    email: viewer.email,
    role: viewer.role,
    organisationName: viewer.organisationName,
    language: viewer.language ?? "",
    savableLanguages: savableLanguages(viewer.role),
    sessions,
    digest,
    signalNotifications,
    wijken: wijken ? { ...wijken, areas } : null,
    canDelete: can(viewer, "account:delete"),
    hasOnboarding: can(viewer, "onboarding:view"),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const viewer = requirePermission(request, context, "account:manage");
  const services = context.get(servicesContext);
  const { t, language } = context.get(i18nContext);
  const form = await request.formData();
  const intent = form.get("intent");

  switch (intent) {
    case "logout-everywhere": {
      await logOutEverywhere(services, viewer);
      return redirect("/inloggen?melding=overal-uitgelogd", { headers: { "Set-Cookie": clearedSessionCookie() } });
    }
    case "language": {
      // The language switch in the header: an explicit choice, saved like the one in the form below.
      const parsed = languageChoiceSchema.safeParse({ language: form.get("language"), terug: form.get("terug") });
      if (!parsed.success) throw data({ message: t("errors.bad_request_body") }, { status: 400 });
      const back = safeReturnPath(parsed.data.terug, "/account");
      const { language: chosen } = parsed.data;
      if (!savableLanguages(viewer.role).includes(chosen)) return redirect(withLanguage(withoutLanguage(back), chosen));
      await setUserLanguage(services, viewer.id, chosen);
      return redirect(withoutLanguage(back));
    }
    case "profile": {
      const parsed = parseForm(profileSchema(viewer.role), form, t);
      if (!parsed.success) return data({ intent, fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
      await updateOwnProfile(services, viewer, parsed.data);
      // A redirect, so that a new language applies to the page that follows.
      return redirect("/account?melding=gegevens");
    }
    case "notifications": {
      if (!can(viewer, "notifications:choose")) forbidden(context);
      const parsed = parseForm(notificationSchema, form, t, { arrayFields: ["wijken"] });
      const result = parsed.success ? await setNotificationWijken(services, viewer, parsed.data.wijken) : { ok: false as const, error: "unknown_wijk" as const };
      if (!result.ok) {
        return data({ intent, fieldErrors: { wijken: [t(`profile:notifications.errors.${result.error}`)] }, values: {} }, { status: 400 });
      }
      return redirect("/account?melding=wijken");
    }
    case "password": {
      const parsed = parseForm(passwordChangeSchema, form, t);
      if (!parsed.success) return data({ intent, fieldErrors: parsed.fieldErrors, values: {} }, { status: 400 });
      const result = await changeOwnPassword(services, viewer, parsed.data);
      if (!result.ok) {
        const message =
          result.error === "throttled"
            ? t("profile:password.throttled", { time: formatClockTime(result.retryAt!, language) })
            : t("profile:password.wrong");
        return data({ intent, fieldErrors: { currentPassword: [message] }, values: {} }, { status: result.error === "throttled" ? 429 : 400 });
      }
      return redirect("/account?melding=wachtwoord");
    }
    case "signal-digest": {
      if (!(await setDigest(services, viewer, form.get("digest") === "on"))) throw data({ message: t("errors.forbidden_body") }, { status: 403 });
      await setNotificationSettings(services, viewer, { assigned_mail: form.get("assigned_mail") === "on", assigned_push: form.get("assigned_push") === "on" });
      return redirect("/account?melding=overzicht");
    }
    case "end-session": {
      const parsed = parseForm(endSessionSchema, form, t);
      if (!parsed.success || !(await endOwnSession(services, viewer, parsed.data.sessionId))) {
        return data({ intent, fieldErrors: { sessions: [t("profile:sessions.not_found")] }, values: {} }, { status: 404 });
      }
      return redirect("/account?melding=sessie");
    }
    default:
      throw data({ message: t("errors.unknown_intent") }, { status: 400 });
  }
}

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("profile");
  const navigation = useNavigation();
  const submitting = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const errorsFor = (intent: string) =>
    actionData?.intent === intent ? (actionData.fieldErrors as Record<string, string[]> | undefined) : undefined;
  const profileErrors = errorsFor("profile");
  const passwordErrors = errorsFor("password");
  const wijkErrors = errorsFor("notifications");
  const sessionErrors = errorsFor("end-session");
  return (
    <div className="stack">
      <PageTitle>{t("auth:account.title")}</PageTitle>
      <Heading level={1}>{t("auth:account.title")}</Heading>
      {loaderData.notice ? <Alert kind="ok">{loaderData.notice === "overzicht" ? t("signals:digest.saved") : t(`notices.${loaderData.notice}`)}</Alert> : null}
      <ErrorSummary
        title={t("check_below")}
        items={errorSummaryItems(actionData, { displayName: "field-displayName", language: "field-language", wijken: "wijken-error", currentPassword: "field-currentPassword", newPassword: "field-newPassword", newPasswordConfirmation: "field-newPasswordConfirmation" })}
        answer={actionData}
      />

      <dl className="utrecht-data-list">
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t("auth:account.email")}</dt>
          <dd className="utrecht-data-list__item-value">{loaderData.email}</dd>
        </div>
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t("auth:account.role")}</dt>
          <dd className="utrecht-data-list__item-value">{t(`common:roles.${loaderData.role}`)}</dd>
        </div>
        {loaderData.organisationName ? (
          <div className="utrecht-data-list__item">
            <dt className="utrecht-data-list__item-key">{t("auth:account.organisation")}</dt>
            <dd className="utrecht-data-list__item-value" dir="auto">
              {loaderData.organisationName}
            </dd>
          </div>
        ) : null}
      </dl>
      <Paragraph>
        <Link className="utrecht-link" to="/account/inlogmethoden">
          {t("security:methods.title")}
        </Link>
      </Paragraph>
      {loaderData.hasOnboarding ? (
        <Paragraph>
          <Link className="utrecht-link" to="/welkom">
            {t("onboarding_link")}
          </Link>
        </Paragraph>
      ) : null}

      <Heading level={2}>{t("details.title")}</Heading>
      <Form method="post" className="form-stack" noValidate>
        <input type="hidden" name="intent" value="profile" />
        <TextField
          label={t("auth:account.display_name")}
          description={t("details.display_name_hint")}
          name="displayName"
          autoComplete="nickname"
          required
          maxLength={80}
          defaultValue={profileErrors ? ((actionData?.values as Record<string, string> | undefined)?.displayName ?? "") : loaderData.displayName}
          errors={profileErrors?.displayName}
        />
        <SelectField
          label={t("details.language")}
          name="language"
          defaultValue={loaderData.language}
          placeholder={t("details.language_browser")}
          options={loaderData.savableLanguages.map((code) => ({ value: code, label: languageNames[code] }))}
          errors={profileErrors?.language}
        />
        <div className="actions">
          <Button busy={submitting("profile")}>{t("details.save")}</Button>
        </div>
      </Form>

      {loaderData.wijken ? (
        <>
          <Heading level={2}>{t("notifications.title")}</Heading>
          <Paragraph>{t(loaderData.wijken.chosen ? "notifications.intro_chosen" : "notifications.intro_default")}</Paragraph>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="notifications" />
            {wijkErrors?.wijken ? (
              <div className="utrecht-form-field-error-message" id="wijken-error">
                <p className="utrecht-paragraph">{wijkErrors.wijken[0]}</p>
              </div>
            ) : null}
            {loaderData.wijken.areas.map((stadsdeel) => {
              const chosen = stadsdeel.wijken.filter((wijk) => loaderData.wijken!.wijkIds.includes(wijk.id)).length;
              // One stadsdeel at a time keeps the list short on a phone; the ones with a choice start open.
              return (
                <details key={stadsdeel.id} className="wijk-group" open={chosen > 0}>
                  <summary>
                    {stadsdeel.name}
                    {chosen > 0 ? <span className="muted"> ({t("notifications.chosen", { count: chosen })})</span> : null}
                  </summary>
                  <CheckboxGroup
                    legend={stadsdeel.name}
                    name="wijken"
                    options={stadsdeel.wijken.map((wijk) => ({ value: wijk.id, label: wijk.name }))}
                    checked={loaderData.wijken!.wijkIds}
                  />
                </details>
              );
            })}
            <div className="actions">
              <Button busy={submitting("notifications")}>{t("notifications.save")}</Button>
            </div>
          </Form>
        </>
      ) : null}

      {loaderData.digest !== null ? (
        <>
          <Heading level={2}>{t("signals:digest.title")}</Heading>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="signal-digest" />
            {[
              { name: "digest", checked: loaderData.digest, label: t("signals:digest.label") },
              { name: "assigned_mail", checked: loaderData.signalNotifications?.assigned_mail ?? true, label: t("signals:digest.assigned_mail") },
              { name: "assigned_push", checked: loaderData.signalNotifications?.assigned_push ?? true, label: t("signals:digest.assigned_push") },
            ].map((choice) => (
              <div key={choice.name} className="utrecht-form-field utrecht-form-field--checkbox">
                <div className="utrecht-form-field__input">
                  <input className="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id={`signal-${choice.name}`} name={choice.name} value="on" defaultChecked={choice.checked} />
                </div>
                <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
                  <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={`signal-${choice.name}`}>
                    {choice.label}
                  </label>
                </div>
              </div>
            ))}
            <div className="actions">
              <Button appearance="secondary" busy={submitting("signal-digest")}>
                {t("signals:digest.save")}
              </Button>
            </div>
          </Form>
        </>
      ) : null}

      {loaderData.push ? (
        <PushSettings publicKey={loaderData.push.publicKey} devices={loaderData.push.devices} audience={loaderData.role === "ambassador" ? "ambassador" : "staff"} />
      ) : null}

      <Heading level={2}>{t("password.title")}</Heading>
      <Form method="post" className="form-stack" noValidate>
        <input type="hidden" name="intent" value="password" />
        <TextField
          label={t("password.current")}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          errors={passwordErrors?.currentPassword}
        />
        <TextField
          label={t("password.new")}
          description={t("auth:password.hint", { count: PASSWORD_MIN_LENGTH })}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          errors={passwordErrors?.newPassword}
        />
        <TextField
          label={t("password.confirm")}
          name="newPasswordConfirmation"
          type="password"
          autoComplete="new-password"
          required
          errors={passwordErrors?.newPasswordConfirmation}
        />
        <Paragraph className="muted">{t("password.other_sessions")}</Paragraph>
        <div className="actions">
          <Button busy={submitting("password")}>{t("password.submit")}</Button>
        </div>
      </Form>

      <Heading level={2}>{t("auth:account.sessions_title")}</Heading>
      {sessionErrors?.sessions ? <Alert kind="error">{sessionErrors.sessions[0]}</Alert> : null}
      <Table caption={t("sessions.caption")} head={[t("sessions.device"), t("sessions.since"), t("sessions.last_seen"), t("sessions.actions")]}>
        {loaderData.sessions.map((session) => (
          <Row key={session.id}>
            <Cell header>
              <bdi>{session.device}</bdi>
              {session.current ? <span className="muted"> ({t("sessions.this_device")})</span> : null}
            </Cell>
            <Cell>{formatDateTime(session.createdAt, i18n.language)}</Cell>
            <Cell>{formatDateTime(session.lastSeenAt, i18n.language)}</Cell>
            <Cell>
              {session.current ? null : (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="end-session" />
                  <input type="hidden" name="sessionId" value={session.id} />
                  <Button appearance="secondary">
                    {t("sessions.end")}
                    <span className="visually-hidden"> – {session.device}, {formatDateTime(session.lastSeenAt, i18n.language)}</span>
                  </Button>
                </Form>
              )}
            </Cell>
          </Row>
        ))}
      </Table>
      <Paragraph>{t("auth:account.logout_everywhere_explanation")}</Paragraph>
      <Form method="post" reloadDocument>
        <input type="hidden" name="intent" value="logout-everywhere" />
        <Button appearance="secondary">{t("auth:account.logout_everywhere")}</Button>
      </Form>

      <Heading level={2}>{t("export.title")}</Heading>
      <Paragraph>{t("export.intro")}</Paragraph>
      <Paragraph>
        <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="/account/mijn-gegevens" download>
          {t("export.download")}
        </a>
      </Paragraph>
      <Paragraph>
        <Link className="utrecht-link" to="/account/mijn-gegevens/overzicht">
          {t("export.view")}
        </Link>
      </Paragraph>

      <Heading level={2}>{t("delete.title")}</Heading>
      {loaderData.canDelete ? (
        <>
          <Paragraph>{t("delete.teaser")}</Paragraph>
          <Paragraph>
            <Link className="utrecht-link" to="/account/verwijderen">
              {t("delete.link")}
            </Link>
          </Paragraph>
        </>
      ) : (
        <Paragraph>{t("delete.staff")}</Paragraph>
      )}
    </div>
  );
}
