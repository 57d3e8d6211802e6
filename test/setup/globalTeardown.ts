export default async function globalTeardown(): Promise<void> {
  await globalThis.__ONUS_DYNAMO__?.stop();
}
