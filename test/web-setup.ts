/**
 * Builds the web app into web/dist when it is missing or older than its sources, for the projects
 * that serve it (browser, e2e); a fresh build is left alone (a check of file times).
 */
import { ensureWebBuilt } from '../lib/web-build.js';

export default async function setup(): Promise<void> {
  await ensureWebBuilt({ log: (line) => console.error(line) });
}
