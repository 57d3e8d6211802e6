import { randomUUID } from 'node:crypto';
import { auditEvent } from '../../domain/audit/event';
import { badInput, notFound } from '../../domain/errors';
import { requireRoleIn } from '../../domain/identity/caller';
import { decodeCursor, encodeCursor, pageSize } from '../../domain/pagination';
import { isCertificationCurrent } from '../../domain/services/certification';
import { mergeCloudServiceChanges, validateCloudService, type CloudServiceFields } from '../../domain/services/service';
import type { StoredService } from '../../store/services';
import type { GraphQLContext } from '../context';
import type { Resolvers } from '../generated/types';
import { loadService, loadServiceForUpdate, requireDraftReader, requireProviderAdmin } from './access';

/** Upstreams must exist and must not lead back to the service itself (a cycle has no bottom). */
async function checkUpstreams(context: GraphQLContext, fields: CloudServiceFields, serviceId: string | null): Promise<void> {
  const found = await context.loaders.service.loadMany(fields.upstreamServiceIds);
  const problems = fields.upstreamServiceIds.flatMap((id, i) =>
    found[i] instanceof Error || !found[i] ? [{ path: `upstreamServiceIds[${i}]`, message: `no cloud service "${id}"` }] : [],
  );
  if (problems.length) throw badInput(`Unknown upstream service: ${problems.map((p) => p.message).join('; ')}.`, problems);
  if (!serviceId) return;
  let frontier = [...fields.upstreamServiceIds];
  const seen = new Set<string>();
  for (let depth = 0; frontier.length && depth < 10; depth++) {
    if (frontier.includes(serviceId)) {
      throw badInput('These upstream services are themselves built on this service: a supply chain cannot loop.', [{ path: 'upstreamServiceIds', message: 'creates a cycle' }]);
    }
    frontier.forEach((id) => seen.add(id));
    const next = await context.loaders.service.loadMany(frontier);
    frontier = next.flatMap((s) => (s && !(s instanceof Error) ? s.upstreamServiceIds : [])).filter((id) => !seen.has(id) || id === serviceId);
  }
}

export const serviceResolvers: Resolvers = {
  Query: {
    cloudService: (_parent, { id }, context) => loadService(context, id),
    cloudServices: async (_parent, { filter, first, after }, { store }) => {
      const { items, next } = await store.services.search(filter ?? {}, pageSize(first), after ? decodeCursor('service', after) : null);
      const edges = items.map((node) => ({ node, cursor: encodeCursor('service', `${node.name.toLowerCase()}#${node.id}`) }));
      return {
        edges,
        pageInfo: { hasNextPage: next !== null, hasPreviousPage: after != null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
      };
    },
  },
  Mutation: {
    createCloudService: async (_parent, { input }, context) => {
      const { caller, loaders, store } = context;
      const providerOrganizationId = input.providerOrganizationId ?? caller.organizationId ?? '';
      requireRoleIn(caller, providerOrganizationId, 'PROVIDER_ADMIN');
      const fields = validateCloudService({ ...input, providerOrganizationId });
      const provider = await loaders.organization.load(providerOrganizationId);
      if (!provider) throw notFound(`No organization "${providerOrganizationId}".`);
      if (!provider.kinds.includes('PROVIDER')) {
        throw badInput(`${provider.name} is not registered as a provider; ask an Onus operator to add the PROVIDER kind.`, [{ path: 'providerOrganizationId', message: 'not a provider' }]);
      }
      await checkUpstreams(context, fields, null);
      const now = new Date().toISOString();
      const service: StoredService = { id: randomUUID(), ...fields, createdAt: now, updatedAt: now, currentVersion: null };
      const event = auditEvent(caller, 'cloudService.create', { type: 'CloudService', id: service.id, organizationId: providerOrganizationId }, `created cloud service "${service.name}" (${service.serviceModel})`, {
        serviceModel: service.serviceModel,
        upstreamServiceIds: service.upstreamServiceIds,
      });
      await store.transact([{ Put: store.services.putItem(service, { create: true }) }, { Put: store.audit.putItem(event) }], `Cloud service ${service.id} already exists.`);
      return service;
    },
    updateCloudService: async (_parent, { id, input }, context) => {
      const { caller, store } = context;
      const current = await loadServiceForUpdate(context, id);
      requireProviderAdmin(caller, current);
      // Required fields cannot be cleared: a null name fails validation as empty, null models keep theirs.
      const { name, serviceModel, deploymentModel, ...optional } = input;
      const changes = {
        ...optional,
        ...(name !== undefined ? { name: name ?? '' } : {}),
        ...(serviceModel ? { serviceModel } : {}),
        ...(deploymentModel ? { deploymentModel } : {}),
      };
      const fields = validateCloudService(mergeCloudServiceChanges(current, changes), id);
      await checkUpstreams(context, fields, id);
      const updated: StoredService = { ...current, ...fields, updatedAt: new Date().toISOString() };
      const changed = (Object.keys(input) as (keyof typeof input)[]).filter((k) => input[k] !== undefined);
      const event = auditEvent(caller, 'cloudService.update', { type: 'CloudService', id, organizationId: current.providerOrganizationId }, `updated cloud service "${updated.name}": ${changed.join(', ') || 'nothing'}`, { fields: changed });
      await store.transact(
        [{ Put: store.services.putItem(updated, { updatedAt: current.updatedAt, currentVersion: current.currentVersion }) }, { Put: store.audit.putItem(event) }],
        `Cloud service "${current.name}" was changed by someone else meanwhile; read it again and retry.`,
      );
      return updated;
    },
  },
  CloudService: {
    provider: async (service, _args, { loaders }) => {
      const provider = await loaders.organization.load(service.providerOrganizationId);
      if (!provider) throw new Error(`service ${service.id} names missing provider ${service.providerOrganizationId}`);
      return provider;
    },
    regions: (service) => [...service.regions],
    certifications: (service) => [...service.certifications],
    upstreamServices: async (service, _args, { loaders }) =>
      (await loaders.service.loadMany(service.upstreamServiceIds)).filter((s): s is StoredService => !!s && !(s instanceof Error)),
    currentContract: (service, _args, { loaders }) => (service.currentVersion ? loaders.contractVersion.load(`${service.id}#${service.currentVersion}`) : null),
    contractVersion: async (service, { version }, { loaders }) => {
      const found = Number.isInteger(version) && version > 0 ? await loaders.contractVersion.load(`${service.id}#${version}`) : null;
      if (!found) throw notFound(`${service.name} has no published version ${version}${service.currentVersion ? `; the current one is ${service.currentVersion}` : ' yet'}.`);
      return found;
    },
    contractVersions: async (service, _args, { store }) =>
      (await store.contracts.listVersions(service.id)).map((summary) => ({ ...summary, currentVersion: service.currentVersion })),
    draft: async (service, _args, { caller, store }) => {
      requireDraftReader(caller, service);
      return store.contracts.getDraft(service.id, false);
    },
  },
  Certification: {
    current: (certification) => isCertificationCurrent(certification, new Date()),
  },
};
