/**
 * `npm run s3:testserver`: finds or builds the S3-compatible server the tests use (gofakes3) and
 * prints its path. CI runs it before the tests so the build is reported as a step of its own.
 */
import { exitOnStartupError } from '../lib/errors.js';
import { resolveS3TestServer } from '../lib/s3-test-server.js';

try {
  console.log(await resolveS3TestServer());
} catch (err) {
  exitOnStartupError(err);
}
