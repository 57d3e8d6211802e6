import { setCommitments } from '../../app/contracts/setCommitments';
import { requireService } from '../../app/load';
import { availabilityStatementOf, commitmentsOf, minutesOf, type Commitments } from '../../domain/contracts/commitments';
import { commitmentTerms, diffCommitments, type CommitmentTerm } from '../../domain/contracts/commitmentTerms';
import type { ContractVersion } from '../../domain/contracts/version';
import type { GraphQLContext } from '../context';
import type { CommitmentKind, Resolvers } from '../generated/types';

// How service-level commitments read: on versions and drafts, as terms, in diffs, change impact and
// coverage. The one write is setCommitments (src/app/contracts/setCommitments.ts).

type Stated<K extends keyof Commitments> = NonNullable<Commitments[K]>;
export type ServiceCreditsModel = Stated<'serviceCredits'>;
export type SupportModel = Stated<'support'>;
export type IncidentNotificationModel = Stated<'incidentNotification'>;
export type RecoveryModel = Stated<'recovery'>;
export type DataOnTerminationModel = Stated<'dataOnTermination'>;
export type ChangeNoticeModel = Stated<'changeNotice'>;

export interface CoveredCommitmentModel {
  readonly serviceId: string;
  readonly contractVersion: number;
  readonly term: CommitmentTerm;
}

const KIND: Record<CommitmentTerm['kind'], CommitmentKind> = {
  availability: 'AVAILABILITY',
  serviceCredits: 'SERVICE_CREDITS',
  support: 'SUPPORT',
  incidentNotification: 'INCIDENT_NOTIFICATION',
  recovery: 'RECOVERY',
  dataOnTermination: 'DATA_ON_TERMINATION',
  changeNotice: 'CHANGE_NOTICE',
};

// A stored control id the catalogue no longer knows is skipped (validation reported it before publishing).
const controls = (model: { readonly controlIds: readonly string[] }, _args: unknown, { catalogue }: GraphQLContext) =>
  model.controlIds.flatMap((id) => catalogue.control(id) ?? []);

const version = (context: GraphQLContext, serviceId: string, number: number): Promise<ContractVersion | null> =>
  context.loaders.contractVersion.load({ serviceId, version: number });

export const commitmentResolvers: Resolvers = {
  Mutation: {
    setCommitments: (_parent, { serviceId, revision, commitments }, context) => setCommitments(context, serviceId, revision, commitments),
  },
  ContractVersion: {
    commitments: (v) => commitmentsOf(v),
  },
  ContractDraft: {
    commitments: (d) => commitmentsOf(d),
  },
  ContractProblem: {
    path: (p) => p.path ?? null,
  },
  ContractCommitments: {
    availabilityStatement: (c) => availabilityStatementOf({ commitments: c }),
    terms: (c, { controlIds }) => commitmentTerms({ commitments: c }).filter((t) => !controlIds?.length || t.controlIds.some((id) => controlIds.includes(id))),
  },
  AvailabilityCommitment: { controls, targets: (a) => [...a.targets] },
  ServiceCredits: { controls, schedules: (s) => s.schedules.map((schedule) => ({ ...schedule, tiers: [...schedule.tiers] })) },
  SupportCommitment: { controls, targets: (s) => [...s.targets] },
  IncidentNotificationCommitment: { controls },
  RecoveryCommitment: { controls },
  DataOnTerminationCommitment: { controls },
  ChangeNoticeCommitment: { controls },
  Duration: {
    minutes: (d) => minutesOf(d),
  },
  CommitmentTerm: {
    kind: (t) => KIND[t.kind],
    controls,
  },
  CommitmentChange: {
    kind: (c) => KIND[c.kind],
  },
  ContractDiff: {
    // The two versions were loaded for the diff itself: the request's loader answers from memory.
    commitmentChanges: async (diff, _args, context) => {
      const [from, to] = await Promise.all([version(context, diff.serviceId, diff.fromVersion), version(context, diff.serviceId, diff.toVersion)]);
      return from && to ? [...diffCommitments(from, to).changes] : [];
    },
  },
  ChangeImpact: {
    commitmentChanges: (impact) => [...impact.commitmentChanges],
    commitmentsWeakened: (impact) => impact.commitmentChanges.filter((c) => c.effect === 'WEAKENED'),
  },
  ControlCoverage: {
    // Each contributor's version was read to build the coverage: the loader answers from the request's cache.
    commitments: async (coverage, _args, context) => {
      const found = await Promise.all(
        coverage.contributors.map(async (c) => {
          const contract = await version(context, c.serviceId, c.contractVersion);
          const terms = contract ? commitmentTerms(contract).filter((t) => t.controlIds.includes(coverage.controlId)) : [];
          return terms.map((term) => ({ serviceId: c.serviceId, contractVersion: c.contractVersion, term }));
        }),
      );
      return found.flat();
    },
  },
  CoveredCommitment: {
    service: (c, _args, context) => requireService(context, c.serviceId),
  },
};
