// Renderer. react-hook-form over the same zod schema the channel's input uses (zodResolver), so the form refuses
// at once what main would refuse, with the same `validation.*` messages. What was typed is never reset on error:
// a refusal from main lands on the fields (`applyServerError`) and the values stay as they are.
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, type FieldValues, type Path, type Resolver, type UseFormProps, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import type { FieldIssue, IpcError } from '../../../../shared/contract';
import { serverFieldErrors, withExtraIssues } from './field-issues';

export interface ZodFormOptions<TValues extends FieldValues> extends Omit<UseFormProps<TValues>, 'resolver'> {
  /**
   * When the form's fields are not the channel's input as is (a radio that picks a variant, a confirmation field):
   * what the schema checks is built from the values by this function.
   */
  toInput?: (values: TValues) => unknown;
  /** Rules that need the whole form and are not in the channel's schema; checked with it, on the same submit. */
  refine?: (values: TValues) => FieldIssue[];
}

export function useZodForm<TValues extends FieldValues>(schema: z.ZodType, options: ZodFormOptions<TValues> = {}): UseFormReturn<TValues> {
  const { toInput, refine, ...formOptions } = options;
  // The schema's own resolver; its values are the channel's parsed input, which the form does not need: main parses again.
  const schemaResolver = zodResolver(schema as never) as unknown as Resolver<FieldValues>;
  const resolver: Resolver<TValues> = async (values, context, resolverOptions) => {
    const input = (toInput ? toInput(values) : values) as FieldValues;
    const checked = await schemaResolver(input, context, resolverOptions as never);
    const errors = withExtraIssues(checked.errors, refine?.(values) ?? []);
    return Object.keys(errors).length === 0 ? { values, errors: {} } : { values: {}, errors: errors as never };
  };
  // Focus goes to the first invalid field in the order they appear (see `focusFirstInvalid`), not in registration order.
  return useForm<TValues>({ mode: 'onSubmit', reValidateMode: 'onChange', shouldFocusError: false, ...formOptions, resolver });
}

/**
 * Puts main's `{code, message, fields}` on the form: each field's reasons on that field, nothing typed touched.
 * Returns the i18n key of the form's own message (`errors.USERNAME_TAKEN`…) for the alert above the fields.
 */
export function applyServerError<TValues extends FieldValues>(form: UseFormReturn<TValues>, error: Pick<IpcError, 'code' | 'fields'>): string {
  for (const [path, fieldError] of Object.entries(serverFieldErrors(error.fields))) form.setError(path as Path<TValues>, fieldError);
  return `errors.${error.code}`;
}
