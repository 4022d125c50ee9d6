// Placeholder while this screen is being built in this change.
import { PageHeader } from '../../components/PageHeader';

export function TriagePage() {
  return <PageHeader title="Alerts" />;
}
