// Demo data for demos and benchmarks.
import { randomUUID } from 'node:crypto';
import type { Handlers } from '../router';
import { requireSession, type Services } from './services';
import { generateDemoData } from '../../demo/demo-service';

export function demoHandlers(s: Services): Pick<Handlers, 'demo.generate'> {
  return {
    'demo.generate': async (input, { session, note }) => {
      const live = requireSession(session);
      const jobId = randomUUID();
      note({ details: { alerts: input.alerts, seed: input.seed, days: input.days, investigations: input.investigations ?? null } });
      return generateDemoData(s.custody.vault.repositories, { ...input, now: s.clock.now(), userId: live.userId }, (done, total) => {
        s.events.emit({ sessionId: live.id }, 'job.progress', { jobId, label: 'Generating demo alerts', done, total });
      });
    },
  };
}
