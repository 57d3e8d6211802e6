// The demo services and the lines of their contracts that differ from the service-model template.
// Written as a provider would: specific statements for the controls customers ask about most.

export interface DemoLine {
  readonly controlId: string;
  readonly ownership: string;
  readonly providerStatement?: string | null;
  readonly customerObligations?: readonly { readonly text: string; readonly unlocksProvided?: boolean }[] | null;
  readonly upstreamServiceId?: string | null;
  readonly justification?: string | null;
  readonly evidence?: readonly { readonly kind: string; readonly title: string; readonly url: string }[];
}

export interface DemoService {
  readonly key: 'iaas' | 'paas' | 'saas';
  readonly providerOrganizationId: string;
  readonly name: string;
  readonly description: string;
  readonly serviceModel: 'IAAS' | 'PAAS' | 'SAAS';
  readonly regions: readonly string[];
  readonly certifications: readonly { readonly kind: string; readonly issuer: string; readonly expiresOn: string }[];
  readonly upstream: 'iaas' | 'paas' | null;
  /** Version 1's changes to the template, then each later version's changes (commitments: set in that version's draft). */
  readonly versions: readonly { readonly changeNote: string; readonly lines: readonly DemoLine[]; readonly commitments?: Record<string, unknown> }[];
}

/** Nimbus's SLA: 99.99 % multi-zone, 99.9 % single zone, three credit tiers each, support and notification targets. */
export const NIMBUS_SLA: Record<string, unknown> = {
  availability: {
    targets: [
      { scope: { tier: 'multi-zone' }, targetPercent: 99.99 },
      { scope: { tier: 'single-zone' }, targetPercent: 99.9 },
    ],
    downtime: { errorRatePercent: 5, consecutiveMinutes: 5, description: 'More than 5 % of API calls or instance health checks failing in a minute.' },
    exclusions: { scheduledMaintenanceNoticeDays: 7, customerCaused: true, forceMajeure: true },
  },
  serviceCredits: {
    schedules: [
      {
        scope: { tier: 'multi-zone' },
        tiers: [
          { belowPercent: 99.99, creditPercent: 10 },
          { belowPercent: 99.0, creditPercent: 25 },
          { belowPercent: 95.0, creditPercent: 100 },
        ],
        claimWindowMonths: 2,
        capPercent: 100,
      },
      {
        scope: { tier: 'single-zone' },
        tiers: [
          { belowPercent: 99.9, creditPercent: 10 },
          { belowPercent: 99.0, creditPercent: 25 },
          { belowPercent: 95.0, creditPercent: 100 },
        ],
        claimWindowMonths: 2,
        capPercent: 100,
      },
    ],
  },
  support: {
    targets: [
      { severity: 'SEV1', firstResponse: { value: 15, unit: 'MINUTES' } },
      { severity: 'SEV2', firstResponse: { value: 1, unit: 'HOURS' } },
      { severity: 'SEV3', firstResponse: { value: 8, unit: 'HOURS' } },
      { severity: 'SEV4', firstResponse: { value: 24, unit: 'HOURS' } },
    ],
  },
  incidentNotification: { within: { value: 24, unit: 'HOURS' }, personalDataWithin: { value: 72, unit: 'HOURS' } },
};

const PHYSICAL = ['11.1.1', '11.1.2', '11.1.3', '11.1.4', '11.1.5', '11.1.6', '11.2.1', '11.2.2', '11.2.3', '11.2.4'];

/** Physical controls carried by the upstream service (PROVIDER_VIA_UPSTREAM) — filled per service. */
export const viaUpstream = (upstreamServiceId: string, upstreamName: string): DemoLine[] =>
  PHYSICAL.map((controlId) => ({
    controlId,
    ownership: 'PROVIDER_VIA_UPSTREAM',
    providerStatement: `Performed by ${upstreamName}, on whose data centres the platform runs; its published contract and ISO/IEC 27001 certificate cover this control.`,
    customerObligations: [],
    upstreamServiceId,
  }));

export const DEMO_SERVICES: readonly DemoService[] = [
  {
    key: 'iaas',
    providerOrganizationId: 'org-nimbus',
    name: 'Nimbus Virtual Machines',
    description: 'Virtual machines, block storage and private networks.',
    serviceModel: 'IAAS',
    regions: ['eu-west-1', 'eu-central-1', 'us-east-1'],
    certifications: [
      { kind: 'ISO_27001', issuer: 'BSI', expiresOn: '2028-03-31' },
      { kind: 'ISO_27017', issuer: 'BSI', expiresOn: '2028-03-31' },
      { kind: 'SOC2_TYPE2', issuer: 'Schellman', expiresOn: '2027-06-30' },
    ],
    upstream: null,
    versions: [
      {
        changeNote: 'First published contract for Nimbus Virtual Machines.',
        commitments: NIMBUS_SLA,
        lines: [
          {
            controlId: '12.3.1',
            ownership: 'CUSTOMER',
            providerStatement: null,
            customerObligations: [
              { text: 'Back up the volumes of your virtual machines (snapshots or your own backup tool) and test restores.', unlocksProvided: false },
            ],
          },
          {
            controlId: 'CLD.9.5.1',
            ownership: 'PROVIDER',
            providerStatement:
              'Each tenant runs in its own hardware-virtualised guests; the hypervisor isolates memory, CPU and storage between tenants and is patched within 72 hours of a critical advisory.',
            customerObligations: [],
            evidence: [{ kind: 'ATTESTATION_REPORT', title: 'SOC 2 Type II report 2026', url: 'https://trust.nimbus.example/soc2' }],
          },
        ],
      },
      {
        changeNote: 'Daily volume snapshots are now included: backup becomes a shared control; MFA is required for console access.',
        lines: [
          {
            controlId: '12.3.1',
            ownership: 'SHARED',
            providerStatement: 'Nimbus snapshots every block volume daily and keeps snapshots for 30 days in the same region.',
            customerObligations: [
              { text: 'Back up the volumes of your virtual machines (snapshots or your own backup tool) and test restores.', unlocksProvided: false },
              { text: 'Copy snapshots of critical volumes to a second region if you need to recover from a regional outage.', unlocksProvided: true },
            ],
          },
          {
            controlId: '9.4.2',
            ownership: 'SHARED',
            providerStatement: 'The Nimbus console enforces multi-factor authentication for every user.',
            customerObligations: [
              {
                text: 'Enrol every console user in multi-factor authentication and protect your operating-system log-on with keys, not passwords.',
                unlocksProvided: true,
              },
            ],
          },
        ],
      },
    ],
  },
  {
    key: 'paas',
    providerOrganizationId: 'org-stratus',
    name: 'Stratus App Platform',
    description: 'Managed containers, databases and deployments, running on Nimbus Virtual Machines.',
    serviceModel: 'PAAS',
    regions: ['eu-west-1', 'us-east-1'],
    certifications: [
      { kind: 'ISO_27001', issuer: 'TÜV SÜD', expiresOn: '2027-11-30' },
      { kind: 'CSA_STAR_LEVEL_2', issuer: 'Cloud Security Alliance', expiresOn: '2027-05-31' },
    ],
    upstream: 'iaas',
    versions: [{ changeNote: 'First published contract for Stratus App Platform.', lines: [] }],
  },
  {
    key: 'saas',
    providerOrganizationId: 'org-cirrus',
    name: 'Cirrus HR',
    description: 'Human-resources software: employee records, payroll exports and leave, on Stratus App Platform.',
    serviceModel: 'SAAS',
    regions: ['eu-west-1'],
    certifications: [
      { kind: 'ISO_27001', issuer: 'BSI', expiresOn: '2027-09-30' },
      { kind: 'ISO_27018', issuer: 'BSI', expiresOn: '2027-09-30' },
      { kind: 'SOC2_TYPE2', issuer: 'A-LIGN', expiresOn: '2026-01-31' },
    ],
    upstream: 'paas',
    versions: [
      {
        changeNote: 'First published contract for Cirrus HR.',
        lines: [
          {
            controlId: '18.1.4',
            ownership: 'SHARED',
            providerStatement: 'Cirrus HR processes employee personal data as a processor under its data processing agreement and stores it only in the EU.',
            customerObligations: [
              {
                text: 'Decide which employee data you load, inform your employees, and answer their data-subject requests with the export tools.',
                unlocksProvided: true,
              },
            ],
          },
        ],
      },
    ],
  },
];
