// Maps keyed by two or more ids (service and obligation, service and version) need one string per
// tuple. Ids are free text from clients and may contain any separator a join would use ('#', '|',
// even U+0000), so the tuple is JSON-encoded: two different tuples never share a key.
export const compositeKey = (...parts: readonly (string | number)[]): string => JSON.stringify(parts);
