import { describe, expect, it } from 'vitest';
import { parseProbe } from './video.ts';
import { VisionError } from '../errors.ts';

const MP4 = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'a.mp4':
  Duration: 00:01:02.50, start: 0.000000, bitrate: 1012 kb/s
    Stream #0:0(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(tv, bt709), 1920x1080 [SAR 1:1 DAR 16:9], 1004 kb/s, 29.97 fps, 29.97 tbr, 90k tbn, 59.94 tbc (default)
    Metadata:
      rotate          : 90
      handler_name    : VideoHandler
    Side data:
      displaymatrix: rotation of -90.00 degrees
    Stream #0:1(und): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, stereo, fltp, 128 kb/s (default)
At least one output file must be specified
`;

function code(stderr: string): string {
  try {
    parseProbe('x.mp4', stderr);
  } catch (e) {
    if (e instanceof VisionError) return e.code;
  }
  return 'none';
}

describe('parseProbe', () => {
  it('reads size, rate, duration and rotation (display matrix), swapping the upright size for 90°', () => {
    const p = parseProbe('a.mp4', MP4);
    expect(p).toMatchObject({ codec: 'h264', codedWidthPx: 1920, codedHeightPx: 1080, rotationDeg: 90, widthPx: 1080, heightPx: 1920, nominalFps: 29.97, durationMs: 62500 });
    expect(p.estimatedFrames).toBe(Math.round(62.5 * 29.97));
  });
  it('uses tbr when fps is missing and null when the duration is N/A', () => {
    const s = MP4.replace('29.97 fps, ', '').replace('Duration: 00:01:02.50', 'Duration: N/A').replace(/.*displaymatrix.*\n/, '').replace('rotate          : 90', 'rotate          : 180');
    const p = parseProbe('a.webm', s);
    expect(p.nominalFps).toBe(29.97);
    expect(p.durationMs).toBeNull();
    expect(p.estimatedFrames).toBeNull();
    expect(p.rotationDeg).toBe(180);
    expect(p.widthPx).toBe(1920);
  });
  it('classifies what ffmpeg says about bad input', () => {
    expect(code('x.mp4: No such file or directory\n')).toBe('file-missing');
    expect(code('[mov] moov atom not found\nx.mp4: Invalid data found when processing input\n')).toBe('truncated-video');
    expect(code('[mov] Format mov detected only with low score of 1, misdetection possible!\n[mov] moov atom not found\nx: Invalid data\n')).toBe('not-a-video');
    expect(code("Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'a.m4a':\n    Stream #0:0(und): Audio: aac (LC), 44100 Hz\n")).toBe('not-a-video');
    expect(code("Input #0, tty, from 'a.txt':\n    Stream #0:0: Video: ansi, pal8, 640x400, 25 fps\n")).toBe('not-a-video');
  });
});
