// Counts that may have stopped at a cap: never shown as if exact.

/** "10,000+" for a capped count (the badge's short form), "1,234" otherwise. */
export function countNumber(count: number, capped: boolean): string {
  return capped ? `${count.toLocaleString()}+` : count.toLocaleString();
}

/** "more than 10,000 results", "1 result", "3 results". */
export function countText(count: number, capped: boolean, one: string, many: string): string {
  if (capped) return `More than ${count.toLocaleString()} ${many}`;
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

/** "showing 50 of more than 10,000", "showing 50 of 120", or just "3" when every one is shown. */
export function shownOf(shown: number, count: number, capped: boolean): string {
  if (!capped && shown >= count) return count.toLocaleString();
  return `showing ${shown.toLocaleString()} of ${capped ? 'more than ' : ''}${count.toLocaleString()}`;
}
