import { OWNERSHIP_CROSSWALK } from '../../../domain/contracts/crosswalk';
import { filterResponsibilities } from '../../../domain/contracts/filter';
import { validateContract } from '../../../domain/contracts/validation';
import { notFound } from '../../../domain/errors';
import type { Resolvers } from '../../generated/types';
import { loadService } from '../access';
import { upstreamContracts } from '../supplyChain';
import { upstreamHandlingsOf } from '../../../domain/contracts/responsibility';

const statusOf = (version: number, current: number | null) => (version === current ? 'CURRENT' : 'SUPERSEDED');

/** How contracts, drafts, lines and diffs read; the writes are in mutations.ts. */
export const contractTypeResolvers: Resolvers = {
  ContractVersion: {
    service: (version, _args, context) => loadService(context, version.serviceId),
    status: async (version, _args, context) => statusOf(version.version, (await loadService(context, version.serviceId)).currentVersion),
    responsibilities: (version, { filter }, { catalogue }) => filterResponsibilities(catalogue, version.responsibilities, filter),
  },
  ContractVersionSummary: {
    status: (summary) => statusOf(summary.version, summary.currentVersion),
  },
  ContractDraft: {
    service: (draft, _args, context) => loadService(context, draft.serviceId),
    responsibilities: (draft, { filter }, { catalogue }) => filterResponsibilities(catalogue, draft.responsibilities, filter),
    problems: async (draft, _args, context) => {
      const service = await loadService(context, draft.serviceId);
      return validateContract(context.catalogue, draft.responsibilities, {
        upstreamServiceIds: service.upstreamServiceIds,
        upstreamContracts: await upstreamContracts(context, service),
      });
    },
  },
  Responsibility: {
    control: (line, _args, { catalogue }) => {
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
  },
  ContractDiff: {
    service: (diff, _args, context) => loadService(context, diff.serviceId),
    controls: (diff) => [...diff.controls],
  },
  ControlDiff: {
    control: (change, _args, { catalogue }) => catalogue.control(change.controlId) ?? null,
    obligationsAdded: (change) => [...change.obligationsAdded],
    obligationsRemoved: (change) => [...change.obligationsRemoved],
    obligationsChanged: (change) => [...change.obligationsChanged],
  },
};
