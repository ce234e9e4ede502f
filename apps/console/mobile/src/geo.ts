/** Place checks of a visit: GPS accuracy, distance from the firm's registered coordinates, map links. */
import type { GeoPoint, Target } from './api/types';

/** Worse than this, the fix is shown with a warning (the issue: 50 m). */
export const ACCURACY_LIMIT_M = 50;
/** Further than this from the registered coordinates, the inspector is warned they may be at the wrong place. */
export const DISTANCE_LIMIT_M = 500;

export interface Fix extends GeoPoint {
  accuracyMeters: number;
}

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function distanceMeters(a: GeoPoint, b: GeoPoint): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The warnings to show for a fix (empty when it is good and near the registered place, or nothing is known). */
export function placeWarnings(fix: Fix | null, target: Pick<Target, 'location'>): string[] {
  if (!fix) return ['未取得定位：请在“检查地点”中写明具体位置'];
  const warnings: string[] = [];
  if (fix.accuracyMeters > ACCURACY_LIMIT_M) warnings.push(`定位精度较差（±${Math.round(fix.accuracyMeters)} 米，超过 ${ACCURACY_LIMIT_M} 米）`);
  if (target.location) {
    const d = distanceMeters(fix, target.location);
    if (d > DISTANCE_LIMIT_M) warnings.push(`当前位置距检查对象登记地址约 ${d >= 10_000 ? `${(d / 1000).toFixed(0)} 公里` : d >= 1000 ? `${(d / 1000).toFixed(1)} 公里` : `${Math.round(d)} 米`}`);
  }
  return warnings;
}

/** 30.27412, 120.15510 (±12 米). */
export function fixText(fix: Fix): string {
  return `${fix.latitude.toFixed(5)}, ${fix.longitude.toFixed(5)}（±${Math.round(fix.accuracyMeters)} 米）`;
}

/**
 * A link that opens the firm on a map (高德地图's URI API, which opens the app when installed): by its
 * coordinates when planning knows them, else a search for its address, else for its name.
 */
export function mapLink(target: Pick<Target, 'name' | 'address' | 'location'>): string {
  if (target.location) {
    const { latitude, longitude } = target.location;
    return `https://uri.amap.com/marker?position=${longitude},${latitude}&name=${encodeURIComponent(target.name)}&coordinate=wgs84&callnative=1`;
  }
  return `https://uri.amap.com/search?keyword=${encodeURIComponent(target.address || target.name)}&callnative=1`;
}
