// Reviewer wellness: evidence images start blurred and grey, revealed one at a time, unless the
// analyst chooses to see them as they are. Saved per account.
import type { ChangeEvent } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { useAction } from '../../kit/use-action';
import { usePreferencesStore, type EvidenceImages } from './store';

const CHOICES: readonly { value: EvidenceImages; label: string; hint: string }[] = [
  { value: 'blurred', label: 'Blurred until I reveal each one', hint: 'Recommended: disturbing material stays out of sight until you choose to look.' },
  { value: 'shown', label: 'Shown as they are', hint: 'Images appear in full colour as soon as you open them.' },
];

export function EvidenceImagesSection() {
  const choice = usePreferencesStore((state) => state.evidenceImages);
  const setChoice = usePreferencesStore((state) => state.setEvidenceImages);
  const action = useAction(setChoice);
  const choose = (event: ChangeEvent<HTMLInputElement>) => void action.run(event.target.value as EvidenceImages);

  return (
    <section className="panel" aria-labelledby="settings-evidence-images">
      <h2 id="settings-evidence-images">Evidence images</h2>
      <p className="panel__description">How images attached to investigations appear when you open them. Saved for your account.</p>
      <ErrorBanner message={action.error?.message} />
      <fieldset className="choice-group">
        <legend className="visually-hidden">Evidence images</legend>
        {CHOICES.map((option) => (
          <label key={option.value} className="choice" title={option.hint}>
            <input
              type="radio"
              name="evidenceImages"
              value={option.value}
              checked={choice === option.value}
              onChange={choose}
              data-testid={`evidence-images-${option.value}`}
            />
            {option.label}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
