// Pure. One schema step. Steps are numbered from 1 and never edited once released: add a new one instead.
import type { Db } from '../open-database';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}
