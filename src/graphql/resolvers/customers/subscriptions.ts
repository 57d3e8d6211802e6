import { acknowledgeContractVersion } from '../../../app/subscriptions/acknowledgeContractVersion';
import { readRetiredObligations } from '../../../app/subscriptions/readRetiredObligations';
import { effectiveContract, listSubscriptions, subscriptionChangeImpact, subscriptionUpcomingChange } from '../../../app/subscriptions/readSubscriptions';
import { subscribe } from '../../../app/subscriptions/subscribe';
import { unsubscribe } from '../../../app/subscriptions/unsubscribe';
import { updateSubscription } from '../../../app/subscriptions/updateSubscription';
import { referencedOrganization, requireService } from '../../../app/load';
import type { Resolvers } from '../../generated/types';

export const subscriptionResolvers: Resolvers = {
  Query: {
    subscriptions: (_parent, { customerOrganizationId }, context) => listSubscriptions(context, customerOrganizationId),
    retiredObligations: (_parent, { customerOrganizationId }, context) => readRetiredObligations(context, customerOrganizationId),
  },
  Mutation: {
    subscribe: (_parent, { input }, context) => subscribe(context, input),
    updateSubscription: (_parent, { serviceId, input }, context) => updateSubscription(context, serviceId, input),
    unsubscribe: (_parent, { serviceId }, context) => unsubscribe(context, serviceId),
    acknowledgeContractVersion: (_parent, { serviceId }, context) => acknowledgeContractVersion(context, serviceId),
  },
  ServiceSubscription: {
    customer: (s, _args, context) => referencedOrganization(context, s.customerOrganizationId),
    service: (s, _args, context) => requireService(context, s.serviceId),
    regions: (s) => [...s.regions],
    effectiveVersion: async (s, _args, context) => (await effectiveContract(context, s)).version,
    effectiveContract: (s, _args, context) => effectiveContract(context, s),
    changeImpact: (s, _args, context) => subscriptionChangeImpact(context, s),
    upcomingChange: (s, _args, context) => subscriptionUpcomingChange(context, s),
  },
  RetiredObligation: {
    id: (r) => r.obligationId,
    service: (r, _args, context) => requireService(context, r.serviceId),
    recordedText: (r) => r.record.recordedText,
    control: (r, _args, { catalogue }) => (r.record.recordedControlId ? (catalogue.control(r.record.recordedControlId) ?? null) : null),
    recordedInVersion: (r) => r.record.recordedInVersion ?? null,
    tracking: (r) => ({ record: r.record, currentText: r.record.recordedText }),
  },
  ChangeImpact: {
    obligationsAdded: (impact) => [...impact.obligationsAdded],
    obligationsRemoved: (impact) => [...impact.obligationsRemoved],
    obligationsChanged: (impact) => [...impact.obligationsChanged],
    movedTowardCustomer: (impact) => [...impact.movedTowardCustomer],
    movedTowardProvider: (impact) => [...impact.movedTowardProvider],
    performerChanges: (impact) => [...impact.performerChanges],
    scopeChanges: (impact) => [...impact.scopeChanges],
    providerStatusChanges: (impact) => [...impact.providerStatusChanges],
  },
  ObligationAtControl: {
    control: (o, _args, { catalogue }) => catalogue.requireControl(o.controlId),
    tracking: (o) => ({ record: o.tracking ?? null, currentText: o.obligation.text }),
  },
  ObligationChangeAtControl: { control: (o, _args, { catalogue }) => catalogue.requireControl(o.controlId) },
  OwnershipMove: { control: (o, _args, { catalogue }) => catalogue.requireControl(o.controlId) },
  ProviderStatusChange: { control: (o, _args, { catalogue }) => catalogue.requireControl(o.controlId) },
};
