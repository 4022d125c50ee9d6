// Sizes for people, the same on every screen (evidence, backups, imports, case packages, sync).

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB'] as const;

/** 0 B, 1023 B, 1 KiB, 1.5 KiB, 145 MiB: binary units, one decimal below 10 (a size is read at a glance). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.max(0, Math.round(bytes))} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = value < 10 ? value.toFixed(1).replace(/\.0$/, '') : String(Math.round(value));
  return `${shown} ${UNITS[unit]}`;
}
