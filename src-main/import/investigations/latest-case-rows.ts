// The investigation import's resolver (import-driver.ts): event-log exports have several rows per
// case, and the latest row wins — by the updated time when mapped, else the later row in the file.
// Nothing is written until the whole file is read; then each case's latest row is mapped onto
// investigation fields, or rejected with its line.
import type { ReleasedRow, RowResolver } from '../import-driver';
import { caseFields, type CaseFields, type CaseRow, type InvestigationProfile } from './investigation-row-mapper';

interface LatestRow extends CaseRow {
  line: number;
  order: number;
}

export class LatestCaseRows implements RowResolver<CaseRow, CaseFields> {
  readonly streams = false;
  private readonly latest = new Map<string, LatestRow>();

  constructor(private readonly profile: InvestigationProfile) {}

  add(row: CaseRow, line: number, order: number): CaseFields[] {
    const seen = this.latest.get(row.ref);
    if (!seen || isLater({ updatedAt: row.updatedAt, order }, seen)) this.latest.set(row.ref, { ...row, line, order });
    return [];
  }

  *drain(): Iterable<ReleasedRow<CaseFields>> {
    for (const candidate of this.latest.values()) {
      const mapped = caseFields(candidate.values, this.profile);
      yield { line: candidate.line, row: mapped.ok ? { ok: true, row: mapped.value } : mapped };
    }
  }
}

/** Later update time wins; equal or unknown times fall back to file order (the later row wins). */
function isLater(candidate: { updatedAt: number | null; order: number }, seen: LatestRow): boolean {
  if (candidate.updatedAt !== null && seen.updatedAt !== null && candidate.updatedAt !== seen.updatedAt) return candidate.updatedAt > seen.updatedAt;
  return candidate.order > seen.order;
}
