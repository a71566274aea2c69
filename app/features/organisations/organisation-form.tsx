import { useTranslation } from "react-i18next";
import { Form, useNavigation } from "react-router";
import { Button } from "#app/components/ui/button.tsx";
import { fieldIdFor } from "#app/components/ui/error-summary.tsx";
import { SelectField, TextAreaField, TextField } from "#app/components/ui/form-field.tsx";
import { CheckboxGroup, GroupedSelectField } from "#app/components/ui/choice-fields.tsx";
import { organisationKinds } from "#db/tables/organisations.ts";

export interface OrganisationFormValues {
  name: string;
  kind: string;
  wijkId: string;
  address: string;
  walkInHours: string;
  phone: string;
  languages: readonly string[];
  description: string;
  /** The share-link code ("?via=…"); the form field is named after the link parameter. */
  code?: string;
}

export interface OrganisationFormProps {
  intent: "create" | "save";
  values: OrganisationFormValues;
  errors: Record<string, string[]> | undefined;
  areas: readonly { name: string; wijken: readonly { id: string; name: string }[] }[];
  /** Language options with names in the reader's language (computed on the server). */
  languageOptions: readonly { value: string; label: string }[];
  submitLabel: string;
}

/** The form's fields in their order on the page, for the error summary. */
export const organisationFields = ["name", "kind", "wijkId", "address", "walkInHours", "phone", "languages", "description", "via"] as const;

/** Creating and editing an organisation: the same fields, plus the share-link code when creating. */
export function OrganisationForm({ intent, values, errors, areas, languageOptions, submitLabel }: OrganisationFormProps) {
  const { t } = useTranslation("network");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <Form method="post" className="form-stack" noValidate>
      <input type="hidden" name="intent" value={intent} />
      <TextField label={t("organisations.fields.name")} name="name" required maxLength={120} defaultValue={values.name} errors={errors?.name} />
      <SelectField
        label={t("organisations.fields.kind")}
        name="kind"
        defaultValue={values.kind}
        options={organisationKinds.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
        errors={errors?.kind}
      />
      <GroupedSelectField
        label={t("organisations.fields.wijk")}
        name="wijkId"
        required
        placeholder={t("organisations.fields.wijk_placeholder")}
        defaultValue={values.wijkId}
        groups={areas.map((sd) => ({ label: sd.name, options: sd.wijken.map((w) => ({ value: w.id, label: w.name })) }))}
        errors={errors?.wijkId}
      />
      <TextField
        label={t("organisations.fields.address")}
        description={t("organisations.fields.address_hint")}
        name="address"
        required
        maxLength={200}
        autoComplete="off"
        defaultValue={values.address}
        errors={errors?.address}
      />
      <TextField
        label={t("organisations.fields.walk_in_hours")}
        description={t("organisations.fields.walk_in_hours_hint")}
        name="walkInHours"
        required
        maxLength={200}
        defaultValue={values.walkInHours}
        errors={errors?.walkInHours}
      />
      <TextField
        label={t("organisations.fields.phone")}
        description={t("organisations.fields.phone_hint")}
        name="phone"
        type="tel"
        inputMode="tel"
        autoComplete="off"
        maxLength={30}
        defaultValue={values.phone}
        errors={errors?.phone}
      />
      <CheckboxGroup
        fieldsetId={fieldIdFor("languages")}
        legend={t("organisations.fields.languages")}
        description={t("organisations.fields.languages_hint")}
        name="languages"
        options={languageOptions}
        checked={values.languages}
        errors={errors?.languages}
      />
      <TextAreaField
        label={t("organisations.fields.description")}
        description={t("organisations.fields.description_hint")}
        name="description"
        rows={4}
        maxLength={600}
        defaultValue={values.description}
        errors={errors?.description}
      />
      {intent === "create" ? (
        <TextField
          label={t("organisations.fields.code")}
          description={t("organisations.fields.code_hint")}
          name="via"
          maxLength={40}
          autoComplete="off"
          defaultValue={values.code ?? ""}
          errors={errors?.via}
        />
      ) : null}
      <div className="actions">
        <Button busy={busy} disabled={busy}>
          {submitLabel}
        </Button>
      </div>
    </Form>
  );
}

/** Form values after a failed submission: what was typed, checkboxes as a list. */
export function submittedValues(values: Record<string, string> | undefined, fallback: OrganisationFormValues): OrganisationFormValues {
  if (!values) return fallback;
  return {
    name: values.name ?? "",
    kind: values.kind ?? fallback.kind,
    wijkId: values.wijkId ?? "",
    address: values.address ?? "",
    walkInHours: values.walkInHours ?? "",
    phone: values.phone ?? "",
    languages: values.languages ? values.languages.split(",") : [],
    description: values.description ?? "",
    code: values.via ?? "",
  };
}
