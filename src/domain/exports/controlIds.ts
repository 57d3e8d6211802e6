// ISO/IEC 27017 control ids (5.1.1, CLD.6.3.1) in exported documents. OSCAL's `control-id` is a token
// that cannot start with a digit, and spreadsheet applications read 5.1.1 or 12.1.2 as a date: both
// are solved by one prefix, used in every export so a document and a sheet name a control alike.
// The mapping is reversible: strip the prefix to get the catalogue id back.

export const CONTROL_ID_PREFIX = 'iso27017-';

/** 5.1.1 → iso27017-5.1.1, CLD.6.3.1 → iso27017-CLD.6.3.1. */
export const exportedControlId = (controlId: string): string => `${CONTROL_ID_PREFIX}${controlId}`;

/** The catalogue id of an exported control id; null when it does not carry the prefix. */
export const catalogueControlId = (exported: string): string | null =>
  exported.startsWith(CONTROL_ID_PREFIX) && exported.length > CONTROL_ID_PREFIX.length ? exported.slice(CONTROL_ID_PREFIX.length) : null;
