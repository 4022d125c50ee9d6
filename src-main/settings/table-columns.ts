// Each user's columns of a list (hidden ones, dragged widths), kept as a setting per user and table
// so they follow the user to any window or device that syncs the vault.
import { tableColumnsSchema, type TableColumns } from '../../src-shared/my-work-contract';
import type { SettingsRepository } from './settings-repository';

export const NO_COLUMN_CHOICES: TableColumns = { hidden: [], widths: {} };

const keyOf = (userId: string, table: string) => `table-columns:${userId}:${table}`;

export function readTableColumns(settings: SettingsRepository, userId: string, table: string): TableColumns {
  // A value written by an older or newer app that no longer parses is ignored, not an error: the defaults show.
  const parsed = tableColumnsSchema.safeParse(settings.get<unknown>(keyOf(userId, table)));
  return parsed.success ? parsed.data : NO_COLUMN_CHOICES;
}

export function saveTableColumns(settings: SettingsRepository, userId: string, table: string, columns: TableColumns): TableColumns {
  settings.set(keyOf(userId, table), columns);
  return columns;
}
