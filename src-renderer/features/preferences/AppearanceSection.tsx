// Theme: light, dark, or follow the system. Applied at once and saved for this user.
import type { ChangeEvent } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { useAction } from '../../kit/use-action';
import type { Theme } from '../../../src-shared/model';
import { usePreferencesStore } from './store';

const THEME_CHOICES: readonly { value: Theme; label: string }[] = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'system', label: 'Same as the system' },
];

export function AppearanceSection() {
  const theme = usePreferencesStore((state) => state.theme);
  const setTheme = usePreferencesStore((state) => state.setTheme);
  const action = useAction(setTheme);
  const choose = (event: ChangeEvent<HTMLInputElement>) => void action.run(event.target.value as Theme);

  return (
    <section className="panel" aria-labelledby="settings-appearance">
      <h2 id="settings-appearance">Appearance</h2>
      <p className="panel__description">Saved for your account; other users keep their own choice.</p>
      <ErrorBanner message={action.error?.message} />
      <fieldset className="choice-group">
        <legend>Theme</legend>
        {THEME_CHOICES.map((choice) => (
          <label key={choice.value} className="choice">
            <input type="radio" name="theme" value={choice.value} checked={theme === choice.value} onChange={choose} />
            {choice.label}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
