/**
 * Everything the phone keeps, in IndexedDB through Dexie: the worklist as downloaded, visit drafts,
 * photos and signature images, and the outbox. Every action is written here first; the network only
 * ever reads from here (the outbox), so closing the app or losing the connection loses nothing.
 */
import Dexie, { type Table } from 'dexie';
import type { Assignment, Badge, User } from './api/types';
import type { Fix } from './geo';
import type { OutboxState } from './outbox/policy';
import type { Draft } from './visit/draft';

export interface CachedAssignment {
  id: string;
  /** The console account whose worklist it came from. */
  userId: string;
  dueDate: string;
  detail: Assignment;
  syncedAt: number;
}

/** A photo or a signature image, with what the resumable upload has sent so far. */
export interface StoredFile {
  id: string;
  userId: string;
  assignmentId: string;
  purpose: 'photo' | 'signature';
  blob: Blob;
  type: string;
  size: number;
  sha256: string;
  fileName: string;
  capturedAt: string;
  location: Fix | null;
  width: number;
  height: number;
  /** A signature image: the hash of the record it signs (the server binds the upload to it). */
  recordHash?: string | null;
  /** Bytes the server has acknowledged. */
  sentBytes: number;
  uploaded: boolean;
}

export type OutboxKind = 'start' | 'result' | 'confirm' | 'dispute';

export interface OutboxError {
  status: number;
  message: string;
  problems: string[];
}

export interface OutboxItem {
  id?: number;
  userId: string;
  kind: OutboxKind;
  assignmentId: string;
  /** The revision confirmed or disputed. */
  resultId?: string;
  /** What the queue shows (firm and action). */
  label: string;
  state: OutboxState;
  /** Result submissions: made once and kept for every resend. */
  idempotencyKey?: string;
  body?: Record<string, unknown>;
  /** Files to upload before the body is sent (photos, then signatures). */
  fileIds?: string[];
  attempts: number;
  nextAttemptAt: number;
  lastError?: OutboxError;
  createdAt: number;
  updatedAt: number;
  deliveredAt?: number;
  /** The server's id of what was recorded (a result revision). */
  serverId?: string;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export class InspectorDb extends Dexie {
  assignments!: Table<CachedAssignment, string>;
  drafts!: Table<Draft, string>;
  files!: Table<StoredFile, string>;
  outbox!: Table<OutboxItem, number>;
  meta!: Table<MetaRow, string>;

  constructor(name = 'spotcheck-inspector') {
    super(name);
    this.version(1).stores({
      assignments: 'id, userId, dueDate',
      drafts: 'assignmentId, userId, submittedAt',
      files: 'id, assignmentId, userId, sha256',
      outbox: '++id, userId, state, assignmentId, nextAttemptAt',
      meta: 'key',
    });
  }
}

export const db = new InspectorDb();

/** Small keyed values: the signed-in user, the last sync, the last 亮证 code per assignment. */
export const meta = {
  async get<T>(key: string): Promise<T | undefined> {
    return (await db.meta.get(key))?.value as T | undefined;
  },
  async set(key: string, value: unknown): Promise<void> {
    await db.meta.put({ key, value });
  },
  async remove(key: string): Promise<void> {
    await db.meta.delete(key);
  },
};

export const META_USER = 'user';
export const META_LAST_SYNC = 'lastSyncAt';
export const badgeKey = (assignmentId: string) => `badge:${assignmentId}`;
export type CachedBadge = Badge & { fetchedAt: number };
export type CachedUser = User & { signedInAt: number };
