// The bench's outside world in its own process: the Sobot simulator and the fake Slack, so the
// bench process that sends commands and times acks does none of their work. Started with fork();
// it sends `ready` with their addresses, then answers `wait` messages once answers have arrived.

import { startSimulator } from '../src/simulator/server.ts';
import { startFakeSlack } from '../test/support/fake-slack.ts';

export interface WorldReady {
  type: 'ready';
  sobot: { url: string; appId: string; appKey: string };
  slack: { apiUrl: string; baseUrl: string };
}

/** Asks for the posts that reached response_url `id`, once there are `count` of them. */
export interface WaitRequest {
  type: 'wait';
  id: string;
  count: number;
}

export interface Answered {
  type: 'answered';
  id: string;
  /** Whether each post passed the fake Slack's Block Kit checks. */
  accepted: boolean[];
}

async function main(): Promise<void> {
  const agents = Number(process.env.BENCH_AGENTS ?? 300);
  // The bench measures the bot, not the budget: the simulator allows what the bot is told to send.
  const sim = await startSimulator({ company: { agents }, rateLimit: 100_000 });
  const slack = await startFakeSlack();
  const send = (message: WorldReady | Answered) => process.send?.(message);
  process.on('message', (message: WaitRequest) => {
    if (message.type !== 'wait') return;
    void slack.waitForResponses(message.id, message.count).then((posts) => {
      send({ type: 'answered', id: message.id, accepted: posts.map((p) => p.accepted) });
      // The bench asks once per answer: keep the fake's memory flat over thousands of commands.
      slack.responses.delete(message.id);
      slack.uploads.clear();
    });
  });
  process.on('disconnect', () => {
    void Promise.all([slack.close(), sim.close()]).finally(() => process.exit(0));
  });
  send({
    type: 'ready',
    sobot: { url: sim.url, appId: sim.appId, appKey: sim.appKey },
    slack: { apiUrl: slack.apiUrl, baseUrl: slack.baseUrl },
  });
}

void main();
