import { useId, type ReactNode } from "react";
import { FieldFrame } from "./form-field.tsx";

// Choices: a select with option groups (wijken per stadsdeel), and groups of
// radio buttons (fast to tap on a phone) or checkboxes (languages, wijken) in
// a fieldset with its legend, hint and field-level errors. The fieldset takes
// the focus when the error summary's link to it is followed.

export interface OptionGroup {
  label: string;
  options: readonly { value: string; label: string }[];
}

export function GroupedSelectField({
  label,
  description,
  errors,
  name,
  groups,
  placeholder,
  defaultValue,
  required,
  id,
}: {
  label: ReactNode;
  description?: ReactNode;
  errors?: readonly string[] | undefined;
  name: string;
  groups: readonly OptionGroup[];
  placeholder?: string;
  defaultValue?: string | undefined;
  required?: boolean;
  id?: string;
}) {
  return (
    <FieldFrame label={label} description={description} errors={errors} name={name} id={id}>
      {({ inputId, describedBy, invalid }) => (
        <select
          id={inputId}
          name={name}
          defaultValue={defaultValue ?? ""}
          required={required}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          className={`utrecht-select utrecht-select--html-select ${invalid ? "utrecht-select--invalid" : ""}`}
        >
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {groups.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

interface ChoiceGroupProps {
  legend: ReactNode;
  description?: ReactNode;
  errors?: readonly string[] | undefined;
  name: string;
  /** For an error summary's link; a group that may appear more than once on a page has none. */
  id?: string | undefined;
}

/** The fieldset around a group of radio buttons or checkboxes; `children` gets the base for the inputs' ids. */
function ChoiceFieldset({ legend, description, errors, id, children }: Omit<ChoiceGroupProps, "name"> & { children: (idBase: string, invalid: boolean) => ReactNode }) {
  const generated = useId();
  const idBase = id ?? generated;
  const invalid = Boolean(errors?.length);
  const descriptionId = description ? `${idBase}-description` : undefined;
  const errorId = invalid ? `${idBase}-error` : undefined;
  return (
    <fieldset
      id={id}
      className={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset ${invalid ? "utrecht-form-fieldset--invalid" : ""}`}
      aria-describedby={[descriptionId, errorId].filter(Boolean).join(" ") || undefined}
      aria-invalid={invalid || undefined}
      tabIndex={id ? -1 : undefined}
    >
      <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend utrecht-form-label">{legend}</legend>
      {description ? (
        <div className="utrecht-form-field-description" id={descriptionId}>
          {description}
        </div>
      ) : null}
      {invalid ? (
        <div className="utrecht-form-field__error-message utrecht-form-field-error-message" id={errorId}>
          {errors!.map((error) => (
            <p key={error} className="utrecht-paragraph">
              {error}
            </p>
          ))}
        </div>
      ) : null}
      {children(idBase, invalid)}
    </fieldset>
  );
}

export function RadioGroup({
  options,
  defaultValue,
  ...group
}: ChoiceGroupProps & { id: string; options: readonly { value: string; label: string }[]; defaultValue?: string | undefined }) {
  return (
    <ChoiceFieldset {...group}>
      {(idBase, invalid) => (
        <div className="radio-options">
          {options.map((option) => {
            const inputId = `${idBase}-${option.value}`;
            return (
              <div key={option.value} className="utrecht-form-field utrecht-form-field--radio">
                <div className="utrecht-form-field__input">
                  <input
                    type="radio"
                    id={inputId}
                    name={group.name}
                    value={option.value}
                    defaultChecked={defaultValue === option.value}
                    className={`utrecht-radio-button utrecht-radio-button--html-input ${invalid ? "utrecht-radio-button--invalid" : ""}`}
                  />
                </div>
                <div className="utrecht-form-field__label">
                  <label className="utrecht-form-label utrecht-form-label--radio" htmlFor={inputId}>
                    {option.label}
                  </label>
                </div>
              </div>
            );
          })}
        </div>
      )}
    </ChoiceFieldset>
  );
}

export function CheckboxGroup({
  options,
  checked,
  columns = true,
  fieldsetId,
  ...group
}: Omit<ChoiceGroupProps, "id"> & {
  /** For an error summary's link; the group may appear more than once on a page, so it has none by default. */
  fieldsetId?: string;
  options: readonly { value: string; label: string; lang?: string }[];
  checked: readonly string[];
  columns?: boolean;
}) {
  const selected = new Set(checked);
  return (
    <ChoiceFieldset {...group} id={fieldsetId}>
      {(idBase, invalid) => (
        <div className={columns ? "checkbox-columns" : "checkbox-list"}>
          {options.map((option) => {
            const inputId = `${idBase}-${option.value}`;
            return (
              <div key={option.value} className="utrecht-form-field utrecht-form-field--checkbox">
                <div className="utrecht-form-field__input">
                  <input
                    type="checkbox"
                    id={inputId}
                    name={group.name}
                    value={option.value}
                    defaultChecked={selected.has(option.value)}
                    aria-invalid={invalid || undefined}
                    className="utrecht-checkbox utrecht-checkbox--html-input"
                  />
                </div>
                <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
                  <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={inputId} lang={option.lang}>
                    {option.label}
                  </label>
                </div>
              </div>
            );
          })}
        </div>
      )}
    </ChoiceFieldset>
  );
}
