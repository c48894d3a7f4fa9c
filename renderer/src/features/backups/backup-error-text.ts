// Renderer. The words for a refused backup operation: the error code's message, except a file refused for its
// schema (a trigger, view, table or column the app does not create), which says what is wrong with it.
import type { TFunction } from 'i18next';
import type { IpcError } from '../../../../shared/contract';

type Problem = 'extra' | 'missing' | 'different';
type ObjectType = 'table' | 'index' | 'trigger' | 'view' | 'other';
const PROBLEMS = new Set<string>(['extra', 'missing', 'different'] satisfies Problem[]);
const OBJECTS = new Set<string>(['table', 'index', 'trigger', 'view'] satisfies ObjectType[]);

export function backupErrorText(t: TFunction, error: IpcError): string {
  const details = error.details;
  if (error.code === 'BACKUP_INVALID' && details?.reason === 'schema' && PROBLEMS.has(String(details.problem))) {
    const objectType = (OBJECTS.has(String(details.objectType)) ? String(details.objectType) : 'other') as ObjectType;
    const problem = t(`backups.schemaProblem.${String(details.problem) as Problem}`, {
      object: t(`backups.schemaObject.${objectType}`),
      name: String(details.objectName ?? ''),
    });
    return t('backups.invalidSchema', { problem, count: Number(details.problemCount ?? 1) });
  }
  return t(`errors.${error.code}`);
}
