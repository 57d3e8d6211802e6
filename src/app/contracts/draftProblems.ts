import { NO_COMMITMENTS_STATED, type Commitments } from '../../domain/contracts/commitments';
import { validateCommitments } from '../../domain/contracts/commitmentValidation';
import type { ContractProblem } from '../../domain/contracts/problems';
import type { Responsibility } from '../../domain/contracts/responsibility';
import { validateContract } from '../../domain/contracts/validation';
import type { StoredService } from '../../store/services';
import type { AppContext } from '../context';
import { readSupplyChain } from '../supplyChain';

/** Every problem that blocks publishing `responsibilities` (and `commitments`) as the service's contract today. */
export async function draftProblems(
  context: AppContext,
  service: StoredService,
  responsibilities: readonly Responsibility[],
  commitments: Commitments = NO_COMMITMENTS_STATED,
): Promise<ContractProblem[]> {
  const chain = await readSupplyChain(context, service);
  return [
    ...validateContract(context.catalogue, responsibilities, {
      upstreamServiceIds: service.upstreamServiceIds,
      upstreamContracts: chain.upstreams,
      chainFaults: chain.faultMessages,
    }),
    ...validateCommitments(context.catalogue, commitments, { regions: service.regions }),
  ];
}
