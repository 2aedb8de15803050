/** Where the daemon hears SIGTERM/SIGINT/SIGHUP: the process, or a fake in tests. */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

export interface SignalHandlers {
  stop(signal: NodeJS.Signals): void;
  reload(): void;
}

/** Installs the handlers and returns their removal. Installing any handler also stops Node's default exit. */
export function listenForSignals(source: SignalSource, handlers: SignalHandlers): () => void {
  const onTerm = (): void => handlers.stop('SIGTERM');
  const onInt = (): void => handlers.stop('SIGINT');
  const onHup = (): void => handlers.reload();
  source.on('SIGTERM', onTerm);
  source.on('SIGINT', onInt);
  source.on('SIGHUP', onHup);
  return () => {
    source.off('SIGTERM', onTerm);
    source.off('SIGINT', onInt);
    source.off('SIGHUP', onHup);
  };
}
