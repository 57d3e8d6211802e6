import { notFound } from '../../domain/errors';
import { pageOf } from '../../domain/pagination';
import type { Resolvers } from '../generated/types';

// The catalogue is public and in memory: these fields read it directly, no use case needed.
export const catalogueResolvers: Resolvers = {
  Query: {
    framework: (_parent, _args, { catalogue }) => catalogue,
    controls: (_parent, { filter, first, after }, { catalogue }) => pageOf(catalogue.findControls(filter ?? {}), (c) => c.id, 'control', { first, after }),
    control: (_parent, { id }, { catalogue }) => {
      const control = catalogue.control(id.trim());
      if (!control) throw notFound(`No control "${id}" in ISO/IEC 27017. Ids look like "9.2.1" or "CLD.6.3.1"; query controls to list them.`);
      return control;
    },
  },
  Framework: {
    id: (catalogue) => catalogue.framework.id,
    title: (catalogue) => catalogue.framework.title,
    clauseCount: (catalogue) => catalogue.clauses.length,
    objectiveCount: (catalogue) => catalogue.objectives.length,
    controlCount: (catalogue) => catalogue.controls.length,
  },
  Clause: {},
  Objective: {
    clause: (objective, _args, { catalogue }) => catalogue.requireClause(objective.clauseNumber),
  },
  Control: {
    clause: (control, _args, { catalogue }) => catalogue.requireClause(control.clauseNumber),
    objective: (control, _args, { catalogue }) => catalogue.requireObjective(control.objectiveId),
  },
};
