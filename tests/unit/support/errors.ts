import { VigilError, type ErrorCode } from '../../../src-shared/errors';

/** The VigilError a promise rejects with; fails the test if it resolves or throws anything else. */
export async function vigilErrorOf(promise: Promise<unknown>): Promise<VigilError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VigilError) return error;
    throw error;
  }
  throw new Error('expected the call to fail with a VigilError');
}

/** The code of the VigilError a promise rejects with. */
export async function errorCodeOf(promise: Promise<unknown>): Promise<ErrorCode> {
  return (await vigilErrorOf(promise)).code;
}
