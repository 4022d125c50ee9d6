// What shows before app.status has answered, or when it could not be read at all.
import { Alert } from '../components/Alert';
import { Button } from '../components/Button';
import { useSessionStore } from '../kit/session-store';

export function LoadingScreen() {
  return (
    <main className="boot" aria-busy="true">
      <p role="status">Opening Vigil…</p>
    </main>
  );
}

export function UnavailableScreen({ message }: { message: string }) {
  const load = useSessionStore((state) => state.load);
  return (
    <main className="boot">
      <div className="boot__panel">
        <h1>Vigil could not start</h1>
        <Alert tone="error">{message}</Alert>
        <div>
          <Button variant="primary" onClick={() => void load()} autoFocus>
            Try again
          </Button>
        </div>
      </div>
    </main>
  );
}
