// Settings → API tokens: the tokens scripts sign in with (`VIGIL_TOKEN`, `vigil token`), for everyone
// signed in with a password. Each person sees and revokes their own; an administrator sees everyone's,
// with their owner. A new token is shown once, in a dialog of its own, then only its name remains.
import { useEffect, useId, useRef, useState, type CSSProperties, type RefObject, type SubmitEvent } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { CopyButton } from '../../components/CopyButton';
import { DataTable, type Column } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { SecretValue } from '../../components/SecretValue';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { roleLabel } from '../../format/role';
import { formatDate, formatDateTime } from '../../format/time';
import { useAction } from '../../kit/use-action';
import { useNow } from '../../kit/use-now';
import { useSessionStore } from '../../kit/session-store';
import type { Role } from '../../../src-shared/permissions';
import type { ApiTokenView } from '../../../src-shared/token-contract';
import { API_TOKENS_TABLE_MIN_WIDTH, apiTokenColumnWidth } from './api-token-columns';
import { useApiTokensStore, type TokenDraft } from './store';
import { grantableRoles, parseExpiryDays, tokenStatus, tokenUsage, type TokenStatus } from './token-rules';
import './api-tokens.css';

/** The table's floor, from the columns' own widths (api-tokens.css). */
const TABLE_FLOOR = { '--api-tokens-table-min-width': `${API_TOKENS_TABLE_MIN_WIDTH}px` } as CSSProperties;

const STATUS_BADGE: Readonly<Record<TokenStatus, { tone: BadgeTone; label: string }>> = {
  active: { tone: 'success', label: 'Active' },
  expired: { tone: 'warning', label: 'Expired' },
  revoked: { tone: 'neutral', label: 'Revoked' },
};

export function ApiTokensSection() {
  const role = useSessionStore((state) => state.session?.role ?? null);
  const seesEveryone = useSessionStore((state) => state.session?.permissions.includes('admin_access') ?? false);
  const { tokens, load } = useApiTokensStore();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenView | null>(null);
  const createButton = useRef<HTMLButtonElement>(null);
  const now = useNow();
  useEffect(() => {
    void load();
  }, [load]);
  if (!role) return null;

  const columns: Column<ApiTokenView>[] = [
    // An administrator sees whose token it is under its name (one column fewer, so it fits at 800 px).
    {
      id: 'name', header: seesEveryone ? 'Name · owner' : 'Name', rowHeader: true,
      cell: (token) => (seesEveryone ? <span className="api-tokens__two-lines"><span className="truncate">{token.name}</span><span className="muted mono">{token.owner}</span></span> : token.name),
      fullText: (token) => `${token.name}${seesEveryone ? `, owned by ${token.owner}` : ''} (created ${formatDateTime(token.createdAt)})`,
    },
    { id: 'role', header: 'Role', width: apiTokenColumnWidth('role'), cell: (token) => roleLabel(token.role), fullText: (token) => roleLabel(token.role) },
    // Expiry and last use share a column (two short lines), so the list fits a settings panel at 800 px.
    { id: 'dates', header: 'Expires · used', width: apiTokenColumnWidth('dates'), cell: (token) => <TokenDates token={token} /> },
    {
      id: 'status', header: 'Status', width: apiTokenColumnWidth('status'),
      cell: (token) => {
        const status = STATUS_BADGE[tokenStatus(token, now)];
        return <Badge tone={status.tone} title={token.revokedAt !== null ? `Revoked ${formatDateTime(token.revokedAt)}` : undefined}>{status.label}</Badge>;
      },
    },
    {
      id: 'actions', header: <span className="visually-hidden">Actions</span>, width: apiTokenColumnWidth('actions'), align: 'end',
      cell: (token) => tokenStatus(token, now) === 'active' && (
        <Button size="sm" variant="danger" onClick={() => setRevoking(token)} aria-label={`Revoke ${token.name}`} data-testid="api-token-revoke">
          Revoke
        </Button>
      ),
    },
  ];

  return (
    <section className="panel api-tokens" style={TABLE_FLOOR} aria-labelledby="settings-api-tokens" data-testid="api-tokens">
      <div className="api-tokens__head">
        <h2 id="settings-api-tokens">API tokens</h2>
        <Button ref={createButton} onClick={() => setCreating(true)} data-testid="api-token-create-open">
          Create token…
        </Button>
      </div>
      <p className="panel__description">
        For scripts and the <code>vigil</code> command line while you are away from the app: a token signs in as you, with
        the role you give it (at most yours), without your password or two-factor code.
        {seesEveryone ? ' As an administrator you see every user’s tokens and may revoke any.' : ' Revoke a token a script no longer needs.'}
      </p>
      <ErrorBanner message={tokens.error} />
      <DataTable
        label="API tokens"
        columns={columns}
        rows={tokens.data}
        rowKey={(token) => token.id}
        loading={tokens.status === 'loading' || tokens.status === 'idle'}
        emptyMessage={seesEveryone ? 'Nobody has an API token yet.' : 'You have no API tokens yet. Create one for each script that calls Vigil.'}
        rowClassName={(token) => (tokenStatus(token, now) === 'active' ? undefined : 'api-tokens__row--inactive')}
        testId="api-tokens-table"
      />
      {creating && (
        <CreateTokenDialog
          myRole={role}
          returnFocusTo={createButton}
          onClose={() => setCreating(false)}
          onCreated={(name, secret) => {
            setCreating(false);
            setCreated({ name, secret });
          }}
        />
      )}
      {created && <TokenCreatedDialog name={created.name} secret={created.secret} returnFocusTo={createButton} onClose={() => setCreated(null)} />}
      {revoking && <RevokeTokenDialog token={revoking} returnFocusTo={createButton} onClose={() => setRevoking(null)} />}
    </section>
  );
}

function CreateTokenDialog({ myRole, returnFocusTo, onClose, onCreated }: {
  myRole: Role;
  returnFocusTo: RefObject<HTMLElement | null>;
  onClose(): void;
  onCreated(name: string, secret: string): void;
}) {
  const formId = useId();
  const createToken = useApiTokensStore((state) => state.create);
  // The secret goes straight to the dialog that shows it; nothing here keeps it.
  const action = useAction(async (draft: TokenDraft) => onCreated(draft.name, await createToken(draft)));
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(myRole);
  const [days, setDays] = useState('');
  const [problems, setProblems] = useState<{ name?: string; days?: string }>({});

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const expiry = parseExpiryDays(days);
    setProblems({
      ...(name.trim() === '' ? { name: 'Name the token (what script uses it)' } : {}),
      ...('problem' in expiry ? { days: expiry.problem } : {}),
    });
    if (name.trim() === '' || 'problem' in expiry) return;
    await action.run({ name: name.trim(), role, ...(expiry.days === undefined ? {} : { expiresDays: expiry.days }) });
  };

  return (
    <Dialog
      title="Create an API token"
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      testId="api-token-create-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form={formId} variant="primary" busy={action.pending} data-testid="api-token-create">
            Create token
          </Button>
        </>
      }
    >
      <form id={formId} className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorBanner message={action.error?.message} />
        <TextField
          label="Name"
          value={name}
          maxLength={80}
          hint="What uses it, e.g. nightly audit check."
          onChange={(event) => setName(event.target.value)}
          error={problems.name ?? action.error?.fields.name}
          data-autofocus
          data-testid="api-token-name"
        />
        <SelectField label="Role" value={role} onChange={(event) => setRole(event.target.value as Role)} hint="What the token may do: your role or one below it." data-testid="api-token-role">
          {grantableRoles(myRole).map((option) => (
            <option key={option} value={option}>{roleLabel(option)}</option>
          ))}
        </SelectField>
        <TextField
          label="Expires after (days)"
          inputMode="numeric"
          value={days}
          hint="Leave empty for a token that does not expire."
          onChange={(event) => setDays(event.target.value)}
          error={problems.days ?? action.error?.fields.expiresDays}
          data-testid="api-token-expiry"
        />
      </form>
    </Dialog>
  );
}

export function TokenCreatedDialog({ name, secret, returnFocusTo, onClose }: { name: string; secret: string; returnFocusTo: RefObject<HTMLElement | null>; onClose(): void }) {
  const usage = tokenUsage(secret);
  return (
    <Dialog
      title={`Token “${name}” created`}
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      testId="api-token-created-dialog"
      footer={
        <Button variant="primary" onClick={onClose} data-testid="api-token-created-done">
          Done
        </Button>
      }
    >
      <Alert tone="warning" role="note">
        Copy the token now: it will not be shown again. Vigil keeps only a fingerprint of it, so a lost token cannot be read
        back; revoke it and create another.
      </Alert>
      <SecretValue value={secret} testId="api-token-secret" label="API token" size="md" />
      <p>A script passes it in the <code>VIGIL_TOKEN</code> environment variable to any <code>vigil</code> command, for example:</p>
      <div className="api-tokens__usage">
        <code className="copyable-code" data-testid="api-token-usage">{usage}</code>
        <CopyButton value={usage} label="Copy command" />
      </div>
      <p className="panel__description">Keep it where you keep passwords, not in the script itself.</p>
    </Dialog>
  );
}

function RevokeTokenDialog({ token, returnFocusTo, onClose }: { token: ApiTokenView; returnFocusTo: RefObject<HTMLElement | null>; onClose(): void }) {
  const revoke = useApiTokensStore((state) => state.revoke);
  const action = useAction(async (tokenId: string) => {
    await revoke(tokenId);
    onClose();
  });
  return (
    <Dialog
      title={`Revoke the token “${token.name}”?`}
      size="sm"
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      testId="api-token-revoke-dialog"
      footer={
        <>
          <Button onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button variant="danger" busy={action.pending} onClick={() => void action.run(token.id)} data-testid="api-token-revoke-confirm">
            Revoke token
          </Button>
        </>
      }
    >
      <ErrorBanner message={action.error?.message} />
      <p>
        Scripts using it are refused from now on, and the sessions it opened end. This cannot be undone: a script that still
        needs access gets a new token.
      </p>
      {token.owner && <p className="panel__description">Owner: <span className="mono">{token.owner}</span> · role {roleLabel(token.role)}</p>}
    </Dialog>
  );
}

function TokenDates({ token }: { token: ApiTokenView }) {
  return (
    <span className="api-tokens__two-lines">
      <span>{token.expiresAt === null ? 'Never expires' : <time title={formatDateTime(token.expiresAt)}>{formatDate(token.expiresAt)}</time>}</span>
      <span className="muted">{token.lastUsedAt === null ? 'Never used' : <>Used <time title={formatDateTime(token.lastUsedAt)}>{formatDate(token.lastUsedAt)}</time></>}</span>
    </span>
  );
}
