// The README's Security table is the written contract of src/app/policy.ts: every operation of
// POLICY with the same roles, on the caller's own organization and on any, and nothing else. The
// schema's description of whose audit trail a caller may read says the same as the policy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type InputObjectTypeDefinitionNode } from 'graphql';
import { OPERATIONS, POLICY, type Operation } from '../../src/app/policy';
import { ROLES } from '../../src/domain/identity/caller';

const ROOT = join(__dirname, '../..');
const ANY_SIGNED_IN = 'any signed-in caller';

interface Row {
  readonly operation: string;
  readonly own: readonly string[] | typeof ANY_SIGNED_IN;
  readonly anyOrganization: readonly string[] | typeof ANY_SIGNED_IN;
}

/** The README's "## Security" section. */
function securitySection(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Security\n');
  if (start < 0) throw new Error('README.md has no "## Security" section');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

function rolesOf(cell: string): Row['own'] {
  if (cell === ANY_SIGNED_IN) return ANY_SIGNED_IN;
  if (cell === '—') return [];
  return cell.split(',').map((part) => {
    const match = /^`([A-Z_]+)`$/.exec(part.trim());
    if (!match) throw new Error(`README Security table: "${cell}" is not "${ANY_SIGNED_IN}", "—" or roles written \`ROLE\`, \`ROLE\``);
    return match[1]!;
  });
}

/** The rows of the table whose header starts with "operation", cells however they are padded. */
function tableRows(): Row[] {
  const lines = securitySection()
    .split('\n')
    .filter((l) => l.startsWith('|'));
  const cells = (line: string) =>
    line
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim());
  const [header, separator, ...rows] = lines;
  expect(cells(header!)).toEqual(['operation', 'what', 'own organization', 'any organization']);
  expect(cells(separator!).every((c) => /^-+$/.test(c))).toBe(true);
  return rows.map((line) => {
    const [operation, , own, anyOrganization] = cells(line);
    return { operation: operation!.replace(/^`|`$/g, ''), own: rolesOf(own!), anyOrganization: rolesOf(anyOrganization!) };
  });
}

const fromPolicy = (operation: Operation): Row => {
  const rule = POLICY[operation];
  const roles = (r: (typeof rule)['own']) => (r === 'ANY_SIGNED_IN' ? ANY_SIGNED_IN : [...r]);
  return { operation, own: roles(rule.own), anyOrganization: roles(rule.anyOrganization) };
};

describe("README's Security section", () => {
  it('lists every operation of src/app/policy.ts once, and no other', () => {
    const listed = tableRows().map((r) => r.operation);
    expect([...listed].sort()).toEqual([...OPERATIONS].sort());
    expect(new Set(listed).size).toBe(listed.length);
  });

  it.each(OPERATIONS)('gives %s the roles the policy gives it, own organization and any', (operation) => {
    const row = tableRows().find((r) => r.operation === operation);
    expect(row).toBeDefined();
    const sorted = (roles: Row['own']) => (roles === ANY_SIGNED_IN ? roles : [...roles].sort());
    const expected = fromPolicy(operation);
    expect({ own: sorted(row!.own), anyOrganization: sorted(row!.anyOrganization) }).toEqual({
      own: sorted(expected.own),
      anyOrganization: sorted(expected.anyOrganization),
    });
  });

  it('names only roles Onus knows', () => {
    for (const row of tableRows()) {
      for (const roles of [row.own, row.anyOrganization]) {
        if (roles !== ANY_SIGNED_IN) for (const role of roles) expect(ROLES).toContain(role);
      }
    }
  });

  it('describes every role', () => {
    const section = securitySection();
    for (const role of ROLES) expect(section).toContain(`**\`${role}\`**`);
  });
});

describe('whose audit trail a caller may read', () => {
  const description = (): string => {
    const document = parse(readFileSync(join(ROOT, 'schema/audit.graphql'), 'utf8'));
    const filter = document.definitions.find(
      (d): d is InputObjectTypeDefinitionNode => d.kind === 'InputObjectTypeDefinition' && d.name.value === 'AuditEventFilter',
    );
    const field = filter?.fields?.find((f) => f.name.value === 'organizationId');
    return field?.description?.value ?? '';
  };

  it("says in the schema exactly which roles may read another organization's trail, as the policy decides", () => {
    const others = POLICY['audit.read'].anyOrganization;
    expect(others).not.toBe('ANY_SIGNED_IN');
    const text = description();
    for (const role of ROLES) {
      if ((others as readonly string[]).includes(role)) expect(text).toMatch(new RegExp(`\\b${role}\\b[^.;]*may name another organization`));
    }
    expect(text).not.toMatch(/Others' trails are not readable/);
  });

  it('says in the README that operators read any trail, and why', () => {
    expect(POLICY['audit.read'].anyOrganization).toContain('PLATFORM_ADMIN');
    expect(securitySection()).toMatch(/\*\*`PLATFORM_ADMIN`\*\*[^]*reads \*\*any organization's audit\s+trail\*\*: investigating a support case/);
  });
});
