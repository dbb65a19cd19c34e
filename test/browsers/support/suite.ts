/**
 * The hooks of a cross-engine test file: one duet server, one Chromium and one
 * Firefox for the whole file (as each file needs), every person a browser context
 * of their own, closed after the test that opened it; everything stopped after the file.
 */
import type { Browser as PlaywrightBrowser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { browserTestsEnabled, launchBrowser } from '../../support/browser.js';
import { startServer, type Running } from '../../support/server.js';
import { joinRoom, unique, waitForState } from './call.js';
import { firefoxTestsEnabled, launchFirefox, type Firefox } from './firefox.js';
import { chromiumPerson, firefoxPerson, type Engine, type Person } from './person.js';

export interface EngineSuite {
  readonly server: Running;
  /** A new person in `engine`, closed after the test. */
  person(engine: Engine): Promise<Person>;
  /** A room call: a person in `first` joins and waits, one in `second` joins. */
  roomCall(first: Engine, second: Engine): Promise<[Person, Person]>;
}

/** Whether a file needing `engines` runs (each missing engine prints its notice). */
export function enginesEnabled(engines: readonly Engine[]): boolean {
  const chromium = !engines.includes('chromium') || browserTestsEnabled();
  const firefox = !engines.includes('firefox') || firefoxTestsEnabled();
  return chromium && firefox;
}

export function engineSuite(engines: readonly Engine[]): EngineSuite {
  let server: Running | undefined;
  let chromium: PlaywrightBrowser | undefined;
  let firefox: Firefox | undefined;
  const people: Person[] = [];
  beforeAll(async () => {
    server = await startServer();
    // one at a time: both starting at once on a loaded machine only makes each slower
    if (engines.includes('chromium')) chromium = await launchBrowser({ cert: server.cert });
    if (engines.includes('firefox')) firefox = await launchFirefox(server.ca);
  }, 300_000);
  afterEach(async () => {
    for (const person of people.splice(0)) await person.close().catch(() => undefined);
  });
  async function person(engine: Engine): Promise<Person> {
    const made = engine === 'chromium' ? await chromiumPerson(chromium!) : await firefoxPerson(firefox!.browser);
    people.push(made);
    return made;
  }
  afterAll(async () => {
    await chromium?.close();
    await firefox?.close();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('the suite has not started');
      return server;
    },
    person,
    async roomCall(firstEngine, secondEngine) {
      const room = unique(`${firstEngine}-${secondEngine}`);
      const first = await person(firstEngine);
      const second = await person(secondEngine);
      await joinRoom(first, server!.url, room);
      await waitForState(first, 'waiting');
      await joinRoom(second, server!.url, room);
      return [first, second];
    },
  };
}
