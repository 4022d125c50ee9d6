// The usage text. Its own module with no import of the core: `vigil help` loads only this.
import { defaultDataDir } from '../platform/data-dir';
import { logFilePath } from '../platform/log-file';

/** The usage, with where this user's data and log file are when --data is not given. */
export function helpText(env: NodeJS.ProcessEnv): string {
  return `Vigil — offline investigation workstation

Usage:
  vigil init --data DIR --admin NAME [--name VAULT] [--display-name NAME]
  vigil user add USERNAME --role ROLE [--display-name NAME] --data DIR --as ADMIN
  vigil user list --data DIR --as ADMIN
  vigil user set-role USERNAME ROLE --data DIR --as ADMIN
  vigil user disable|enable|reset-password USERNAME --data DIR --as ADMIN
  vigil audit verify --data DIR --as USER
  vigil serve [--data DIR] [--port N]
  vigil import FILE [--source NAME] [--kind alerts|investigations] [--format csv|ndjson|json]
               [--mapping PROFILE.json] [--mode good-rows|all-or-nothing] [--time-zone ZONE] --data DIR --as USER
               (defaults: --source import, --kind alerts, --mode all-or-nothing, --time-zone UTC)
  vigil demo --alerts N [--seed S] [--days D] --data DIR --as ADMIN
  vigil backup create|list|prune --data DIR --as ADMIN [--json]
  vigil backup verify FILE --data DIR --as ADMIN [--json]
  vigil backup restore FILE --confirm VAULT_NAME --data DIR (--as ADMIN | --recovery-key)
               (the recovery key comes from VIGIL_RECOVERY_KEY or a prompt)
  vigil backup restore-investigation FILE --investigation KEY --data DIR --as ADMIN [--json]
  vigil case export INVESTIGATION-KEY --out FILE.vigilcase --data DIR --as USER [--json]
  vigil case inspect|import FILE.vigilcase --data DIR --as USER [--json]
               (the passphrase comes from VIGIL_CASE_PASSPHRASE or a prompt)
  vigil export alerts [--status S,..] [--severity S,..] [--source NAME] [--from DATE] [--to DATE]
               --format csv|json --out FILE [--limit N] --data DIR --as USER [--json]
  vigil export investigations [--status S,..] [--severity S,..] --format csv|json --out FILE [--limit N] --data DIR --as USER
  vigil export investigation KEY --format csv|json --out FILE --data DIR --as USER [--json]
               (PII masked as the user sees it; audited; at most 200,000 rows: above that, narrow the filter or pass --limit)
  vigil token create --name NAME [--role ROLE] [--expires DAYS] --data DIR --as USER
  vigil token list|revoke [TOKEN-ID] --data DIR --as USER
               (a script passes the token in VIGIL_TOKEN instead of --as, password and two-factor code)
  vigil stats --data DIR --as USER [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--tz ZONE] [--json]
               (defaults: the 30 days to today, --tz UTC; definitions in docs/METRICS.md)
  vigil report INVESTIGATION-KEY --out FILE.pdf|FILE.html --data DIR --as USER [--json]
  vigil report --analytics [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--tz ZONE] --out FILE.pdf|FILE.html
               --data DIR --as USER [--json]   (range defaults as vigil stats)
  vigil health --data DIR --as ADMIN [--json]
               (runs every health check once; exit 1 when one is at error or critical; docs/HEALTH.md)
  vigil security incidents [--status open|investigating|resolved] [--severity S] [--limit N] --data DIR --as ADMIN [--json]
  vigil security investigate|resolve INCIDENT-ID [--note TEXT] --data DIR --as ADMIN [--json]
               (resolve needs --note; nobody may move an incident about themselves: docs/SECURITY-MONITORING.md)
  vigil retention --dry-run|--apply --data DIR --as ADMIN [--json]
               (the saved retention policy: the exact counts it removes now, or remove them; docs/COMPLIANCE.md)
  vigil compliance --data DIR --as USER [--out FILE.pdf|FILE.html] [--json]
               (every compliance control evaluated now; exit 1 when one fails or could not run)

Options:
  --data DIR   the data directory (default: the per-user app-data folder)
  --as NAME    sign in as this user (password from VIGIL_PASSWORD or a prompt; TOTP code from VIGIL_TOTP or a prompt);
               with VIGIL_TOKEN set, the API token signs in instead; while the app or vigil serve has the vault
               open, audit verify, stats, export, user list, backup list|verify, health and security incidents run through
               it with the token
  --json       machine-readable output (every command)
Roles: viewer, analyst, senior_analyst, investigator, admin, super_admin
Log file: DIR/logs/vigil.log, rotated at 5 MiB, 5 files kept, owner-only; no secrets, PII masked
  (without --data: ${logFilePath(defaultDataDir(env))})
Exit codes: 0 ok, 1 failure, 2 usage`;
}
