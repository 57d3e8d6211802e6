import { contractVersion, contractVersionStatus, currentContract, upcomingContract } from '../../app/contracts/readContracts';
import { referencedOrganization } from '../../app/load';
import { authorize } from '../../app/policy';
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
    // Both fan out per service on a list (or under aliases): read through the request's loaders, so
    // drafts are one BatchGetItem and each service's version list one Query, however many ask.
    contractVersions: async (service, _args, context) =>
      (await context.loaders.contractVersions.load(service.id)).map((summary) => ({
        ...summary,
        status: contractVersionStatus(context, service, summary.version),
      })),
    draft: (service, _args, context) => {
      // As readDraft: a draft is its provider's own work in progress (admins and auditors).
      authorize(context.caller, 'contract.draft.read', service.providerOrganizationId);
      return context.loaders.draft.load(service.id);
    },
  },
  Certification: {
    current: (certification, _args, { clock }) => isCertificationCurrent(certification, clock()),
  },
};
