// A row's (or the list's) tick box: a native checkbox, so Tab and Space reach it, that tells its
// owner whether shift was held (a click or shift+space picks a range), and shows "some" as mixed.
import { useEffect, useRef, type ChangeEvent, type MouseEvent } from 'react';

export interface PickBoxProps {
  checked: boolean;
  /** Some but not all of what it stands for is ticked (the header box). */
  mixed?: boolean;
  /** What ticking it picks, for screen readers (the box has no visible label). */
  label: string;
  onPick(shift: boolean): void;
  testId: string;
}

export function PickBox({ checked, mixed = false, label, onPick, testId }: PickBoxProps) {
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (box.current) box.current.indeterminate = mixed;
  }, [mixed]);
  // A checkbox's change comes from its click, whether by the pointer or by Space: it carries shift.
  const change = (event: ChangeEvent<HTMLInputElement>) => {
    const native = event.nativeEvent;
    onPick('shiftKey' in native && native.shiftKey === true);
  };
  // Shift-click picks a range of rows, not the page's text between the two clicks.
  const keepTextUnselected = (event: MouseEvent<HTMLInputElement>) => {
    if (event.shiftKey) event.preventDefault();
  };
  return (
    <input ref={box} type="checkbox" className="pick-box" checked={checked} aria-label={label} onChange={change} onMouseDown={keepTextUnselected} data-testid={testId} />
  );
}
