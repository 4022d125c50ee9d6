// Settings: each section belongs to its own domain; vault-wide security only for system_config, the
// service levels for everyone (changed by admin_access), API tokens for everyone (each their own;
// an administrator sees all).
import { PageHeader } from '../../components/PageHeader';
import { useSessionStore } from '../../kit/session-store';
import { ChangePasswordForm } from '../auth/ChangePasswordForm';
import { AppearanceSection } from '../preferences/AppearanceSection';
import { EvidenceImagesSection } from '../preferences/EvidenceImagesSection';
import { TwoFactorSection } from '../two-factor/TwoFactorSection';
import { SecurityPolicySection } from '../security-policy/SecurityPolicySection';
import { ServiceLevelsSection } from '../service-levels/ServiceLevelsSection';
import { ActionHooksSection } from '../actions/ActionHooksSection';
import { ApiTokensSection } from '../api-tokens/ApiTokensSection';
import { RecoveryKeySection } from './RecoveryKeySection';
import { AboutSection } from './AboutSection';
import './settings.css';

export function SettingsPage() {
  const mayConfigure = useSessionStore((state) => state.session?.permissions.includes('system_config') ?? false);
  const mayAdminister = useSessionStore((state) => state.session?.permissions.includes('admin_access') ?? false);
  return (
    <div className="page--narrow">
      <PageHeader title="Settings" description="Your account on this vault, the vault’s service levels, and vault-wide security if your role allows it." />
      <AppearanceSection />
      <EvidenceImagesSection />
      <section className="panel" aria-labelledby="settings-password">
        <h2 id="settings-password">Password</h2>
        <p className="panel__description">Used to sign in and to unlock. Your other open sessions keep running.</p>
        <ChangePasswordForm confirmSuccess />
      </section>
      <TwoFactorSection />
      <ApiTokensSection />
      {mayConfigure && (
        <>
          <SecurityPolicySection />
          <RecoveryKeySection />
        </>
      )}
      <ServiceLevelsSection />
      {mayAdminister && <ActionHooksSection />}
      <AboutSection />
    </div>
  );
}
