// A typed invoke over any transport that returns the wire envelope: the renderer's api client and
// the in-process client (CLI, tests) are both built from this.
import type { ChannelInput, ChannelName, ChannelOutput } from './contract';
import { VigilError, isWireError, type InvokeResult } from './errors';

export type RawInvoke = (channel: ChannelName, input: unknown) => Promise<InvokeResult<unknown>>;

export interface TypedClient {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
}

export function createTypedClient(raw: RawInvoke): TypedClient {
  return {
    async invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      const result = await raw(channel, input);
      if (result.ok) return result.value as ChannelOutput<C>;
      const error = isWireError(result.error) ? result.error : { code: 'INTERNAL' as const, message: 'Malformed error' };
      throw new VigilError(error.code, error.message, error.details);
    },
  };
}
