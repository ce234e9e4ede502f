import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '#platform';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DrawAnnounced, DrawCompleted, DrawRevealed, DrawSubstituted } from '#contracts';
import {
  DomainError,
  announceDraw,
  bundleVersionOf,
  commitmentOf,
  conflict,
  executeDraw,
  generateDisclosureKey,
  generateDrawSecret,
  notFound,
  skipRulesOf,
  substitute,
  todayInShanghai,
  type AnyDrawAnnouncement,
  type DrawBundleVersion,
  type DrawRules,
  type InspectionBurdenRule,
  type InspectorEntry,
} from '#domain';
import { OutboxService } from '#messaging';
import type { Principal } from '#auth';
import { writableDepartment } from '../common/department.js';
import { missingConsents } from '../plans/task-consent.js';
import { Task } from '../plans/task.entity.js';
import { Draw } from './draw.entity.js';
import { DrawSnapshot } from './draw-snapshot.entity.js';
import { buildBundle, disclosureOf, loadFullDraw } from './draw-bundle.builder.js';
import { DRAW_SETTINGS, type DrawSettings } from './draw-settings.js';
import { announcedPayload, assignmentDetails, chunkText, completedBatches } from './draw-events.js';
import { loadInspectors, loadTargetLines, parseTargetLines } from './population.js';
import type { AnnounceDrawDto, ExecuteDrawDto, SubstituteDto } from './dto/draw.dto.js';


/** node:crypto's SHA-256 for the population hashes: the same digests as the domain's pure one, faster at a million ids. */
const FAST_HASH = { sha256: () => createHash('sha256') };

/**
 * When a step of the draw happens. Always "now" for officers (the controller never passes it); only
 * the admin demo path (DemoService.load2020) records the bureau's historical draws on their real dates.
 */
export interface DrawClock {
  at?: Date;
}

/** How a draw is announced. Only the admin demo path asks for a version-1 bundle (the bureau's 2020 draws, published before version 2). */
export interface AnnounceOptions extends DrawClock {
  bundleVersion?: DrawBundleVersion;
}

/** Timings of the phases of an execution (the benchmark prints them). */
export interface ExecutionTimings {
  lockAndLoadMs: number;
  drawMs: number;
  persistMs: number;
  eventsMs: number;
}

/**
 * The draw lifecycle: announce (freeze and commit), execute (once), reveal, substitute (递补).
 * The algorithm is the domain library's; this service freezes what it reads, stores what it
 * returns, and writes every state change together with its outbox events.
 */
@Injectable()
export class DrawsService {
  /** Set by the benchmark to read phase timings of the last execution. */
  lastTimings?: ExecutionTimings;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DRAW_SETTINGS) private readonly settings: DrawSettings,
  ) {}

  async announce(user: Principal, taskId: string, dto: AnnounceDrawDto, clock: AnnounceOptions = {}): Promise<Draw> {
    const now = clock.at ?? this.clock.now();
    const bundleVersion = clock.bundleVersion ?? 2;
    return this.ds.transaction(async (m) => {
      const task = await m.findOne(Task, { where: { id: taskId }, lock: { mode: 'pessimistic_write' } });
      if (!task) throw notFound(`task ${taskId} not found`);
      writableDepartment(user, task.department);
      const missing = missingConsents(task);
      if (missing.length) {
        throw conflict(`task ${task.number} is a joint task not yet accepted by ${missing.join('、')}: an officer of each accepts it first (POST /tasks/${task.id}/consent)`, { consentsMissing: missing });
      }
      const existing = await m.findOneBy(Draw, { taskId });
      if (existing) throw conflict(`task ${task.number} already has a draw (${existing.id}, ${existing.status}): a task is drawn once`);

      const { lines, inspectionBurden } = await loadTargetLines(m, task, todayInShanghai(now));
      const targets = parseTargetLines(lines);
      if (!targets.length) {
        // A draw over nobody would announce, execute and publish an empty result as if it were an inspection round.
        const burden = inspectionBurden
          ? ` and excludeInspectedAtLeast (${inspectionBurden.excludedTargets} left out as inspected at least ${inspectionBurden.excludeInspectedAtLeast} times in ${inspectionBurden.window.from}..${inspectionBurden.window.to})`
          : '';
        throw new DomainError('unprocessable', `no target is eligible for task ${task.number}: check the target filter, the items' target scope, the departments and the exclusion window${burden}`);
      }
      const inspectors = await loadInspectors(m, task);
      const drawId = randomUUID();
      const secret = generateDrawSecret();
      const rules = rulesOf(task, dto.algorithm ?? 'spotcheck-sha256-v1', inspectionBurden);
      // Version 2: every salt of the sealed targets and of the exclusions' commitments comes from this key, which is never published.
      const disclosureKey = bundleVersion === 2 ? generateDisclosureKey() : null;
      const disclosure = disclosureKey ? { key: disclosureKey, creditClass: this.settings.creditClass } : undefined;
      // The domain's DrawRuleError is a DomainError: the filter maps it to 400/409/422 with its problems.
      const announcement = announceDraw({ drawId, rules, targets, inspectors, commitment: commitmentOf(secret), publicRandomnessSource: dto.publicRandomnessSource, disclosure }, FAST_HASH);
      // Pre-flight with a throwaway secret: a pool that cannot staff the teams is refused now, not
      // after the commitment is public and the draw can no longer change.
      executeDraw({ rules, targets, inspectors, secret: generateDrawSecret(), publicRandomness: { source: dto.publicRandomnessSource, value: 'pre-flight' } }, FAST_HASH);

      const draw = m.create(Draw, {
        id: drawId, taskId, department: task.department, status: 'announced', algorithm: rules.algorithm,
        announcement: announcement as unknown as Record<string, unknown>, commitment: announcement.commitment, secret, disclosureKey,
        publicRandomnessSource: dto.publicRandomnessSource, publicRandomnessValue: null, seed: null,
        populationSize: announcement.targets.size, sampleSize: Object.values(announcement.sampleSizes).reduce((a, b) => a + b, 0),
        witnessName: null, witnessRole: null, outcome: null, substitutions: [], substitutionNotes: [], announcedBy: user.sub,
        executedBy: null, executedAt: null, revealedAt: null, announcedAt: now,
      });
      await m.save(draw);
      await m.insert(DrawSnapshot, { drawId, targets: lines, inspectors });
      await m.update(Task, { id: task.id }, { status: 'announced' });
      const saved = await m.findOneByOrFail(Draw, { id: drawId });
      await this.outbox.enqueue(m, DrawAnnounced, announcedPayload(task, saved, announcement, skipRulesOf(bundleVersion)));
      return saved;
    });
  }

  /**
   * Executes the announced draw, once. The draw row is locked SKIP LOCKED: of two concurrent requests
   * one executes and the other finds no row and gets 409 at once; a later request finds the status moved on and gets 409.
   */
  async execute(user: Principal, drawId: string, dto: ExecuteDrawDto, clock: DrawClock = {}): Promise<Draw> {
    await this.authorise(user, drawId);
    const t0 = performance.now();
    return this.ds.transaction(async (m) => {
      const locked = (await m.query(`SELECT id FROM planning.draw WHERE id = $1 FOR UPDATE SKIP LOCKED`, [drawId])) as unknown[];
      if (!locked.length) throw conflict(`draw ${drawId} is being executed by another request: a task has exactly one executed draw`);
      const draw = await loadFullDraw(m, drawId);
      if (draw.status !== 'announced') throw conflict(`draw ${drawId} was already executed at ${draw.executedAt?.toISOString()}: a task has exactly one executed draw`);
      const task = await m.findOneByOrFail(Task, { id: draw.taskId });
      // Raw query: a million-line text value needs no entity hydration.
      const [snapshot] = (await m.query(`SELECT targets, inspectors FROM planning.draw_snapshot WHERE draw_id = $1`, [drawId])) as { targets: string; inspectors: InspectorEntry[] }[];
      const targets = parseTargetLines(snapshot.targets);
      const announcement = draw.announcement as unknown as AnyDrawAnnouncement;
      const t1 = performance.now();

      const result = executeDraw({
        drawId, rules: announcement.rules, targets, inspectors: snapshot.inspectors, secret: draw.secret,
        publicRandomness: { source: draw.publicRandomnessSource, value: dto.publicRandomnessValue }, announcement,
        ...(bundleVersionOf(announcement) === 2 ? { disclosure: disclosureOf(draw, announcement) } : {}),
      }, FAST_HASH);
      const t2 = performance.now();

      const executedAt = clock.at ?? this.clock.now();
      const teams = result.outcome.teams;
      for (let i = 0; i < teams.length; i += 20_000) {
        const batch = teams.slice(i, i + 20_000);
        await m.query(
          `INSERT INTO planning.assignment (draw_id, target_id, stratum, inspector_ids, seq, due_date, drawn_at)
           SELECT $1::uuid, u.t, u.s, string_to_array(u.i, ',')::uuid[], $5::int + u.ord::int - 1, $6::date, $7::timestamptz
           FROM unnest($2::uuid[], $3::text[], $4::text[]) WITH ORDINALITY AS u(t, s, i, ord)`,
          [drawId, batch.map((t) => t.targetId), batch.map((t) => t.stratum), batch.map((t) => t.inspectorIds.join(',')), i, task.dueDate, executedAt],
        );
      }
      await m.query(
        `UPDATE planning.draw SET status = 'executed', public_randomness_value = $2, seed = $3, witness_name = $4, witness_role = $5,
           executed_by = $6, executed_at = $7, outcome = $8::json WHERE id = $1`,
        [drawId, dto.publicRandomnessValue, result.reveal.seed, dto.witnessName.trim(), dto.witnessRole?.trim() || '局办公室代表', user.sub, executedAt, JSON.stringify(result.outcome)],
      );
      await m.update(Task, { id: task.id }, { status: 'executed' });
      const t3 = performance.now();

      const executed = await m.findOneByOrFail(Draw, { id: drawId });
      const details = await assignmentDetails(m, teams);
      await this.outbox.enqueueMany(m, DrawCompleted, [...completedBatches(task, executed, teams.map(details.toAssignment))]);
      this.lastTimings = { lockAndLoadMs: t1 - t0, drawMs: t2 - t1, persistMs: t3 - t2, eventsMs: performance.now() - t3 };
      return executed;
    });
  }

  /** Publishes secret, seed and the bundle (planning.draw.revealed, in chunks). */
  async reveal(user: Principal, drawId: string, clock: DrawClock = {}): Promise<{ drawId: string; secret: string; seed: string; publicRandomnessValue: string; chunkCount: number; bundleUrl: string }> {
    await this.authorise(user, drawId);
    return this.ds.transaction(async (m) => {
      const draw = await loadFullDraw(m, drawId, true);
      if (draw.status === 'announced') throw conflict(`draw ${drawId} has not been executed yet: execute it first`);
      if (draw.status === 'revealed') throw conflict(`draw ${drawId} was already revealed at ${draw.revealedAt?.toISOString()}`);
      const bundle = await buildBundle(m, draw);
      const revealedAt = clock.at ?? this.clock.now();
      const chunks = chunkText(JSON.stringify(bundle));
      await this.outbox.enqueueMany(
        m,
        DrawRevealed,
        chunks.map((bundleChunk, chunkIndex) => ({ drawId, taskId: draw.taskId, revealedAt: revealedAt.toISOString(), seed: draw.seed!, chunkIndex, chunkCount: chunks.length, bundleChunk })),
      );
      await m.update(Draw, { id: drawId }, { status: 'revealed', revealedAt });
      await m.update(Task, { id: draw.taskId }, { status: 'revealed' });
      return { drawId, secret: draw.secret, seed: draw.seed!, publicRandomnessValue: draw.publicRandomnessValue!, chunkCount: chunks.length, bundleUrl: `/public/draws/${drawId}/bundle` };
    });
  }

  /** 递补抽取: replaces a drawn inspector by continuing the draw's random stream; the record becomes part of the bundle. */
  async substitute(user: Principal, drawId: string, dto: SubstituteDto) {
    await this.authorise(user, drawId);
    return this.ds.transaction(async (m) => {
      const draw = await loadFullDraw(m, drawId, true);
      if (draw.status === 'announced') throw conflict(`draw ${drawId} has not been executed yet`);
      const bundle = await buildBundle(m, draw);
      const record = substitute(bundle, { targetId: dto.targetId, inspectorId: dto.inspectorId, reason: dto.reason });
      const substitutedAt = this.clock.now();
      await m.query(`UPDATE planning.draw SET substitutions = $2::json, substitution_notes = substitution_notes || $3::jsonb WHERE id = $1`, [
        drawId, JSON.stringify([...bundle.substitutions, record]),
        JSON.stringify([{ sequence: record.sequence, note: dto.note ?? null, by: user.sub, at: substitutedAt.toISOString() }]),
      ]);
      // UPDATE … RETURNING comes back from TypeORM as [rows, count].
      const [[row]] = (await m.query(
        `UPDATE planning.assignment SET inspector_ids = array_replace(inspector_ids, $3::uuid, $4::uuid)
         WHERE draw_id = $1 AND target_id = $2 RETURNING inspector_ids::text[] AS inspector_ids, due_date::text AS due_date`,
        [drawId, dto.targetId, record.withdrawnInspectorId, record.replacementInspectorId],
      )) as [{ inspector_ids: string[]; due_date: string }[], number];
      const details = await assignmentDetails(m, [{ targetId: dto.targetId, stratum: 'A', inspectorIds: row.inspector_ids }]);
      await this.outbox.enqueue(m, DrawSubstituted, {
        drawId, taskId: draw.taskId, sequence: record.sequence, targetId: record.targetId, withdrawnInspectorId: record.withdrawnInspectorId,
        reason: record.reason, replacement: details.inspector(record.replacementInspectorId)!, inspectors: row.inspector_ids.map((id) => details.inspector(id)!),
        dueDate: row.due_date, substitutedAt: substitutedAt.toISOString(), record: record as unknown as Record<string, unknown>,
      });
      return record;
    });
  }

  /** 404 for an unknown draw, 403 for a draw of another department (checked before any lock is taken). */
  private async authorise(user: Principal, drawId: string): Promise<void> {
    const draw = await this.ds.getRepository(Draw).findOne({ where: { id: drawId }, select: { id: true, department: true } });
    if (!draw) throw notFound(`draw ${drawId} not found`);
    writableDepartment(user, draw.department);
  }
}

/**
 * The published rules of a task's draw. The 无事不扰 exclusion, decided when the population is
 * loaded, is added only when the task sets it, so other draws' rules stay as they were.
 */
export function rulesOf(task: Task, algorithm: DrawRules['algorithm'], inspectionBurden: InspectionBurdenRule | null = null): DrawRules {
  return {
    algorithm,
    strata: task.sampling,
    inspectorsPerTarget: task.inspectorsPerTarget,
    departments: task.departments,
    itemCategories: [...new Set(task.items.map((i) => i.certificationCategory))].sort(),
    inspectionWindow: { from: task.inspectionFrom, to: task.dueDate },
    maxAssignmentsPerInspector: task.maxAssignmentsPerInspector,
    excludeInspectedWithinDays: task.excludeInspectedWithinDays,
    ...(inspectionBurden ? { inspectionBurden } : {}),
  };
}
