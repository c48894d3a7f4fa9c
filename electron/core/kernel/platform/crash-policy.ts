// Pure. What main does after an uncaught exception or an unhandled promise rejection: it is always logged;
// the person at the PC gets one clear French dialog (never a storm of them, never a stack trace), and the
// app keeps running unless it is not started yet or errors keep coming, when quitting is the honest choice.
// SQLite commits are atomic, so a failed handler leaves no half-written data behind.
// electron/main/os-services.ts is the thin Electron part (process events, dialog, quit).
import type { Clock } from './clock';

export type CrashKind = 'uncaughtException' | 'unhandledRejection';

export interface CrashDialog {
  title: string;
  message: string;
  detail: string;
  /** Button labels, the first one is the default. */
  buttons: string[];
}

export interface CrashDecision {
  /** null: a dialog is already open or one was shown moments ago; the error is still logged. */
  dialog: CrashDialog | null;
  /** Quit after the dialog (or at once when there is none). */
  quit: boolean;
}

export interface CrashPolicyOptions {
  clock: Clock;
  /** More errors than this within `windowMs` means the app is stuck in a loop: quit. */
  maxErrors?: number;
  windowMs?: number;
  /** At most one dialog per this interval. */
  dialogIntervalMs?: number;
}

const TITLE = 'GMAO Atelier';
export const CONTINUE_BUTTON = 'Continuer';
export const QUIT_BUTTON = "Quitter l'application";

export class CrashPolicy {
  private readonly recent: number[] = [];
  private dialogOpen = false;
  private lastDialogAt = Number.NEGATIVE_INFINITY;
  private readonly maxErrors: number;
  private readonly windowMs: number;
  private readonly dialogIntervalMs: number;

  constructor(private readonly options: CrashPolicyOptions) {
    this.maxErrors = options.maxErrors ?? 5;
    this.windowMs = options.windowMs ?? 60_000;
    this.dialogIntervalMs = options.dialogIntervalMs ?? 10_000;
  }

  decide(kind: CrashKind, state: { started: boolean; logDir: string | null }): CrashDecision {
    const now = this.options.clock.now();
    this.recent.push(now);
    while (this.recent.length > 0 && this.recent[0] <= now - this.windowMs) this.recent.shift();
    const where = state.logDir ? `Le détail a été enregistré dans le journal : ${state.logDir}` : "Le détail a été enregistré dans le journal de l'application.";

    if (!state.started) {
      return this.show(now, {
        title: TITLE,
        message: "GMAO Atelier n'a pas pu démarrer à cause d'une erreur inattendue.",
        detail: `Relancez l'application. Si le problème se répète, prévenez votre service informatique.\n\n${where}`,
        buttons: [QUIT_BUTTON],
      }, true);
    }
    if (this.recent.length > this.maxErrors) {
      return this.show(now, {
        title: TITLE,
        message: "GMAO Atelier rencontre des erreurs à répétition et va se fermer.",
        detail: `Les données déjà enregistrées sont conservées. Relancez l'application ; si cela recommence, prévenez votre service informatique.\n\n${where}`,
        buttons: [QUIT_BUTTON],
      }, true, true);
    }
    if (this.dialogOpen || now - this.lastDialogAt < this.dialogIntervalMs) return { dialog: null, quit: false };
    return this.show(now, {
      title: TITLE,
      message: kind === 'unhandledRejection' ? "Une opération n'a pas pu aboutir à cause d'une erreur inattendue." : "Une erreur inattendue s'est produite.",
      detail: `L'application reste utilisable : vérifiez que votre dernière action a bien été prise en compte. Si le problème se répète, fermez puis relancez GMAO Atelier et prévenez votre service informatique.\n\n${where}`,
      buttons: [CONTINUE_BUTTON, QUIT_BUTTON],
    }, false);
  }

  /** Main calls this when the dialog is closed; returns whether the person chose to quit. */
  dialogClosed(buttonIndex: number, dialog: CrashDialog): boolean {
    this.dialogOpen = false;
    // The quiet interval runs from when the person closed it, not from when it appeared.
    this.lastDialogAt = this.options.clock.now();
    return dialog.buttons[buttonIndex] === QUIT_BUTTON;
  }

  private show(now: number, dialog: CrashDialog, quit: boolean, force = false): CrashDecision {
    // A quitting dialog is shown even over a continuing one: it is the last thing the person will see.
    if (this.dialogOpen && !force && !quit) return { dialog: null, quit };
    this.dialogOpen = true;
    this.lastDialogAt = now;
    return { dialog, quit };
  }
}
