// The app-wide banner for open error and critical health alerts: every signed-in person sees that
// the installation is in trouble (backups stopped, the disk full, the vault damaged) and whom to
// tell; administrators get a link to the panel.
import { useEffect } from 'react';
import { useSessionStore } from '../../kit/session-store';
import { useNavigationStore } from '../../kit/navigation';
import { useHealthBannerStore } from './banner-store';
import './health.css';

export function HealthBanner() {
  const alerts = useHealthBannerStore((state) => state.alerts);
  const load = useHealthBannerStore((state) => state.load);
  const isAdmin = useSessionStore((state) => state.session?.permissions.includes('admin_access') ?? false);
  const navigate = useNavigationStore((state) => state.navigate);

  useEffect(() => {
    load().catch(() => undefined);
  }, [load]);

  if (alerts.length === 0) return null;
  const critical = alerts.some((alert) => alert.level === 'critical');
  return (
    <div role="alert" className={`health-banner health-banner--${critical ? 'critical' : 'error'}`} data-testid="health-banner">
      <strong className="health-banner__title">{critical ? 'Critical: ' : 'Error: '}this installation needs attention.</strong>
      <ul className="health-banner__list">
        {alerts.map((alert) => (
          <li key={alert.check} data-check={alert.check} data-level={alert.level}>
            {alert.message}
          </li>
        ))}
      </ul>
      {isAdmin ? (
        <a href="#health" className="health-banner__link" onClick={(event) => { event.preventDefault(); navigate('health'); }}>
          Open the health panel
        </a>
      ) : (
        <span>Tell an administrator.</span>
      )}
    </div>
  );
}
