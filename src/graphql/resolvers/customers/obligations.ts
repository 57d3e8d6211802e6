import { auditEvent } from '../../../domain/audit/event';
import { compareServices } from '../../../domain/obligations/compare';
import { COVERAGE_VERDICTS, stackCoverage } from '../../../domain/obligations/coverage';
import { filterInheritedObligations, groupInheritedObligations, inheritedObligations } from '../../../domain/obligations/inherited';
import { controlPerformers } from '../../../domain/obligations/performers';
import { countStatuses, postureSummary } from '../../../domain/obligations/posture';
import { findObligation, TRACKING_STATUSES, validateTrackingInput, type TrackingRecord } from '../../../domain/obligations/tracking';
import { OWNERSHIPS } from '../../../domain/contracts/ownership';
import { badInput, notFound } from '../../../domain/errors';
import type { GraphQLContext } from '../../context';
import type { Resolvers } from '../../generated/types';
import { loadService } from '../access';
import { chainContracts } from '../supplyChain';
import { customerFor, findSubscription, loadStack } from './stack';


/** Follows a subscribed service's line on a control down its upstreams (see domain/obligations/performers). */
async function performers(context: GraphQLContext, subscriptionId: string, controlId: string) {
  const stack = await loadStack(context, customerFor(context.caller, null));
  const entry = stack.entries.find((e) => e.subscription.id === subscriptionId);
  if (!entry) throw new Error(`subscription ${subscriptionId} is not in the caller's stack`);
  const chain = await chainContracts(context, entry.service.id);
  return controlPerformers(controlId, { service: entry.service, responsibilities: entry.contract.responsibilities }, chain);
}

export const obligationResolvers: Resolvers = {
  Query: {
    inheritedObligations: async (_parent, { customerOrganizationId, filter }, context) => {
      const organizationId = customerFor(context.caller, customerOrganizationId);
      const stack = await loadStack(context, organizationId);
      const all = inheritedObligations(context.catalogue, stack.entries, stack.records.tracking);
      const matching = filterInheritedObligations(all, filter);
      return { customerOrganizationId: organizationId, counts: countStatuses(matching), clauses: groupInheritedObligations(context.catalogue, matching) };
    },
    coverage: async (_parent, { customerOrganizationId }, context) => {
      const organizationId = customerFor(context.caller, customerOrganizationId);
      const stack = await loadStack(context, organizationId);
      return { customerOrganizationId: organizationId, ...stackCoverage(context.catalogue, stack.entries, stack.records.tracking) };
    },
    posture: async (_parent, { customerOrganizationId }, context) => {
      const organizationId = customerFor(context.caller, customerOrganizationId);
      const stack = await loadStack(context, organizationId);
      const obligations = inheritedObligations(context.catalogue, stack.entries, stack.records.tracking);
      return { customerOrganizationId: organizationId, ...postureSummary(context.catalogue, obligations) };
    },
    compareServices: async (_parent, { serviceIds }, context) => {
      if (serviceIds.length < 2 || serviceIds.length > 5) {
        throw badInput(`Compare two to five services (got ${serviceIds.length}).`, [{ path: 'serviceIds', message: 'must name 2 to 5 services' }]);
      }
      const services = await context.loaders.service.loadMany(serviceIds);
      const missing = serviceIds.filter((_, i) => !services[i] || services[i] instanceof Error);
      if (missing.length) throw notFound(`No cloud service ${missing.map((id) => `"${id}"`).join(', ')}.`);
      const live = services as Exclude<(typeof services)[number], Error | null>[];
      const contracts = await context.loaders.contractVersion.loadMany(live.map((s) => (s.currentVersion ? `${s.id}#${s.currentVersion}` : `${s.id}#0`)));
      return compareServices(
        context.catalogue,
        live.map((service, i) => ({ service, contract: contracts[i] && !(contracts[i] instanceof Error) ? (contracts[i] as Exclude<(typeof contracts)[number], Error | null>) : null })),
        new Date(),
      );
    },
  },
  Mutation: {
    recordObligationStatus: async (_parent, { input }, context) => {
      const { caller, store } = context;
      const organizationId = customerFor(caller, null, 'CUSTOMER_ADMIN');
      const stack = await loadStack(context, organizationId);
      const entry = stack.entries.find((e) => e.service.id === input.serviceId);
      if (!entry) throw notFound(`Your organization does not subscribe to service "${input.serviceId}".`);
      const found = findObligation(entry.contract.responsibilities, input.obligationId);
      const existing = stack.records.tracking.find((r) => r.serviceId === input.serviceId && r.obligationId === input.obligationId) ?? null;
      const fields = validateTrackingInput(input, { obligation: found?.obligation ?? null, existing });
      const record: TrackingRecord = { ...fields, updatedAt: new Date().toISOString(), updatedBy: caller.subject };
      const subscription = findSubscription(stack, input.serviceId)!;
      const event = auditEvent(
        caller,
        'obligation.status',
        { type: 'Subscription', id: subscription.id, organizationId },
        `recorded ${record.status} for obligation ${record.obligationId} of "${entry.service.name}" (control ${found?.controlId})`,
        { serviceId: record.serviceId, obligationId: record.obligationId, from: existing?.status ?? 'NOT_STARTED', to: record.status },
      );
      await store.transact(
        [{ Put: store.customers.trackingPut(organizationId, record, existing?.updatedAt ?? null) }, { Put: store.audit.putItem(event) }],
        'Someone recorded a status for this obligation meanwhile; read it again and retry.',
      );
      return { record, currentText: found!.obligation.text };
    },
  },
  InheritedObligations: {
    customer: async (model, _args, { loaders }) => (await loaders.organization.load(model.customerOrganizationId))!,
    counts: (model) => model.counts,
    clauses: (model) => [...model.clauses],
  },
  ClauseObligations: {
    clause: (group, _args, { catalogue }) => catalogue.clause(group.clauseNumber)!,
    counts: (group) => group.counts,
    controls: (group) => [...group.controls],
  },
  ControlObligations: {
    control: (group, _args, { catalogue }) => catalogue.control(group.controlId)!,
    counts: (group) => group.counts,
    obligations: (group) => [...group.obligations],
  },
  InheritedObligation: {
    id: (o) => o.obligation.id,
    text: (o) => o.obligation.text,
    unlocksProvided: (o) => o.obligation.unlocksProvided,
    control: (o, _args, { catalogue }) => catalogue.control(o.controlId)!,
    service: (o, _args, context) => loadService(context, o.serviceId),
    tracking: (o) => ({ record: o.tracking, currentText: o.obligation.text }),
    performedBy: (o, _args, context) => performers(context, o.subscriptionId, o.controlId),
  },
  ObligationTracking: {
    status: ({ record }) => record?.status ?? 'NOT_STARTED',
    reason: ({ record }) => record?.reason ?? null,
    owner: ({ record }) => record?.owner ?? null,
    evidence: ({ record }) => [...(record?.evidence ?? [])],
    notes: ({ record }) => record?.notes ?? null,
    updatedAt: ({ record }) => record?.updatedAt ?? null,
    updatedBy: ({ record }) => record?.updatedBy ?? null,
    textChangedSinceRecorded: ({ record, currentText }) => record !== null && record.recordedText !== currentText,
  },
  StatusCounts: {
    byStatus: (counts) => TRACKING_STATUSES.map((status) => ({ status, count: counts.byStatus[status] })),
  },
  ControlPerformers: {
    performers: (p) => [...p.performers],
  },
  Performer: {
    service: (p, _args, context) => loadService(context, p.serviceId),
    provider: async (p, _args, { loaders }) => (await loaders.organization.load(p.providerOrganizationId))!,
  },
  Coverage: {
    customer: async (model, _args, { loaders }) => (await loaders.organization.load(model.customerOrganizationId))!,
    totals: (model) => COVERAGE_VERDICTS.map((verdict) => ({ verdict, count: model.totals[verdict] })),
    controls: (model, { verdict }) => model.controls.filter((c) => !verdict?.length || verdict.includes(c.verdict)),
  },
  ControlCoverage: {
    control: (c, _args, { catalogue }) => catalogue.control(c.controlId)!,
    contributors: (c) => c.contributors.map((contributor) => ({ ...contributor, controlId: c.controlId })),
  },
  CoverageContributor: {
    service: (c, _args, context) => loadService(context, c.serviceId),
    performedBy: (c, _args, context) => performers(context, c.subscriptionId, c.controlId),
  },
  Posture: {
    customer: async (model, _args, { loaders }) => (await loaders.organization.load(model.customerOrganizationId))!,
    byClause: (model) => [...model.byClause],
  },
  PostureFigures: {
    counts: (p) => p,
  },
  ClausePosture: {
    clause: (p, _args, { catalogue }) => catalogue.clause(p.clauseNumber)!,
  },
  ServiceComparison: {
    services: (c) => [...c.services],
    differences: (c) => [...c.differences],
  },
  ComparedService: {
    service: (s, _args, context) => loadService(context, s.serviceId),
    certifications: (s) => [...s.certifications],
  },
  CustomerBurden: {
    byClause: (b, _args, { catalogue }) => b.byClause.map((c) => ({ clause: catalogue.clause(c.clauseNumber)!, count: c.obligations })),
    byOwnership: (b) => OWNERSHIPS.map((ownership) => ({ ownership, count: b.byOwnership[ownership] })),
  },
  ControlDifference: {
    control: (d, _args, { catalogue }) => catalogue.control(d.controlId)!,
    ownership: (d) => [...d.ownership],
  },
  ServiceOwnership: {
    service: (o, _args, context) => loadService(context, o.serviceId),
  },
};
