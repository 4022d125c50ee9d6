#!/usr/bin/python3
"""An independent computation of what `vigil stats --json` reports for the ServiceNow incident log,
with pandas, to check Vigil's numbers against: incidents opened per day, and time to resolve (mean,
median, p95, n) over the resolved incidents.

Usage:
  vigil import servicenow-incident-event-log.csv.gz --kind investigations --source servicenow --data DIR --as USER
  vigil stats --from 2016-02-01 --to 2016-06-30 --data DIR --as USER --json > stats.json
  /usr/bin/python3 scripts/checks/servicenow-stats.py servicenow-incident-event-log.csv.gz stats.json

Each incident is its last row: the latest sys_updated_at, the later row in the file on a tie (what
Vigil's import keeps). Resolved means a state of Resolved or Closed; the resolution time is the
row's resolved_at, else its closed_at, else its sys_updated_at (docs/METRICS.md). Dates are
D/M/YYYY HH:MM in UTC; '?' is empty. Needs Debian's python3-pandas.
"""
import json
import sys

import pandas as pd

log_path, stats_path = sys.argv[1], sys.argv[2]
events = pd.read_csv(log_path, na_values=['?'], keep_default_na=False, dtype=str)
for column in ['opened_at', 'resolved_at', 'closed_at', 'sys_updated_at']:
    events[column] = pd.to_datetime(events[column], format='%d/%m/%Y %H:%M', utc=True)
events['order'] = range(len(events))
last = events.sort_values(['sys_updated_at', 'order'], kind='stable', na_position='first').groupby('number').tail(1)

opened_per_day = last['opened_at'].dt.strftime('%Y-%m-%d').value_counts().sort_index()
resolved = last[last['incident_state'].isin(['Resolved', 'Closed'])]
resolution = resolved['resolved_at'].fillna(resolved['closed_at']).fillna(resolved['sys_updated_at'])
ms = (resolution - resolved['opened_at']).dt.total_seconds() * 1000

with open(stats_path) as f:
    stats = json.load(f)
vigil_days = {v['date']: v['investigations'] for v in stats['volumes'] if v['investigations'] > 0}
expected_days = {day: int(n) for day, n in opened_per_day.items()}
ttr = stats['timeToResolve']['all']
expected_ttr = {'n': int(ms.count()), 'mean': float(ms.mean()), 'median': float(ms.quantile(0.5)), 'p95': float(ms.quantile(0.95))}

ok = vigil_days == expected_days
print(f"incidents opened per day: {len(expected_days)} days, {sum(expected_days.values())} incidents — {'same' if ok else 'DIFFERENT'}")
if not ok:
    for day in sorted(set(vigil_days) | set(expected_days)):
        if vigil_days.get(day) != expected_days.get(day):
            print(f"  {day}: vigil {vigil_days.get(day)} pandas {expected_days.get(day)}")
for key in ['n', 'mean', 'median', 'p95']:
    same = abs(ttr[key] - expected_ttr[key]) <= 1e-6 * max(1, abs(expected_ttr[key]))
    ok = ok and same
    print(f"time to resolve {key}: vigil {ttr[key]} pandas {expected_ttr[key]} — {'same' if same else 'DIFFERENT'}")
sys.exit(0 if ok else 1)
