// Tasks: a checklist with assignees. Ticking one done (or undone) saves at once.
import { useEffect, useState, type SubmitEvent } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { fieldText } from '../../components/native-form';
import { useAction } from '../../kit/use-action';
import { formatDateTime } from '../../format/time';
import type { Task } from '../../../src-shared/workspace-model';
import { assignableUsers, useDirectoryStore } from '../investigations/directory-store';
import { PartState } from './PartState';
import { useInvestigationStore } from './store';
import { usePermission } from '../../kit/use-permission';

export function TasksTab() {
  const slot = useInvestigationStore((state) => state.parts.tasks);
  const loadPart = useInvestigationStore((state) => state.loadPart);
  const mayModify = usePermission('modify_investigations');

  useEffect(() => {
    void loadPart('tasks');
  }, [loadPart]);

  return (
    <div className="inv-section">
      <h2>Tasks</h2>
      {mayModify && <NewTaskForm />}
      <PartState slot={slot} onRetry={() => void loadPart('tasks', true)}>
        {(tasks) =>
          tasks.length === 0 ? (
            <p className="muted">No tasks yet.</p>
          ) : (
            <ul className="task-list" data-testid="tasks-list">
              {[...tasks].sort((a, b) => Number(a.done) - Number(b.done) || a.createdAt - b.createdAt).map((task) => (
                <TaskRow key={task.id} task={task} mayModify={mayModify} />
              ))}
            </ul>
          )
        }
      </PartState>
    </div>
  );
}

function AssigneeSelect({ value, onChange, label, hideLabel = false, disabled, testId }: {
  value: string; onChange(id: string): void; label: string; hideLabel?: boolean; disabled?: boolean; testId?: string;
}) {
  const users = assignableUsers(useDirectoryStore((state) => state.directory.data.users));
  return (
    <SelectField label={hideLabel ? <span className="visually-hidden">{label}</span> : label} inline value={value} onChange={(event) => onChange(event.target.value)} disabled={disabled} data-testid={testId}>
      <option value="">Unassigned</option>
      {users.map((user) => (
        <option key={user.id} value={user.id}>
          {user.displayName}
        </option>
      ))}
    </SelectField>
  );
}

function TaskRow({ task, mayModify }: { task: Task; mayModify: boolean }) {
  const updateTask = useInvestigationStore((state) => state.updateTask);
  const action = useAction(updateTask);
  return (
    <li className={task.done ? 'task is-done' : 'task'} data-testid="task">
      <label className="choice task__title">
        <input type="checkbox" checked={task.done} disabled={!mayModify || action.pending} onChange={(event) => void action.run(task.id, { done: event.target.checked })} data-testid="task-done" />
        <span>{task.title}</span>
      </label>
      <span className="task__meta muted">{task.done && task.completedAt !== null ? `Done ${formatDateTime(task.completedAt)}` : task.dueAt !== null ? `Due ${formatDateTime(task.dueAt)}` : ''}</span>
      {mayModify ? (
        <AssigneeSelect label={`Assignee of “${task.title}”`} hideLabel value={task.assignee?.id ?? ''} onChange={(id) => void action.run(task.id, { assigneeId: id === '' ? null : id })} disabled={action.pending} />
      ) : (
        <span className="muted">{task.assignee?.displayName ?? 'Unassigned'}</span>
      )}
      {action.error && (
        <span role="alert" className="status-control__error">
          {action.error.message}
        </span>
      )}
    </li>
  );
}

function NewTaskForm() {
  const addTask = useInvestigationStore((state) => state.addTask);
  const action = useAction(addTask);
  const [assignee, setAssignee] = useState('');

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    if (await action.run(fieldText(new FormData(form), 'title'), assignee === '' ? null : assignee)) {
      form.reset();
      setAssignee('');
    }
  };

  return (
    <form className="toolbar" onSubmit={(event) => void submit(event)} noValidate aria-label="Add a task">
      <TextField label="New task" name="title" maxLength={200} error={action.error?.fields['title']} data-testid="task-title" />
      <AssigneeSelect label="Assignee" value={assignee} onChange={setAssignee} testId="task-assignee" />
      <Button type="submit" busy={action.pending} data-testid="task-add">
        Add task
      </Button>
      {!action.error?.fields['title'] && <ErrorBanner message={action.error?.message} />}
    </form>
  );
}
