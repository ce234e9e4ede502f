/**
 * EXIF for a photo taken in the app (piexifjs): when (DateTimeOriginal in the phone's local time, and the
 * GPS date and time in UTC), where (GPS latitude, longitude, horizontal error, datum WGS-84) and for what
 * (ImageDescription: the assignment and task; Artist: the inspector's 执法证号). The stamp on the image
 * says the same in Chinese; EXIF text fields are ASCII.
 */
import piexif from 'piexifjs';
import type { Fix } from '../geo';

export interface PhotoFacts {
  /** Device time (ms) when taken. */
  takenAt: number;
  fix: Fix | null;
  /** ASCII only: e.g. "Spotcheck assignment <uuid> task <number>". */
  description: string;
  /** ASCII only: the inspector's certificate number. */
  artist: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** EXIF's "YYYY:MM:DD HH:MM:SS" of a date's local fields. */
function exifDateTime(d: Date): string {
  return `${d.getFullYear()}:${pad(d.getMonth() + 1)}:${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Degrees as EXIF's three rationals (degrees, minutes, seconds × 1000). */
function dms(value: number): [number, number][] {
  const v = Math.abs(value);
  const d = Math.floor(v);
  const m = Math.floor((v - d) * 60);
  const s = Math.round(((v - d) * 60 - m) * 60 * 1000);
  return [[d, 1], [m, 1], [s, 1000]];
}

const ascii = (s: string) => s.replace(/[^\x20-\x7e]/g, '?');

function toBinaryString(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}

function fromBinaryString(s: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The EXIF segment (binary string) for these facts. */
export function exifFor(facts: PhotoFacts): string {
  const taken = new Date(facts.takenAt);
  const zeroth: Record<number, unknown> = {
    [piexif.ImageIFD.ImageDescription]: ascii(facts.description),
    [piexif.ImageIFD.Artist]: ascii(facts.artist),
    [piexif.ImageIFD.Software]: 'Spotcheck inspector app',
    [piexif.ImageIFD.DateTime]: exifDateTime(taken),
  };
  const exif: Record<number, unknown> = { [piexif.ExifIFD.DateTimeOriginal]: exifDateTime(taken), [piexif.ExifIFD.DateTimeDigitized]: exifDateTime(taken) };
  const gps: Record<number, unknown> = {};
  if (facts.fix) {
    const { latitude, longitude, accuracyMeters } = facts.fix;
    const iso = taken.toISOString();
    Object.assign(gps, {
      [piexif.GPSIFD.GPSVersionID]: [2, 3, 0, 0],
      [piexif.GPSIFD.GPSLatitudeRef]: latitude >= 0 ? 'N' : 'S',
      [piexif.GPSIFD.GPSLatitude]: dms(latitude),
      [piexif.GPSIFD.GPSLongitudeRef]: longitude >= 0 ? 'E' : 'W',
      [piexif.GPSIFD.GPSLongitude]: dms(longitude),
      [piexif.GPSIFD.GPSHPositioningError]: [Math.round(accuracyMeters * 100), 100],
      [piexif.GPSIFD.GPSMapDatum]: 'WGS-84',
      [piexif.GPSIFD.GPSDateStamp]: iso.slice(0, 10).replace(/-/g, ':'),
      [piexif.GPSIFD.GPSTimeStamp]: [[taken.getUTCHours(), 1], [taken.getUTCMinutes(), 1], [taken.getUTCSeconds(), 1]],
    });
  }
  return piexif.dump({ '0th': zeroth, Exif: exif, GPS: gps } as never);
}

/** The JPEG with the EXIF segment inserted (any earlier EXIF replaced). */
export async function withExif(jpeg: Blob, facts: PhotoFacts): Promise<Blob> {
  const binary = toBinaryString(new Uint8Array(await jpeg.arrayBuffer()));
  return new Blob([fromBinaryString(piexif.insert(exifFor(facts), binary))], { type: 'image/jpeg' });
}

/** Reads back the facts (for tests and the 笔录): description, artist, original time and GPS. */
export function readExif(bytes: Uint8Array): { description?: string; artist?: string; dateTimeOriginal?: string; latitude?: number; longitude?: number } {
  const data = piexif.load(toBinaryString(bytes)) as unknown as Record<string, Record<number, unknown>>;
  const deg = (v: unknown, ref: unknown) => {
    if (!Array.isArray(v)) return undefined;
    const [d, m, s] = (v as [number, number][]).map(([a, b]) => a / b);
    const x = d + m / 60 + s / 3600;
    return ref === 'S' || ref === 'W' ? -x : x;
  };
  return {
    description: data['0th']?.[piexif.ImageIFD.ImageDescription] as string | undefined,
    artist: data['0th']?.[piexif.ImageIFD.Artist] as string | undefined,
    dateTimeOriginal: data.Exif?.[piexif.ExifIFD.DateTimeOriginal] as string | undefined,
    latitude: deg(data.GPS?.[piexif.GPSIFD.GPSLatitude], data.GPS?.[piexif.GPSIFD.GPSLatitudeRef]),
    longitude: deg(data.GPS?.[piexif.GPSIFD.GPSLongitude], data.GPS?.[piexif.GPSIFD.GPSLongitudeRef]),
  };
}
