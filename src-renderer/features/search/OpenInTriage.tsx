// "Open in triage" beside a saved query: the triage queue filtered as the query says, when the queue
// can say it; otherwise a note saying why not (the button would only disappoint).
import { Button } from '../../components/Button';
import { useNavigationStore } from '../../kit/navigation';
import { routeParamFromDraft } from '../triage/filter-form';
import { triageDraftFromQuery } from './triage-from-query';

export function OpenInTriage({ name, query }: { name: string; query: string }) {
  const navigate = useNavigationStore((state) => state.navigate);
  const result = triageDraftFromQuery(query);
  if (!result.ok) {
    return (
      <span className="muted open-in-triage__reason" title={result.reason} data-testid="open-in-triage-unavailable">
        Not a triage filter: {result.reason}.
      </span>
    );
  }
  return (
    <Button size="sm" variant="ghost" onClick={() => navigate('triage', routeParamFromDraft(result.draft))} aria-label={`Open saved query ${name} in triage`} data-testid="open-in-triage">
      Open in triage
    </Button>
  );
}
