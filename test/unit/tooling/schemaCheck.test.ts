import { checkSchema, parseDeclarations, printRelease, report, type BreakingChangeDeclaration } from '../../../scripts/checkSchema';

// A released contract and variations of it, as npm run schema:check sees them.
const released = `
  type Query { service(id: ID!): Service! services(region: String): [Service!]! }
  type Service { id: ID! name: String! description: String }
`;
const withoutDescription = released.replace('description: String', '');
const requiredRegion = released.replace('region: String', 'region: String!');

const declare = (path: string, type: string): BreakingChangeDeclaration => ({
  path,
  type,
  reason: 'Descriptions moved to a profile.',
  migration: 'Read profile.text.',
});

describe('schema breaking-change check', () => {
  it('fails on a removed field and names its path, type and what to do', async () => {
    const check = await checkSchema(released, withoutDescription, []);
    expect(check.ok).toBe(false);
    expect(check.undeclared.map((c) => [c.path, c.type])).toEqual([['Service.description', 'FIELD_REMOVED']]);
    const text = report(check).join('\n');
    expect(text).toContain('✖ BREAKING FIELD_REMOVED at Service.description');
    expect(text).toContain('schema/breaking-changes.json');
  });

  it('fails when a nullable argument becomes required', async () => {
    const check = await checkSchema(released, requiredRegion, []);
    expect(check.ok).toBe(false);
    expect(check.undeclared.map((c) => [c.path, c.type])).toEqual([['Query.services.region', 'FIELD_ARGUMENT_TYPE_CHANGED']]);
  });

  it('passes a breaking change once it is declared', async () => {
    const check = await checkSchema(released, withoutDescription, [declare('Service.description', 'FIELD_REMOVED')]);
    expect(check.ok).toBe(true);
    expect(check.declared).toHaveLength(1);
  });

  it('fails on a declaration that matches no breaking change, so the file stays true', async () => {
    const check = await checkSchema(released, released, [declare('Service.description', 'FIELD_REMOVED')]);
    expect(check.ok).toBe(false);
    expect(check.stale).toHaveLength(1);
    expect(report(check).join('\n')).toContain('STALE declaration FIELD_REMOVED at Service.description');
  });

  it('passes a pure addition and reports it as safe', async () => {
    const check = await checkSchema(released, released.replace('name: String!', 'name: String! website: String'), []);
    expect(check.ok).toBe(true);
    expect(check.safe.map((c) => c.type)).toEqual(['FIELD_ADDED']);
  });

  it('prints dangerous changes without failing', async () => {
    const withEnum = `${released} enum Model { IAAS PAAS }`.replace('name: String!', 'name: String! model: Model');
    const check = await checkSchema(withEnum, withEnum.replace('PAAS', 'PAAS SAAS'), []);
    expect(check.ok).toBe(true);
    expect(check.dangerous.map((c) => c.type)).toEqual(['ENUM_VALUE_ADDED']);
  });

  it('requires a reason and a migration for every declaration', () => {
    expect(() => parseDeclarations('{}')).toThrow(/array/);
    expect(() => parseDeclarations(JSON.stringify([{ path: 'Service.description', type: 'FIELD_REMOVED', reason: 'x' }]))).toThrow(/\[0\]: "migration"/);
    expect(parseDeclarations(JSON.stringify([declare('Service.description', 'FIELD_REMOVED')]))).toHaveLength(1);
  });

  it('stores the released schema sorted, so the order of schema files does not matter', () => {
    const reordered = `type Service { id: ID! name: String! description: String }\ntype Query { services(region: String): [Service!]! service(id: ID!): Service! }`;
    expect(printRelease(reordered)).toBe(printRelease(released));
  });
});
