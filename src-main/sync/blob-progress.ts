// How far a round's evidence files have moved, for the sync status (`EvidenceFileProgress`): one
// direction's files and bytes. Reported at the start, when a file's chunks start to move and when it
// ends (or drops out), and in between at most every REPORT_INTERVAL_MS: a chunk is 1 MiB, so a fast
// link moves hundreds a second, and each report is a status event to every window.
import type { EvidenceFileProgress } from '../../src-shared/sync-contract';

export type EvidenceFileListener = (progress: EvidenceFileProgress) => void;

export const REPORT_INTERVAL_MS = 250;

export class EvidenceFileTally {
  private readonly progress: EvidenceFileProgress;
  /** What `bytesDone` holds of the file in hand. */
  private fileBytesDone = 0;
  private lastReportAt = Number.NEGATIVE_INFINITY;

  constructor(
    direction: EvidenceFileProgress['direction'],
    sizes: readonly number[],
    private readonly listener: EvidenceFileListener | undefined,
    private readonly now: () => number,
  ) {
    this.progress = { direction, filesDone: 0, files: sizes.length, bytesDone: 0, bytes: sizes.reduce((sum, size) => sum + size, 0) };
    if (sizes.length > 0) this.report(true);
  }

  /** A file's chunks start to move; `heldBytes` of it the other side holds from an earlier round. */
  started(heldBytes: number): void {
    this.fileBytesDone = heldBytes;
    this.progress.bytesDone += heldBytes;
    this.report(true);
  }

  /** A chunk of the file in hand moved. */
  moved(bytes: number): void {
    this.fileBytesDone += bytes;
    this.progress.bytesDone += bytes;
    this.report(false);
  }

  /** The file in hand is whole on the other side: moved, copied, or found there already. */
  finished(size: number): void {
    this.progress.bytesDone += size - this.fileBytesDone;
    this.progress.filesDone += 1;
    this.fileBytesDone = 0;
    this.report(true);
  }

  /** The file in hand starts again from nothing (the server dropped what it had of it). */
  restartFile(): void {
    this.progress.bytesDone -= this.fileBytesDone;
    this.fileBytesDone = 0;
    this.report(false);
  }

  /**
   * The file in hand does not move this round: not ready on the server or damaged on the way (it moves
   * next round), or no longer this device's to send. Out of both totals.
   */
  notMoving(size: number): void {
    this.progress.bytesDone -= this.fileBytesDone;
    this.progress.files -= 1;
    this.progress.bytes -= size;
    this.fileBytesDone = 0;
    this.report(true);
  }

  private report(always: boolean): void {
    const at = this.now();
    if (!always && at - this.lastReportAt < REPORT_INTERVAL_MS) return;
    this.lastReportAt = at;
    this.listener?.({ ...this.progress });
  }
}
