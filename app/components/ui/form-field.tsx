import { useEffect, useId, useRef, useState, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { fieldIdFor } from "./error-summary.tsx";

interface FieldFrameProps {
  label: ReactNode;
  description?: ReactNode;
  errors?: readonly string[] | undefined;
  children: (ids: { inputId: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
  id?: string | undefined;
  /** The control's name: without an id, the field's id is made from it, so an error summary can link to it. */
  name?: string | undefined;
  /** Shown under the control (a character count), and read with it. */
  after?: { id: string; node: ReactNode } | undefined;
}

/** A field's (or a fieldset's) error messages, referenced by its aria-describedby. */
export function FieldErrorMessages({ id, errors }: { id: string; errors: readonly string[] }) {
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

/** Label, optional hint, field-level errors and the control, wired for screen readers. */
export function FieldFrame({ label, description, errors, children, id, name, after }: FieldFrameProps) {
  const generated = useId();
  const inputId = id ?? (name ? fieldIdFor(name) : `field-${generated}`);
  const descriptionId = description ? `${inputId}-description` : undefined;
  const errorId = errors?.length ? `${inputId}-error` : undefined;
  const describedBy = [descriptionId, errorId, after?.id].filter(Boolean).join(" ") || undefined;
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
      {invalid ? <FieldErrorMessages id={errorId!} errors={errors!} /> : null}
      <div className="utrecht-form-field__input">{children({ inputId, describedBy, invalid })}</div>
      {after?.node}
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
    <FieldFrame label={label} description={description} errors={errors} id={id} name={input.name}>
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

/**
 * A text area. With `maxLength` it counts the characters as the person types
 * and says when the text is too long; it never cuts text off (the browser's
 * own maxlength silently drops what a paste brings over the limit). The
 * server refuses a text that is too long with a message, and the count on
 * the page it sends back shows by how much.
 */
export function TextAreaField({ label, description, errors, id, maxLength, ...textarea }: TextAreaFieldProps) {
  const generated = useId();
  const countId = `count-${generated}`;
  const initial = String(textarea.value ?? textarea.defaultValue ?? "");
  const [length, setLength] = useState(initial.length);
  const ref = useRef<HTMLTextAreaElement>(null);
  // Text typed (or pasted) before the page hydrated is in the field but not yet counted.
  useEffect(() => {
    if (ref.current) setLength(ref.current.value.length);
  }, []);
  const after = maxLength !== undefined ? { id: countId, node: <CharacterCount id={countId} length={length} max={maxLength} /> } : undefined;
  return (
    <FieldFrame label={label} description={description} errors={errors} id={id} name={textarea.name} after={after}>
      {({ inputId, describedBy, invalid }) => (
        <textarea
          ref={ref}
          id={inputId}
          aria-describedby={describedBy}
          aria-invalid={invalid || length > (maxLength ?? Infinity) || undefined}
          className={`utrecht-textarea utrecht-textarea--html-textarea ${invalid ? "utrecht-textarea--invalid" : ""}`}
          {...textarea}
          onChange={(event) => {
            setLength(event.target.value.length);
            textarea.onChange?.(event);
          }}
        />
      )}
    </FieldFrame>
  );
}

function CharacterCount({ id, length, max }: { id: string; length: number; max: number }) {
  const { t } = useTranslation();
  const over = length > max;
  const text = over ? t("fields.character_count_over", { count: length, max, over: length - max }) : t("fields.character_count", { count: length, max });
  return (
    <>
      <p id={id} className={`utrecht-paragraph character-count ${over ? "character-count--over" : ""}`} data-testid="character-count">
        {text}
      </p>
      {/* Announced only when the text goes over the limit, not at every key. */}
      <p className="visually-hidden" aria-live="polite">
        {over ? text : ""}
      </p>
    </>
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
    <FieldFrame label={label} description={description} errors={errors} id={id} name={select.name}>
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
