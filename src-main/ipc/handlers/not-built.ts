// Marks a channel whose handler is still being written in this change; it answers UNAVAILABLE.
// Nothing may ship with one of these left: tests/unit/ipc/fuzz.test.ts lists the channels.
import { VigilError } from '../../../src-shared/errors';

export const notBuilt = (): never => {
  throw new VigilError('UNAVAILABLE', 'This feature is not built yet');
};
