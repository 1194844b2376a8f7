import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../test/support/free-port';
import type { GeneratorLink } from './generator-link';
import { SfuUnderTest } from './sfu-side';

/**
 * Setting up the benches' consultations (bench:sfu, bench:recording): the SFU on its core,
 * then each consultation's four transports offered to the load generator, connected, and
 * resumed once its media flows.
 */

export const SETUP_TIMEOUT_MS = 30_000;

export async function startSfu(core: number, socketBufferBytes?: number): Promise<SfuUnderTest> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await SfuUnderTest.start(await freePort(), core, socketBufferBytes);
    } catch (error) {
      // The port was free over TCP but taken over UDP (or taken meanwhile): try another.
      if (attempt === 3) throw error;
    }
  }
}

export async function addConsultation(sfu: SfuUnderTest, link: GeneratorLink, consultation: number): Promise<void> {
  const offered = link.wait(
    (m) => (m.type === 'offered' && m.consultation === consultation ? m : undefined),
    SETUP_TIMEOUT_MS,
    `offers of ${consultation}`,
    consultation,
  );
  link.send(await sfu.open(consultation));
  const answer = await sfu.connect(await offered);
  const flowing = link.wait(
    (m) => (m.type === 'flowing' && m.consultation === consultation ? m : undefined),
    SETUP_TIMEOUT_MS,
    `media of ${consultation}`,
    consultation,
  );
  link.send(answer);
  await flowing;
  await sfu.resume(consultation);
}

/** Video consumers forward from the next key frame on: wait until every stream has delivered. */
export async function allStreamsFlowing(link: GeneratorLink, consultations: number): Promise<void> {
  const deadline = performance.now() + SETUP_TIMEOUT_MS;
  for (;;) {
    const { streams } = await link.snapshot();
    const silent = Object.entries(streams).filter(([, counters]) => counters.received === 0);
    if (Object.keys(streams).length === consultations * 4 && silent.length === 0) return;
    if (performance.now() > deadline) throw new Error(`streams still silent: ${silent.map(([key]) => key).join(', ')}`);
    await sleep(250);
  }
}
