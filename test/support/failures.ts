// What a command refused with: the UserInputError a run rejects with, for tests to read its words.

import { expect } from 'vitest';
import { UserInputError } from '../../src/errors.ts';

export async function failure(run: Promise<unknown>): Promise<UserInputError> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserInputError);
  return error as UserInputError;
}
