/** Runs `work` while collecting the JSON log lines Onus writes (errors go to stderr, the rest to stdout). */
export async function captureLogs<T>(work: () => Promise<T>): Promise<{ result: T; lines: Record<string, any>[] }> {
  const raw: string[] = [];
  const collect = (chunk: string | Uint8Array) => {
    raw.push(String(chunk));
    return true;
  };
  const spies = [jest.spyOn(process.stdout, 'write').mockImplementation(collect), jest.spyOn(process.stderr, 'write').mockImplementation(collect)];
  try {
    const result = await work();
    const lines = raw
      .flatMap((text) => text.split('\n'))
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, any>];
        } catch {
          return [];
        }
      });
    return { result, lines };
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
}

export const requestLines = (lines: Record<string, any>[]) => lines.filter((l) => l.message === 'request');
