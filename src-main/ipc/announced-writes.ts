// Which calls change what other windows hold: the one table the router consults after a call
// succeeds. A write not listed here is not announced; its own window already shows what it did.
import type { ChannelName, ChannelOutput, ParsedInput } from '../../src-shared/contract';
import type { DataChange } from '../../src-shared/events';

type Announcement<C extends ChannelName> = (input: ParsedInput<C>, output: ChannelOutput<C>) => DataChange[];
type AnnouncedWrites = { [C in ChannelName]?: Announcement<C> };

const ALERTS: DataChange = { topic: 'alerts' };
const ANY_INVESTIGATION: DataChange = { topic: 'investigations' };
const investigation = (id: string): DataChange => ({ topic: 'investigations', investigationIds: [id] });
/** An action moved: the approvals queue, and the case it belongs to (its Actions tab and timeline). */
const action = (item: { investigationId: string }): DataChange[] => [{ topic: 'approvals' }, investigation(item.investigationId)];

export const ANNOUNCED_WRITES: AnnouncedWrites = {
  'alerts.bulk': () => [ALERTS],
  'alerts.promote': (_input, detail) => [ALERTS, investigation(detail.id)],
  'alerts.merge': (input) => [ALERTS, investigation(input.investigationId)],
  'alerts.importFile': () => [ALERTS],
  'alerts.importUpload': () => [ALERTS],
  'demo.generate': () => [ALERTS, ANY_INVESTIGATION],
  'investigations.importFile': () => [ALERTS, ANY_INVESTIGATION],
  'investigations.importUpload': () => [ALERTS, ANY_INVESTIGATION],
  'casePackage.import': () => [ALERTS, ANY_INVESTIGATION],
  'backup.restoreInvestigation': () => [ALERTS, ANY_INVESTIGATION, { topic: 'approvals' }],
  'investigations.create': (_input, detail) => [investigation(detail.id)],
  'investigations.update': (input) => [investigation(input.investigationId)],
  'investigations.setStatus': (input) => [investigation(input.investigationId)],
  'notes.add': (input) => [investigation(input.investigationId)],
  'findings.add': (input) => [investigation(input.investigationId)],
  'findings.update': (_input, finding) => [investigation(finding.investigationId)],
  'tasks.add': (input) => [investigation(input.investigationId)],
  'tasks.update': (_input, task) => [investigation(task.investigationId)],
  'evidence.add': (input) => [investigation(input.investigationId)],
  'investigations.unlinkAlerts': (input) => [ALERTS, investigation(input.investigationId)],
  'actions.propose': (_input, item) => action(item),
  'actions.approve': (_input, item) => action(item),
  'actions.reject': (_input, item) => action(item),
  'actions.execute': (_input, item) => action(item),
  'actions.revert': (_input, item) => action(item),
  'retention.apply': () => [ALERTS, ANY_INVESTIGATION, { topic: 'approvals' }],
  'retention.setLegalHold': (input) => [investigation(input.investigationId)],
};

/**
 * What a successful call changed, for the announcer; [] for reads and private writes. The router
 * hands over the input it parsed for `channel` and the handler's answer, so the types hold.
 */
export function changesOf(call: { channel: ChannelName; input: unknown; output: unknown }): DataChange[] {
  const announce = ANNOUNCED_WRITES[call.channel] as ((input: unknown, output: unknown) => DataChange[]) | undefined;
  return announce ? announce(call.input, call.output) : [];
}
