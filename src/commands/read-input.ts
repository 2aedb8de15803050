import type { Io } from '../io.js';

/** Reads all of stdin as UTF-8 (invalid bytes become U+FFFD, never an exception). */
export async function readStdin(io: Io): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
