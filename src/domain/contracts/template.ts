import type { Control, Layer } from '../catalogue/model';
import type { ServiceModel } from '../services/service';
import { customerActs, customerConfigures, OWNERSHIPS, providerSupplies, type Ownership } from './ownership';
import type { ControlIndex, CustomerObligation, NewId, Responsibility } from './responsibility';

// A new contract starts from the well-known split by stack layer for its service model, so the
// provider edits exceptions instead of writing 121 controls from nothing. It is a default, not the
// truth (hyperscalers publish per-service variations), which is why every line stays editable.

export const LAYER_DEFAULTS: Readonly<Record<Layer, Readonly<Record<ServiceModel, Ownership>>>> = {
  PHYSICAL: { IAAS: 'PROVIDER', PAAS: 'PROVIDER', SAAS: 'PROVIDER' },
  VIRTUALIZATION: { IAAS: 'PROVIDER', PAAS: 'PROVIDER', SAAS: 'PROVIDER' },
  NETWORK: { IAAS: 'CUSTOMER_CONFIGURED', PAAS: 'SHARED', SAAS: 'PROVIDER' },
  OPERATING_SYSTEM: { IAAS: 'CUSTOMER', PAAS: 'PROVIDER', SAAS: 'PROVIDER' },
  APPLICATION: { IAAS: 'CUSTOMER', PAAS: 'SHARED', SAAS: 'PROVIDER' },
  IDENTITY_ACCESS: { IAAS: 'CUSTOMER', PAAS: 'SHARED', SAAS: 'SHARED' },
  DATA: { IAAS: 'CUSTOMER', PAAS: 'CUSTOMER', SAAS: 'CUSTOMER' },
  GOVERNANCE: { IAAS: 'SHARED', PAAS: 'SHARED', SAAS: 'SHARED' },
};

/**
 * Where Onus departs from the well-known split by layer (README, "Templates"), and why. A departure
 * replaces the layer default and the template's generic wording for that control and model.
 */
export interface TemplateDeparture {
  readonly controlId: string;
  readonly model: ServiceModel;
  readonly ownership: Ownership;
  readonly reason: string;
  readonly providerStatement: string;
  readonly customerObligation: string | null;
}

export const TEMPLATE_DEPARTURES: readonly TemplateDeparture[] = [
  {
    controlId: '12.3.1',
    model: 'SAAS',
    ownership: 'SHARED',
    reason:
      "the customer's data lives in storage only the SaaS provider can reach, so only the provider can back it up; the customer's part is to check that frequency and retention meet its needs",
    providerStatement:
      '{P} backs up the data its customers keep in the service, at the frequency and with the retention its contract states, and tests that backups restore.',
    customerObligation:
      'Check that the backup frequency and retention of the service meet your recovery needs, and export the data you must keep for longer than the service retains it.',
  },
];

/** The layers' common default, or SHARED when a control spans layers that fall to different parties. */
export function defaultOwnership(control: Pick<Control, 'id' | 'layers'>, serviceModel: ServiceModel): Ownership {
  const departure = TEMPLATE_DEPARTURES.find((d) => d.controlId === control.id && d.model === serviceModel);
  if (departure) return departure.ownership;
  const owners = new Set(control.layers.map((layer) => LAYER_DEFAULTS[layer][serviceModel]));
  const [only] = owners;
  return owners.size === 1 && only !== undefined ? only : 'SHARED';
}

export interface TemplateOptions {
  /** Used in the provider statements; "the provider" when absent. */
  readonly providerName?: string | null;
}

/**
 * A full, publishable draft: every catalogue control in catalogue order, with a default ownership
 * and wording that names the control and the service model. Status defaults to IMPLEMENTED because
 * the template states the standard split; the provider corrects any line where that is not so.
 */
export function templateResponsibilities(catalogue: ControlIndex, serviceModel: ServiceModel, newId: NewId, options: TemplateOptions = {}): Responsibility[] {
  const provider = options.providerName?.trim() || null;
  return catalogue.controls.map((control) => templateResponsibility(control, serviceModel, newId, provider));
}

function templateResponsibility(control: Control, model: ServiceModel, newId: NewId, providerName: string | null): Responsibility {
  const ownership = defaultOwnership(control, model);
  const departure = TEMPLATE_DEPARTURES.find((d) => d.controlId === control.id && d.model === model);
  if (departure) {
    const obligations: CustomerObligation[] = departure.customerObligation ? [{ id: newId(), text: departure.customerObligation, unlocksProvided: true }] : [];
    return {
      controlId: control.id,
      ownership,
      providerStatement: departure.providerStatement.replace('{P}', providerName ?? 'The provider'),
      providedId: newId(),
      customerObligations: obligations,
      status: 'IMPLEMENTED',
      evidence: [],
      justification: null,
      upstreamServiceId: null,
      upstreamObligations: [],
    };
  }
  const w = wording(control, model, providerName);
  const providedId = newId();
  const obligation = (text: string, unlocksProvided: boolean): CustomerObligation[] => [{ id: newId(), text, unlocksProvided }];
  // No upstream handlings: the template knows no upstreams; accountForUpstream (supplyChain.ts) adds them.
  const base = {
    controlId: control.id,
    ownership,
    providedId,
    status: 'IMPLEMENTED',
    evidence: [],
    justification: null,
    upstreamServiceId: null,
    upstreamObligations: [],
  } as const;
  switch (ownership) {
    // LAYER_DEFAULTS never yields the last two; they are listed to keep the switch exhaustive.
    case 'PROVIDER':
    case 'PROVIDER_VIA_UPSTREAM':
    case 'NOT_APPLICABLE':
      return { ...base, providerStatement: w.providerOnly, customerObligations: [] };
    case 'SHARED':
      return { ...base, providerStatement: w.providerPart, customerObligations: obligation(w.customerPart, true) };
    case 'CUSTOMER_CONFIGURED':
      return { ...base, providerStatement: w.providerCapability, customerObligations: obligation(w.customerConfigures, true) };
    case 'CUSTOMER':
      // Nothing is provided, so the obligation is the customer's own duty, not an inheritance step.
      return { ...base, providerStatement: null, customerObligations: obligation(w.customerOnly, false) };
  }
}

const MODEL_LABEL: Readonly<Record<ServiceModel, string>> = { IAAS: 'IaaS', PAAS: 'PaaS', SAAS: 'SaaS' };

const LAYER_LABEL: Readonly<Record<Layer, string>> = {
  DATA: 'data',
  IDENTITY_ACCESS: 'identity and access',
  APPLICATION: 'application',
  NETWORK: 'network',
  OPERATING_SYSTEM: 'operating system',
  VIRTUALIZATION: 'virtualization',
  PHYSICAL: 'physical infrastructure',
  GOVERNANCE: 'governance',
};

function wording(control: Control, model: ServiceModel, providerName: string | null) {
  const P = providerName ?? 'The provider';
  const p = providerName ?? 'the provider';
  const m = MODEL_LABEL[model];
  const c = `${control.id} "${control.title}"`;
  // A SHARED control may span a provider layer and a customer layer (media: physical and data);
  // each party's text names only its own side so neither claims the other's part.
  const side = (owners: readonly Ownership[]) => control.layers.filter((l) => owners.includes(LAYER_DEFAULTS[l][model]));
  const all = layerPhrase(control.layers);
  const providerSide = layerPhrase(side(OWNERSHIPS.filter((o) => providerSupplies(o) && !customerConfigures(o))));
  const customerSide = layerPhrase(side(OWNERSHIPS.filter(customerActs)));
  const verb = control.layers.length > 1 ? 'are' : 'is';
  return {
    providerOnly: `${P} implements ${c} for the ${m} platform: the ${all} ${verb} operated by ${p}, so customers inherit this control without further action.`,
    providerPart: `${P} implements ${c} within its own organisation and for the ${providerSide} of the ${m} platform it operates.`,
    customerPart: `Implement ${c} for your own use of the ${m} service, covering the ${customerSide} on your side: ${p}'s implementation does not extend to your organisation, accounts, configuration or data.`,
    providerCapability: `${P} offers the ${m} platform features needed to meet ${c} at the ${all}; they protect your workloads once you configure them.`,
    customerConfigures: `Configure the ${all} features of the ${m} service to meet ${c} for your workloads, and review that configuration whenever your use of the service changes.`,
    customerOnly: `Implement ${c} for your own use of the ${m} service: on ${m} the ${all} ${verb} yours to operate, and ${p} does not perform this control for you.`,
  };
}

/** "network layer", "application and operating system layers". */
function layerPhrase(layers: readonly Layer[]): string {
  const labels = layers.map((l) => LAYER_LABEL[l]);
  if (labels.length === 0) return 'service';
  if (labels.length === 1) return `${labels[0]} layer`;
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)} layers`;
}
