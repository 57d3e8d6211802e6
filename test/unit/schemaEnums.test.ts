import { buildSchema, GraphQLEnumType } from 'graphql';
import { auditActionEnum, AUDIT_ACTIONS } from '../../src/domain/audit/actions';
import { OWNERSHIP_SHIFTS } from '../../src/domain/contracts/ownership';
import { CONTRACT_PROBLEM_CODES } from '../../src/domain/contracts/problems';
import { CHAIN_BREAKS } from '../../src/domain/obligations/performers';
import { typeDefs } from '../../src/graphql/generated/typeDefs';

// The schema's enums are the client-facing spelling of lists the domain keeps once. If they drifted,
// a resolver would return a value the schema refuses (an error for the client) or the schema would
// promise one the domain never produces.
const schema = buildSchema(typeDefs);
const values = (name: string) => (schema.getType(name) as GraphQLEnumType).getValues().map((v) => v.name);

describe('schema enums match the domain lists', () => {
  it.each([
    ['ContractProblemCode', [...CONTRACT_PROBLEM_CODES]],
    ['OwnershipShift', [...OWNERSHIP_SHIFTS]],
    ['ChainBreakReason', [...CHAIN_BREAKS]],
    ['AuditAction', AUDIT_ACTIONS.map(auditActionEnum)],
  ])('%s', (name, expected) => {
    expect(values(name)).toEqual(expected);
  });

  it('spells audit actions as enum values without collisions', () => {
    expect(auditActionEnum('contract.draft.confirmUpstream')).toBe('CONTRACT_DRAFT_CONFIRM_UPSTREAM');
    expect(new Set(AUDIT_ACTIONS.map(auditActionEnum)).size).toBe(AUDIT_ACTIONS.length);
  });
});
