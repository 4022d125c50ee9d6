// Each person's security risk score (src-main/security/risk-score.ts) with the incidents behind it.
import { ErrorBanner } from '../../components/Alert';
import { SEVERITY_LABELS } from '../../components/severity';
import { formatDateTime } from '../../format/time';
import { SECURITY_RULE_TITLES, type UserRiskScore } from '../../../src-shared/security-model';

export function RiskScores({ scores, error }: { scores: readonly UserRiskScore[]; error: string | null }) {
  return (
    <section className="panel" aria-labelledby="risk-scores-title" data-testid="risk-scores">
      <h2 id="risk-scores-title">Risk by person</h2>
      <p className="panel__description">
        Each incident about a person weighs 1, 3, 9 or 27 by severity, half when resolved, and half again for every half-life since it
        happened (a threshold setting, 14 days by default).
      </p>
      <ErrorBanner message={error} />
      {scores.length === 0 ? (
        <p className="muted">Nobody has a risk score: no incident is about a person.</p>
      ) : (
        <table className="counts-table">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Score</th>
              <th scope="col">Contributing incidents</th>
            </tr>
          </thead>
          <tbody>
            {scores.map((score) => (
              <tr key={score.user.id ?? score.user.name ?? ''} data-testid="risk-score-row">
                <th scope="row">{score.user.name ?? score.user.id}</th>
                <td className="mono">{score.score.toFixed(2)}</td>
                <td>
                  {score.contributions.map((c) => (
                    <span key={c.incidentId} className="security-contribution">
                      {SECURITY_RULE_TITLES[c.rule]} ({SEVERITY_LABELS[c.severity].toLowerCase()}, {c.status}, {formatDateTime(c.happenedAt)},{' '}
                      {c.evidenceCount} rows): {c.weight}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
