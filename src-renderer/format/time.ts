// Times for analysts: unambiguous, sortable-looking local times (YYYY-MM-DD HH:MM) rather than
// locale-dependent prose, so a timestamp reads the same in a screenshot pasted into a case file.

const pad = (value: number) => String(value).padStart(2, '0');

/** 2025-11-25 in local time. */
export function formatDate(epochMs: number): string {
  const date = new Date(epochMs);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** 2025-11-25 14:03 in local time. */
export function formatDateTime(epochMs: number): string {
  const date = new Date(epochMs);
  return `${formatDate(epochMs)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** 2025-11-25 14:03:07 in local time, for audit rows where seconds matter. */
export function formatDateTimeSeconds(epochMs: number): string {
  const date = new Date(epochMs);
  return `${formatDateTime(epochMs)}:${pad(date.getSeconds())}`;
}

/** 14:03:07 in local time. */
export function formatTimeOfDay(epochMs: number): string {
  const date = new Date(epochMs);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** A span of seconds in the largest units that keep it exact: "45 s", "15 min", "1 h 30 min". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return `${seconds} s`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours} h`);
  if (minutes > 0) parts.push(`${minutes} min`);
  if (rest > 0) parts.push(`${rest} s`);
  return parts.join(' ');
}

/** "just now", "4 min ago", "3 h ago"; older than a day falls back to the date. */
export function formatAgo(epochMs: number, now: number): string {
  const seconds = Math.round((now - epochMs) / 1000);
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return formatDateTime(epochMs);
}
