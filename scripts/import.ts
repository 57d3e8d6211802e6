// npm run import: a CAIQ v4 sheet or an OSCAL component definition into a service's draft on a
// running Onus API, for batch use: reads the draft's current revision first (or starts a draft with
// --start-draft), imports, and says what was set, what to check and what still blocks publishing.
// A refused file is listed problem by problem; nothing is written then.
import { readFileSync, statSync } from 'node:fs';
import { api, CliError, flags, progress, resolveService, run } from './exchangeClient';

const USAGE = `Usage:
  npm run import -- --service <id or name> --format caiq|oscal --file <path> [--skip-unmapped] [--start-draft]

  --format         caiq: a CAIQ v4 sheet as CSV (Onus's own export, or CSA's layout keyed by CCM v4 ids);
                   oscal: an OSCAL component definition (JSON).
  --skip-unmapped  leave out rows whose CCM v4 control has no ISO/IEC 27017 counterpart (listed), instead of refusing the file.
  --start-draft    start a draft when the service has none (from its latest version, else the template).
  --url            the API (default ONUS_URL, else http://localhost:4000/graphql, as npm start prints).
  --token          a bearer token of the provider's admin (default ONUS_TOKEN).
`;

const FORMATS: Record<string, string> = { caiq: 'CAIQ_V4_CSV', oscal: 'OSCAL_COMPONENT_DEFINITION' };
const MAX_BYTES = 3_000_000;

const DRAFT = `query ImportDraftRevision($id: ID!) { cloudService(id: $id) { name currentContract { version } draft { revision } } }`;
const START = `mutation ImportStartDraft($id: ID!, $from: DraftSource!) { startContractDraft(serviceId: $id, from: $from) { revision } }`;
const IMPORT = `mutation ImportDocument($id: ID!, $rev: Int!, $format: ImportFormat!, $doc: String!, $mode: ImportMode) {
  importContractDraft(serviceId: $id, revision: $rev, format: $format, document: $doc, mode: $mode) {
    draft { revision problems { controlId code message } }
    controlIds
    rows { at source controlId basis }
    skipped { at code message }
  } }`;

interface Imported {
  draft: { revision: number; problems: { controlId: string | null; code: string; message: string }[] };
  controlIds: string[];
  rows: { at: string; source: string; controlId: string; basis: string }[];
  skipped: { at: string; code: string; message: string }[];
}

run(async () => {
  const values = flags(
    process.argv.slice(2),
    {
      service: { type: 'string' },
      format: { type: 'string' },
      file: { type: 'string' },
      'skip-unmapped': { type: 'boolean' },
      'start-draft': { type: 'boolean' },
    },
    USAGE,
  );
  if (!values.service || !values.file || !values.format) throw new CliError(`--service, --format and --file are needed.\n\n${USAGE}`);
  const format = FORMATS[values.format];
  if (!format) throw new CliError(`Unknown format ${values.format}: use caiq or oscal.`);
  let size: number;
  try {
    size = statSync(values.file).size;
  } catch {
    throw new CliError(`Cannot read ${values.file}: check the path.`);
  }
  if (size > MAX_BYTES)
    throw new CliError(
      `${values.file} is ${size.toLocaleString('en-US')} bytes; an import takes at most ${MAX_BYTES.toLocaleString('en-US')}. Split it (each import sets only the controls it names).`,
    );
  const document = readFileSync(values.file, 'utf8');
  const client = api(values);

  const serviceId = await resolveService(client, values.service);
  progress(`reading the draft of ${values.service} from ${client.url}…`);
  const { cloudService } = await client.call<{
    cloudService: { name: string; currentContract: { version: number } | null; draft: { revision: number } | null } | null;
  }>(DRAFT, {
    id: serviceId,
  });
  if (!cloudService) throw new CliError(`No service ${values.service}: check the id (cloudServices lists them).`);
  let revision = cloudService.draft?.revision;
  if (revision === undefined) {
    if (!values['start-draft'])
      throw new CliError(`${cloudService.name} has no draft. Run again with --start-draft to start one, or start it with startContractDraft.`);
    const from = cloudService.currentContract ? 'LATEST_VERSION' : 'TEMPLATE';
    revision = (await client.call<{ startContractDraft: { revision: number } }>(START, { id: serviceId, from })).startContractDraft.revision;
    progress(
      `started a draft of ${cloudService.name} from ${from === 'TEMPLATE' ? 'the template' : `version ${cloudService.currentContract!.version}`} (revision ${revision})`,
    );
  }

  progress(`importing ${values.file} (${size.toLocaleString('en-US')} bytes, ${format}) into the draft of ${cloudService.name} at revision ${revision}…`);
  let result: Imported;
  try {
    result = (
      await client.call<{ importContractDraft: Imported }>(IMPORT, {
        id: serviceId,
        rev: revision,
        format,
        doc: document,
        mode: values['skip-unmapped'] ? 'SKIP_UNMAPPED' : 'STRICT',
      })
    ).importContractDraft;
  } catch (error) {
    if (error instanceof CliError && /\[CONFLICT\]/.test(error.message))
      throw new CliError(`${error.message}\nSomeone changed the draft meanwhile: run the import again (it reads the new revision).`);
    throw error;
  }
  const judged = result.rows.filter((r) => r.basis === 'JUDGEMENT');
  process.stdout.write(`Imported ${result.controlIds.length} controls into the draft of ${cloudService.name} (now revision ${result.draft.revision}).\n`);
  if (judged.length) {
    process.stdout.write(`${judged.length} rows were mapped by judgement (README, Exchange: the mapping table); check these controls:\n`);
    for (const row of judged) process.stdout.write(`  - ${row.at}: ${row.source} → ${row.controlId}\n`);
  }
  if (result.skipped.length) {
    process.stdout.write(`${result.skipped.length} rows were left out:\n`);
    for (const skip of result.skipped) process.stdout.write(`  - ${skip.message} [${skip.code}]\n`);
  }
  const problems = result.draft.problems;
  process.stdout.write(
    problems.length
      ? `The draft has ${problems.length} problems to fix before publishing:\n${problems.map((p) => `  - ${p.message} [${p.code}]`).join('\n')}\n`
      : 'The draft has no problems: it can be published (publishContractDraft).\n',
  );
});
