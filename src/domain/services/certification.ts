// Certifications a provider claims for a service. They are claims with an expiry: an expired
// certificate is kept (it is history a customer may ask about) but must never read as current.
export const CERTIFICATION_KINDS = [
  'ISO_27001',
  'ISO_27017',
  'ISO_27018',
  'SOC2_TYPE2',
  'CSA_STAR_LEVEL_1',
  'CSA_STAR_LEVEL_2',
  'PCI_DSS',
  'FEDRAMP_MODERATE',
  'FEDRAMP_HIGH',
  'OTHER',
] as const;
export type CertificationKind = (typeof CERTIFICATION_KINDS)[number];

export interface Certification {
  readonly kind: CertificationKind;
  /** The certification body or auditor, e.g. "BSI" or "Schellman". */
  readonly issuer: string;
  /** Required for OTHER (it says what the certification is); an optional label otherwise. */
  readonly name: string | null;
  /** Last day of validity, YYYY-MM-DD. A calendar date, not an instant: certificates expire by day. */
  readonly expiresOn: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2025-02-30 is rejected, not rolled over). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Whether a certification still holds on `today` (valid through its expiry day). `today` is a
 * YYYY-MM-DD date or a Date read in UTC, so the answer does not depend on the server's time zone.
 */
export function isCertificationCurrent(cert: Pick<Certification, 'expiresOn'>, today: string | Date): boolean {
  const day = typeof today === 'string' ? today : today.toISOString().slice(0, 10);
  if (!isIsoDate(day)) throw new Error(`isCertificationCurrent: "${day}" is not a YYYY-MM-DD date`);
  // Same-width ISO dates compare correctly as strings.
  return cert.expiresOn >= day;
}
