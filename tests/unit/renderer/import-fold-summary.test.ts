import { describe, expect, it } from 'vitest';
import { foldSummaryText } from '../../../src-renderer/features/import/fold-summary';
import type { ImportFoldPreview } from '../../../src-shared/import-profile-contract';

const basis = 'same detection, entity and hour';
const folding = (over: Partial<ImportFoldPreview>): ImportFoldPreview => ({
  read: 1_204, wholeFile: true, rows: 1_204, alerts: 311, vaultAlerts: 0, alreadyImported: 0, basis, ...over,
});

describe('the import preview\'s fold sentence', () => {
  it('says how many rows fold into how many alerts, and on what', () => {
    expect(foldSummaryText(folding({}))).toBe('1,204 rows will fold into 311 alerts: same detection, entity and hour.');
  });

  it('says when it counted only the first rows of the file', () => {
    expect(foldSummaryText(folding({ read: 200, wholeFile: false, rows: 198, alerts: 40 })))
      .toBe('Of the first 200 rows: 198 rows will fold into 40 alerts: same detection, entity and hour.');
  });

  it('names alerts already in the vault and rows imported before', () => {
    expect(foldSummaryText(folding({ rows: 10, alerts: 4, vaultAlerts: 1, alreadyImported: 2 }))).toBe(
      '10 rows will fold into 4 alerts: same detection, entity and hour. 1 of those alerts is already in the vault and will be counted up, keeping the highest severity. 2 rows were imported before and will be skipped.',
    );
  });

  it('says plainly when nothing folds, and says nothing when no row would be written', () => {
    expect(foldSummaryText(folding({ rows: 3, alerts: 3 }))).toBe('No rows fold together: 3 rows, 3 alerts (rows fold when they have the same detection, entity and hour).');
    expect(foldSummaryText(folding({ rows: 0, alerts: 0 }))).toBeNull();
  });
});
