/**
 * `npm run temporal:test-server`: finds or fetches Temporal's time-skipping test server and prints
 * the path of its executable on stdout (progress goes to stderr). CI runs it before the tests so
 * the fetch is visible and cached (docs/adr/0080).
 */
import { exitOnStartupError } from '../lib/errors.js';
import { resolveTemporalTestServer, TEMPORAL_TEST_SERVER_VERSION } from '../lib/temporal-test-server.js';

try {
  const server = await resolveTemporalTestServer();
  console.error(`Temporal test server ${TEMPORAL_TEST_SERVER_VERSION} from ${server.source}: ${server.path}`);
  console.log(server.path);
} catch (err) {
  exitOnStartupError(err);
}
