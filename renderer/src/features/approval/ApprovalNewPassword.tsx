// Renderer. The new password and its confirmation on every forgot-password screen (emailed code, approved request,
// recovery code): the shared fields with the lazily loaded strength meter and the match indicator. Main decides
// (policy and minimum strength, every reason answered); this shows the rules, the meter and every reason.
import { NewPasswordFields } from '../../components/password/NewPasswordFields';

export interface NewPasswordValue {
  newPassword: string;
  passwordConfirmation: string;
}

/** Reasons arrive joined by line breaks (one per reason): the shared fields list them one by one. */
const split = (text: string | undefined) => (text ? text.split('\n') : undefined);

export function ApprovalNewPassword(props: {
  value: NewPasswordValue;
  onChange: (value: NewPasswordValue) => void;
  /** Already translated; several reasons for one field are joined by line breaks. */
  errors: { newPassword?: string; passwordConfirmation?: string };
  /** The name typed on the screen, so the meter counts it as a guessable word. */
  username?: string;
}) {
  const { value, onChange } = props;
  return (
    <NewPasswordFields
      password={value.newPassword}
      confirmation={value.passwordConfirmation}
      onPasswordChange={(newPassword) => onChange({ ...value, newPassword })}
      onConfirmationChange={(passwordConfirmation) => onChange({ ...value, passwordConfirmation })}
      passwordErrors={split(props.errors.newPassword)}
      confirmationErrors={split(props.errors.passwordConfirmation)}
      username={props.username}
    />
  );
}
