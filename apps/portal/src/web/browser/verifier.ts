/**
 * The in-browser draw verifier: the same verifyDrawBundle the CLI runs (libs/domain/src/draw),
 * bundled by scripts/build-portal-assets.ts. It fetches the published bundle of the page's draw (or
 * reads a file the visitor chooses) and recomputes everything on the visitor's own machine. Both
 * bundle versions verify: version 2 (sealed targets, committed exclusions) and version 1 (draws
 * published before it, every detail in clear).
 */
import { verifyDrawBundle } from '../../../../../libs/domain/src/draw/verify-bundle.js';

function show(status: HTMLElement, list: HTMLElement, ok: boolean, headline: string, details: string[]): void {
  status.textContent = headline;
  status.className = ok ? 'verdict ok' : 'verdict bad';
  list.replaceChildren(...details.slice(0, 200).map((d) => Object.assign(document.createElement('li'), { textContent: d })));
}

function run(text: string, status: HTMLElement, list: HTMLElement): void {
  status.textContent = '正在本机重新计算……';
  status.className = 'verdict';
  // Let the browser paint the message before the (synchronous) recomputation.
  setTimeout(() => {
    let bundle: unknown;
    try {
      bundle = JSON.parse(text);
    } catch {
      show(status, list, false, '无法读取：不是有效的 JSON 文件。', []);
      return;
    }
    const started = performance.now();
    const result = verifyDrawBundle(bundle);
    const ms = Math.round(performance.now() - started);
    const version = (bundle as { version?: unknown }).version;
    const details =
      version === 2
        ? [`验证数据第 2 版：${exclusionCount(bundle)} 项回避或不能参加的情形按公布的规则和加盐承诺重新计算；未被抽中的检查对象只以加盐哈希值出现。`]
        : ['验证数据第 1 版（本版以前公布的抽取）。'];
    const burden = burdenLine(bundle);
    if (burden) details.push(burden);
    if (result.valid) show(status, list, true, `验证通过：本机重新计算的抽取结果与公布结果完全一致（用时 ${ms} 毫秒）。`, details);
    else show(status, list, false, `验证未通过：发现 ${result.differences.length} 处不一致。`, result.differences);
  }, 20);
}

/** The announced 无事不扰 exclusion, if any: decided before the population was frozen, so the recomputed hashes already include it. */
function burdenLine(bundle: unknown): string | undefined {
  const b = (bundle as { announcement?: { rules?: { inspectionBurden?: { excludeInspectedAtLeast?: unknown; excludedTargets?: unknown; window?: { from?: unknown; to?: unknown } } | null } } })
    .announcement?.rules?.inspectionBurden;
  if (!b || typeof b.excludeInspectedAtLeast !== 'number' || typeof b.excludedTargets !== 'number') return undefined;
  return `公告时已将 ${String(b.window?.from)} 至 ${String(b.window?.to)} 被检查 ${b.excludeInspectedAtLeast} 次及以上的 ${b.excludedTargets} 户排除在对象名录之外（无事不扰），对象名录哈希按排除后的名录计算。`;
}

function exclusionCount(bundle: unknown): number {
  const exclusions = (bundle as { populations?: { exclusions?: unknown } }).populations?.exclusions;
  return Array.isArray(exclusions) ? exclusions.length : 0;
}

function init(): void {
  const root = document.getElementById('verifier');
  if (!root) return;
  const status = document.getElementById('verify-status')!;
  const list = document.getElementById('verify-differences')!;
  const button = document.getElementById('verify-published') as HTMLButtonElement | null;
  const file = document.getElementById('verify-file') as HTMLInputElement | null;
  button?.addEventListener('click', async () => {
    status.textContent = '正在下载公布的验证数据……';
    status.className = 'verdict';
    const response = await fetch(root.dataset.bundleUrl!, { headers: { accept: 'application/json' } });
    if (!response.ok) {
      show(status, list, false, `无法下载验证数据（HTTP ${response.status}）。`, []);
      return;
    }
    run(await response.text(), status, list);
  });
  file?.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (chosen) run(await chosen.text(), status, list);
  });
}

init();
