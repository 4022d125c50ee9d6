// Channels of the vault's service levels (src-shared/sla.ts). Gathered into the one contract by
// contract.ts. Everyone who reads investigations reads them (the screens judge due times with the
// window); administrators change them.
import { channel, needs } from './channel';
import { slaPolicySchema, type SlaPolicy } from './sla';
import { z } from 'zod';

export const slaChannels = {
  'sla.getPolicy': channel<SlaPolicy>()({ input: z.object({}).strict(), access: needs('read_investigations') }),
  'sla.updatePolicy': channel<SlaPolicy>()({ input: slaPolicySchema, access: needs('admin_access'), audited: true }),
};
