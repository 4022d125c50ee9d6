// What crosses between the main thread and a job worker. Main → worker: one `WorkerJobMessage`
// (the job's own request plus a copy of the data key, transferred, never cloned from a pooled
// buffer). Worker → main: progress, then exactly one `done` or `failed`. The main thread parses
// every message from a worker at the boundary (zod), like any other input from outside.
import { z } from 'zod';
import { ERROR_CODES, VigilError, type WireError } from '../../src-shared/errors';

export interface WorkerJobMessage<Request> {
  request: Request;
  /** A fresh 32-byte copy of the data key; its ArrayBuffer is transferred, so the sender keeps none. */
  dataKey: Uint8Array | null;
}

export type WorkerReply =
  | { type: 'progress'; progress: unknown }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; error: WireError };

export const workerReplySchema: z.ZodType<WorkerReply> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), progress: z.unknown() }).strict(),
  z.object({ type: z.literal('done'), result: z.unknown() }).strict(),
  z.object({
    type: z.literal('failed'),
    error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }).strict(),
  }).strict(),
]) as z.ZodType<WorkerReply>;

/** A worker's error as it goes back: typed errors keep their code, anything else is INTERNAL (no stack). */
export function wireErrorOf(error: unknown): WireError {
  if (error instanceof VigilError) return error.toWire();
  return { code: 'INTERNAL', message: 'The background job failed', details: { reason: error instanceof Error ? error.message : String(error) } };
}

export function vigilErrorOf(wire: WireError): VigilError {
  return new VigilError(wire.code, wire.message, wire.details);
}
