// How the sync client's state reads on screen: a word and a tone per state, the clock's health, the
// words for a failed enrolment and for a device's changed audit log. Pure, so the indicator and the
// Sync screen say the same thing.
import type { EvidenceFileProgress, SyncConflictSide, SyncDeviceAuditMismatch, SyncRunState, SyncStatus } from '../../../src-shared/sync-contract';
import type { BadgeTone } from '../../components/Badge';
import { formatBytes } from '../../format/bytes';
import { formatAgo } from '../../format/time';

export const SYNC_STATE_WORDS: Readonly<Record<SyncRunState, { word: string; tone: BadgeTone }>> = {
  off: { word: 'Off', tone: 'neutral' },
  idle: { word: 'Up to date', tone: 'success' },
  syncing: { word: 'Syncing', tone: 'info' },
  paused: { word: 'Paused', tone: 'neutral' },
  offline: { word: 'Offline', tone: 'warning' },
  error: { word: 'Error', tone: 'danger' },
  update_required: { word: 'Update required', tone: 'danger' },
  clock_ahead: { word: 'Clock wrong', tone: 'danger' },
};

/** A skew under this is the network's and the servers' own jitter, not a clock to fix. */
export const CLOCK_SKEW_WORTH_SAYING_MS = 30_000;

/** "2 min 5 s", "3 h 4 min": a clock difference or a duration as a person reads it. */
export function formatSpan(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  return `${Math.round(hours / 24)} days`;
}

/** The clock's health in words, or null when it is fine or not measured yet. */
export function clockWords(status: SyncStatus): string | null {
  if (status.state === 'clock_ahead') {
    const ahead = status.aheadMs ?? (status.clockSkewMs === null ? null : -status.clockSkewMs);
    return ahead === null
      ? 'This computer\'s clock is ahead of the server\'s: fix your system clock, then Sync now.'
      : `This computer's clock is ${formatSpan(ahead)} ahead of the server's. The server refuses changes stamped in its future: fix your system clock, then Sync now.`;
  }
  if (status.clockSkewMs === null || Math.abs(status.clockSkewMs) < CLOCK_SKEW_WORTH_SAYING_MS) return null;
  // Skew is server time minus ours: negative means our clock runs ahead.
  return status.clockSkewMs < 0
    ? `This computer's clock is ${formatSpan(status.clockSkewMs)} ahead of the server's.`
    : `This computer's clock is ${formatSpan(status.clockSkewMs)} behind the server's.`;
}

/** The skew as a short phrase for the indicator's tooltip and the status table. */
export function skewText(clockSkewMs: number | null): string {
  if (clockSkewMs === null) return 'not measured yet';
  if (Math.abs(clockSkewMs) < 1000) return 'in step with the server';
  return `${formatSpan(clockSkewMs)} ${clockSkewMs < 0 ? 'ahead of' : 'behind'} the server`;
}

/**
 * The audit log against what the server holds of it, for the status table; `problem` when the log
 * no longer holds the entry this device sent (rewritten since). Null before the first hello.
 */
export function auditWords(status: SyncStatus): { text: string; problem: boolean } | null {
  const check = status.auditLog;
  if (!check) return null;
  if (check.serverSeq === null) return { text: 'nothing sent to the server yet', problem: false };
  if (check.matches) return { text: `holds entry ${check.serverSeq.toLocaleString()} as sent to the server`, problem: false };
  return {
    text: `changed since entry ${check.serverSeq.toLocaleString()} was sent to the server: this vault's log no longer holds it as sent. The organisation's admins see this on their device list.`,
    problem: true,
  };
}

/** The Devices panel's mark for a device whose audit log no longer matches the server's copy. */
export const AUDIT_MISMATCH_BADGE = 'Audit log changed';

/**
 * What changed in a device's audit log, and when the server last found it, for an administrator who
 * is not a sync engineer (docs/SYNC.md, "Audit rows"). "Last found": the server stamps the time again
 * at each round the log still does not match, so it is not when the change was made.
 */
export function auditMismatchWords(mismatch: SyncDeviceAuditMismatch, now: number): { what: string; found: string } {
  return { what: `${auditMismatchWhat(mismatch)}.`, found: `Last found ${formatAgo(mismatch.at, now)}.` };
}

// "Entry", as the Status panel and the Audit log screen name a row of the log (its seq). A no-break
// space keeps the number with its word when the State column wraps the line.
function auditMismatchWhat({ seq, reason }: SyncDeviceAuditMismatch): string {
  // Only the head a push carried went back: entries are missing, with none written past them to say which.
  if (seq === null) return 'Entries already sent deleted or rewritten';
  const number = seq.toLocaleString();
  // `rewritten`: entry N does not follow the entries the server holds, or is not the one a push reported;
  // the change is at or before it (entries deleted and others written, or a restore from an older backup).
  if (reason === 'rewritten') return `Entries deleted or rewritten at or before entry\u00a0${number}`;
  // `broken`: its hash is not the hash of its own fields: the entry was edited without its chain.
  if (reason === 'broken') return `Entry\u00a0${number} was edited`;
  return `Entry\u00a0${number} does not match the server's copy`;
}

/** "42 %" of a first sync's pull, or null when there is no progress to show. */
export function progressPercent(progress: SyncStatus['progress']): number | null {
  if (!progress || progress.total <= 0) return null;
  return Math.min(100, Math.floor((progress.done / progress.total) * 100));
}

/**
 * A round's evidence files as they move: "Sending evidence files: 1 of 3, 34 MiB of 120 MiB", with the
 * bytes' whole percent (null when nothing is left to move: a file not ready dropped out of the totals).
 */
export function filesWords(files: EvidenceFileProgress): { text: string; percent: number | null } {
  const verb = files.direction === 'upload' ? 'Sending' : 'Receiving';
  const count = files.files === 1 ? 'evidence file' : 'evidence files';
  const done = Math.min(files.filesDone + 1, files.files);
  return {
    text: `${verb} ${count}: ${done.toLocaleString()} of ${files.files.toLocaleString()}, ${formatBytes(files.bytesDone)} of ${formatBytes(files.bytes)}`,
    percent: progressPercent({ done: files.bytesDone, total: files.bytes }),
  };
}

/** The round's evidence files while any move: none once every one dropped out of the totals. */
export function filesMoving(status: SyncStatus): EvidenceFileProgress | null {
  return status.files && status.files.files > 0 ? status.files : null;
}

export function pendingText(count: number): string {
  if (count === 0) return 'nothing waiting to send';
  return count === 1 ? '1 change waiting to send' : `${count.toLocaleString()} changes waiting to send`;
}

/** The words for a refused enrolment, by the server's code (details.code), never by message text. */
export const ENROL_ERROR_WORDS: Readonly<Record<string, string>> = {
  ENROL_TOKEN_INVALID: 'The enrolment token is not valid: it was already used, has expired, or was mistyped. Ask the server\'s administrator for a new one.',
  OFFLINE: 'The sync server did not answer. Check the address and that the server is running, then try again.',
  INVALID_REQUEST: 'The server address is not usable: it must be an https:// address (plain http:// only on this computer).',
  UPDATE_REQUIRED: 'The sync server needs a newer Vigil. Update this app, then enrol again.',
  SERVER_TOO_OLD: 'The sync server is older than this app supports. Ask its administrator to update it.',
};

type Choice = 'held' | 'incoming';

interface LabelledSide {
  side: SyncConflictSide;
  /** What choosing this side is called in the resolve channel: the server lists its held side first. */
  choice: Choice;
  label: string;
  button: string;
}

/**
 * The sides as this vault sees them: its own edit first ("This vault"), the other device's beside it.
 * The server's order (held, incoming) is the same in every vault, so it cannot say which is ours;
 * the side's device can. A conflict between two other devices keeps the server's words.
 */
export function labelSides(sides: readonly SyncConflictSide[], ownDeviceId: string): LabelledSide[] {
  const [held, incoming] = sides;
  if (!held || !incoming) return [];
  const heldIsOurs = held.device === ownDeviceId;
  if (!heldIsOurs && incoming.device !== ownDeviceId) {
    return [
      { side: held, choice: 'held', label: 'Held by the server', button: 'Keep the held' },
      { side: incoming, choice: 'incoming', label: 'Incoming', button: 'Take the incoming' },
    ];
  }
  const ours = { side: heldIsOurs ? held : incoming, choice: heldIsOurs ? 'held' : 'incoming', label: 'This vault', button: 'Keep this vault\'s' } as const;
  const other = { side: heldIsOurs ? incoming : held, choice: heldIsOurs ? 'incoming' : 'held', label: 'The other device', button: 'Take the other' } as const;
  return [ours, other];
}
