/** `-`: a source read from standard input, once per run, as score-go reads it (a terminal or nothing is refused). */
import { decodeSourceText, formatBytes, SourceFailure, type FetchedText } from './fetched-text.js';

/** Standard input as the CLI gives it (tests give a stream of their own). */
export interface StdinHandle {
  readonly stream: NodeJS.ReadableStream;
  readonly isTTY: boolean;
}

export const STDIN_DISPLAY = '<stdin>';

export async function readStdinSource(stdin: StdinHandle | undefined, maxBytes: number): Promise<FetchedText> {
  if (!stdin) throw new SourceFailure('standard input is not available here');
  if (stdin.isTTY) throw new SourceFailure('standard input is a terminal: pipe the file in (curl -fsSL URL | score-ts ...)');
  const bytes = await readAll(stdin.stream, maxBytes);
  return { display: STDIN_DISPLAY, text: decodeSourceText(bytes), fileName: 'stdin', origin: 'standard input' };
}

function readAll(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > maxBytes) {
        stream.removeListener('data', onData);
        // Destroyed, not paused: an open standard input would keep the process alive.
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        reject(new SourceFailure(`it is larger than ${formatBytes(maxBytes)}, the most score-ts reads`));
        return;
      }
      chunks.push(buffer);
    };
    stream.on('data', onData);
    stream.once('error', (e: NodeJS.ErrnoException) => reject(new SourceFailure(`it cannot be read (${e.code ?? 'error'})`)));
    stream.once('end', () => resolve(Buffer.concat(chunks, size)));
  });
}
