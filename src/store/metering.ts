import { AsyncLocalStorage } from 'node:async_hooks';

// Counts what each request costs in DynamoDB. The client is shared by every request a container
// serves (and by concurrent ones under serverless-offline or tests), so the tally travels with the
// request's async context rather than living on the client.
export interface Meter {
  calls: number;
  readUnits: number;
  writeUnits: number;
  readonly byCommand: Record<string, number>;
  /** Calls started, finished or not: what the budget counts (a refused call is never started). */
  started: number;
  /** How many DynamoDB calls the request may start (README, "Limits"); the next one is refused. */
  readonly budget: number;
  /** Epoch ms after which no new call starts: the request has answered, or is about to run out of time. */
  deadline: number;
  /**
   * Sequential DynamoDB waves: the depth of the request's critical path in round trips. A call's wave
   * is one more than the highest wave among the calls that had completed when it started, so calls
   * issued together (before any of them answers) share a wave, and a call issued after an answer
   * (that it may depend on) starts the next. `waves` is the highest wave of any call (0: no call).
   */
  waves: number;
  /** The highest wave among completed calls: the wave a call starting now belongs to, less one. */
  completedWave: number;
}

const storage = new AsyncLocalStorage<Meter>();

export const newMeter = (budget = Number.POSITIVE_INFINITY, deadline = Number.POSITIVE_INFINITY): Meter => ({
  calls: 0,
  readUnits: 0,
  writeUnits: 0,
  byCommand: {},
  started: 0,
  budget,
  deadline,
  waves: 0,
  completedWave: 0,
});

/**
 * Marks a call starting now; returns the function to call when it completes (answered or failed).
 * See Meter.waves for what a wave is.
 */
export function startWave(): () => void {
  const meter = storage.getStore();
  if (!meter) return () => undefined;
  const wave = meter.completedWave + 1;
  meter.waves = Math.max(meter.waves, wave);
  return () => {
    meter.completedWave = Math.max(meter.completedWave, wave);
  };
}

export type CallRefusal = 'budget' | 'deadline';

/**
 * Counts a call about to start against the request's budget and deadline: null when it may start,
 * otherwise why not (the store's client turns that into the client's error).
 */
export function admitCall(now = Date.now()): CallRefusal | null {
  const meter = storage.getStore();
  if (!meter) return null;
  if (now >= meter.deadline) return 'deadline';
  if (meter.started >= meter.budget) return 'budget';
  meter.started += 1;
  return null;
}

/** Runs `work` with a fresh meter and returns both its result and what it cost. */
export async function metered<T>(work: () => Promise<T>): Promise<{ result: T; meter: Meter }> {
  const meter = newMeter();
  const result = await storage.run(meter, work);
  return { result, meter };
}

export const currentMeter = (): Meter | undefined => storage.getStore();

export function runWithMeter<T>(meter: Meter, work: () => T): T {
  return storage.run(meter, work);
}

export interface ConsumedCapacity {
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
  CapacityUnits?: number;
}

export function record(commandName: string, consumed: ConsumedCapacity | ConsumedCapacity[] | undefined): void {
  const meter = storage.getStore();
  if (!meter) return;
  meter.calls += 1;
  meter.byCommand[commandName] = (meter.byCommand[commandName] ?? 0) + 1;
  for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
    const isRead = /Get|Query|Scan/.test(commandName);
    const units = c.CapacityUnits ?? (isRead ? c.ReadCapacityUnits : c.WriteCapacityUnits) ?? 0;
    if (isRead) meter.readUnits += units;
    else meter.writeUnits += units;
  }
}
