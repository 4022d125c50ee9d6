// Channels of retention: the policy (administrators), a dry run, applying it now, and the legal hold
// on an investigation. The apply writes its own audit row (retention-apply.ts); the router audits the
// policy change and the hold with their before and after, and announces both writes (announced-writes.ts).
import type { Handlers } from '../router';
import { applyRetention } from '../../retention/retention-apply';
import { countsOf, planRetention } from '../../retention/retention-plan';
import { readRetentionPolicy, saveRetentionPolicy } from '../../retention/retention-policy';
import { readLegalHold, setLegalHold } from '../../retention/legal-hold';
import { requireSession, type Services } from './services';

type Channels = 'retention.getPolicy' | 'retention.updatePolicy' | 'retention.preview' | 'retention.apply' | 'retention.getLegalHold' | 'retention.setLegalHold';

export function retentionHandlers(s: Services): Pick<Handlers, Channels> {
  const repos = () => s.custody.vault.repositories;
  return {
    'retention.getPolicy': () => readRetentionPolicy(repos().settings),
    'retention.updatePolicy': (input, { note }) => {
      const { db, settings } = repos();
      note({ details: { before: readRetentionPolicy(settings), after: input } });
      db.transaction(() => saveRetentionPolicy(settings, input))();
      return readRetentionPolicy(settings);
    },
    'retention.preview': () => {
      const { db, settings } = repos();
      const plan = planRetention(db, readRetentionPolicy(settings), s.clock.now());
      return { policy: plan.policy, at: plan.at, kinds: countsOf(plan) };
    },
    'retention.apply': (_input, { session }) => {
      const { userId } = requireSession(session);
      return applyRetention(repos(), { id: userId, name: repos().users.get(userId)?.username ?? null });
    },
    'retention.getLegalHold': (input) => readLegalHold(repos().db, input.investigationId),
    'retention.setLegalHold': (input, { session, note }) => {
      const { userId } = requireSession(session);
      const { db, row } = repos();
      note({ target: input.investigationId, details: { held: input.held, reason: input.reason } });
      return db.transaction(() => setLegalHold(db, row, input.investigationId, input.held, input.reason, userId))();
    },
  };
}
