import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { GraphQLLocalDate, GraphQLNonEmptyString, GraphQLPositiveInt, GraphQLURL } from 'graphql-scalars';
import { isHttpUrl } from '../domain/organizations/organization';

// The schema's own scalars: graphql-scalars' checks, with messages that say what to send instead
// (worded as the domain words the same problems) and values handed on as the client wrote them
// (graphql-scalars' URL would hand resolvers a URL object, and print it normalised). They refuse a
// value before any resolver runs; the domain still checks the same rules, since it is used outside
// GraphQL too. src/server/formatError.ts turns a refusal into BAD_USER_INPUT with its problem.

/** A value a scalar refused: `problem` is the message of the one problem it makes. */
export class ScalarRejection extends GraphQLError {
  constructor(
    readonly scalar: string,
    readonly problem: string,
    node?: ValueNode,
  ) {
    super(problem, node ? { nodes: node } : undefined);
  }
}

const shown = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/**
 * A scalar whose values are `kind` literals in a document and pass `check` (which throws, or returns
 * false, to refuse); `problem` says what was wrong. Output values are checked too: one that fails is
 * a bug on the server's side (a plain Error, masked and logged), not the client's.
 */
function scalar<T extends string | number>(options: {
  base: GraphQLScalarType;
  description: string;
  kind: Kind.STRING | Kind.INT;
  check: (value: unknown) => boolean;
  problem: (value: unknown) => string;
}): GraphQLScalarType<T, T> {
  const { base, description, kind, check, problem } = options;
  const passes = (value: unknown) => {
    try {
      return check(value);
    } catch {
      return false;
    }
  };
  const accept = (value: unknown, node?: ValueNode): T => {
    if (!passes(value)) throw new ScalarRejection(base.name, problem(value), node);
    return value as T;
  };
  return new GraphQLScalarType<T, T>({
    name: base.name,
    description,
    specifiedByURL: base.specifiedByURL,
    serialize(value) {
      if (!passes(value)) throw new Error(`${base.name} cannot represent ${shown(value)}`);
      return value as T;
    },
    parseValue: (value) => accept(value),
    parseLiteral(node) {
      if (node.kind !== kind)
        throw new ScalarRejection(
          base.name,
          problem(node.kind === Kind.STRING || node.kind === Kind.INT ? node.value : `a ${node.kind.toLowerCase()} value`),
          node,
        );
      return accept(kind === Kind.INT ? Number(node.value) : node.value, node);
    },
    extensions: base.extensions,
  });
}

export const LocalDateScalar = scalar<string>({
  base: GraphQLLocalDate,
  description: 'A calendar date written YYYY-MM-DD, e.g. 2026-12-01 (no time, no time zone).',
  kind: Kind.STRING,
  check: (value) => GraphQLLocalDate.parseValue(value) === value,
  problem: (value) => `${shown(value)} is not a date written YYYY-MM-DD`,
});

export const URLScalar = scalar<string>({
  base: GraphQLURL,
  description: 'An absolute http(s) URL, e.g. https://example.com/soc2-report.pdf.',
  kind: Kind.STRING,
  check: (value) => typeof value === 'string' && GraphQLURL.parseValue(value) instanceof URL && isHttpUrl(value.trim()),
  problem: (value) => `${shown(value)} is not an absolute http(s) URL`,
});

export const NonEmptyStringScalar = scalar<string>({
  base: GraphQLNonEmptyString,
  description: 'A string with at least one character other than white space.',
  kind: Kind.STRING,
  // graphql-scalars' own test (a string that is not empty once trimmed), written out: it runs for every
  // NonEmptyString a response carries (30,000 service names in coverage for 250 subscriptions), where
  // going through graphql-scalars' parseValue took ~2 of the 7.5 ms graphql-jit spent completing it.
  check: (value) => typeof value === 'string' && value.trim().length > 0,
  problem: (value) => (typeof value === 'string' ? 'must not be empty' : `${shown(value)} is not a string`),
});

export const PositiveIntScalar = scalar<number>({
  base: GraphQLPositiveInt,
  description: 'A whole number of 1 or more, e.g. a version number.',
  kind: Kind.INT,
  check: (value) => typeof value === 'number' && GraphQLPositiveInt.parseValue(value) === value,
  problem: (value) => `must be a whole number of 1 or more (got ${shown(value)})`,
});

/** The resolvers of the schema's custom scalars declared in schema/common.graphql, by name. */
export const customScalars = {
  LocalDate: LocalDateScalar,
  URL: URLScalar,
  NonEmptyString: NonEmptyStringScalar,
  PositiveInt: PositiveIntScalar,
};
