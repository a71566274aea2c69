import { useId, type ReactNode } from "react";
import { FieldFrame } from "#app/components/ui/form-field.tsx";

// Two field types the shared UI kit does not have: a select with option
// groups (wijken by stadsdeel) and a group of checkboxes (languages, wijken).

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
}: {
  label: ReactNode;
  description?: ReactNode;
  errors?: readonly string[] | undefined;
  name: string;
  groups: readonly OptionGroup[];
  placeholder?: string;
  defaultValue?: string;
  required?: boolean;
}) {
  return (
    <FieldFrame label={label} description={description} errors={errors} name={name}>
      {({ inputId, describedBy, invalid }) => (
        <select
          id={inputId}
          name={name}
          defaultValue={defaultValue}
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

export function CheckboxGroup({
  legend,
  description,
  errors,
  name,
  options,
  checked,
  columns = true,
  fieldsetId,
}: {
  /** For an error summary's link; the group may appear more than once on a page, so it has none by default. */
  fieldsetId?: string;
  legend: ReactNode;
  description?: ReactNode;
  errors?: readonly string[] | undefined;
  name: string;
  options: readonly { value: string; label: string; lang?: string }[];
  checked: readonly string[];
  columns?: boolean;
}) {
  const id = useId();
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [descriptionId, errorId].filter(Boolean).join(" ") || undefined;
  const selected = new Set(checked);
  return (
    <fieldset
      id={fieldsetId}
      className={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset ${errors?.length ? "utrecht-form-fieldset--invalid" : ""}`}
      aria-describedby={describedBy}
    >
      <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{legend}</legend>
      {description ? (
        <div className="utrecht-form-field-description" id={descriptionId}>
          {description}
        </div>
      ) : null}
      {errors?.length ? (
        <div className="utrecht-form-field-error-message" id={errorId}>
          {errors.map((error) => (
            <p key={error} className="utrecht-paragraph">
              {error}
            </p>
          ))}
        </div>
      ) : null}
      <div className={columns ? "checkbox-columns" : "checkbox-list"}>
        {options.map((option) => {
          const inputId = `${id}-${option.value}`;
          return (
            <div key={option.value} className="utrecht-form-field utrecht-form-field--checkbox">
              <div className="utrecht-form-field__input">
                <input
                  type="checkbox"
                  id={inputId}
                  name={name}
                  value={option.value}
                  defaultChecked={selected.has(option.value)}
                  aria-invalid={errors?.length ? true : undefined}
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
    </fieldset>
  );
}
