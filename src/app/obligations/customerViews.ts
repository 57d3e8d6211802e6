import { stackCoverage } from '../../domain/obligations/coverage';
import {
  filterInheritedObligations,
  groupInheritedObligations,
  inheritedObligations,
  type ClauseObligations,
  type InheritedObligation,
  type InheritedObligationFilter,
} from '../../domain/obligations/inherited';
import { inheritedObligationPage } from '../../domain/obligations/inheritedPage';
import { byServiceId, obligationPage, obligationPageRequest, type ObligationPageArgs } from '../../domain/obligations/paging';
import { countStatuses, postureSummary } from '../../domain/obligations/posture';
import type { StoredService } from '../../store/services';
import type { AppContext } from '../context';
import { customerScope, loadStack, type LoadedStack } from '../subscriptions/customer';
import { rememberServices } from './knownServices';

// The customer screens: what I must do (inherited obligations), where I stand per control
// (coverage), how far along I am (posture). Each reads the customer's stack once per request.

const subscriptionIdsOf = (stack: LoadedStack) => stack.entries.map((e) => e.subscription.id);

/** The customer's stack, with its services remembered so fields naming them answer synchronously. */
async function stackOf(context: AppContext, organizationId: string): Promise<LoadedStack> {
  const stack = await loadStack(context, organizationId);
  rememberServices(context, stack.services.values());
  return stack;
}

export async function readInheritedObligations(
  context: AppContext,
  customerOrganizationId: string | null | undefined,
  filter: InheritedObligationFilter | null | undefined,
  pageArgs: ObligationPageArgs = {},
) {
  const organizationId = customerScope(context, 'customer.read', customerOrganizationId);
  // `first` and `after` are checked before anything is read.
  const request = obligationPageRequest(context.catalogue, pageArgs);
  const stack = await stackOf(context, organizationId);
  // Pages follow the services by id; the partition lists subscriptions that way too, so the clause view is unchanged.
  const entries = [...stack.entries].sort(byServiceId);
  const base = { customerOrganizationId: organizationId, subscriptionIds: subscriptionIdsOf(stack) };
  if (pageArgs.first != null || pageArgs.after != null) {
    // A page: only its obligations are built (one walk counts the rest), and `clauses` groups the page.
    const { page, counts } = inheritedObligationPage(context.catalogue, entries, stack.records.tracking, filter, request);
    return {
      ...base,
      counts,
      page,
      get clauses(): ClauseObligations<InheritedObligation<StoredService>>[] {
        return groupInheritedObligations(
          context.catalogue,
          page.edges.map((e) => e.node),
        );
      },
    };
  }
  // Everything at once: `clauses` lists every matching obligation (grouped only when asked for).
  const matching = filterInheritedObligations(inheritedObligations(context.catalogue, entries, stack.records.tracking), filter);
  return {
    ...base,
    counts: countStatuses(matching),
    page: obligationPage(context.catalogue, matching, request),
    get clauses(): ClauseObligations<InheritedObligation<StoredService>>[] {
      return groupInheritedObligations(context.catalogue, matching);
    },
  };
}

export async function readCoverage(context: AppContext, customerOrganizationId: string | null | undefined) {
  const organizationId = customerScope(context, 'customer.read', customerOrganizationId);
  const stack = await stackOf(context, organizationId);
  return {
    customerOrganizationId: organizationId,
    ...stackCoverage(context.catalogue, stack.entries, stack.records.tracking),
    subscriptionIds: subscriptionIdsOf(stack),
  };
}

export async function readPosture(context: AppContext, customerOrganizationId: string | null | undefined) {
  const organizationId = customerScope(context, 'customer.read', customerOrganizationId);
  const stack = await stackOf(context, organizationId);
  return {
    customerOrganizationId: organizationId,
    ...postureSummary(context.catalogue, inheritedObligations(context.catalogue, stack.entries, stack.records.tracking)),
  };
}
