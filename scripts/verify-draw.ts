/**
 * Verifies a published draw bundle (version 1 or 2): recomputes the population hashes (in version 2
 * the sealed targets' leaves, the public inspectors and the committed exclusions), the commitment, the
 * seed, every selection, every skip and every substitution, and says whether the bundle is exactly
 * what the published algorithm produces (docs/draw-algorithm.md).
 *
 *   npm run verify-draw -- bundle.json
 *
 * Exit status: 0 VALID, 1 INVALID (differences listed), 2 usage error or unreadable file.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { verifyDrawBundle, type AnyDrawBundle } from '#domain';

const USAGE = 'usage: npm run verify-draw -- <bundle.json>';

/** Where the CLI writes; injectable so the spec can run it in-process. */
export interface CliOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

const console_: CliOutput = { out: (line) => console.log(line), err: (line) => console.error(line) };

/** Runs the verifier on the bundle file named in `args`; returns the exit status. */
export async function verifyDrawCli(args: readonly string[], io: CliOutput = console_): Promise<number> {
  if (args.length !== 1 || args[0].startsWith('-')) {
    io.err(USAGE);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(args[0], 'utf8');
  } catch (error) {
    io.err(`cannot read ${args[0]}: ${(error as Error).message}`);
    io.err(USAGE);
    return 2;
  }
  let bundle: unknown;
  try {
    bundle = JSON.parse(text);
  } catch (error) {
    io.out('INVALID');
    io.out(`  - the file is not JSON: ${(error as Error).message}`);
    return 1;
  }
  // node:crypto's SHA-256 for the population hashes: same results, much faster on a million ids.
  const { valid, differences } = verifyDrawBundle(bundle, { sha256: () => createHash('sha256') });
  if (!valid) {
    io.out('INVALID');
    for (const difference of differences) io.out(`  - ${difference}`);
    return 1;
  }
  const verified = bundle as AnyDrawBundle;
  const { announcement, outcome, substitutions } = verified;
  io.out('VALID');
  io.out(
    `  draw ${announcement.drawId ?? '(no id)'}, ${announcement.rules.algorithm}: ` +
      `${outcome.strata.map((s) => `${s.stratum} ${s.sampleSize}/${s.size}`).join(', ')}; ` +
      `${outcome.teams.length} teams, ${outcome.skips.length} skips, ${substitutions.length} substitutions`,
  );
  if (verified.version === 2) {
    io.out(
      `  bundle version 2: ${verified.populations.exclusions.length} exclusions (reasons committed), ` +
        `${verified.populations.targets.drawn.length} drawn targets opened, credit class ${verified.announcement.creditClass}`,
    );
  }
  const burden = announcement.rules.inspectionBurden;
  if (burden) {
    // Informational (docs/draw-algorithm.md §1): decided before the population was frozen, so the hashes above already reflect it.
    io.out(`  inspection burden: ${burden.excludedTargets} targets inspected at least ${burden.excludeInspectedAtLeast} times in ${burden.window.from}..${burden.window.to} left out before the population was frozen`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await verifyDrawCli(process.argv.slice(2));
}
