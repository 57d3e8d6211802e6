import { badInput } from '../errors';

/**
 * Subscriptions one customer organization may hold. The customer screens read the whole stack in one
 * request (coverage lists every subscribed service's line on each control), so an unbounded stack
 * had no largest response: with this cap, test/api/responseSize.test.ts measures the largest one.
 * 300 is well above real stacks (tens of services) and the 250 the performance checks use.
 */
export const SUBSCRIPTION_LIMIT = 300;

/** The stable code of the refusal, in the error's problem. */
export const SUBSCRIPTION_LIMIT_REACHED = 'SUBSCRIPTION_LIMIT_REACHED';

/** Refuses one more subscription for an organization that already holds `held` (BAD_USER_INPUT, problem SUBSCRIPTION_LIMIT_REACHED). */
export function checkSubscriptionLimit(held: number): void {
  if (held < SUBSCRIPTION_LIMIT) return;
  const message = `Your organization already holds ${held} subscriptions, the most one organization may hold (${SUBSCRIPTION_LIMIT}). Unsubscribe from a service you no longer use first.`;
  throw badInput(message, [{ path: 'serviceId', code: SUBSCRIPTION_LIMIT_REACHED, message: `at most ${SUBSCRIPTION_LIMIT} subscriptions per organization` }]);
}
