// Shown on the sign-in and lock screens while the vault is upgraded to a new format (after an update):
// a long upgrade moves a bar rather than leaving a spinner that looks frozen.
import type { VaultUpgradeProgress } from '../../../src-shared/events';

export function upgradePercent(progress: VaultUpgradeProgress): number {
  return progress.total > 0 ? Math.min(100, Math.floor((progress.done * 100) / progress.total)) : 0;
}

export function VaultUpgradeProgressBar({ progress }: { progress: VaultUpgradeProgress }) {
  const percent = upgradePercent(progress);
  return (
    <div className="vault-upgrade" data-testid="vault-upgrade" role="status">
      <p className="vault-upgrade__label" id="vault-upgrade-label">
        Upgrading the vault to a new format… <span className="mono">{percent} %</span>
      </p>
      <div
        className="vault-upgrade__track"
        role="progressbar"
        aria-labelledby="vault-upgrade-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="vault-upgrade__fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="vault-upgrade__hint">This happens once after an update. Until it finishes the vault stays as it was, so closing Vigil loses nothing.</p>
    </div>
  );
}
