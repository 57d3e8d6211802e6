import { createHash } from 'node:crypto';

// Deterministic uuids for exported documents (RFC 9562 version 5: SHA-1 of a namespace and a name).
// OSCAL accepts only version 4 or 5 uuids, and documents that point at an Onus item (an SSP's
// `provided-uuid`, a customer's own records) need the same uuid every time it is exported: so every
// uuid is derived from the stable ids Onus already keeps, never drawn at random.

/** Onus's own namespace for exported uuids. Fixed forever: changing it changes every exported uuid. */
export const ONUS_UUID_NAMESPACE = '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The version 5 uuid of `name` in `namespace` (RFC 9562 §5.5). */
export function uuidV5(name: string, namespace: string = ONUS_UUID_NAMESPACE): string {
  if (!UUID.test(namespace)) throw new Error(`not a uuid: ${namespace}`);
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The names each exported uuid is derived from. Items that keep their identity across versions (a
 * control's provided item, a customer obligation, the service) get the same uuid in every version's
 * document; the document itself gets one per version.
 */
export const exportUuids = {
  organization: (organizationId: string) => uuidV5(`organization:${organizationId}`),
  component: (serviceId: string) => uuidV5(`service:${serviceId}`),
  componentDefinition: (serviceId: string, version: number) => uuidV5(`component-definition:${serviceId}:${version}`),
  controlImplementation: (serviceId: string, version: number) => uuidV5(`control-implementation:${serviceId}:${version}`),
  implementedRequirement: (serviceId: string, providedId: string) => uuidV5(`implemented-requirement:${serviceId}:${providedId}`),
  provided: (serviceId: string, providedId: string) => uuidV5(`provided:${serviceId}:${providedId}`),
  obligation: (serviceId: string, obligationId: string) => uuidV5(`obligation:${serviceId}:${obligationId}`),
} as const;
