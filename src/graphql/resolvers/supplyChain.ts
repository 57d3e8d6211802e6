import { driftOf, staleContracts } from '../../app/contracts/contractDrift';
import { requireService } from '../../app/load';
import type { Resolvers } from '../generated/types';

export const supplyChainResolvers: Resolvers = {
  Query: {
    staleContracts: (_parent, { providerOrganizationId }, context) => staleContracts(context, providerOrganizationId),
  },
  CloudService: {
    contractDrift: (service, _args, context) => driftOf(context, service),
  },
  CoverageContributor: {
    drift: async (c, _args, context) => {
      const service = await requireService(context, c.serviceId);
      const contract = await context.loaders.contractVersion.load({ serviceId: c.serviceId, version: c.contractVersion });
      return (await driftOf(context, service, contract)).filter((d) => d.controlId === c.controlId);
    },
  },
  StaleContract: {
    drift: (s) => [...s.drift],
  },
  ContractDrift: {
    control: (d, _args, { catalogue }) => catalogue.requireControl(d.controlId),
    upstreamService: (d, _args, context) => requireService(context, d.upstreamServiceId),
  },
};
