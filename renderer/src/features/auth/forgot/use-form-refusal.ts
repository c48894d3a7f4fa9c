// Renderer. What a forgot-password form shows when it is refused: the messages per field (every reason), one line
// above the form, and focus on the first invalid field after each refusal. Nothing typed is touched.
import { useLayoutEffect, useRef, useState } from 'react';
import { focusFirstInvalid } from '../../../components/form-errors';
import type { FieldMessages, Message } from './forgot-errors';
import { useMessage } from './use-message';

export function useFormRefusal() {
  const translate = useMessage();
  const formRef = useRef<HTMLFormElement>(null);
  const [fields, setFields] = useState<FieldMessages>({});
  const [message, setMessage] = useState<Message | null>(null);
  const [attempt, setAttempt] = useState(0);

  useLayoutEffect(() => {
    if (attempt > 0) focusFirstInvalid(formRef.current);
  }, [attempt]);

  return {
    formRef,
    translate,
    /** The line above the form, translated; null when there is none. */
    message: message ? translate(message) : null,
    refuse(nextFields: FieldMessages, next: Message | null) {
      setFields(nextFields);
      setMessage(next);
      setAttempt((n) => n + 1);
    },
    clear() {
      setFields({});
      setMessage(null);
    },
    /** Every message of one field, one per line. */
    errorOf: (path: string) => (fields[path]?.length ? fields[path].map(translate).join('\n') : undefined),
  };
}
