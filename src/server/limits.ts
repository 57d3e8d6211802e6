import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, Kind, visit, type ASTVisitor, type OperationDefinitionNode, type ValidationContext, type ValidationRule } from 'graphql';
import { ErrorCode, OnusError } from '../domain/errors';

/**
 * How much one GraphQL document may ask for, checked while the document is validated: before any
 * resolver runs and before any DynamoDB call. Each limit was chosen from the real screens (the
 * README's queries, the demo seed, the benchmark and every API test's query pass them; the unit test
 * test/unit/limits.test.ts measures them all) with room to spare, and sits far below what hurts
 * (README, "Limits").
 */
export const QUERY_LIMITS = {
  /** Tokens in the document (Apollo's own parser limit; a syntax-level refusal, GRAPHQL_PARSE_FAILED). */
  maxTokens: 5000,
  /** Nesting of selections. The deepest real screen (coverage → controls → contributors → performedBy → performers → service → name) is 7. */
  maxDepth: 9,
  /** Aliased fields in one operation. Real screens use at most one. */
  maxAliases: 10,
  /** graphql-armor's cost: fields weighted by depth (×1.5 a level) and by `first` on lists. The costliest real query (100 controls' ids) is ~1,300. */
  maxCost: 5000,
  /** Directives (@include, @skip) in one operation. Real screens use none. */
  maxDirectives: 20,
} as const;

type Found = { readonly limit: number; readonly found: string };

// graphql-armor words its refusals as "<What> limit of N exceeded, found M."; Onus keeps the numbers
// and writes its own message, with a stable code, so clients can branch on the code and people can
// act on the message.
function refusal(code: ErrorCode, explain: (found: Found) => string, limit: number) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const found = /found (\d+(?:\.\d+)?)/.exec(error.message)?.[1] ?? 'more';
    const message = explain({ limit, found });
    // The rules always run inside graphql-js's validation, which gives them its context.
    context?.reportError(new GraphQLError(message, { originalError: new OnusError(code, message) }));
  };
}

/**
 * graphql-js validates a `subscription` against a schema without subscriptions and only fails when
 * executing it (an internal error); Onus has none, so the operation is refused as invalid, HTTP 400.
 */
export const noSubscriptionsRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation === 'subscription' && !context.getSchema().getSubscriptionType()) {
      context.reportError(new GraphQLError('Onus has no subscriptions: ask with a query, and poll it to follow changes.', { nodes: [node] }));
    }
  },
});

/**
 * Fields whose `first` does not multiply the cost: their pages are bounded by the server itself, in
 * count and in bytes (inheritedObligations: 500 obligations and a byte budget per page, answered
 * synchronously from data read once), so graphql-armor's `first` × selection would refuse the very
 * page of 500 the customer screen asks for while measuring nothing the page does not bound already.
 */
export const SELF_BOUNDED_PAGES: readonly string[] = ['inheritedObligations'];

/** graphql-armor's cost rule, shown each operation with `first` left out on SELF_BOUNDED_PAGES fields. */
function withSelfBoundedPages(rule: ValidationRule): ValidationRule {
  return (context) => {
    const visitor = rule(context) as ASTVisitor & { OperationDefinition?: { enter?: (node: OperationDefinitionNode) => unknown } };
    const enter = visitor.OperationDefinition?.enter;
    if (!enter) return visitor;
    return {
      OperationDefinition: {
        enter: (node: OperationDefinitionNode) =>
          enter(
            visit(node, {
              [Kind.FIELD]: (field) =>
                SELF_BOUNDED_PAGES.includes(field.name.value) && field.arguments?.some((a) => a.name.value === 'first')
                  ? { ...field, arguments: field.arguments.filter((a) => a.name.value !== 'first') }
                  : undefined,
            }),
          ),
      },
    };
  };
}

/** The validation rules Apollo runs on every document, after graphql-js's own. */
export function queryLimitRules(limits: typeof QUERY_LIMITS = QUERY_LIMITS): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false } as const;
  return [
    noSubscriptionsRule,
    maxDepthRule({
      ...common,
      n: limits.maxDepth,
      onReject: [
        refusal(
          ErrorCode.QUERY_TOO_DEEP,
          ({ limit, found }) =>
            `The query nests selections ${found} levels deep; the limit is ${limit}. Ask for fewer levels at once: read the nested objects in a second query by their ids.`,
          limits.maxDepth,
        ),
      ],
    }),
    maxAliasesRule({
      ...common,
      n: limits.maxAliases,
      onReject: [
        refusal(
          ErrorCode.TOO_MANY_ALIASES,
          ({ limit, found }) => `The query uses ${found} aliases; the limit is ${limit}. Ask for each field once, or split the work into several requests.`,
          limits.maxAliases,
        ),
      ],
    }),
    withSelfBoundedPages(
      costLimitRule({
        ...common,
        maxCost: limits.maxCost,
        onReject: [
          refusal(
            ErrorCode.QUERY_TOO_COMPLEX,
            ({ limit, found }) =>
              `The query costs ${Math.round(Number(found)) || found}; the limit is ${limit} (every field counts, more the deeper it is and times \`first\` on lists). Select fewer fields or levels, page with a smaller \`first\`, or split it into several requests.`,
            limits.maxCost,
          ),
        ],
      }),
    ),
    maxDirectivesRule({
      ...common,
      n: limits.maxDirectives,
      onReject: [
        refusal(
          ErrorCode.TOO_MANY_DIRECTIVES,
          ({ limit, found }) => `The query uses ${found} directives; the limit is ${limit}. Use fewer @include/@skip directives, or send separate queries.`,
          limits.maxDirectives,
        ),
      ],
    }),
  ];
}
