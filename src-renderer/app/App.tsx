// The root: reads app.status once, follows session pushes, and shows the one screen the session's
// state calls for (app/screen.ts). data-screen on the root lets e2e tests wait for a screen.
import { useEffect, type ReactElement } from 'react';
import { useSessionStore } from '../kit/session-store';
import { usePreferencesStore } from '../features/preferences/store';
import { CreateVaultForm } from '../features/setup/CreateVaultForm';
import { RecoveryKeyStep } from '../features/setup/RecoveryKeyStep';
import { LoginScreen } from '../features/auth/LoginScreen';
import { TotpScreen } from '../features/auth/TotpScreen';
import { ForcedPasswordChangeScreen } from '../features/auth/ForcedPasswordChangeScreen';
import { LockScreen } from '../features/auth/LockScreen';
import { AppLayout } from './AppLayout';
import { LoadingScreen, UnavailableScreen } from './BootScreens';
import { screenFor, type Screen } from './screen';
import { useAppliedTheme } from './theme';
import { useSessionEvents } from './session-events';
import { useActivityReporter } from './activity-reporter';

export function App() {
  const boot = useSessionStore((state) => state.boot);
  const initialized = useSessionStore((state) => state.initialized);
  const session = useSessionStore((state) => state.session);
  const load = useSessionStore((state) => state.load);
  const theme = usePreferencesStore((state) => state.theme);

  useEffect(() => {
    void load();
  }, [load]);
  useSessionEvents();
  useAppliedTheme(theme);

  const screen = screenFor(boot, initialized, session);
  useActivityReporter(screen.name === 'app' && session ? session.idleLockSeconds : null);

  return (
    <div className="app-root" data-screen={screen.name} data-step={screen.setupStep}>
      <ScreenView screen={screen} failure={boot.phase === 'failed' ? boot.message : ''} />
    </div>
  );
}

function ScreenView({ screen, failure }: { screen: Screen; failure: string }): ReactElement {
  switch (screen.name) {
    case 'loading':
      return <LoadingScreen />;
    case 'unavailable':
      return <UnavailableScreen message={failure} />;
    case 'setup':
      return screen.setupStep === 'recovery-key' ? <RecoveryKeyStep /> : <CreateVaultForm />;
    case 'login':
      return <LoginScreen />;
    case 'totp':
      return <TotpScreen />;
    case 'change-password':
      return <ForcedPasswordChangeScreen />;
    case 'lock':
      return <LockScreen />;
    case 'app':
      return <AppLayout />;
  }
}
