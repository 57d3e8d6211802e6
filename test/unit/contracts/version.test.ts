import { ErrorCode } from '../../../src/domain/errors';
import { CHANGE_NOTE_LIMIT, validateChangeNote } from '../../../src/domain/contracts/version';

describe('a change note', () => {
  it('is kept trimmed', () => {
    expect(validateChangeNote('  Backups move to the customer.  ')).toBe('Backups move to the customer.');
  });

  it('is required and bounded', () => {
    expect(() => validateChangeNote('   ')).toThrow(
      expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT, problems: [{ path: 'changeNote', message: 'must not be empty' }] }),
    );
    expect(validateChangeNote('x'.repeat(CHANGE_NOTE_LIMIT))).toHaveLength(CHANGE_NOTE_LIMIT);
    expect(() => validateChangeNote('x'.repeat(CHANGE_NOTE_LIMIT + 1))).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }));
  });
});
