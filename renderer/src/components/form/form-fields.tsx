// Renderer. The existing TextField and SelectField, bound to a react-hook-form field: same look, same screen-reader
// wiring, and the field's errors (from the zod schema or from main) in the user's language.
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { SelectField, type SelectFieldProps } from '../SelectField';
import { TextField, type TextFieldProps } from '../TextField';
import { useFieldMessages } from '../use-field-messages';
import { errorAt, fieldErrorIssues } from './field-issues';

/** The sentences of one field's errors, for fields drawn by hand (radio groups, password pairs). */
export function useFormFieldMessages<TValues extends FieldValues>(form: UseFormReturn<TValues>, name: Path<TValues>): string[] {
  const toMessages = useFieldMessages();
  return toMessages(fieldErrorIssues(name, errorAt(form.formState.errors, name)));
}

type FormTextFieldProps<TValues extends FieldValues> = Omit<TextFieldProps, 'form' | 'name' | 'error' | 'value' | 'onChange' | 'onBlur'> & {
  form: UseFormReturn<TValues>;
  name: Path<TValues>;
};

export function FormTextField<TValues extends FieldValues>({ form, name, ...props }: FormTextFieldProps<TValues>) {
  const messages = useFormFieldMessages(form, name);
  return <TextField {...props} {...form.register(name)} error={messages} />;
}

type FormSelectFieldProps<TValues extends FieldValues> = Omit<SelectFieldProps, 'form' | 'name' | 'error' | 'value' | 'onChange' | 'onBlur'> & {
  form: UseFormReturn<TValues>;
  name: Path<TValues>;
};

export function FormSelectField<TValues extends FieldValues>({ form, name, children, ...props }: FormSelectFieldProps<TValues>) {
  const messages = useFormFieldMessages(form, name);
  return (
    <SelectField {...props} {...form.register(name)} error={messages}>
      {children}
    </SelectField>
  );
}
