// Investigation channels: investigations, notes, findings, tasks, templates, the user directory.
import type { Handlers } from '../router';
import type { Services } from './services';
import { notBuilt } from './not-built';

type Channels = 'users.directory' | 'investigations.templates' | 'investigations.list' | 'investigations.get' | 'investigations.create' | 'investigations.update' | 'investigations.setStatus' | 'investigations.entities' | 'investigations.timeline' | 'notes.list' | 'notes.add' | 'findings.list' | 'findings.add' | 'findings.update' | 'tasks.list' | 'tasks.add' | 'tasks.update' | 'investigations.importFile' | 'investigations.importUpload';

export function investigationHandlers(_s: Services): Pick<Handlers, Channels> {
  return {
    'users.directory': notBuilt,
    'investigations.templates': notBuilt,
    'investigations.list': notBuilt,
    'investigations.get': notBuilt,
    'investigations.create': notBuilt,
    'investigations.update': notBuilt,
    'investigations.setStatus': notBuilt,
    'investigations.entities': notBuilt,
    'investigations.timeline': notBuilt,
    'notes.list': notBuilt,
    'notes.add': notBuilt,
    'findings.list': notBuilt,
    'findings.add': notBuilt,
    'findings.update': notBuilt,
    'tasks.list': notBuilt,
    'tasks.add': notBuilt,
    'tasks.update': notBuilt,
    'investigations.importFile': notBuilt,
    'investigations.importUpload': notBuilt,
  };
}
