// A fresh, set-up vault with the cast the investigation tests act as: the administrator, an analyst
// (ann) and a viewer (vic), each signed in with a client of their own.
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { addUser, makeTestVault, setUpVault, type TestVault } from './test-core';

export interface TeamVault {
  vault: TestVault;
  admin: InProcessClient;
  analyst: InProcessClient;
  viewer: InProcessClient;
}

export async function makeTeamVault(): Promise<TeamVault> {
  const vault = makeTestVault();
  const { admin } = await setUpVault(vault);
  const analyst = await addUser(vault, admin, 'ann', 'analyst');
  const viewer = await addUser(vault, admin, 'vic', 'viewer');
  return { vault, admin, analyst, viewer };
}
