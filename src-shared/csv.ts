// CSV that is safe to open in a spreadsheet: RFC 4180 quoting (CRLF rows, quotes doubled, fields
// with a comma, quote, line break or edge space quoted) and formula-injection defence (a text cell
// starting with = + - @, tab or carriage return gets a leading single quote, OWASP's advice), so a
// title like "=HYPERLINK(...)" stays text.
export type CsvValue = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  // Numbers are written by us, not typed by anyone: a negative number stays a number.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** A whole table: the header row, then one row per record, each cell written by `csvCell`. */
export function csvTable(columns: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [csvRow(columns), ...rows.map(csvRow)].join('');
}
