import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

interface FieldFrameProps {
  label: ReactNode;
  description?: ReactNode;
  errors?: readonly string[] | undefined;
  children: (ids: { inputId: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
  id?: string | undefined;
}

/** Label, optional hint, field-level errors and the control, wired for screen readers. */
export function FieldFrame({ label, description, errors, children, id }: FieldFrameProps) {
  const generated = useId();
  const inputId = id ?? `field-${generated}`;
  const descriptionId = description ? `${inputId}-description` : undefined;
  const errorId = errors?.length ? `${inputId}-error` : undefined;
  const describedBy = [descriptionId, errorId].filter(Boolean).join(" ") || undefined;
  const invalid = Boolean(errors?.length);
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
      {invalid ? (
        <div className="utrecht-form-field__error-message utrecht-form-field-error-message" id={errorId}>
          {errors!.map((error) => (
            <p key={error} className="utrecht-paragraph">
              {error}
            </p>
          ))}
        </div>
      ) : null}
      <div className="utrecht-form-field__input">{children({ inputId, describedBy, invalid })}</div>
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id"> & {
  label: ReactNode;
  description?: ReactNode;
  errors?: readonly string[] | undefined;
  id?: string;
};

export function TextField({ label, description, errors, id, className, ...input }: TextFieldProps) {
  return (
    <FieldFrame label={label} description={description} errors={errors} id={id}>
      {({ inputId, describedBy, invalid }) => (
        <input
          id={inputId}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          className={`utrecht-textbox utrecht-textbox--html-input ${invalid ? "utrecht-textbox--invalid" : ""} ${className ?? ""}`}
          {...input}
        />
      )}
    </FieldFrame>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> & {
  label: ReactNode;
  description?: ReactNode;
  errors?: readonly string[] | undefined;
  id?: string;
};

export function TextAreaField({ label, description, errors, id, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldFrame label={label} description={description} errors={errors} id={id}>
      {({ inputId, describedBy, invalid }) => (
        <textarea
          id={inputId}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          className={`utrecht-textarea utrecht-textarea--html-textarea ${invalid ? "utrecht-textarea--invalid" : ""}`}
          {...textarea}
        />
      )}
    </FieldFrame>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & {
  label: ReactNode;
  description?: ReactNode;
  errors?: readonly string[] | undefined;
  id?: string;
  options: readonly { value: string; label: string }[];
  placeholder?: string;
};

export function SelectField({ label, description, errors, id, options, placeholder, ...select }: SelectFieldProps) {
  return (
    <FieldFrame label={label} description={description} errors={errors} id={id}>
      {({ inputId, describedBy, invalid }) => (
        <select
          id={inputId}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          className={`utrecht-select utrecht-select--html-select ${invalid ? "utrecht-select--invalid" : ""}`}
          {...select}
        >
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
