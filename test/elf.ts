import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

/** ELF e_machine values of the two Lambda architectures. */
export const ELF_MACHINE = { aarch64: 0xb7, x86_64: 0x3e };

/** The e_machine of a 64-bit little-endian ELF file, or an error when it is not one. */
export function elfMachine(file: string): number {
  const header = Buffer.alloc(20);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, header.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (header.subarray(0, 4).toString('latin1') !== '\x7fELF' || header[4] !== 2 || header[5] !== 1) {
    throw new Error(`${file} is not a 64-bit little-endian ELF file`);
  }
  return header.readUInt16LE(18);
}

/** The highest GLIBC symbol version the binary needs, read by binutils' readelf. */
export function highestGlibcVersion(file: string): string {
  const versions = execFileSync('readelf', ['-V', '--wide', file], { encoding: 'utf-8' }).match(/GLIBC_\d+(\.\d+)+/g) ?? [];
  const sorted = [...new Set(versions)].map((v) => v.slice('GLIBC_'.length))
    .sort((a, b) => compareVersions(a, b));
  if (sorted.length === 0) throw new Error(`${file} needs no GLIBC version: is it dynamically linked?`);
  return sorted[sorted.length - 1];
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
