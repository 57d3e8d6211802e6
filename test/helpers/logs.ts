/** Runs `work` while collecting the JSON log lines Onus writes to stdout. */
export async function captureLogs<T>(work: () => Promise<T>): Promise<{ result: T; lines: Record<string, any>[] }> {
  const raw: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    raw.push(String(chunk));
    return true;
  });
  try {
    const result = await work();
    const lines = raw.flatMap((text) => text.split('\n')).flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, any>];
      } catch {
        return [];
      }
    });
    return { result, lines };
  } finally {
    spy.mockRestore();
  }
}

export const requestLines = (lines: Record<string, any>[]) => lines.filter((l) => l.message === 'request');
