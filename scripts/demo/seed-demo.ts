/**
 * The demo data set `npm start` loads on first run: the water bureau of docs/demo.md
 * with its 2020 year, entered through the real apps' HTTP APIs exactly as the bureau's officers and
 * inspectors would have entered it, so that every figure the portal shows is computed from events:
 *
 * 1. planning: the bureau (units, inspectors, items, targets, 2026 plans) and its 2020 draws
 *    (`POST /demo/load`, `POST /demo/load-2020`: 13 targets drawn with 2 inspectors each);
 * 2. publication: the 2020 licence (236) and penalty (17) decisions, one CSV import per unit, with
 *    their 公示日期 (historical records), and a few recent ones (./decisions-recent.ts: 12 licences
 *    and 6 penalties of the last ~40 days, still within their display period, so that the portal
 *    shows current notices and the masking of natural persons);
 * 3. inspection: 88 即时检查 opened by the units' officers on their 2020 dates, and for all 101
 *    inspections (88 + the 13 drawn) a result submitted from the phone (channel mobile) by one
 *    inspector and confirmed by the other;
 * 4. waits until the portal shows the recent notices and its statistics for 2020 the annual report's
 *    figures.
 *
 * Safe to run again: the planning loads are idempotent, a file's rows whose document numbers the unit
 * already has are left out of its import (and a file with none left is not imported), 即时检查 and results carry Idempotency-Keys, and confirmed inspections are
 * left alone. Framework-free (fetch and the auth library's token minting), so it runs from the
 * start script, from tests, or on its own against running apps.
 */
import { mintLocalToken, type Role } from '#auth';
import { licenceFiles2020, penaltyFiles2020, type DecisionFile } from './decisions-2020.js';
import { recentDecisionFiles } from './decisions-recent.js';
import { plusDays, workingDayFrom } from './demo-dates.js';
import { between, seededRandom } from './demo-random.js';
import { IMMEDIATE_COUNT, PROBLEMS, immediatePlans2020, type ImmediatePlan } from './inspections-2020.js';
import type { Statistics } from '../../apps/portal/src/statistics/statistics.service.js';

export interface SeedDemoOptions {
  planningUrl: string;
  inspectionUrl: string;
  publicationUrl: string;
  portalUrl: string;
  /** The local token secret the apps verify with (AUTH_LOCAL_SECRET); or `mint`. */
  secret?: string;
  /** Signs a token the apps accept (the console's key when they verify by its JWKS); used instead of `secret`. */
  mint?: (claims: { sub: string; roles: Role[]; department?: string }) => Promise<string>;
  issuer?: string;
  audience?: string;
  /** Progress messages (one per phase). */
  log?: (msg: string, extra?: Record<string, unknown>) => void;
  /** How long to wait for the portal to show the figures (default 120 s). */
  waitMs?: number;
  /** Inspections entered at the same time (default 6). */
  concurrency?: number;
  /** The China date the recent decisions end at: today by the apps' clock. */
  today: string;
}

/** The figures of the bureau's 2020 annual report the demo reproduces. */
export const DEMO_2020_FIGURES = {
  licenceDecisions: 236,
  penaltyDecisions: 17,
  spotChecks: 101,
  immediate: 88,
  items: 13,
  categories: 2,
  minInspectorsDrawn: 20,
} as const;

/** The portal's `GET /api/v1/statistics` (the part the seed checks), typed by the portal itself. */
export type PortalStatistics = Pick<Statistics, 'year' | 'licenceDecisions' | 'penaltyDecisions' | 'spotChecks' | 'items' | 'tasks' | 'rates'>;

export interface SeedDemoResult {
  statistics: PortalStatistics;
  /** What this run did (0s on a run that found everything in place). */
  done: { planningSteps: number; decisionsImported: number; inspectionsOpened: number; resultsConfirmed: number };
  /** Milliseconds per phase. */
  timings: Record<string, number>;
}

/** Whether the portal's figures for 2020 are the annual report's. */
export function matches2020(s: PortalStatistics): boolean {
  const f = DEMO_2020_FIGURES;
  const all100 = Object.values(s.rates).every((r) => r === 1);
  return s.licenceDecisions === f.licenceDecisions && s.penaltyDecisions === f.penaltyDecisions && s.spotChecks.total === f.spotChecks
    && s.spotChecks.immediate === f.immediate && s.items.covered === f.items && s.items.categories.length === f.categories
    && s.tasks.inspectorsDrawn >= f.minInspectorsDrawn && all100;
}

// ---------------------------------------------------------------------------------------------
// What the seed reads from the apps.

interface PublishedItem { code: string; name: string; version: number; category: string; department: string; legalBasis: string; checkPoints: string[] }
interface DirectoryInspector { id: string; name: string; certificateNo: string; department: string; certifiedCategories: string[]; conflicts: { creditCode?: string; targetId?: string }[]; status: string }
interface DirectoryTarget { id: string; name: string; kind: string; category: string; creditCode: string | null; regionCode: string | null; status: string }
interface Demo2020Task { taskId: string; number: string; name: string; department: string; drawId: string; status: string; sampleSize: number; executedAt: string | null }
interface TeamMember { inspectorId: string; name: string; department: string; certificateNo: string }
interface ResultView { id: string; status: string; submittedBy: string; awaiting: string[] }
interface AssignmentView {
  id: string; kind: string; status: string; task: { taskId: string | null; drawId: string | null }; target: { id: string | null; name: string };
  items: { code: string; name: string; version: number }[]; team: TeamMember[]; notBefore: string; dueDate: string; results?: ResultView[];
}

/** The enforcement field each demo item needs (planning's certificationCategory; not in the public list). */
const CERTIFICATION: Record<string, string> = {
  'SL-ZD-01': '水利工程建设', 'SL-ZD-02': '河道采砂', 'SL-ZD-03': '水库大坝安全', 'SL-ZD-04': '水土保持', 'SL-ZD-05': '水资源',
  'SL-YB-01': '水资源', 'SL-YB-02': '节约用水', 'SL-YB-03': '河湖管理', 'SL-YB-04': '防洪', 'SL-YB-05': '水利工程建设',
  'SL-YB-06': '农村供水', 'SL-YB-07': '水文', 'SL-YB-08': '水政',
};
const UNITS = ['水政监察大队', '水资源管理科', '河湖管理科', '水土保持站'];

// ---------------------------------------------------------------------------------------------
// HTTP.

class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly body: unknown) {
    super(message);
  }
}

interface Call { token?: string; body?: unknown; form?: FormData; headers?: Record<string, string>; retry?: boolean }

/**
 * One request. Connection failures and 5xx answers are retried a few times: every request the seed
 * makes is idempotent (keys, existence checks, resumable loads), a failed one rolled back, and the
 * apps may still be warming up (or, on the embedded database, hit a transient error).
 */
async function http<T>(method: string, url: string, c: Call = {}): Promise<{ status: number; body: T; headers: Headers }> {
  const headers: Record<string, string> = { accept: 'application/json', ...(c.headers ?? {}) };
  if (c.token) headers.authorization = `Bearer ${c.token}`;
  if (c.body !== undefined) headers['content-type'] = 'application/json';
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body: c.form ?? (c.body === undefined ? undefined : JSON.stringify(c.body)) });
    } catch (error) {
      if (c.retry === false || attempt >= 6) throw new Error(`${method} ${url}: ${(error as Error).message}`, { cause: error });
      await sleep(200 * attempt);
      continue;
    }
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    if (res.status >= 500 && c.retry !== false && attempt < 6) {
      await sleep(200 * attempt);
      continue;
    }
    if (res.status >= 400) {
      const detail = typeof body === 'object' && body ? JSON.stringify(body).slice(0, 1500) : String(text).slice(0, 500);
      throw new HttpError(res.status, `${method} ${url} → ${res.status}: ${detail}`, body);
    }
    return { status: res.status, body: body as T, headers: res.headers };
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `work` over `inputs` with at most `n` at a time; the first failure stops the rest. */
async function pool<T, R>(inputs: T[], n: number, work: (input: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(inputs.length);
  let next = 0;
  let failed: unknown;
  const worker = async () => {
    while (failed === undefined && next < inputs.length) {
      const i = next++;
      try {
        out[i] = await work(inputs[i]);
      } catch (error) {
        failed ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, inputs.length) }, worker));
  if (failed !== undefined) throw failed;
  return out;
}


// ---------------------------------------------------------------------------------------------

export async function seedDemo(o: SeedDemoOptions): Promise<SeedDemoResult> {
  const log = o.log ?? (() => undefined);
  const concurrency = o.concurrency ?? 6;
  const timings: Record<string, number> = {};
  const done = { planningSteps: 0, decisionsImported: 0, inspectionsOpened: 0, resultsConfirmed: 0 };
  let phaseStart = Date.now();
  const phase = (name: string, extra: Record<string, unknown> = {}) => {
    timings[name] = Date.now() - phaseStart;
    phaseStart = Date.now();
    log(`demo: ${name}`, { ms: timings[name], ...extra });
  };

  const tokens = new Map<string, Promise<string>>();
  const token = (sub: string, roles: Role[], department?: string) => {
    const key = `${sub}|${roles.join(',')}|${department ?? ''}`;
    if (!tokens.has(key)) {
      tokens.set(
        key,
        o.mint
          ? o.mint({ sub, roles, ...(department ? { department } : {}) })
          : mintLocalToken({ secret: o.secret ?? '', issuer: o.issuer ?? 'spotcheck', audience: o.audience ?? 'spotcheck', sub, roles, department, expiresIn: '2h' }),
      );
    }
    return tokens.get(key)!;
  };
  const admin = () => token('demo-seed', ['admin']);
  const officer = (department: string) => token(`demo-officer-${UNITS.indexOf(department) + 1}`, ['officer'], department);
  const inspector = (m: { inspectorId: string; department: string }) => token(m.inspectorId, ['inspector'], m.department);

  // 1. Planning: the bureau and its 2020 draws.
  const loaded = (await http<{ steps: number; tasks: Demo2020Task[] }>('POST', `${o.planningUrl}/demo/load-2020`, { token: await admin() })).body;
  done.planningSteps = loaded.steps;
  const [items, inspectors, targets] = await Promise.all([
    http<PublishedItem[]>('GET', `${o.planningUrl}/public/items`).then((r) => r.body),
    http<{ items: DirectoryInspector[] }>('GET', `${o.planningUrl}/inspectors?limit=500&status=active`, { token: await admin() }).then((r) => r.body.items),
    http<{ items: DirectoryTarget[] }>('GET', `${o.planningUrl}/targets?limit=500&status=active`, { token: await admin() }).then((r) => r.body.items),
  ]);
  const itemByCode = new Map(items.map((i) => [i.code, i]));
  for (const code of Object.keys(CERTIFICATION)) if (!itemByCode.has(code)) throw new Error(`planning does not publish the demo item ${code}`);
  phase('planning loaded', { steps: loaded.steps, draws: loaded.tasks.length, drawn: loaded.tasks.reduce((n, t) => n + t.sampleSize, 0) });

  // 2. Publication: the 2020 decisions and the recent ones, one file per unit, kind and period (while
  //    the inspections are entered).
  const recent = recentDecisionFiles(o.today);
  const imports = Promise.all([...licenceFiles2020(), ...penaltyFiles2020(), ...recent].map(async (file) => importDecisions(o, file, await officer(file.department))));
  imports.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile

  // 3. Inspection: 88 即时检查 and their results.
  const plans = immediatePlans2020();
  if (plans.length !== IMMEDIATE_COUNT) throw new Error('the 2020 inspection plan is inconsistent');
  const prepared = prepareImmediates(plans, targets, inspectors, itemByCode);
  const immediateResults = await pool(prepared, concurrency, async (p) => {
    const open = async () =>
      http<AssignmentView>('POST', `${o.inspectionUrl}/immediate-inspections`, {
        token: await officer(p.plan.department), headers: { 'Idempotency-Key': `demo2020-immediate-${p.plan.index + 1}` }, body: p.body,
      });
    const res = await whileDirectoryArrives(open, o.waitMs ?? 120_000);
    const replayed = res.headers.get('idempotent-replayed') === 'true';
    if (!replayed) done.inspectionsOpened++;
    const assignment = replayed ? await detail(o, res.body.id, await inspector(p.body.team[0])) : res.body;
    const result = resultBody(assignment.items.map((i) => itemByCode.get(i.code)!), p.plan.problem, p.plan.inspectionDate, p.plan.hour, p.place, p.plan.location);
    return record(o, assignment, result, inspector);
  });
  done.resultsConfirmed += immediateResults.filter(Boolean).length;
  phase('immediate inspections recorded', { opened: done.inspectionsOpened, confirmed: done.resultsConfirmed });

  // 4. The drawn inspections: each team finds its assignment in its worklist and records the result.
  const drawn = await drawnAssignments(o, loaded.tasks, admin, inspector);
  const r = seededRandom(2020_4);
  const randomResults = await pool(drawn.map((a, i) => ({ a, i, pick: r(), problem: r() < 0.15, hour: between(r, 9, 16) })), concurrency, async ({ a, pick, problem, hour }) => {
    const date = dateBetween(plusDays(a.notBefore, 1), a.dueDate, pick);
    const result = resultBody(a.items.map((i) => itemByCode.get(i.code)!), problem, date, hour, `${a.target.name}现场`, undefined);
    return record(o, a, result, inspector);
  });
  const randomConfirmed = randomResults.filter(Boolean).length;
  done.resultsConfirmed += randomConfirmed;
  phase('drawn inspections recorded', { assignments: drawn.length, confirmed: randomConfirmed });

  done.decisionsImported = (await imports).reduce((a, b) => a + b, 0);
  phase('decisions imported', { decisions: done.decisionsImported });

  // 5. The portal: wait until its 2020 figures are the annual report's.
  const recentCount = (kind: DecisionFile['kind']) => recent.filter((f) => f.kind === kind).reduce((n, f) => n + f.rows, 0);
  const statistics = await waitForPortal(o, o.waitMs ?? 120_000, { licences: recentCount('licence'), penalties: recentCount('penalty') });
  phase('portal shows the 2020 figures', { statistics: summary(statistics) });
  return { statistics, done, timings };
}

/** The figures in one line, for logs. */
export function summary(s: PortalStatistics) {
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  return {
    licence: s.licenceDecisions, penalty: s.penaltyDecisions, spotChecks: s.spotChecks.total, immediate: s.spotChecks.immediate,
    items: s.items.covered, categories: s.items.categories.length, inspectorsDrawn: s.tasks.inspectorsDrawn,
    rates: { taskCompletion: pct(s.rates.taskCompletion), resultPublication: pct(s.rates.resultPublication), mobile: pct(s.rates.mobileEnforcement), itemCoverage: pct(s.rates.itemCoverage) },
  };
}

/**
 * Imports the rows of one file whose document numbers the unit does not have yet (imports are all or
 * nothing, and publication refuses a number the unit already has), looking the numbers up among
 * the unit's decisions of that kind in the file's decision years (every number names its year).
 * Returns how many decisions this call recorded: 0 when all are there.
 */
async function importDecisions(o: SeedDemoOptions, file: DecisionFile, token: string): Promise<number> {
  const query = `kind=${file.kind}&department=${encodeURIComponent(file.department)}`;
  const lines = file.csv.split('\n').filter((l) => l !== '');
  if (lines.length !== file.rows + 1 || file.documentNumbers.length !== file.rows) throw new Error(`the demo file ${file.department}/${file.kind} is not one line per decision`);
  const existing = async (): Promise<Set<string>> => {
    const numbers = new Set<string>();
    for (const year of file.years) {
      for (let offset = 0; ; offset += 500) {
        const page = (await http<{ total: number; items: { documentNumber: string }[] }>('GET', `${o.publicationUrl}/decisions?${query}&year=${year}&limit=500&offset=${offset}`, { token })).body;
        for (const d of page.items) numbers.add(d.documentNumber);
        if (!page.items.length || offset + page.items.length >= page.total) break;
      }
    }
    return numbers;
  };
  const missing = (have: Set<string>) => file.documentNumbers.flatMap((n, i) => (have.has(n) ? [] : [lines[i + 1]]));
  const rows = missing(await existing());
  if (!rows.length) return 0;
  const form = new FormData();
  form.append('file', new Blob([[lines[0], ...rows, ''].join('\n')], { type: 'text/csv' }), `${file.department}-${file.kind}-${file.years.join('-')}.csv`);
  for (let attempt = 1; ; attempt++) {
    try {
      const report = (await http<{ recorded: number }>('POST', `${o.publicationUrl}/decisions/import?${query}`, { token, form, retry: false })).body;
      return report.recorded;
    } catch (error) {
      // A response lost after the import committed: the decisions are there. Otherwise it rolled back.
      if (missing(await existing()).length === 0) return 0;
      if (attempt >= 3 || (error instanceof HttpError && error.status < 500)) throw error;
      await sleep(500 * attempt);
    }
  }
}

interface PreparedImmediate {
  plan: ImmediatePlan;
  place: string;
  body: {
    target: { id: string; name: string; kind: string; code?: string; region?: string };
    items: { code: string; name: string; version: number }[];
    team: (TeamMember & { department: string })[];
    reason: string;
    trigger: string;
    inspectionDate: string;
  };
}

/**
 * Targets and teams for the 即时检查, chosen from the directories deterministically (the same
 * directory gives the same bodies, so the Idempotency-Keys replay on a second run): a target of the
 * item's kind not inspected yet this year where possible, and two inspectors of the unit certified for
 * the items, without a declared conflict with the target.
 */
function prepareImmediates(plans: ImmediatePlan[], targets: DirectoryTarget[], inspectors: DirectoryInspector[], items: Map<string, PublishedItem>): PreparedImmediate[] {
  const sorted = [...targets].sort((a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name) || (a.creditCode ?? '').localeCompare(b.creditCode ?? '') || a.id.localeCompare(b.id));
  const used = new Set<string>();
  return plans.map((plan) => {
    const candidates = sorted.filter((t) => plan.categories.includes(t.category));
    if (!candidates.length) throw new Error(`no target of ${plan.categories.join('/')} in the directory`);
    const start = Math.floor(plan.targetPick * candidates.length);
    let target = candidates[start];
    for (let k = 0; k < candidates.length; k++) {
      const t = candidates[(start + k) % candidates.length];
      if (!used.has(t.id)) {
        target = t;
        break;
      }
    }
    used.add(target.id);
    const fields = new Set(plan.items.map((c) => CERTIFICATION[c]));
    const pool = inspectors
      .filter((i) => i.department === plan.department && i.certifiedCategories.some((c) => fields.has(c)))
      .filter((i) => !i.conflicts.some((c) => (c.creditCode && c.creditCode === target.creditCode) || c.targetId === target.id))
      .sort((a, b) => a.certificateNo.localeCompare(b.certificateNo));
    if (pool.length < 2) throw new Error(`${plan.department} has fewer than two inspectors certified for ${plan.items.join(', ')}`);
    const first = Math.floor(plan.teamPick[0] * pool.length);
    const second = (first + 1 + Math.floor(plan.teamPick[1] * (pool.length - 1))) % pool.length;
    const member = (i: DirectoryInspector) => ({ inspectorId: i.id, name: i.name, certificateNo: i.certificateNo, department: i.department });
    return {
      plan,
      place: `${target.name}${target.kind === 'site' || target.kind === 'project' ? '' : '经营场所'}`,
      body: {
        target: { id: target.id, name: target.name, kind: target.kind, ...(target.creditCode ? { code: target.creditCode } : {}), ...(target.regionCode ? { region: target.regionCode } : {}) },
        items: plan.items.map((code) => ({ code, name: items.get(code)!.name, version: items.get(code)!.version })),
        team: [member(pool[first]), member(pool[second])],
        reason: plan.reason,
        trigger: plan.trigger,
        inspectionDate: plan.inspectionDate,
      },
    };
  });
}

interface ResultBody {
  outcome: '未发现问题' | '发现问题已责令改正';
  findings: { itemCode: string; checkPoints: { index: number; label: string; compliant: boolean; legalProvision?: string; description?: string; rectificationDeadline?: string }[] }[];
  inspectedAt: string;
  place: string;
  location?: { latitude: number; longitude: number; accuracyMeters: number };
  channel: 'mobile';
}

/** What the inspectors found: every check point of every item, one of them not met when `problem`. */
function resultBody(items: PublishedItem[], problem: boolean, date: string, hour: number, place: string, location: ResultBody['location']): ResultBody {
  let flagged = !problem;
  const findings = items.map((item) => {
    const issue = flagged ? undefined : PROBLEMS[item.code]?.[(date.charCodeAt(9) + hour) % PROBLEMS[item.code].length];
    if (issue) flagged = true;
    return {
      itemCode: item.code,
      checkPoints: item.checkPoints.map((label, index) =>
        issue && issue[0] === index
          ? { index, label, compliant: false, description: issue[1], legalProvision: item.legalBasis.split('；')[0], rectificationDeadline: plusDays(date, 15) }
          : { index, label, compliant: true },
      ),
    };
  });
  return {
    outcome: problem && flagged ? '发现问题已责令改正' : '未发现问题',
    findings,
    inspectedAt: `${date}T${String(hour).padStart(2, '0')}:${String((hour * 17) % 60).padStart(2, '0')}:00+08:00`,
    place,
    ...(location ? { location } : {}),
    channel: 'mobile',
  };
}

/** A working day between two dates (inclusive), picked by `pick` (0–1). */
function dateBetween(from: string, to: string, pick: number): string {
  const days = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));
  const date = plusDays(from, Math.floor(pick * (days + 1)));
  const working = workingDayFrom(date);
  return working <= to ? working : date;
}

async function detail(o: SeedDemoOptions, id: string, token: string): Promise<AssignmentView> {
  return (await http<AssignmentView>('GET', `${o.inspectionUrl}/assignments/${id}`, { token })).body;
}

/**
 * The team records the result: the first inspector submits from the phone (with an
 * Idempotency-Key), every other one confirms. An inspection already confirmed is left alone.
 * Returns whether this call confirmed it.
 */
async function record(
  o: SeedDemoOptions,
  a: AssignmentView,
  body: ResultBody,
  inspector: (m: TeamMember) => Promise<string>,
): Promise<boolean> {
  const [submitter, ...others] = a.team;
  const current = await detail(o, a.id, await inspector(submitter));
  if (current.status === 'confirmed') return false;
  let pending = current.results?.find((x) => x.status === 'pending');
  if (!pending) {
    pending = (await http<ResultView>('POST', `${o.inspectionUrl}/assignments/${a.id}/results`, {
      token: await inspector(submitter), headers: { 'Idempotency-Key': `demo2020-result-${a.id}` }, body,
    })).body;
  }
  for (const m of others) {
    if (pending.awaiting && !pending.awaiting.includes(m.inspectorId)) continue;
    await http<ResultView>('POST', `${o.inspectionUrl}/results/${pending.id}/confirm`, { token: await inspector(m) });
  }
  return true;
}

/**
 * The drawn assignments as their inspectors see them: planning names each drawn team, and each
 * team's first inspector finds the assignment in the worklist once planning.draw.completed has
 * reached inspection.
 */
async function drawnAssignments(
  o: SeedDemoOptions,
  tasks: Demo2020Task[],
  admin: () => Promise<string>,
  inspector: (m: TeamMember) => Promise<string>,
): Promise<AssignmentView[]> {
  const teams: { taskId: string; targetId: string; first: TeamMember }[] = [];
  for (const t of tasks) {
    const page = (await http<{ items: { targetId: string; inspectors: TeamMember[] }[] }>('GET', `${o.planningUrl}/draws/${t.drawId}/assignments?limit=500`, { token: await admin() })).body;
    for (const a of page.items) teams.push({ taskId: t.taskId, targetId: a.targetId, first: a.inspectors[0] });
  }
  const deadline = Date.now() + 60_000;
  const found = new Map<string, AssignmentView>();
  for (;;) {
    for (const team of teams) {
      if (found.has(`${team.taskId}|${team.targetId}`)) continue;
      const mine = (await http<{ items: AssignmentView[] }>('GET', `${o.inspectionUrl}/assignments/mine?kind=random&taskId=${team.taskId}&pageSize=100`, { token: await inspector(team.first) })).body;
      const hit = mine.items.find((a) => a.target.id === team.targetId);
      if (hit) found.set(`${team.taskId}|${team.targetId}`, hit);
    }
    if (found.size === teams.length) break;
    if (Date.now() > deadline) throw new Error(`only ${found.size} of the ${teams.length} drawn assignments reached inspection within 60 s`);
    await sleep(250);
  }
  return teams.map((t) => found.get(`${t.taskId}|${t.targetId}`)!);
}

/**
 * Inspection learns planning's inspector directory and item list from events: right after planning
 * loaded them they may still be on their way, and a 即时检查 naming them is refused (422) meanwhile.
 */
async function whileDirectoryArrives<T>(call: () => Promise<T>, waitMs: number): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const pending = error instanceof HttpError && error.status === 422 && /inspector directory|随机抽查事项清单/.test(error.message);
      if (!pending || Date.now() > deadline) throw error;
      await sleep(250);
    }
  }
}

/**
 * Waits for the portal: first for the notices themselves (uncached), then for the statistics,
 * which the portal caches for 30 s, so they are read only once the notices are in.
 */
async function waitForPortal(o: SeedDemoOptions, waitMs: number, recent: { licences: number; penalties: number }): Promise<PortalStatistics> {
  const deadline = Date.now() + waitMs;
  const count = async (kind: string) => (await http<{ total?: { value: number } }>('GET', `${o.portalUrl}/api/v1/notices?kind=${kind}&count=true&limit=1`)).body.total?.value ?? 0;
  let notices = { licences: 0, penalties: 0, spotChecks: 0 };
  while (Date.now() < deadline) {
    const [licences, penalties, spotChecks] = await Promise.all([count('licence'), count('penalty'), count('spot_check')]);
    notices = { licences, penalties, spotChecks };
    // The 2020 penalties are past their display period: the portal shows only the recent ones.
    if (licences >= DEMO_2020_FIGURES.licenceDecisions + recent.licences && penalties >= recent.penalties && spotChecks >= DEMO_2020_FIGURES.spotChecks) break;
    await sleep(500);
  }
  let last: PortalStatistics | undefined;
  while (Date.now() < deadline) {
    last = (await http<PortalStatistics>('GET', `${o.portalUrl}/api/v1/statistics?year=2020`)).body;
    if (matches2020(last)) return last;
    await sleep(2_000);
  }
  const seen = last ? JSON.stringify(summary(last)) : `public notices: ${notices.licences} licences, ${notices.penalties} penalties, ${notices.spotChecks} spot-check results`;
  throw new Error(`the portal's 2020 statistics did not reach the annual report's figures within ${Math.round(waitMs / 1000)} s: ${seen}`);
}
