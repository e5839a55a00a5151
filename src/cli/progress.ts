// A one-line progress display on stderr, only when stderr is a terminal.
import type { WriteStream } from 'node:tty';

export interface Progress {
  update: (message: string) => void;
  done: () => void;
}

export function progressReporter(stream: NodeJS.WriteStream | WriteStream): Progress | undefined {
  if (!stream.isTTY) return undefined;
  let shown = false;
  return {
    update(message) {
      stream.write(`\r\x1b[2Kkikan: ${message}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
