import { useId, type ReactNode } from "react";

// Form controls the shared UI set lacks: a group of radio buttons (fast to
// tap on a phone) and a select with option groups (wijken per stadsdeel).

function ErrorMessages({ id, errors }: { id: string; errors: readonly string[] }) {
  return (
    <div className="utrecht-form-field__error-message utrecht-form-field-error-message" id={id}>
      {errors.map((error) => (
        <p key={error} className="utrecht-paragraph">
          {error}
        </p>
      ))}
    </div>
  );
}

export function RadioGroup({
  legend,
  name,
  options,
  defaultValue,
  errors,
  description,
  id,
}: {
  legend: ReactNode;
  name: string;
  options: readonly { value: string; label: string }[];
  defaultValue?: string | undefined;
  errors?: readonly string[] | undefined;
  description?: ReactNode;
  id: string;
}) {
  const invalid = Boolean(errors?.length);
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = invalid ? `${id}-error` : undefined;
  return (
    <fieldset
      id={id}
      className={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset ${invalid ? "utrecht-form-fieldset--invalid" : ""}`}
      aria-describedby={[descriptionId, errorId].filter(Boolean).join(" ") || undefined}
      aria-invalid={invalid || undefined}
      tabIndex={-1}
    >
      <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend utrecht-form-label">{legend}</legend>
      {description ? (
        <div className="utrecht-form-field-description" id={descriptionId}>
          {description}
        </div>
      ) : null}
      {invalid ? <ErrorMessages id={errorId!} errors={errors!} /> : null}
      <div className="radio-options">
        {options.map((option) => {
          const inputId = `${id}-${option.value}`;
          return (
            <div key={option.value} className="utrecht-form-field utrecht-form-field--radio">
              <div className="utrecht-form-field__input">
                <input
                  type="radio"
                  id={inputId}
                  name={name}
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
    </fieldset>
  );
}

export function GroupedSelectField({
  label,
  name,
  groups,
  defaultValue,
  placeholder,
  errors,
  description,
  id,
}: {
  label: ReactNode;
  name: string;
  groups: readonly { label: string; options: readonly { value: string; label: string }[] }[];
  defaultValue?: string | undefined;
  placeholder?: string;
  errors?: readonly string[] | undefined;
  description?: ReactNode;
  id?: string;
}) {
  const generated = useId();
  const inputId = id ?? `field-${generated}`;
  const invalid = Boolean(errors?.length);
  const descriptionId = description ? `${inputId}-description` : undefined;
  const errorId = invalid ? `${inputId}-error` : undefined;
  return (
    <div className={`utrecht-form-field utrecht-form-field--text ${invalid ? "utrecht-form-field--invalid" : ""}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={inputId}>
          {label}
        </label>
      </div>
      {description ? (
        <div className="utrecht-form-field__description utrecht-form-field-description" id={descriptionId}>
          {description}
        </div>
      ) : null}
      {invalid ? <ErrorMessages id={errorId!} errors={errors!} /> : null}
      <div className="utrecht-form-field__input">
        <select
          id={inputId}
          name={name}
          defaultValue={defaultValue ?? ""}
          aria-describedby={[descriptionId, errorId].filter(Boolean).join(" ") || undefined}
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
      </div>
    </div>
  );
}
