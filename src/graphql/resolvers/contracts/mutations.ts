import { randomUUID } from 'node:crypto';
import { auditEvent } from '../../../domain/audit/event';
import { applyResponsibilityChanges } from '../../../domain/contracts/changes';
import { accountForUpstream } from '../../../domain/contracts/supplyChain';
import { templateResponsibilities } from '../../../domain/contracts/template';
import { validateContract } from '../../../domain/contracts/validation';
import { validateChangeNote, type ContractDraft, type ContractVersion } from '../../../domain/contracts/version';
import { badInput, conflict, notFound, validationFailed } from '../../../domain/errors';
import type { StoredDraft } from '../../../store/contracts';
import type { StoredService } from '../../../store/services';
import type { GraphQLContext } from '../../context';
import type { Resolvers } from '../../generated/types';
import { loadServiceForUpdate, requireProviderAdmin } from '../access';
import { upstreamContracts } from '../supplyChain';

const target = (service: StoredService) => ({ type: 'CloudService', id: service.id, organizationId: service.providerOrganizationId });

async function editableDraft(context: GraphQLContext, service: StoredService, revision: number): Promise<StoredDraft> {
  const draft = await context.store.contracts.getDraft(service.id);
  if (!draft) throw notFound(`${service.name} has no draft contract; start one with startContractDraft.`);
  if (draft.revision !== revision) {
    throw conflict(`The draft is at revision ${draft.revision}, not ${revision}: someone saved it meanwhile. Read the draft again and reapply your change.`);
  }
  return draft;
}

export const contractMutations: Resolvers['Mutation'] = {
  startContractDraft: async (_parent, { serviceId, from }, context) => {
    const { caller, store, catalogue, loaders } = context;
    const service = await loadServiceForUpdate(context, serviceId);
    requireProviderAdmin(caller, service);
    let responsibilities;
    let basedOnVersion: number | null = null;
    if (from === 'LATEST_VERSION') {
      if (!service.currentVersion) throw badInput(`${service.name} has no published version yet: start from TEMPLATE.`, [{ path: 'from', message: 'no published version' }]);
      const latest = await loaders.contractVersion.load(`${service.id}#${service.currentVersion}`);
      if (!latest) throw new Error(`current version ${service.currentVersion} of ${service.id} is missing`);
      responsibilities = latest.responsibilities;
      basedOnVersion = latest.version;
    } else {
      const provider = await loaders.organization.load(service.providerOrganizationId);
      responsibilities = templateResponsibilities(catalogue, service.serviceModel, randomUUID, { providerName: provider?.name ?? null });
    }
    // Obligations the upstream contracts put on this provider start accounted for (passed down where
    // the line already asks its customers something, performed otherwise); the provider reviews them.
    responsibilities = accountForUpstream(responsibilities, await upstreamContracts(context, service));
    const now = new Date().toISOString();
    const draft: ContractDraft = { serviceId, revision: 1, basedOnVersion, responsibilities, createdAt: now, updatedAt: now, updatedBy: caller.subject };
    const event = auditEvent(caller, 'contract.draft.start', target(service), `started a draft contract for "${service.name}" from ${from === 'TEMPLATE' ? `the ${service.serviceModel} template` : `version ${basedOnVersion}`}`, {
      from,
      basedOnVersion,
    });
    await store.transact(
      [...store.contracts.draftWrites(draft, null), { Put: store.audit.putItem(event) }],
      `${service.name} already has a draft contract: edit it, or discard it first.`,
    );
    return draft;
  },

  setResponsibilities: async (_parent, { serviceId, revision, responsibilities: changes }, context) => {
    const { caller, store, catalogue } = context;
    if (changes.length === 0) throw badInput('Send at least one responsibility to set.', [{ path: 'responsibilities', message: 'empty' }]);
    const service = await loadServiceForUpdate(context, serviceId);
    requireProviderAdmin(caller, service);
    const draft = await editableDraft(context, service, revision);
    const responsibilities = applyResponsibilityChanges(draft.responsibilities, changes, catalogue, randomUUID);
    const next: ContractDraft = { ...draft, responsibilities, revision: draft.revision + 1, updatedAt: new Date().toISOString(), updatedBy: caller.subject };
    const controlIds = changes.map((c) => c.controlId.trim());
    const event = auditEvent(caller, 'contract.draft.update', target(service), `set ${controlIds.length} responsibilit${controlIds.length === 1 ? 'y' : 'ies'} in the draft of "${service.name}" (revision ${next.revision})`, {
      controlIds,
      revision: next.revision,
    });
    await store.transact(
      [...store.contracts.draftWrites(next, { revision: draft.revision, chunkCount: draft.chunkCount }), { Put: store.audit.putItem(event) }],
      `The draft changed while you saved (it is no longer at revision ${revision}). Read it again and reapply your change.`,
    );
    return next;
  },

  discardContractDraft: async (_parent, { serviceId, revision }, context) => {
    const { caller, store } = context;
    const service = await loadServiceForUpdate(context, serviceId);
    requireProviderAdmin(caller, service);
    const draft = await editableDraft(context, service, revision);
    const event = auditEvent(caller, 'contract.draft.discard', target(service), `discarded the draft contract of "${service.name}" at revision ${revision}`, { revision });
    await store.transact(
      [...store.contracts.draftDeletes(serviceId, draft.revision, draft.chunkCount), { Put: store.audit.putItem(event) }],
      'The draft changed meanwhile; read it again before discarding it.',
    );
    return true;
  },

  publishContractDraft: async (_parent, { serviceId, revision, changeNote }, context) => {
    const { caller, store, catalogue } = context;
    const note = validateChangeNote(changeNote);
    const service = await loadServiceForUpdate(context, serviceId);
    requireProviderAdmin(caller, service);
    const draft = await editableDraft(context, service, revision);
    const problems = validateContract(catalogue, draft.responsibilities, {
      upstreamServiceIds: service.upstreamServiceIds,
      upstreamContracts: await upstreamContracts(context, service),
    });
    if (problems.length) {
      throw validationFailed(
        `The draft cannot be published: ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix (see extensions.problems).`,
        problems.map((p) => ({ path: p.controlId ?? 'draft', code: p.code, message: p.message })),
      );
    }
    const version: ContractVersion = {
      serviceId,
      version: (service.currentVersion ?? 0) + 1,
      changeNote: note,
      publishedAt: new Date().toISOString(),
      publishedBy: caller.subject,
      responsibilities: draft.responsibilities,
    };
    const event = auditEvent(caller, 'contract.publish', target(service), `published version ${version.version} of the contract of "${service.name}"`, {
      version: version.version,
      previousVersion: service.currentVersion,
      revision,
    });
    // One transaction: the version, the pointer, the draft's removal and the audit event. Two
    // publishes of the same draft race on the draft's revision and the pointer; one of them wins.
    await store.transact(
      [
        ...store.contracts.versionWrites(version),
        { Update: store.services.pointerUpdate(serviceId, service.currentVersion, version.version, version.publishedAt) },
        ...store.contracts.draftDeletes(serviceId, draft.revision, draft.chunkCount),
        { Put: store.audit.putItem(event) },
      ],
      `The draft of "${service.name}" was published or changed meanwhile; read the service again.`,
    );
    return version;
  },
};
