// Node (tests). A stand-in for the site server's end of the wire, in process: a SiteLink (the interface the client
// core uses) whose calls go to a REAL core's dispatcher as the server would make them (the PC's scoped window id and
// its enrolled name, so what is written names the PC), and whose events come from that core. The test plays the
// network: cut it (sessions of that PC end on the "server", the link reconnects), lose one answer after the server
// did the work, or refuse the PC. Tests against the real TLS server (electron/core/site/server/) use the real link.
import { fail, type EventName } from '../../shared/contract';
import type { IpcResult } from '../../shared/contract/result';
import type { SiteRefusal } from '../../shared/site/contract';
import type { ClientFrame } from '../../electron/core/site/protocol';
import type { LinkState, SiteLink, SiteLinkOptions } from '../../electron/core/site/client/site-link';
import { TEST_ORIGIN, type TestCore } from './test-core';

export interface InProcessSite {
  /** Pass as the client core's `connect`. */
  connect(options: SiteLinkOptions): SiteLink;
  /** Every link the client made, newest last, with the options it was given. */
  readonly links: { options: SiteLinkOptions; link: SiteLink }[];
  /** Frames other than invoke (os events, idle time, closed windows), as the server received them. */
  readonly frames: ClientFrame[];
  /** The network drops: the server ends that PC's sessions (reason 'disconnected'), the link retries. */
  drop(): Promise<void>;
  /** The network is back: the link connects again. */
  restore(): void;
  /** The next call is done by the server but its answer is lost, and the network drops with it. */
  loseNextAnswer(): void;
  /** The server refuses this PC from now on (revoked, unknown, version, or its certificate failed the pin). */
  refuse(refusal: SiteRefusal): void;
  /** The window id the server's dispatcher sees for the client's window `window`. */
  scoped(window: string): string;
}

export function createInProcessSite(core: TestCore, pc: { workstationId: number; workstationName: string; clock?: { now(): number } }): InProcessSite {
  const prefix = `ws${pc.workstationId}:`;
  const links: InProcessSite['links'] = [];
  const frames: ClientFrame[] = [];
  let up = true;
  let refusal: SiteRefusal | null = null;
  let loseNext = false;
  let live: { setState(state: LinkState): void; emit(window: string, event: EventName, payload: unknown): void } | null = null;

  // The server's event sink routes `ws<id>:<window>` to that PC's socket: the test core records events in an array,
  // so its push is where they are caught.
  const record = core.events.push.bind(core.events);
  core.events.push = (...items) => {
    for (const item of items) if (item.windowId.startsWith(prefix)) live?.emit(item.windowId.slice(prefix.length), item.event, item.payload);
    return record(...items);
  };

  const endSessionsOfPc = async (reason: 'disconnected' | 'os-lock') => {
    await Promise.all(core.sessions.signedInWindows().filter((w) => w.startsWith(prefix)).map((w) => core.sessions.end(w, reason)));
  };

  const connect = (options: SiteLinkOptions): SiteLink => {
    const stateListeners = new Set<(state: LinkState) => void>();
    const eventListeners = new Set<(window: string, event: EventName, payload: unknown) => void>();
    let state: LinkState = { state: 'connecting' };
    const setState = (next: LinkState) => {
      state = next;
      for (const listener of [...stateListeners]) listener(next);
    };
    const self = {
      setState,
      emit: (window: string, event: EventName, payload: unknown) => {
        if (state.state === 'connected') for (const listener of eventListeners) listener(window, event, payload);
      },
    };
    live = self;
    const link: SiteLink = {
      get state() {
        return state;
      },
      onState(listener) {
        stateListeners.add(listener);
        return () => stateListeners.delete(listener);
      },
      onEvent(listener) {
        eventListeners.add(listener);
        return () => eventListeners.delete(listener);
      },
      async invoke(window, channel, input): Promise<IpcResult<unknown>> {
        if (state.state !== 'connected') return fail('SITE_SERVER_UNREACHABLE', 'Not connected');
        const result = await core.dispatcher.dispatch({ windowId: prefix + window, url: `${TEST_ORIGIN}/`, workstation: pc.workstationName }, channel, input);
        if (loseNext) {
          loseNext = false;
          await site.drop();
          return fail('SITE_SERVER_UNREACHABLE', 'The connection dropped before the answer');
        }
        return state.state === 'connected' ? result : fail('SITE_SERVER_UNREACHABLE', 'The connection dropped before the answer');
      },
      send(frame) {
        if (state.state !== 'connected') return;
        frames.push(frame);
        if (frame.type === 'os-event' && (frame.event === 'suspend' || frame.event === 'lock-screen')) void endSessionsOfPc('os-lock');
        if (frame.type === 'window-closed') core.sessions.forgetWindow(prefix + frame.window);
      },
      async close() {
        if (live === self) live = null;
        setState({ state: 'closed' });
      },
    };
    links.push({ options, link });
    // Like a socket, the outcome of the first attempt comes after the caller had time to listen.
    queueMicrotask(() => attempt());
    return link;

    function attempt() {
      if (live !== self) return;
      if (refusal) setState({ state: 'refused', refusal, message: `refused: ${refusal}` });
      else if (up) setState({ state: 'connected', workstationId: pc.workstationId, workstationName: pc.workstationName, serverVersion: 'test' });
      else setState({ state: 'reconnecting', nextAttemptAt: (pc.clock?.now() ?? 0) + 1000, reason: 'unreachable' });
    }
  };

  const site: InProcessSite = {
    connect,
    links,
    frames,
    async drop() {
      up = false;
      live?.setState({ state: 'reconnecting', nextAttemptAt: (pc.clock?.now() ?? 0) + 1000, reason: 'connection lost' });
      await endSessionsOfPc('disconnected');
    },
    restore() {
      up = true;
      if (live && refusal === null) live.setState({ state: 'connected', workstationId: pc.workstationId, workstationName: pc.workstationName, serverVersion: 'test' });
    },
    loseNextAnswer() {
      loseNext = true;
    },
    refuse(next) {
      refusal = next;
      live?.setState({ state: 'refused', refusal: next, message: `refused: ${next}` });
      void endSessionsOfPc('disconnected');
    },
    scoped: (window) => prefix + window,
  };
  return site;
}
