import * as vscode from 'vscode';

/** Output kept per command: the end of it, where the result and errors are. */
const MAX_OUTPUT_CHARS = 20_000;

/** The last command of a terminal, as shell integration reported it. */
export interface RecordedCommand {
  commandLine: string;
  output: string;
  /** Undefined while it runs, or when the shell did not say. */
  exitCode?: number;
  /** True when the start of the output was dropped to keep the last {@link MAX_OUTPUT_CHARS} characters. */
  cut: boolean;
}

/** What the terminal chip holds: the last command, or why there is none. */
export type TerminalCapture =
  { ok: true; terminal: string; command: RecordedCommand } | { ok: false; terminal?: string; reason: string };

/**
 * Records the last command and its output of every terminal through VS Code's stable shell-integration
 * API (`onDidStartTerminalShellExecution`, `execution.read()`). Created with the chat, so commands run
 * before AIO Coder was first used are not seen.
 */
export class TerminalRecorder implements vscode.Disposable {
  private readonly last = new WeakMap<vscode.Terminal, RecordedCommand>();
  private readonly listeners = [
    vscode.window.onDidStartTerminalShellExecution((e) => void this.record(e.terminal, e.execution)),
    vscode.window.onDidEndTerminalShellExecution((e) => {
      const rec = this.last.get(e.terminal);
      if (rec && rec.commandLine === e.execution.commandLine.value) rec.exitCode = e.exitCode;
    }),
  ];

  dispose(): void {
    for (const l of this.listeners.splice(0)) l.dispose();
  }

  /** The active terminal's last command and output, or a sentence saying why it cannot be read. */
  capture(): TerminalCapture {
    const terminal = vscode.window.activeTerminal;
    if (!terminal) return { ok: false, reason: 'There is no open terminal.' };
    const command = this.last.get(terminal);
    if (command) return { ok: true, terminal: terminal.name, command };
    if (!terminal.shellIntegration)
      return {
        ok: false,
        terminal: terminal.name,
        reason:
          'Shell integration is off in this terminal, so its commands and output cannot be read ' +
          '(setting terminal.integrated.shellIntegration.enabled, and a supported shell: bash, zsh, fish, pwsh).',
      };
    return {
      ok: false,
      terminal: terminal.name,
      reason: 'No command has finished in this terminal since AIO Coder started; run it again, then add the terminal.',
    };
  }

  private async record(terminal: vscode.Terminal, execution: vscode.TerminalShellExecution): Promise<void> {
    const rec: RecordedCommand = { commandLine: execution.commandLine.value, output: '', cut: false };
    this.last.set(terminal, rec);
    try {
      for await (const data of execution.read()) {
        rec.output += data;
        if (rec.output.length > MAX_OUTPUT_CHARS * 2) {
          rec.output = rec.output.slice(-MAX_OUTPUT_CHARS);
          rec.cut = true;
        }
      }
    } catch {
      // The terminal closed while its output was read: what arrived stays recorded.
    }
    if (rec.output.length > MAX_OUTPUT_CHARS) {
      rec.output = rec.output.slice(-MAX_OUTPUT_CHARS);
      rec.cut = true;
    }
  }
}
