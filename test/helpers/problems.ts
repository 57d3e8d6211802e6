import { ErrorCode, OnusError, type Problem } from '../../src/domain/errors';

/** Runs `run`, which must refuse its input with BAD_USER_INPUT, and returns the problems it lists. */
export function badInputProblems(run: () => unknown): readonly Problem[] {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(OnusError);
    expect((e as OnusError).code).toBe(ErrorCode.BAD_USER_INPUT);
    return (e as OnusError).problems;
  }
  throw new Error('expected BAD_USER_INPUT');
}

export const badInputPaths = (run: () => unknown): string[] => badInputProblems(run).map((p) => p.path);
