// Writes a report's pieces to a file or stdout in blocks of about a
// megabyte, so that a large report never has to exist as one string.
import { closeSync, openSync, writeSync } from 'node:fs';

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
  const fd = openSync(file, 'w');
  try {
    for (const b of blocks(chunks)) writeSync(fd, b);
  } finally {
    closeSync(fd);
  }
}
