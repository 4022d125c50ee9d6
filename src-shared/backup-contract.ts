// Channels of backups and restore (issue 4). Gathered into the one contract by contract.ts.
export const backupChannels = {} as const;
