// Pure. The shape of a handler, derived from the contract: a channel's input, output and access decide its type.
import type { Access, ChannelAccess, ChannelName, ChannelOutput, ChannelParsedInput } from '../../../../shared/contract';
import type { ActiveSession } from '../sessions/session-registry';

/** Who called: the window main knows (never an id the renderer claims), and the URL of its frame. */
export interface Sender {
  windowId: string;
  url: string;
  /** A site server's client PC (its enrolled name); absent for this process's own windows. */
  workstation?: string;
}

type SessionFor<A extends Access> = A extends 'public' ? ActiveSession | null : ActiveSession;

export interface HandlerContext<C extends ChannelName> {
  input: ChannelParsedInput<C>;
  session: SessionFor<ChannelAccess<C>>;
  sender: Sender;
}

export type Handler<C extends ChannelName> = (context: HandlerContext<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>;

/** The handlers of one domain. */
export type HandlerMap<K extends ChannelName> = { [C in K]: Handler<C> };

/** Every channel of the contract, each with its handler: a missing one is a type error. */
export type Handlers = HandlerMap<ChannelName>;
