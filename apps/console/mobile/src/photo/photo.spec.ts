import { exifFor, readExif } from './exif';
import { fitWithin } from './compress';
import { stampLines } from './stamp';

describe('photos taken in the app', () => {
  it('fits a 4000×3000 picture into 1600 px on its long edge, portrait too, never enlarging', () => {
    expect(fitWithin(4000, 3000, 1600)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000, 1600)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(800, 600, 1600)).toEqual({ width: 800, height: 600 });
  });

  it('writes time, place and task into EXIF and reads them back', () => {
    const takenAt = Date.parse('2026-11-20T02:30:15Z');
    const exif = exifFor({ takenAt, fix: { latitude: 30.274123, longitude: -120.155101, accuracyMeters: 12 }, description: 'Spotcheck assignment abc task 2026-01', artist: 'SL33010620001' });
    const back = readExif(Uint8Array.from(exif, (c) => c.charCodeAt(0)));
    expect(back.description).toBe('Spotcheck assignment abc task 2026-01');
    expect(back.artist).toBe('SL33010620001');
    expect(back.dateTimeOriginal).toMatch(/^2026:11:2\d \d\d:30:15$/);
    expect(back.latitude).toBeCloseTo(30.274123, 5);
    expect(back.longitude).toBeCloseTo(-120.155101, 5);
  });

  it('stamps time with its offset, place with its accuracy, task, target and inspector', () => {
    const lines = stampLines({ takenAt: Date.parse('2026-11-20T02:30:00Z'), fix: { latitude: 30.27412, longitude: 120.1551, accuracyMeters: 8.4 }, task: '2026年第一批', target: '某某砂场', inspector: '张三' });
    expect(lines[1]).toBe('位置 30.27412, 120.15510（±8 米）');
    expect(lines.slice(2)).toEqual(['任务 2026年第一批', '对象 某某砂场', '检查人员 张三']);
    expect(lines[0]).toMatch(/^时间 2026-11-2\d \d\d:30:00[+-]\d\d:\d\d$/);
    expect(stampLines({ takenAt: 0, fix: null, task: 't', target: 'x', inspector: 'i' })[1]).toBe('位置 未取得定位');
  });
});
