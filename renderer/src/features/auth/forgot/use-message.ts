// Renderer. Translates a Message (key + values), turning a strength level code into its name ("medium" → "Moyen").
import { useTranslation } from 'react-i18next';
import type { Message } from './forgot-errors';

export function useMessage(): (message: Message) => string {
  const { t } = useTranslation();
  return (message) => {
    const values = { ...message.values };
    if (typeof values.level === 'string') values.level = t(`approvalForgot.levels.${values.level as 'medium'}`);
    return t(message.key as 'approvalForgot.noMatch', values);
  };
}
