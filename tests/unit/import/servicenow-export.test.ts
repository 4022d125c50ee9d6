// The whole real ServiceNow export through the streaming pieces, as the import will read it.

import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../../src-main/import/csv-records';
import { normaliseSeverity } from '../../../src-main/import/severity';
import { detectTimestampFormat, isEmptyValue, parseTimestamp } from '../../../src-main/import/timestamps';

const SERVICENOW = '/work/shared/data/servicenow-incident-event-log.csv.gz';

describe('the ServiceNow incident event log', () => {
  it('streams 119,998 records of 36 fields whose dates read as D/M/YYYY in UTC', async () => {
    let header: string[] | null = null;
    let records = 0;
    let lastLine = 0;
    const wrongWidth: number[] = [];
    const unreadDates: string[] = [];
    const unmappedPriorities = new Set<string>();
    const openedSamples: string[] = [];
    let openedMin = Infinity;
    let openedMax = -Infinity;
    let closedEmpty = 0;

    for await (const { line, fields } of csvRecords(createReadStream(SERVICENOW).pipe(createGunzip()))) {
      if (header === null) {
        header = fields;
        continue;
      }
      records++;
      lastLine = line;
      if (fields.length !== 36) wrongWidth.push(line);
      const opened = fields[header.indexOf('opened_at')] ?? '';
      if (openedSamples.length < 200) openedSamples.push(opened);
      const result = parseTimestamp(opened, { format: 'dmy', timeZone: 'UTC' });
      if (result.ok) {
        openedMin = Math.min(openedMin, result.ms);
        openedMax = Math.max(openedMax, result.ms);
      } else {
        unreadDates.push(`${line}: ${opened} (${result.reason})`);
      }
      const closed = fields[header.indexOf('closed_at')] ?? '';
      if (isEmptyValue(closed)) closedEmpty++;
      else if (!parseTimestamp(closed, { format: 'dmy', timeZone: 'UTC' }).ok) unreadDates.push(`${line}: ${closed}`);
      const priority = fields[header.indexOf('priority')] ?? '';
      if (!normaliseSeverity(priority).ok) unmappedPriorities.add(priority);
    }

    expect(header).toHaveLength(36);
    expect(records).toBe(119_998);
    expect(lastLine).toBe(119_999); // no quoted newlines in this file: one record per line
    expect(wrongWidth).toEqual([]);
    expect(unreadDates).toEqual([]);
    expect(unmappedPriorities).toEqual(new Set());
    expect(closedEmpty).toBeLessThan(records);
    // The data README: opened 2016-02-29 … 2016-05-13 (the log includes some incidents opened earlier).
    expect(new Date(openedMax).toISOString().slice(0, 10)).toBe('2016-05-13');
    expect(openedMin).toBeLessThanOrEqual(Date.UTC(2016, 1, 29, 23, 59));
    expect(detectTimestampFormat(openedSamples)).toMatchObject({ ok: true, format: 'dmy', needsTimeZone: true });
  });
});
