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

const wireErrorSchema = z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }).strict();

export const workerReplySchema: z.ZodType<WorkerReply> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), progress: z.unknown() }).strict(),
  z.object({ type: z.literal('done'), result: z.unknown() }).strict(),
  z.object({ type: z.literal('failed'), error: wireErrorSchema }).strict(),
]) as z.ZodType<WorkerReply>;

/** A worker's error as it goes back: typed errors keep their code, anything else is INTERNAL (no stack). */
export function wireErrorOf(error: unknown): WireError {
  if (error instanceof VigilError) return error.toWire();
  return { code: 'INTERNAL', message: 'The background job failed', details: { reason: error instanceof Error ? error.message : String(error) } };
}

export function vigilErrorOf(wire: WireError): VigilError {
  return new VigilError(wire.code, wire.message, wire.details);
}

/**
 * A resident worker (resident-launcher.ts) serves many jobs on what it opened once. Main → worker:
 * one `open` (what to open, with a copy of the data key transferred), then any number of `job`s,
 * then `close`. Worker → main: one reply per job, by its id; a failed open replies with id 0 and ends.
 */
export type ResidentMessage =
  | { type: 'open'; init: unknown; dataKey: Uint8Array | null }
  | { type: 'job'; id: number; request: unknown }
  | { type: 'close' };

export type ResidentReply =
  | { id: number; type: 'done'; result: unknown }
  | { id: number; type: 'failed'; error: WireError };

export const residentReplySchema: z.ZodType<ResidentReply> = z.discriminatedUnion('type', [
  z.object({ id: z.number().int().nonnegative(), type: z.literal('done'), result: z.unknown() }).strict(),
  z.object({ id: z.number().int().nonnegative(), type: z.literal('failed'), error: wireErrorSchema }).strict(),
]) as z.ZodType<ResidentReply>;
