// Pure. Every schema step, in order. The app's schema version is the last one's.
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-sessions';
import { migration0003 } from './0003-accounts';
import { migration0004 } from './0004-audit-indexes';
import { migration0005 } from './0005-mail';
import { migration0006 } from './0006-reset-requests';
import { migration0007 } from './0007-audit-delete-guard';
import { migration0008 } from './0008-outbox-lease';
import { migration0009 } from './0009-maintenance';
import { migration0010 } from './0010-preventive';
import { migration0011 } from './0011-stores';
import { migration0012 } from './0012-site';
import type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
