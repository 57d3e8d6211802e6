// Wording helpers for messages written to clients.

/** "1 obligation", "2 obligations". */
export const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Texts run to thousands of characters; a message quotes enough to recognise one. */
export function excerpt(text: string, max = 160): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}
