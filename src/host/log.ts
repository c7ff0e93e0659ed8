import * as vscode from 'vscode';
import { redact } from '../common/redact';

/** The extension's one logger: a LogOutputChannel named "AIO Coder" whose every line is redacted. */
export interface Logger {
  trace(msg: string): void;
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string | Error): void;
  show(): void;
}

let channel: vscode.LogOutputChannel | undefined;

function getChannel(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('AIO Coder', { log: true });
  return channel;
}

const clean = (m: string | Error): string => redact(typeof m === 'string' ? m : `${m.name}: ${m.message}`);

/** The logger; the channel is created on first use, not at activation. */
export const log: Logger = {
  trace: (m) => getChannel().trace(clean(m)),
  debug: (m) => getChannel().debug(clean(m)),
  info: (m) => getChannel().info(clean(m)),
  warn: (m) => getChannel().warn(clean(m)),
  error: (m) => getChannel().error(clean(m)),
  show: () => getChannel().show(true),
};

/** Disposes the channel (on deactivate). */
export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
