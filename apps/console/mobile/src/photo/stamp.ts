/** The text stamped on a photo (pure): time, place and task, one fact a line. */
import { fixText, type Fix } from '../geo';
import { isoWithOffset } from '../time';

export interface StampFacts {
  takenAt: number;
  fix: Fix | null;
  task: string;
  target: string;
  inspector: string;
}

export function stampLines(f: StampFacts): string[] {
  const at = isoWithOffset(f.takenAt).replace('T', ' ');
  return [`时间 ${at}`, `位置 ${f.fix ? fixText(f.fix) : '未取得定位'}`, `任务 ${f.task}`, `对象 ${f.target}`, `检查人员 ${f.inspector}`];
}
