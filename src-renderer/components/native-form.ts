// Reading and steering plain <form>s: forms here are uncontrolled where they can be, so values are
// read once on submit instead of mirrored into state on every keystroke.

/** The text of a named field; '' when missing (FormData may also hold files, never expected here). */
export function fieldText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}

/** After a form is refused, put focus on the first field the person has to fix. */
export function focusFirstField(form: HTMLFormElement | null, names: readonly string[]): void {
  if (!form) return;
  for (const name of names) {
    const element = form.elements.namedItem(name);
    if (element instanceof HTMLElement) {
      element.focus();
      return;
    }
  }
}
