// Attributes that exist only for DynamoDB (keys, index keys, the item type, denormalised search
// fields): never part of what the store hands back to the domain.
const STORAGE_ATTRIBUTES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'type', 'searchText', 'certificationKinds']);

export function withoutStorageAttributes<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !STORAGE_ATTRIBUTES.has(name))) as T;
}
