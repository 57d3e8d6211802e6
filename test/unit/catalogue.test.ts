import { Catalogue } from '../../src/domain/catalogue/catalogue';
import { LAYERS } from '../../src/domain/catalogue/model';
import { pageOf } from '../../src/domain/pagination';
import { ErrorCode, OnusError } from '../../src/domain/errors';

const catalogue = new Catalogue();

describe('the ISO/IEC 27017 catalogue', () => {
  it('has 14 clauses (5-18), 37 objectives and 121 controls', () => {
    expect(catalogue.clauses.map((c) => c.number)).toEqual(['5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17', '18']);
    expect(catalogue.objectives).toHaveLength(37);
    expect(catalogue.controls).toHaveLength(121);
  });

  it('marks exactly the seven CLD controls and two CLD objectives as cloud-specific', () => {
    expect(catalogue.findControls({ cloudSpecific: true }).map((c) => c.id)).toEqual([
      'CLD.6.3.1',
      'CLD.8.1.5',
      'CLD.9.5.1',
      'CLD.9.5.2',
      'CLD.12.1.5',
      'CLD.12.4.5',
      'CLD.13.1.4',
    ]);
    expect(catalogue.objectives.filter((o) => o.cloudSpecific).map((o) => o.id)).toEqual(['CLD.6.3', 'CLD.9.5']);
  });

  it('places every control under its objective and clause, ids unique', () => {
    const ids = new Set(catalogue.controls.map((c) => c.id));
    expect(ids.size).toBe(121);
    for (const control of catalogue.controls) {
      const objective = catalogue.objective(control.objectiveId)!;
      expect(objective.controls).toContain(control);
      expect(objective.clauseNumber).toBe(control.clauseNumber);
    }
    expect(catalogue.control('CLD.8.1.5')).toMatchObject({ objectiveId: '8.1', clauseNumber: '8', title: 'Removal of cloud service customer assets' });
  });

  it('gives every control at least one known stack layer', () => {
    for (const control of catalogue.controls) {
      expect(control.layers.length).toBeGreaterThan(0);
      for (const layer of control.layers) expect(LAYERS).toContain(layer);
    }
    expect(catalogue.control('11.1.1')!.layers).toEqual(['PHYSICAL']);
    expect(catalogue.control('CLD.9.5.2')!.layers).toEqual(['VIRTUALIZATION', 'OPERATING_SYSTEM']);
  });

  it('filters by clause, objective, layer and text together', () => {
    expect(catalogue.findControls({ clause: '11' })).toHaveLength(15);
    expect(catalogue.findControls({ objective: '9.2' }).map((c) => c.id)).toEqual(['9.2.1', '9.2.2', '9.2.3', '9.2.4', '9.2.5', '9.2.6']);
    expect(catalogue.findControls({ text: 'BACKUP' }).map((c) => c.id)).toEqual(['12.3.1']);
    expect(catalogue.findControls({ clause: '12', layer: 'OPERATING_SYSTEM', text: 'software' }).map((c) => c.id)).toEqual(['12.5.1', '12.6.2']);
    expect(catalogue.findControls({ clause: '5', cloudSpecific: true })).toEqual([]);
  });
});

describe('cursor pagination over a list', () => {
  const items = catalogue.controls;
  const key = (c: { id: string }) => c.id;

  it('walks every item exactly once, in order', () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: ReturnType<typeof pageOf<(typeof items)[number]>> = pageOf(items, key, 'control', { first: 50, after });
      seen.push(...page.edges.map((e) => e.node.id));
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(items.map(key));
  });

  it('rejects page sizes outside 1..100 and foreign cursors with BAD_USER_INPUT', () => {
    for (const args of [{ first: 0 }, { first: 101 }, { first: 1, after: 'bm90LWEtY3Vyc29y' }]) {
      try {
        pageOf(items, key, 'control', args);
        throw new Error('expected a failure');
      } catch (error) {
        expect(error).toBeInstanceOf(OnusError);
        expect((error as OnusError).code).toBe(ErrorCode.BAD_USER_INPUT);
      }
    }
  });
});
