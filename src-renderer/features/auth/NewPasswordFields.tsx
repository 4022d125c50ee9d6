// "New password" and "Repeat", as setup, recovery and every password change ask for them: the two
// fields, and the check on submit that shows what is wrong and puts focus on the field to fix.
import { useState } from 'react';
import { TextField } from '../../components/TextField';
import { fieldText, focusFirstField } from '../../components/native-form';
import { PASSWORD_RULE, checkNewPassword, hasProblems, type NewPasswordProblems } from './password-rules';

const REPEAT_FIELD = 'repeat';

export interface NewPasswordCheck {
  /** The form field holding the new password (the repeat is always `repeat`). */
  name: string;
  problems: NewPasswordProblems;
  /** Reads both fields of the form; true when they pass, else shows the problems and focuses the first. */
  check(form: HTMLFormElement): boolean;
}

export function useNewPasswordCheck(name = 'newPassword'): NewPasswordCheck {
  const [problems, setProblems] = useState<NewPasswordProblems>({});
  const check = (form: HTMLFormElement): boolean => {
    const data = new FormData(form);
    const found = checkNewPassword(fieldText(data, name), fieldText(data, REPEAT_FIELD));
    setProblems(found);
    if (!hasProblems(found)) return true;
    focusFirstField(form, [found.newPassword ? name : REPEAT_FIELD]);
    return false;
  };
  return { name, problems, check };
}

export interface NewPasswordFieldsProps {
  check: NewPasswordCheck;
  label?: string;
  repeatLabel?: string;
  /** What main said about the new password, shown when the local check found nothing. */
  serverError?: string | undefined;
}

export function NewPasswordFields({ check, label = 'New password', repeatLabel = 'Repeat new password', serverError }: NewPasswordFieldsProps) {
  return (
    <>
      <TextField
        label={label}
        name={check.name}
        type="password"
        required
        autoComplete="new-password"
        hint={PASSWORD_RULE}
        error={check.problems.newPassword ?? serverError}
      />
      <TextField label={repeatLabel} name={REPEAT_FIELD} type="password" required autoComplete="new-password" error={check.problems.repeat} />
    </>
  );
}
