/**
 * `npm run temporal:cli`: finds or builds the Temporal CLI and prints its path on stdout
 * (progress goes to stderr). CI runs it first so the build is visible and cached.
 */
import { exitOnStartupError } from '../lib/errors.js';
import { resolveTemporalCli } from '../lib/temporal-cli.js';

try {
  const cli = await resolveTemporalCli();
  console.error(`Temporal CLI ${cli.version} (Server ${cli.serverVersion}) from ${cli.source}: ${cli.path}`);
  console.log(cli.path);
} catch (err) {
  exitOnStartupError(err);
}
