import { randomUUID } from 'node:crypto';
import { auditEvent } from '../../../domain/audit/event';
import { changeImpact } from '../../../domain/obligations/changeImpact';
import { badInput, notFound } from '../../../domain/errors';
import { effectiveVersion, validateNewSubscription, type Subscription } from '../../../domain/subscriptions/subscription';
import type { GraphQLContext } from '../../context';
import type { Resolvers } from '../../generated/types';
import { loadService, loadServiceForUpdate } from '../access';
import { customerFor } from './stack';

const target = (subscription: Pick<Subscription, 'id' | 'customerOrganizationId'>) => ({
  type: 'Subscription',
  id: subscription.id,
  organizationId: subscription.customerOrganizationId,
});

async function currentSubscription(context: GraphQLContext, customerOrganizationId: string, serviceId: string): Promise<Subscription> {
  const { subscriptions } = await context.store.customers.records(customerOrganizationId);
  const subscription = subscriptions.find((s) => s.serviceId === serviceId);
  if (!subscription) throw notFound(`Your organization has no subscription to service "${serviceId}".`);
  return subscription;
}

async function effective(context: GraphQLContext, subscription: Subscription) {
  const service = await loadService(context, subscription.serviceId);
  const version = effectiveVersion(subscription, service.currentVersion);
  const contract = version ? await context.loaders.contractVersion.load(`${service.id}#${version}`) : null;
  if (!contract) throw new Error(`subscription ${subscription.id}: no effective contract for ${service.id}`);
  return { service, contract };
}

export const subscriptionResolvers: Resolvers = {
  Query: {
    subscriptions: async (_parent, { customerOrganizationId }, context) => {
      const organizationId = customerFor(context.caller, customerOrganizationId);
      return (await context.store.customers.records(organizationId)).subscriptions;
    },
  },
  Mutation: {
    subscribe: async (_parent, { input }, context) => {
      const { caller, store } = context;
      const customerOrganizationId = customerFor(caller, null, 'CUSTOMER_ADMIN');
      const customer = await context.loaders.organization.load(customerOrganizationId);
      if (!customer?.kinds.includes('CUSTOMER')) throw badInput('Your organization is not registered as a customer; ask an Onus operator to add the CUSTOMER kind.');
      const service = await loadService(context, input.serviceId);
      const fields = validateNewSubscription({ ...input, customerOrganizationId }, service);
      const now = new Date().toISOString();
      // A new subscriber reads the whole contract: its starting point counts as acknowledged.
      const subscription: Subscription = { id: randomUUID(), ...fields, acknowledgedVersion: effectiveVersion(fields, service.currentVersion), createdAt: now, updatedAt: now };
      const event = auditEvent(caller, 'subscription.create', target(subscription), `subscribed to "${service.name}" (${subscription.pinnedVersion ? `pinned to version ${subscription.pinnedVersion}` : 'following the latest version'})`, {
        serviceId: service.id,
        pinnedVersion: subscription.pinnedVersion,
      });
      await store.transact([{ Put: store.customers.subscriptionPut(subscription, { create: true }) }, { Put: store.audit.putItem(event) }], `Your organization already subscribes to "${service.name}"; update that subscription instead.`);
      return subscription;
    },
    updateSubscription: async (_parent, { serviceId, input }, context) => {
      const { caller, store } = context;
      const customerOrganizationId = customerFor(caller, null, 'CUSTOMER_ADMIN');
      const current = await currentSubscription(context, customerOrganizationId, serviceId);
      const service = await loadServiceForUpdate(context, serviceId);
      const fields = validateNewSubscription(
        {
          customerOrganizationId,
          serviceId,
          pinnedVersion: input.pinnedVersion === undefined ? current.pinnedVersion : input.pinnedVersion,
          regions: input.regions === undefined ? current.regions : input.regions,
          startDate: input.startDate ?? current.startDate,
        },
        service,
      );
      const updated: Subscription = { ...current, ...fields, acknowledgedVersion: current.acknowledgedVersion, updatedAt: new Date().toISOString() };
      const changed = Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined);
      const event = auditEvent(caller, 'subscription.update', target(updated), `updated the subscription to "${service.name}": ${changed.join(', ') || 'nothing'}`, { serviceId, fields: changed });
      await store.transact([{ Put: store.customers.subscriptionPut(updated, { updatedAt: current.updatedAt }) }, { Put: store.audit.putItem(event) }], 'The subscription changed meanwhile; read it again and retry.');
      return updated;
    },
    unsubscribe: async (_parent, { serviceId }, context) => {
      const { caller, store } = context;
      const customerOrganizationId = customerFor(caller, null, 'CUSTOMER_ADMIN');
      const current = await currentSubscription(context, customerOrganizationId, serviceId);
      const event = auditEvent(caller, 'subscription.delete', target(current), `ended the subscription to service ${serviceId}`, { serviceId });
      await store.transact([{ Delete: store.customers.subscriptionDelete(customerOrganizationId, serviceId) }, { Put: store.audit.putItem(event) }], 'The subscription was already ended.');
      return true;
    },
    acknowledgeContractVersion: async (_parent, { serviceId }, context) => {
      const { caller, store } = context;
      const customerOrganizationId = customerFor(caller, null, 'CUSTOMER_ADMIN');
      const current = await currentSubscription(context, customerOrganizationId, serviceId);
      const service = await loadServiceForUpdate(context, serviceId);
      const version = effectiveVersion(current, service.currentVersion);
      const updated: Subscription = { ...current, acknowledgedVersion: version, updatedAt: new Date().toISOString() };
      const event = auditEvent(caller, 'subscription.acknowledge', target(updated), `acknowledged version ${version} of the contract of "${service.name}"`, {
        serviceId,
        from: current.acknowledgedVersion,
        to: version,
      });
      await store.transact([{ Put: store.customers.subscriptionPut(updated, { updatedAt: current.updatedAt }) }, { Put: store.audit.putItem(event) }], 'The subscription changed meanwhile; read it again and retry.');
      return updated;
    },
  },
  ServiceSubscription: {
    customer: async (s, _args, { loaders }) => {
      const org = await loaders.organization.load(s.customerOrganizationId);
      if (!org) throw new Error(`subscription ${s.id} names missing customer`);
      return org;
    },
    service: (s, _args, context) => loadService(context, s.serviceId),
    regions: (s) => [...s.regions],
    effectiveVersion: async (s, _args, context) => (await effective(context, s)).contract.version,
    effectiveContract: async (s, _args, context) => (await effective(context, s)).contract,
    changeImpact: async (s, _args, context) => {
      const { contract } = await effective(context, s);
      const acknowledged = s.acknowledgedVersion ? await context.loaders.contractVersion.load(`${s.serviceId}#${s.acknowledgedVersion}`) : null;
      return changeImpact(s, contract, acknowledged);
    },
  },
  ChangeImpact: {
    obligationsAdded: (impact) => [...impact.obligationsAdded],
    obligationsRemoved: (impact) => [...impact.obligationsRemoved],
    obligationsChanged: (impact) => [...impact.obligationsChanged],
    movedTowardCustomer: (impact) => [...impact.movedTowardCustomer],
    movedTowardProvider: (impact) => [...impact.movedTowardProvider],
    scopeChanges: (impact) => [...impact.scopeChanges],
  },
  ObligationAtControl: { control: (o, _args, { catalogue }) => catalogue.control(o.controlId)! },
  ObligationChangeAtControl: { control: (o, _args, { catalogue }) => catalogue.control(o.controlId)! },
  OwnershipMove: { control: (o, _args, { catalogue }) => catalogue.control(o.controlId)! },
};

