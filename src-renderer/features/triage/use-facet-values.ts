// The sources or rules present that start with what is typed, for the filter bar's completions
// (a <datalist>). Asked a moment after typing stops; an answer for older text is dropped.
import { useEffect, useState } from 'react';
import { api } from '../../api/client';

const PAUSE_MS = 150;

export function useFacetValues(field: 'source' | 'rule', prefix: string): string[] {
  const [values, setValues] = useState<string[]>([]);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      api.invoke('alerts.facets', { field, prefix: prefix.trim(), limit: 20 }).then(
        (answer) => { if (current) setValues(answer.values); },
        // Completions are a help, not the filter: without them the box still filters by prefix.
        () => { if (current) setValues([]); },
      );
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [field, prefix]);
  return values;
}
