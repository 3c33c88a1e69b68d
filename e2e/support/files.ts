/** Files a citizen might attach, built on the fly (no binary fixtures in the repository). */
import sharp from "sharp";

/** Tétouan, Place Hassan II: where the test photo says it was taken. */
export const PHOTO_GPS = { lat: 35.57895, lng: -5.3684 };

function dms(value: number): string {
  const abs = Math.abs(value);
  const d = Math.floor(abs);
  const m = Math.floor((abs - d) * 60);
  const s = Math.round(((abs - d) * 60 - m) * 60 * 100);
  return `${d}/1 ${m}/1 ${s}/100`;
}

export async function photoWithGps(): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const buffer = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 120, g: 110, b: 90 } } })
    .jpeg({ quality: 80 })
    .withExif({
      IFD0: { Make: "CitizenPhone", Model: "E2E" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: dms(PHOTO_GPS.lat), GPSLongitudeRef: "W", GPSLongitude: dms(PHOTO_GPS.lng) },
    })
    .toBuffer();
  return { name: "lampadaire.jpg", mimeType: "image/jpeg", buffer };
}

export async function smallPng(index: number): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const buffer = await sharp({ create: { width: 32, height: 32, channels: 3, background: { r: 20 * index, g: 100, b: 150 } } })
    .png()
    .toBuffer();
  return { name: `photo-${index}.png`, mimeType: "image/png", buffer };
}

/** A Windows executable renamed to look like a photo. */
export function exeRenamedJpg() {
  const buffer = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00", "latin1"), Buffer.alloc(2048, 0x41)]);
  return { name: "photo.jpg", mimeType: "image/jpeg", buffer };
}

export function svgImage() {
  return {
    name: "dessin.svg",
    mimeType: "image/svg+xml",
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>'),
  };
}

/** 11 MB that start like a JPEG. */
export function elevenMegabytes() {
  const buffer = Buffer.alloc(11 * 1024 * 1024, 0x20);
  buffer.set([0xff, 0xd8, 0xff, 0xe0], 0);
  return { name: "enorme.jpg", mimeType: "image/jpeg", buffer };
}
