// About this app: its version and where it writes its log file, the place errors point to ("the
// details are in the log"). The log holds no secrets and masks PII, so it can go to support.
import { useSessionStore } from '../../kit/session-store';

export function AboutSection() {
  const version = useSessionStore((state) => state.version);
  const logPath = useSessionStore((state) => state.logPath);
  return (
    <section className="panel" aria-labelledby="settings-about">
      <h2 id="settings-about">About Vigil</h2>
      <dl className="about-facts">
        <dt>Version</dt>
        <dd>{version ?? 'unknown'}</dd>
        <dt>Log file</dt>
        <dd>
          {logPath ? <code className="about-facts__path" data-testid="log-path">{logPath}</code> : 'This Vigil keeps no log file.'}
          {logPath && (
            <p className="panel__description">
              Rotated at 5 MiB, five files kept, readable only by your account. Passwords, keys and tokens are left out and
              emails, IP addresses and phone numbers are masked, so you can send it to support.
            </p>
          )}
        </dd>
      </dl>
    </section>
  );
}
