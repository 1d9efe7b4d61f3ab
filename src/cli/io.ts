/** Where a command writes: injected so that commands are testable without a process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  readonly stdoutIsTty: boolean;
}

/** The process's own stdout and stderr. */
export const processIo: Io = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  stdoutIsTty: process.stdout.isTTY === true,
};
