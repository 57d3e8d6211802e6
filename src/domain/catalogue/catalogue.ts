import { CLAUSES, CONTROLS, OBJECTIVES } from './iso27017';
import type { Clause, Control, Layer, Objective } from './model';

export interface ControlFilter {
  readonly clause?: string | null;
  readonly objective?: string | null;
  readonly cloudSpecific?: boolean | null;
  readonly layer?: Layer | null;
  /** Case-insensitive match on id or title. */
  readonly text?: string | null;
}

/**
 * The ISO/IEC 27017 catalogue, indexed once. It is immutable and small (121 controls), so a warm
 * function keeps one instance and answers every catalogue query from memory.
 */
export class Catalogue {
  readonly framework = { id: 'ISO/IEC 27017:2015', title: 'Code of practice for information security controls based on ISO/IEC 27002 for cloud services' };
  readonly clauses: readonly Clause[];
  readonly controls: readonly Control[];
  private readonly controlsById: ReadonlyMap<string, Control>;
  private readonly objectivesById: ReadonlyMap<string, Objective>;
  private readonly clausesByNumber: ReadonlyMap<string, Clause>;

  constructor() {
    const isCloud = (id: string) => id.startsWith('CLD.');
    const controls: Control[] = CONTROLS.map(([id, title, objectiveId, layers]) => {
      const objective = OBJECTIVES.find(([oid]) => oid === objectiveId);
      if (!objective) throw new Error(`catalogue data: control ${id} names unknown objective ${objectiveId}`);
      return { id, title, objectiveId, clauseNumber: objective[1], cloudSpecific: isCloud(id), layers };
    });
    const objectives: Objective[] = OBJECTIVES.map(([id, clauseNumber, title]) => ({
      id,
      clauseNumber,
      title,
      cloudSpecific: isCloud(id),
      controls: controls.filter((c) => c.objectiveId === id),
    }));
    this.clauses = CLAUSES.map(([number, title]) => ({
      number,
      title,
      objectives: objectives.filter((o) => o.clauseNumber === number),
    }));
    this.controls = controls;
    this.controlsById = new Map(controls.map((c) => [c.id, c]));
    this.objectivesById = new Map(objectives.map((o) => [o.id, o]));
    this.clausesByNumber = new Map(this.clauses.map((c) => [c.number, c]));
  }

  control(id: string): Control | undefined {
    return this.controlsById.get(id);
  }

  /**
   * A control that must exist because Onus itself stored its id (a contract line, an obligation):
   * a miss is a bug in stored data, not a client mistake, so it throws a plain Error (masked).
   */
  requireControl(id: string): Control {
    const control = this.controlsById.get(id);
    if (!control) throw new Error(`catalogue: no control ${id}`);
    return control;
  }

  /** The clause of a stored control or objective: must exist, as for requireControl. */
  requireClause(number: string): Clause {
    const clause = this.clausesByNumber.get(number);
    if (!clause) throw new Error(`catalogue: no clause ${number}`);
    return clause;
  }

  requireObjective(id: string): Objective {
    const objective = this.objectivesById.get(id);
    if (!objective) throw new Error(`catalogue: no objective ${id}`);
    return objective;
  }

  objective(id: string): Objective | undefined {
    return this.objectivesById.get(id);
  }

  clause(number: string): Clause | undefined {
    return this.clausesByNumber.get(number);
  }

  get objectives(): Objective[] {
    return this.clauses.flatMap((c) => c.objectives);
  }

  /** Controls in catalogue order that match every given criterion. */
  findControls(filter: ControlFilter = {}): Control[] {
    const text = filter.text?.trim().toLowerCase();
    return this.controls.filter(
      (c) =>
        (filter.clause == null || c.clauseNumber === filter.clause) &&
        (filter.objective == null || c.objectiveId === filter.objective) &&
        (filter.cloudSpecific == null || c.cloudSpecific === filter.cloudSpecific) &&
        (filter.layer == null || c.layers.includes(filter.layer)) &&
        (!text || c.id.toLowerCase().includes(text) || c.title.toLowerCase().includes(text)),
    );
  }
}
