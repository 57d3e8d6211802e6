import { stackCoverage } from '../../../src/domain/obligations/coverage';
import { inheritedObligations } from '../../../src/domain/obligations/inherited';
import { memoByVersion, type VersionMemo } from '../../../src/domain/obligations/versionMemo';
import { catalogue, entry, record, template, threeLayerStack, version } from './fixtures';

// What a customer screen derives from a published version is computed once per version object (the
// warm cache keeps versions); each customer's own statuses and stack order still apply per request.

describe('precomputed per cached version', () => {
  it('computes once per version object and catalogue, again for another', () => {
    const memo: VersionMemo<number> = new WeakMap();
    const v = version('svc-a', 1, []);
    let computed = 0;
    const compute = () => ++computed;
    expect(memoByVersion(memo, v, catalogue, compute)).toBe(1);
    expect(memoByVersion(memo, v, catalogue, compute)).toBe(1);
    expect(memoByVersion(memo, { ...v }, catalogue, compute)).toBe(2);
    expect(memoByVersion(memo, v, {}, compute)).toBe(3);
  });

  it('gives each customer its own statuses over the same versions, in catalogue order, then stack order, then line order', () => {
    const { stack } = threeLayerStack();
    const first = inheritedObligations(catalogue, stack, []);
    const done = first[3]!;
    const tracked = inheritedObligations(catalogue, stack, [record(done.serviceId, done.obligation.id, 'IMPLEMENTED', done.obligation.text)]);
    expect(tracked.map((o) => o.obligation.id)).toEqual(first.map((o) => o.obligation.id));
    expect(tracked[3]!.status).toBe('IMPLEMENTED');
    expect(first[3]!.status).toBe('NOT_STARTED');

    // The order a plain sort gives: control rank, then position in the stack, then in the line.
    const rank = new Map(catalogue.controls.map((c, i) => [c.id, i]));
    const reference = stack
      .flatMap((e, s) => e.contract.responsibilities.flatMap((l) => l.customerObligations.map((o, i) => ({ id: o.id, key: [rank.get(l.controlId)!, s, i] }))))
      .sort((a, b) => a.key[0]! - b.key[0]! || a.key[1]! - b.key[1]! || a.key[2]! - b.key[2]!)
      .map((o) => o.id);
    expect(first.map((o) => o.obligation.id)).toEqual(reference);
    // Reversing the stack reverses the services within each control, not the controls.
    const reversed = inheritedObligations(catalogue, [...stack].reverse(), []);
    expect(reversed.filter((o) => o.controlId === '12.3.1').map((o) => o.serviceId)).toEqual(['svc-saas', 'svc-paas', 'svc-iaas']);
  });

  it('coverage reads the same lines from the memo as from the contract', () => {
    const single = [entry('svc-iaas', version('svc-iaas', 1, template('IAAS', 'i')))];
    const a = stackCoverage(catalogue, single, []);
    const b = stackCoverage(catalogue, single, []);
    expect(b).toEqual(a);
    expect(a.controls.find((c) => c.controlId === '12.3.1')!.contributors).toHaveLength(1);
  });
});
