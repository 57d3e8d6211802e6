import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crosswalkTableMarkdown, crosswalkTableRows } from '../../../src/domain/exports/crosswalkTable';
import { OWNERSHIP_CROSSWALK } from '../../../src/domain/contracts/crosswalk';
import { OWNERSHIPS } from '../../../src/domain/contracts/ownership';

// The README's ownership table is generated from the crosswalk: it must be the current rendering.

describe("the README's table of ownership values in each export format", () => {
  it('is the one the crosswalk renders (paste this table into the README when it changes)', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    const table = crosswalkTableMarkdown();
    if (!readme.includes(`\n${table}\n`))
      throw new Error(`README.md does not hold the current crosswalk table (## Exchange, ### Exports). Replace it with:\n\n${table}\n`);
  });

  it('has a row per ownership with the crosswalk values', () => {
    const rows = crosswalkTableRows();
    expect(rows.map((r) => r[0])).toEqual(OWNERSHIPS.map((o) => `\`${o}\``));
    OWNERSHIPS.forEach((o, i) => expect(rows[i]![2]).toBe(OWNERSHIP_CROSSWALK[o].fedrampCanBeInherited ?? 'N/A'));
  });
});
