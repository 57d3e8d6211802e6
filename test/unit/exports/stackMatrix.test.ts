import { parse } from 'csv-parse/sync';
import { stackMatrixCsv, stackMatrixExport } from '../../../src/domain/exports/stackMatrix';
import { catalogue, contractSource } from './contract';

// A customer's matrix across its stack: each service's rows, services in name order, each row naming
// its service and version.

const vm = contractSource();
const db = { ...vm, service: { ...vm.service, id: 'svc-db', name: 'Atlas Database' }, version: { ...vm.version, serviceId: 'svc-db', version: 4 } };
const rowsOf = (csv: string) => parse(csv, { bom: true }) as string[][];

describe("a customer's responsibility matrix across its stack", () => {
  it('lists every service, in name order, as CAIQ rows with the service and version first', () => {
    const rows = rowsOf(stackMatrixCsv('CAIQ_V4_CSV', [vm, db]));
    expect(rows[0]!.slice(0, 4)).toEqual(['Service', 'Contract Version', 'Control ID', 'Control Title']);
    expect(rows).toHaveLength(1 + 2 * catalogue.controls.length);
    expect(rows[1]!.slice(0, 3)).toEqual(['Atlas Database', '4', 'iso27017-5.1.1']);
    expect(rows[1 + catalogue.controls.length]!.slice(0, 3)).toEqual(['Nimbus Virtual Machines', '2', 'iso27017-5.1.1']);
  });

  it('as FedRAMP CRM rows with the version after the service', () => {
    const rows = rowsOf(stackMatrixCsv('FEDRAMP_CRM_CSV', [db, vm]));
    expect(rows[0]).toEqual(['Service', 'Contract Version', 'Control ID', 'Can Be Inherited from CSP', 'Specific Inheritance and Customer Responsibilities']);
    expect(rows[1]!.slice(0, 3)).toEqual(['Atlas Database', '4', 'iso27017-5.1.1']);
  });

  it('is the same bytes whatever order the subscriptions come in, named after the customer', () => {
    expect(stackMatrixCsv('FEDRAMP_CRM_CSV', [vm, db])).toBe(stackMatrixCsv('FEDRAMP_CRM_CSV', [db, vm]));
    expect(stackMatrixExport('CAIQ_V4_CSV', 'Globex Logistics', 'org-1', []).fileName).toBe('globex-logistics-stack-caiq-v4.csv');
    expect(rowsOf(stackMatrixExport('CAIQ_V4_CSV', 'Globex Logistics', 'org-1', []).content)).toHaveLength(1);
  });
});
