// What the rest of Onus asks of the exchange formats (CAIQ, FedRAMP CRM, OSCAL): the one door into this
// folder for src/app, which loads it on first use (src/app/exports/exchangeFormats.ts). Everything the
// formats need comes from src/domain alone, so this folder can be bundled as a file of its own.

export { exportContract, fileSlug } from './formats';
export { stackMatrixExport } from './stackMatrix';
export { oscalSspCustomerJson } from './oscalSspCustomer';
export { readCaiqSheet } from './caiqImport';
export { readOscalComponentDefinition } from './oscalImport';
export { planImport } from './importPlan';
