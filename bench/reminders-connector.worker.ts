// The local Bot Connector for bench/reminders.bench.ts, in its own thread so
// that, as with the real Teams service, its work does not share the bot's
// event loop. Started with workerData = rate limits; answers 'stats'.
import { parentPort, workerData } from 'node:worker_threads';
import { FakeBotConnector, type ConnectorRateLimits } from '../test/fakes/bot-connector-server.js';

const connector = await new FakeBotConnector({ rateLimits: workerData as ConnectorRateLimits }).start();
parentPort!.postMessage({ type: 'ready', url: connector.url });
// `void`: a failure is an unhandled rejection, which ends the worker with an error the bench sees.
parentPort!.on('message', (message: string) => void answer(message));

async function answer(message: string): Promise<void> {
  if (message === 'stats') {
    const delivered = connector.requests
      .filter((r) => r.method === 'POST' && r.status < 300)
      .map((r) => `${r.conversationId}|${/"actionId":"([^"]+)"/.exec(JSON.stringify(r.body))?.[1]}`);
    parentPort!.postMessage({ type: 'stats', delivered, throttled: connector.throttledCount });
  }
  if (message === 'stop') {
    await connector.stop();
    parentPort!.close();
  }
}
