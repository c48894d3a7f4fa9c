// Pure. The only error a handler throws on purpose: its code reaches the renderer, its message is English for developers.
import type { ErrorCode, FieldIssue } from '../../../../shared/contract';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldIssue[],
    readonly details?: Record<string, number | string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
