import { compareServices } from '../../../app/obligations/compareServices';
import { readCoverage, readInheritedObligations, readPosture } from '../../../app/obligations/customerViews';
import { performersOf, preparePerformers } from '../../../app/obligations/performers';
import { recordObligationStatus } from '../../../app/obligations/recordObligationStatus';
import { serviceOf } from '../../../app/obligations/knownServices';
import { referencedOrganization } from '../../../app/load';
import { OWNERSHIPS } from '../../../domain/contracts/ownership';
import { relaysOf } from '../../../domain/contracts/responsibility';
import { COVERAGE_VERDICTS } from '../../../domain/obligations/coverage';
import { TRACKING_STATUSES } from '../../../domain/obligations/tracking';
import type { Resolvers } from '../../generated/types';
import { selectsField } from './selection';

export const obligationResolvers: Resolvers = {
  Query: {
    inheritedObligations: (_parent, { customerOrganizationId, filter, first, after }, context) =>
      readInheritedObligations(context, customerOrganizationId, filter, { first, after }),
    coverage: (_parent, { customerOrganizationId }, context) => readCoverage(context, customerOrganizationId),
    posture: (_parent, { customerOrganizationId }, context) => readPosture(context, customerOrganizationId),
    compareServices: (_parent, { serviceIds }, context) => compareServices(context, serviceIds),
  },
  Mutation: {
    recordObligationStatus: (_parent, { input }, context) => recordObligationStatus(context, input),
  },
  InheritedObligations: {
    customer: (model, _args, context) => referencedOrganization(context, model.customerOrganizationId),
    counts: (model) => model.counts,
    clauses: async (model, _args, context, info) => {
      // Read the stack's supply chains once here, so each obligation's performedBy answers synchronously.
      if (selectsField(info, 'performedBy')) await preparePerformers(context, model.subscriptionIds);
      return [...model.clauses];
    },
    edges: async (model, _args, context, info) => {
      if (selectsField(info, 'performedBy')) await preparePerformers(context, model.subscriptionIds);
      return model.page.edges;
    },
    pageInfo: (model) => model.page.pageInfo,
    totalCount: (model) => model.page.totalCount,
  },
  ClauseObligations: {
    clause: (group, _args, { catalogue }) => catalogue.requireClause(group.clauseNumber),
    counts: (group) => group.counts,
    controls: (group) => [...group.controls],
  },
  ControlObligations: {
    control: (group, _args, { catalogue }) => catalogue.requireControl(group.controlId),
    counts: (group) => group.counts,
    obligations: (group) => [...group.obligations],
  },
  InheritedObligation: {
    unlocksProvided: (o) => o.obligation.unlocksProvided,
    control: (o, _args, { catalogue }) => catalogue.requireControl(o.controlId),
    tracking: (o) => ({ record: o.tracking, currentText: o.obligation.text }),
    performedBy: (o, _args, context) => performersOf(context, o.subscriptionId, o.controlId),
    relays: (o) => [...relaysOf(o.obligation)],
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
  ChainBreak: {
    service: (b, _args, context) => serviceOf(context, b.serviceId),
  },
  Performer: {
    service: (p, _args, context) => serviceOf(context, p.serviceId),
    provider: (p, _args, context) => referencedOrganization(context, p.providerOrganizationId),
  },
  Coverage: {
    customer: (model, _args, context) => referencedOrganization(context, model.customerOrganizationId),
    totals: (model) => COVERAGE_VERDICTS.map((verdict) => ({ verdict, count: model.totals[verdict] })),
    controls: async (model, { verdict }, context, info) => {
      if (selectsField(info, 'performedBy')) await preparePerformers(context, model.subscriptionIds);
      return model.controls.filter((c) => !verdict?.length || verdict.includes(c.verdict));
    },
  },
  ControlCoverage: {
    control: (c, _args, { catalogue }) => catalogue.requireControl(c.controlId),
    contributors: (c) => [...c.contributors],
  },
  CoverageContributor: {
    performedBy: (c, _args, context) => performersOf(context, c.subscriptionId, c.controlId),
  },
  Posture: {
    customer: (model, _args, context) => referencedOrganization(context, model.customerOrganizationId),
    byClause: (model) => [...model.byClause],
  },
  PostureFigures: {
    counts: (p) => p,
  },
  ClausePosture: {
    clause: (p, _args, { catalogue }) => catalogue.requireClause(p.clauseNumber),
  },
  ServiceComparison: {
    services: (c) => [...c.services],
    differences: (c) => [...c.differences],
  },
  ComparedService: {
    service: (s, _args, context) => serviceOf(context, s.serviceId),
    certifications: (s) => [...s.certifications],
  },
  CustomerBurden: {
    byClause: (b, _args, { catalogue }) => b.byClause.map((c) => ({ clause: catalogue.requireClause(c.clauseNumber), count: c.obligations })),
    byOwnership: (b) => OWNERSHIPS.map((ownership) => ({ ownership, count: b.byOwnership[ownership] })),
  },
  ControlDifference: {
    control: (d, _args, { catalogue }) => catalogue.requireControl(d.controlId),
    ownership: (d) => [...d.ownership],
  },
  ServiceOwnership: {
    service: (o, _args, context) => serviceOf(context, o.serviceId),
  },
};
