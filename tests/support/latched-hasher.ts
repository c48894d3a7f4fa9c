// Node (tests). The real bcrypt hasher with a latch on hash(): a test holds the next hash, runs a competing action
// to completion, then releases it. Races between password writes then run in the same order every time, with no
// sleep and no timing: what is under test is the services' write, not the hasher.
import { PasswordHasher } from '../../electron/core/auth/password-hasher';

export interface HashHold {
  /** Settles once the held hash is computed and waiting: the slow path has read the account and is past its checks. */
  reached: Promise<void>;
  /** Lets the held hash return. */
  release: () => void;
}

interface Gate {
  arrived: () => void;
  latch: Promise<void>;
}

export class LatchedHasher extends PasswordHasher {
  private readonly gates: Gate[] = [];

  /** The next call to hash() computes the real hash, then waits until `release()`. Later calls are not held. */
  holdNextHash(): HashHold {
    let arrived!: () => void;
    let release!: () => void;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const latch = new Promise<void>((resolve) => (release = resolve));
    this.gates.push({ arrived, latch });
    return { reached, release };
  }

  override async hash(password: string): Promise<string> {
    const gate = this.gates.shift();
    const hash = await super.hash(password);
    if (gate) {
      gate.arrived();
      await gate.latch;
    }
    return hash;
  }
}
