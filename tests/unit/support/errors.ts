import { VigilError, type ErrorCode } from '../../../src-shared/errors';

/** The code of the VigilError a promise rejects with; fails the test if it resolves or throws anything else. */
export async function errorCodeOf(promise: Promise<unknown>): Promise<ErrorCode> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VigilError) return error.code;
    throw error;
  }
  throw new Error('expected the call to fail with a VigilError');
}
