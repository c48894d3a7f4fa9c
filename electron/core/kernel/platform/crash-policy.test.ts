import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../../tests/support/test-core';
import { CONTINUE_BUTTON, CrashPolicy, QUIT_BUTTON } from './crash-policy';

const running = { started: true, logDir: '/data/logs' };

describe('crash policy (main)', () => {
  it('keeps the app running after one error, with a French dialog that names the log folder and shows no stack', () => {
    const policy = new CrashPolicy({ clock: new FakeClock() });
    const decision = policy.decide('uncaughtException', running);
    expect(decision.quit).toBe(false);
    expect(decision.dialog?.message).toBe("Une erreur inattendue s'est produite.");
    expect(decision.dialog?.detail).toContain("L'application reste utilisable");
    expect(decision.dialog?.detail).toContain('/data/logs');
    expect(decision.dialog?.buttons).toEqual([CONTINUE_BUTTON, QUIT_BUTTON]);
    expect(policy.dialogClosed(0, decision.dialog!)).toBe(false);
    expect(policy.decide('unhandledRejection', running).dialog).toBeNull(); // 10 s have not passed
  });

  it('lets the person quit from the dialog', () => {
    const policy = new CrashPolicy({ clock: new FakeClock() });
    const { dialog } = policy.decide('unhandledRejection', running);
    expect(dialog?.message).toContain("Une opération n'a pas pu aboutir");
    expect(policy.dialogClosed(1, dialog!)).toBe(true);
  });

  it('shows no second dialog while one is open, nor within the interval, then shows one again', () => {
    const clock = new FakeClock();
    const policy = new CrashPolicy({ clock, dialogIntervalMs: 10_000, maxErrors: 50 });
    const first = policy.decide('uncaughtException', running);
    clock.advance(20_000);
    expect(policy.decide('uncaughtException', running).dialog).toBeNull(); // first still open
    policy.dialogClosed(0, first.dialog!);
    clock.advance(1_000);
    expect(policy.decide('uncaughtException', running).dialog).toBeNull(); // < 10 s since the first dialog
    clock.advance(10_000);
    expect(policy.decide('uncaughtException', running).dialog).not.toBeNull();
  });

  it('quits when errors keep coming (a loop), even over an open dialog', () => {
    const clock = new FakeClock();
    const policy = new CrashPolicy({ clock, maxErrors: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      expect(policy.decide('uncaughtException', running).quit).toBe(false);
      clock.advance(1_000);
    }
    const fourth = policy.decide('uncaughtException', running);
    expect(fourth.quit).toBe(true);
    expect(fourth.dialog?.message).toContain('erreurs à répétition');
    expect(fourth.dialog?.buttons).toEqual([QUIT_BUTTON]);
  });

  it('forgets old errors: a few a day never add up to a quit', () => {
    const clock = new FakeClock();
    const policy = new CrashPolicy({ clock, maxErrors: 3, windowMs: 60_000 });
    for (let i = 0; i < 20; i++) {
      expect(policy.decide('uncaughtException', running).quit).toBe(false);
      clock.advance(61_000);
    }
  });

  it('quits with an explanation when the app was not started yet', () => {
    const decision = new CrashPolicy({ clock: new FakeClock() }).decide('uncaughtException', { started: false, logDir: null });
    expect(decision.quit).toBe(true);
    expect(decision.dialog?.message).toContain("n'a pas pu démarrer");
    expect(decision.dialog?.detail).toContain("journal de l'application");
  });
});
