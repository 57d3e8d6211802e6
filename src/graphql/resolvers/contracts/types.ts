import { draftProblems } from '../../../app/contracts/draftProblems';
import { contractVersionStatus } from '../../../app/contracts/readContracts';
import { requireService } from '../../../app/load';
import { commitmentsOf } from '../../../domain/contracts/commitments';
import { OWNERSHIP_CROSSWALK } from '../../../domain/contracts/crosswalk';
import { filterResponsibilities } from '../../../domain/contracts/filter';
import { relaysOf, upstreamHandlingsOf } from '../../../domain/contracts/responsibility';
import { notFound } from '../../../domain/errors';
import type { Resolvers } from '../../generated/types';

/** How contracts, drafts, lines and diffs read; the writes are use cases in src/app/contracts. */
export const contractTypeResolvers: Resolvers = {
  ContractVersion: {
    service: (version, _args, context) => requireService(context, version.serviceId),
    status: async (version, _args, context) => contractVersionStatus(context, await requireService(context, version.serviceId), version.version),
    responsibilities: (version, { filter }, { catalogue }) => filterResponsibilities(catalogue, version.responsibilities, filter),
  },
  ContractVersionSummary: {
    status: (summary) => summary.status,
  },
  ContractDraft: {
    service: (draft, _args, context) => requireService(context, draft.serviceId),
    responsibilities: (draft, { filter }, { catalogue }) => filterResponsibilities(catalogue, draft.responsibilities, filter),
    problems: async (draft, _args, context) =>
      draftProblems(context, await requireService(context, draft.serviceId), draft.responsibilities, commitmentsOf(draft)),
  },
  Responsibility: {
    control: (line, _args, { catalogue }) => {
      // A draft may hold a line for a control outside the catalogue (validation reports it as UNKNOWN_CONTROL).
      const control = catalogue.control(line.controlId);
      if (!control) throw notFound(`Control ${line.controlId} is not in the catalogue.`);
      return control;
    },
    customerObligations: (line) => [...line.customerObligations],
    evidence: (line) => [...line.evidence],
    upstreamService: (line, _args, { loaders }) => (line.upstreamServiceId ? loaders.service.load(line.upstreamServiceId) : null),
    upstreamObligations: (line) => [...upstreamHandlingsOf(line)],
    crosswalk: (line) => {
      const { caiq, fedrampCanBeInherited, oscal } = OWNERSHIP_CROSSWALK[line.ownership];
      return { caiq, fedrampCanBeInherited, oscalProvided: oscal.provided };
    },
  },
  UpstreamObligationHandling: {
    upstreamService: (handling, _args, { loaders }) => loaders.service.load(handling.upstreamServiceId),
    proposed: (handling) => handling.proposed === true,
  },
  CustomerObligation: {
    relays: (obligation) => [...relaysOf(obligation)],
  },
  RelayedObligation: {
    upstreamService: (relay, _args, { loaders }) => loaders.service.load(relay.upstreamServiceId),
  },
  ContractDiff: {
    service: (diff, _args, context) => requireService(context, diff.serviceId),
    controls: (diff) => [...diff.controls],
  },
  ControlDiff: {
    control: (change, _args, { catalogue }) => catalogue.control(change.controlId) ?? null,
    obligationsAdded: (change) => [...change.obligationsAdded],
    obligationsRemoved: (change) => [...change.obligationsRemoved],
    obligationsChanged: (change) => [...change.obligationsChanged],
  },
};
