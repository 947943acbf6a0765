/** `npm run build:web`: builds the web app into web/dist (always; `npm start` builds only when stale). */
import { ensureWebBuilt } from '../lib/web-build.js';

await ensureWebBuilt({ log: (line) => console.log(line.trim()), force: true });
