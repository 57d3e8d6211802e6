// Attributes that exist only for DynamoDB (keys, index keys, the item type, denormalised search
// fields): never part of what the store hands back to the domain.
const STORAGE_ATTRIBUTES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'type', 'searchText', 'certificationKinds']);

/**
 * The item without its storage attributes. A plain loop: a customer screen converts every subscription
 * and service it reads (500 items at 250 subscriptions), and Object.entries/filter/fromEntries allocated
 * two arrays per attribute, ~5× the time (measured, issue 11). No domain field is named __proto__, and
 * assigning one would set the copy's prototype, so such an attribute is never copied.
 */
export function withoutStorageAttributes<T>(item: Record<string, unknown>): T {
  const domain: Record<string, unknown> = {};
  for (const name in item) if (!STORAGE_ATTRIBUTES.has(name) && name !== '__proto__') domain[name] = item[name];
  return domain as T;
}
