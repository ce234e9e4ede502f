import { CODED_KINDS, CREDIT_CLASSES, TARGET_KINDS, TARGET_STATUSES, type CreditClass, type TargetKind, type TargetStatus } from './target.entity.js';
import { DEPARTMENT_NAME, PLAIN_TEXT, isIsoDate, usccProblem } from '../common/validation.js';

/** A target as the directory stores it, before it has an id. */
export interface TargetRecord {
  department: string;
  departments: string[];
  kind: TargetKind;
  category: string;
  name: string;
  creditCode: string | null;
  regionCode: string | null;
  industry: string | null;
  creditClass: CreditClass;
  status: TargetStatus;
  lastInspectedOn: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface FieldProblem {
  column: string;
  message: string;
}

/** Loose input: strings from a CSV cell, or the fields of a request body. */
export interface TargetFields {
  department?: string;
  departments?: string[];
  kind?: string;
  category?: string;
  name?: string;
  creditCode?: string | null;
  regionCode?: string | null;
  industry?: string | null;
  creditClass?: string;
  status?: string;
  lastInspectedOn?: string | null;
  address?: string | null;
  /** A number from a request body, or the text of a CSV cell. */
  latitude?: number | string | null;
  longitude?: number | string | null;
}

/** A coordinate: absent (null, empty cell) or a finite number within ±limit; `false` when malformed or out of range. */
function coordinate(value: number | string | null | undefined, limit: number): number | null | false {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'string' ? value.trim() : undefined;
  if (text === '') return null;
  // A cell must be a plain decimal number: Number() would also take '0x1f', '1e2' or ' '.
  if (text !== undefined && !/^[+-]?\d+(\.\d+)?$/.test(text)) return false;
  const n = typeof value === 'number' ? value : Number(text);
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : false;
}

/**
 * Checks one target and returns it normalised, or the problems found (each naming its field).
 * The one place the directory's rules live: the HTTP API and the bulk import both use it.
 */
export function checkTarget(f: TargetFields, today: string): { value?: TargetRecord; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const fail = (column: string, message: string) => problems.push({ column, message });
  const name = f.name?.trim() ?? '';
  if (!name) fail('name', 'name is required');
  else if (name.length > 200 || !PLAIN_TEXT.test(name)) fail('name', 'name must be at most 200 characters without control characters');

  const kind = f.kind?.trim() ?? '';
  if (!(TARGET_KINDS as readonly string[]).includes(kind)) fail('kind', `kind '${kind}' is not one of ${TARGET_KINDS.join(', ')}`);

  const category = f.category?.trim() ?? '';
  if (!category || category.length > 100 || !PLAIN_TEXT.test(category)) fail('category', 'category is required (e.g. 取水单位, 采砂点, 在建水利工程项目), at most 100 characters');

  const creditClass = f.creditClass?.trim().toUpperCase() ?? '';
  if (!(CREDIT_CLASSES as readonly string[]).includes(creditClass)) {
    fail('credit_class', `unknown credit class '${f.creditClass ?? ''}': use A, B, C or D`);
  }

  const creditCode = f.creditCode?.trim().toUpperCase() || null;
  if (creditCode) {
    const problem = usccProblem(creditCode);
    if (problem) fail('credit_code', problem);
  } else if ((CODED_KINDS as readonly string[]).includes(kind)) {
    fail('credit_code', `a ${kind} needs its 统一社会信用代码`);
  }

  const regionCode = f.regionCode?.trim() || null;
  if (regionCode && !/^\d{6}$/.test(regionCode)) fail('region_code', `region code '${regionCode}' must be 6 digits (GB/T 2260)`);

  const industry = f.industry?.trim() || null;
  if (industry && (industry.length > 100 || !PLAIN_TEXT.test(industry))) fail('industry', 'industry must be at most 100 characters');

  const status = f.status?.trim() || 'active';
  if (!(TARGET_STATUSES as readonly string[]).includes(status)) fail('status', `status '${status}' is not one of ${TARGET_STATUSES.join(', ')}`);

  const lastInspectedOn = f.lastInspectedOn?.trim() || null;
  if (lastInspectedOn && !isIsoDate(lastInspectedOn)) fail('last_inspected_on', `'${lastInspectedOn}' is not a date YYYY-MM-DD`);
  else if (lastInspectedOn && lastInspectedOn > today) fail('last_inspected_on', `last inspection ${lastInspectedOn} is in the future`);

  const address = f.address?.trim() || null;
  if (address && (address.length > 300 || !PLAIN_TEXT.test(address))) fail('address', 'address must be at most 300 characters on one line');

  const latitude = coordinate(f.latitude, 90);
  const longitude = coordinate(f.longitude, 180);
  if (latitude === false) fail('latitude', `latitude '${f.latitude}' must be a number of degrees from -90 to 90 (纬度)`);
  if (longitude === false) fail('longitude', `longitude '${f.longitude}' must be a number of degrees from -180 to 180 (经度)`);
  if (latitude !== false && longitude !== false && (latitude === null) !== (longitude === null)) {
    fail(latitude === null ? 'latitude' : 'longitude', 'give both latitude (纬度) and longitude (经度), or neither');
  }

  const department = f.department ?? '';
  const departments = f.departments?.length ? [...new Set(f.departments.map((d) => d.trim()).filter(Boolean))] : [department];
  for (const d of departments) {
    if (!DEPARTMENT_NAME.test(d)) fail('departments', `department name '${d}' is empty, too long or contains a separator`);
  }
  if (problems.length) return { problems };
  return {
    problems,
    value: {
      department,
      departments,
      kind: kind as TargetKind,
      category,
      name,
      creditCode,
      regionCode,
      industry,
      creditClass: creditClass as CreditClass,
      status: status as TargetStatus,
      lastInspectedOn,
      address,
      latitude: latitude as number | null,
      longitude: longitude as number | null,
    },
  };
}
