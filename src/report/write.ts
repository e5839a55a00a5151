// Writes a report's pieces to a file or stdout in blocks of about a
// megabyte, so that a large report never has to exist as one string.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';

const BLOCK = 1 << 20;

function* blocks(chunks: Iterable<string>): Generator<string> {
  let pending: string[] = [];
  let size = 0;
  for (const c of chunks) {
    pending.push(c);
    size += c.length;
    if (size >= BLOCK) {
      yield pending.join('');
      pending = [];
      size = 0;
    }
  }
  if (pending.length) yield pending.join('');
}

export function writeChunks(write: (text: string) => void, chunks: Iterable<string>): void {
  for (const b of blocks(chunks)) write(b);
}

export function writeChunksToFile(file: string, chunks: Iterable<string>): void {
  // `-o reports/kikan.json` into a directory not made yet (a fresh CI workspace): make it.
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, 'w');
  try {
    for (const b of blocks(chunks)) writeSync(fd, b);
  } finally {
    closeSync(fd);
  }
}
