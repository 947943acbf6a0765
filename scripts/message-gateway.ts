/**
 * The SMS/Zalo gateway simulator for demos (docs/adr/0145): prints every message the worker sends
 * to parties and keeps them at GET /messages.
 *
 *   MESSAGE_GATEWAY_TOKEN=demo npm run messages:gateway -- [--port 8025]
 *   # then start the worker with SMS_GATEWAY_URL=http://127.0.0.1:8025/messages ZALO_GATEWAY_URL=(the same) MESSAGE_GATEWAY_TOKEN=demo
 */
import { parseArgs } from 'node:util';
import { startMessageGateway } from '../lib/message-gateway-simulator.js';

const { values } = parseArgs({ options: { port: { type: 'string', default: '8025' } } });
const token = process.env.MESSAGE_GATEWAY_TOKEN ?? 'demo';
const gateway = await startMessageGateway({ token, port: Number(values.port), log: (m) => console.log(`${m.receivedAt} ${m.channel} → ${m.to}: ${m.text}`) });
console.log(`message gateway simulator at ${gateway.url} (token ${token === 'demo' ? 'demo' : 'from MESSAGE_GATEWAY_TOKEN'}); Ctrl-C to stop`);
for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, () => void gateway.close().then(() => process.exit(0)));
