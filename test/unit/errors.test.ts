import { GraphQLError } from 'graphql';
import { badInput, ErrorCode, OnusError } from '../../src/domain/errors';
import { formatError } from '../../src/server/formatError';

// The Lambda bundle loads the exchange formats as a file of their own, with their own copy of
// src/domain/errors (build/esbuildPlugins.mjs): an OnusError either copy throws must reach the client
// with its code and message, not be masked as a bug.

/** A second, separately loaded copy of src/domain/errors, as the exchange formats' file holds. */
function secondCopy(): typeof import('../../src/domain/errors') {
  let copy: typeof import('../../src/domain/errors') | undefined;
  jest.isolateModules(() => {
    copy = jest.requireActual<typeof import('../../src/domain/errors')>('../../src/domain/errors');
  });
  return copy!;
}

describe('OnusError', () => {
  const other = secondCopy();

  it('is a class of its own in the second copy', () => {
    expect(other.OnusError).not.toBe(OnusError);
  });

  it("recognises the other copy's errors, both ways", () => {
    expect(other.badInput('from the formats')).toBeInstanceOf(OnusError);
    expect(badInput('from the handler')).toBeInstanceOf(other.OnusError);
  });

  it('does not take an Error that only looks like one', () => {
    const lookalike = Object.assign(new Error('no'), { name: 'OnusError', code: ErrorCode.BAD_USER_INPUT, problems: [] });
    expect(lookalike).not.toBeInstanceOf(OnusError);
    expect(null).not.toBeInstanceOf(OnusError);
    expect('OnusError').not.toBeInstanceOf(OnusError);
  });

  it('reaches the client with its code, message and problems when the other copy threw it in a resolver', () => {
    const thrown = other.badInput('Acme has no subscription with a contract in effect.', [{ path: 'customerOrganizationId', message: 'no subscription' }]);
    const error = new GraphQLError(thrown.message, { path: ['responsibilityMatrix'], originalError: thrown });
    expect(formatError({ message: thrown.message, path: ['responsibilityMatrix'] }, error)).toEqual({
      message: 'Acme has no subscription with a contract in effect.',
      path: ['responsibilityMatrix'],
      extensions: { code: 'BAD_USER_INPUT', problems: [{ path: 'customerOrganizationId', message: 'no subscription' }] },
    });
  });
});
