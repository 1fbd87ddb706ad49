/** Where a command writes; the entry point passes the process streams, tests pass buffers. */
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}
