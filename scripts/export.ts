// npm run export: published contract versions, or a customer's responsibility matrix, to files (or
// stdout) from a running Onus API, for batch use. Each document is asked gzip+base64 (so even the
// largest legal contract's CAIQ fits one response) and written decoded, byte for byte what
// ContractVersion.export gives.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { api, CliError, flags, progress, resolveService, run } from './exchangeClient';

const USAGE = `Usage:
  npm run export -- --service <id or name> [--version <n>] --format <formats> [--out <file> | --dir <folder>]
  npm run export -- --matrix [--customer <organization id>] --format <formats> [--out <file> | --dir <folder>]

  --format   one or more, comma-separated. A version: caiq, fedramp, oscal (component definition),
             oscal-ssp (provider side), or all. A matrix: caiq, fedramp, oscal-ssp (customer side), or all.
  --version  the version number; the service's current version when left out.
  --out      the file to write (one format only); - writes to stdout.
  --dir      the folder for files named as the API suggests (default: the current folder).
  --url      the API (default ONUS_URL, else http://localhost:4000/graphql, as npm start prints).
  --token    a bearer token (default ONUS_TOKEN).
`;

const VERSION_FORMATS: Record<string, string> = {
  caiq: 'CAIQ_V4_CSV',
  fedramp: 'FEDRAMP_CRM_CSV',
  oscal: 'OSCAL_COMPONENT_DEFINITION',
  'oscal-ssp': 'OSCAL_SSP_PROVIDER',
};
const MATRIX_FORMATS: Record<string, string> = { caiq: 'CAIQ_V4_CSV', fedramp: 'FEDRAMP_CRM_CSV', 'oscal-ssp': 'OSCAL_SSP_CUSTOMER' };

interface Exported {
  readonly fileName: string;
  readonly encoding: 'NONE' | 'GZIP_BASE64';
  readonly bytes: number;
  readonly content: string;
}

const CURRENT = `query ExportCurrentVersion($id: ID!) { cloudService(id: $id) { name currentContract { version } } }`;
const VERSION = `query ExportVersionDocument($id: ID!, $version: Int!, $format: ExportFormat!) {
  cloudService(id: $id) { contractVersion(version: $version) { export(format: $format, encoding: GZIP_BASE64) { fileName encoding bytes content } } } }`;
const MATRIX = `query ExportMatrixDocument($format: StackExportFormat!, $customer: ID) {
  responsibilityMatrix(format: $format, customerOrganizationId: $customer, encoding: GZIP_BASE64) { fileName encoding bytes content } }`;

function formatsOf(value: string | undefined, known: Record<string, string>): string[] {
  if (!value) throw new CliError(`Say which format(s) with --format (${Object.keys(known).join(', ')} or all).\n\n${USAGE}`);
  const names = value === 'all' ? Object.keys(known) : value.split(',').map((f) => f.trim());
  const unknown = names.filter((n) => !known[n]);
  if (unknown.length) throw new CliError(`Unknown format ${unknown.join(', ')}: use ${Object.keys(known).join(', ')} or all.`);
  return names.map((n) => known[n]!);
}

const decoded = (document: Exported): Buffer =>
  document.encoding === 'GZIP_BASE64' ? gunzipSync(Buffer.from(document.content, 'base64')) : Buffer.from(document.content, 'utf8');

run(async () => {
  const values = flags(
    process.argv.slice(2),
    {
      service: { type: 'string' },
      version: { type: 'string' },
      matrix: { type: 'boolean' },
      customer: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      dir: { type: 'string' },
    },
    USAGE,
  );
  if (!values.matrix && !values.service) throw new CliError(`Name a service (--service <id or name>) or ask for a customer's matrix (--matrix).\n\n${USAGE}`);
  const formats = formatsOf(values.format, values.matrix ? MATRIX_FORMATS : VERSION_FORMATS);
  if (values.out && formats.length > 1) throw new CliError('--out takes one format; use --dir for several.');
  const client = api(values);

  const documents: Exported[] = [];
  if (values.matrix) {
    for (const format of formats) {
      progress(`exporting the responsibility matrix${values.customer ? ` of ${values.customer}` : ''} as ${format} from ${client.url}…`);
      documents.push((await client.call<{ responsibilityMatrix: Exported }>(MATRIX, { format, customer: values.customer ?? null })).responsibilityMatrix);
    }
  } else {
    const serviceId = await resolveService(client, values.service!);
    let version = values.version === undefined ? undefined : Number(values.version);
    if (version !== undefined && !(Number.isInteger(version) && version > 0))
      throw new CliError(`--version must be a positive whole number, not "${values.version}".`);
    if (version === undefined) {
      const { cloudService } = await client.call<{ cloudService: { name: string; currentContract: { version: number } | null } | null }>(CURRENT, {
        id: serviceId,
      });
      if (!cloudService) throw new CliError(`No service ${values.service}: check the id (cloudServices lists them).`);
      if (!cloudService.currentContract) throw new CliError(`${cloudService.name} has no published contract yet: publish one, or name a --version.`);
      version = cloudService.currentContract.version;
      progress(`${cloudService.name}: current version ${version}`);
    }
    for (const format of formats) {
      progress(`exporting version ${version} of ${values.service} as ${format} from ${client.url}…`);
      const { cloudService } = await client.call<{ cloudService: { contractVersion: { export: Exported } } | null }>(VERSION, {
        id: serviceId,
        version,
        format,
      });
      if (!cloudService) throw new CliError(`No service ${values.service}: check the id (cloudServices lists them).`);
      documents.push(cloudService.contractVersion.export);
    }
  }

  if (values.dir) mkdirSync(values.dir, { recursive: true });
  for (const document of documents) {
    const bytes = decoded(document);
    if (values.out === '-') {
      process.stdout.write(bytes);
      continue;
    }
    const path = values.out ?? join(values.dir ?? '.', document.fileName);
    writeFileSync(path, bytes);
    progress(
      `wrote ${path} (${document.bytes.toLocaleString('en-US')} bytes${document.encoding === 'GZIP_BASE64' ? `, ${document.content.length.toLocaleString('en-US')} on the wire` : ''})`,
    );
  }
});
