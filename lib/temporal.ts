/**
 * Connections to a Temporal server that fail with one clear sentence instead of a gRPC stack.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { StartupError } from './errors.js';

function unreachable(address: string, namespace: string, err: unknown): StartupError {
  const reason = (err as Error).message?.split('\n')[0] ?? String(err);
  return new StartupError(
    `Cannot reach Temporal at TEMPORAL_ADDRESS=${address} (namespace ${namespace}): ${reason}; ` + `start that server or fix TEMPORAL_ADDRESS (unset it to let \`npm start\` run its own dev server).`,
  );
}

/** A client connection, checked by describing the namespace. */
export async function connectClient(address: string, namespace: string): Promise<Client> {
  let connection: Connection;
  try {
    connection = await Connection.connect({ address, connectTimeout: 5_000 });
    await connection.workflowService.describeNamespace({ namespace });
  } catch (err) {
    throw unreachable(address, namespace, err);
  }
  return new Client({ connection, namespace });
}

/** A worker connection, checked the same way. */
export async function connectWorker(address: string, namespace: string): Promise<NativeConnection> {
  let connection: NativeConnection;
  try {
    connection = await NativeConnection.connect({ address });
    await connection.workflowService.describeNamespace({ namespace });
  } catch (err) {
    throw unreachable(address, namespace, err);
  }
  return connection;
}
