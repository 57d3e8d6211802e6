import { NonEmptyStringScalar, ScalarRejection } from '../../../src/graphql/scalars';

// NonEmptyString's own test replaces graphql-scalars' parseValue on the hot path (src/graphql/scalars.ts):
// it must take and refuse exactly what graphql-scalars' NonEmptyString does.
describe('NonEmptyString', () => {
  it.each(['x', ' padded ', 'Bench Service 0-0 copy 1', '\u00a0a', 'ü'])('takes %j, unchanged, in and out', (value) => {
    expect(NonEmptyStringScalar.serialize(value)).toBe(value);
    expect(NonEmptyStringScalar.parseValue(value)).toBe(value);
  });

  it.each(['', ' ', '\n\t ', '\u00a0', '\u2003'])('refuses %j: a client is told it must not be empty, a response fails', (value) => {
    expect(() => NonEmptyStringScalar.parseValue(value)).toThrow(new ScalarRejection('NonEmptyString', 'must not be empty'));
    expect(() => NonEmptyStringScalar.serialize(value)).toThrow(/^NonEmptyString cannot represent/);
  });

  it.each([5, true, {}, ['a']])('refuses %j, which is not a string', (value) => {
    expect(() => NonEmptyStringScalar.parseValue(value)).toThrow(/is not a string$/);
    expect(() => NonEmptyStringScalar.serialize(value)).toThrow(/^NonEmptyString cannot represent/);
  });
});
