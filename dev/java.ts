import { spawnSync } from 'node:child_process';

/** DynamoDB Local is a Java program: say at once, in one line, how to get Java when it is missing. */
export function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'Java 17+ is required for DynamoDB Local: install it (Debian/Ubuntu: apt-get install openjdk-17-jre-headless; macOS: brew install openjdk@17) and retry.',
    );
  }
  const match = /version "(\d+)/.exec(`${probe.stderr}${probe.stdout}`);
  const major = match ? Number(match[1]) : 0;
  if (major && major < 17) {
    throw new Error(`Java ${major} found, but DynamoDB Local needs Java 17 or newer: install openjdk-17 and retry.`);
  }
}
