/**
 * `npm run build:workflows [file]`: the workflow bundle for production workers (lib/workflow-bundle.ts).
 * The image builds it once; its workers start from it (WORKFLOW_BUNDLE_PATH) without webpack.
 */
import path from 'node:path';
import { buildWorkflowBundle } from '../lib/workflow-bundle.js';

const outFile = path.resolve(process.argv[2] ?? 'dist/workflow-bundle.js');
try {
  const built = await buildWorkflowBundle({ outFile });
  console.log(`workflow bundle: ${built.path} (${Math.round(built.bytes / 1000)} kB) in ${(built.ms / 1000).toFixed(1)} s`);
} catch (err) {
  console.error(`the workflows do not bundle: ${(err as Error).message}`);
  process.exit(1);
}
