/**
 * The portal's open data, read through the console (GET /api/portal/api/v1/…): the same annual figures
 * the public sees (apps/portal/src/statistics/statistics.service.ts is the truth for the shape).
 */
import { get } from './http';

export interface Statistics {
  year: number;
  department: string | null;
  licenceDecisions: number;
  penaltyDecisions: number;
  spotChecks: { total: number; random: number; immediate: number; mobile: number; publishedOnTime: number };
  items: { covered: number; categories: string[]; listed: number; coveredListed: number };
  tasks: { executed: number; completed: number; assignments: number; inspectorsDrawn: number };
  rates: { taskCompletion: number | null; resultPublication: number | null; mobileEnforcement: number | null; itemCoverage: number | null };
  monthly: { licence: number[]; penalty: number[]; spot_check: number[] };
  years: number[];
  departments: string[];
}

export const statisticsApi = {
  get: (q: { year?: number; department?: string }) => get<Statistics>('/api/portal/api/v1/statistics', q),
};
