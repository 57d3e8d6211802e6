import { contractVersion, currentContract, listContractVersions, readDraft, upcomingContract } from '../../app/contracts/readContracts';
import { referencedOrganization } from '../../app/load';
import { createCloudService } from '../../app/services/createCloudService';
import { readCloudService, searchCloudServices } from '../../app/services/readServices';
import { subscriberCount } from '../../app/services/subscriberCount';
import { updateCloudService } from '../../app/services/updateCloudService';
import { isCertificationCurrent } from '../../domain/services/certification';
import type { StoredService } from '../../store/services';
import type { Resolvers } from '../generated/types';

export const serviceResolvers: Resolvers = {
  Query: {
    cloudService: (_parent, { id }, context) => readCloudService(context, id),
    cloudServices: (_parent, { filter, first, after }, context) => searchCloudServices(context, filter, { first, after }),
  },
  Mutation: {
    createCloudService: (_parent, { input }, context) => createCloudService(context, input),
    updateCloudService: (_parent, { id, input }, context) => updateCloudService(context, id, input),
  },
  CloudService: {
    provider: (service, _args, context) => referencedOrganization(context, service.providerOrganizationId),
    regions: (service) => [...service.regions],
    certifications: (service) => [...service.certifications],
    upstreamServices: async (service, _args, { loaders }) =>
      (await loaders.service.loadMany(service.upstreamServiceIds)).filter((s): s is StoredService => !!s && !(s instanceof Error)),
    currentContract: (service, _args, context) => currentContract(context, service),
    upcomingContract: (service, _args, context) => upcomingContract(context, service),
    subscriberCount: (service, _args, context) => subscriberCount(context, service),
    contractVersion: (service, { version }, context) => contractVersion(context, service, version),
    contractVersions: (service, _args, context) => listContractVersions(context, service),
    draft: (service, _args, context) => readDraft(context, service),
  },
  Certification: {
    current: (certification, _args, { clock }) => isCertificationCurrent(certification, clock()),
  },
};
