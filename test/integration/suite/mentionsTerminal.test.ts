// The @ picker's Terminal entry end to end: a real bash in VS Code's terminal with shell integration (the
// last command and its output, colours removed, reach the request), and a terminal without it (the chip
// says why, and so does the request).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FakeServer, ResponseSpec } from '../../support/fakeServer';
import { pickMention, sendMessage } from '../chatInput';
import { connectScriptedModel, disconnectScriptedModel } from '../scriptedModel';
import { extension, hasBridge, waitFor, waitForWebviewText, webviewEval } from '../util';

const TERMINAL_ENTRY = 'Terminal Terminal, Last command and its output in the active terminal';

/** Resolves with the first event `event` fires that `accept` takes; bounded by `waitFor`'s limit. */
async function nextEvent<T>(event: vscode.Event<T>, accept: (e: T) => boolean, what: string): Promise<T> {
  let got: T | undefined;
  const listener = event((e) => {
    if (got === undefined && accept(e)) got = e;
  });
  try {
    await waitFor(() => got !== undefined, what, 90_000);
    return got!;
  } finally {
    listener.dispose();
  }
}

suite('@ mentions: terminal', function () {
  let server: FakeServer | undefined;
  const responses: ResponseSpec[] = [];
  const terminals: vscode.Terminal[] = [];
  const chipText = (): Promise<string> =>
    webviewEval<string>(
      '[...document.querySelectorAll(".chips .chip")].map((c) => c.getAttribute("title") + " | " + c.textContent).join("\\n")',
    );

  async function showTerminal(
    options: vscode.TerminalOptions | vscode.ExtensionTerminalOptions,
  ): Promise<vscode.Terminal> {
    const terminal = vscode.window.createTerminal(options);
    terminals.push(terminal);
    terminal.show();
    await waitFor(() => vscode.window.activeTerminal === terminal, `the terminal ${terminal.name} to be active`);
    return terminal;
  }

  suiteSetup(async function () {
    if (!hasBridge()) this.skip();
    await extension().activate();
    server = await connectScriptedModel(responses, 'aio_terminal_suite_key');
    await vscode.commands.executeCommand('aioCoder.newChat');
    await waitForWebviewText(/Ask|AIO Coder/i, 'the chat view');
  });

  suiteTeardown(async () => {
    for (const t of terminals) t.dispose();
    await disconnectScriptedModel(server);
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  test('bash with shell integration: the last command and its output, without colour codes', async function () {
    this.timeout(180_000); // a shell starting on a loaded machine
    const terminal = await showTerminal({ name: 'aio-bash', shellPath: '/bin/bash' });
    if (!terminal.shellIntegration)
      await nextEvent(
        vscode.window.onDidChangeTerminalShellIntegration,
        (e) => e.terminal === terminal,
        'shell integration in bash',
      );
    const ended = nextEvent(
      vscode.window.onDidEndTerminalShellExecution,
      (e) => e.terminal === terminal,
      'the command to end',
    );
    terminal.shellIntegration!.executeCommand("printf '\\033[32mgreen\\033[0m %s\\n' aio-$((6*7))");
    assert.equal((await ended).exitCode, 0);
    await vscode.commands.executeCommand('aioCoder.chatView.focus');
    await pickMention('term', TERMINAL_ENTRY);
    await waitFor(async () => /Terminal: aio-bash/.test(await chipText()), 'the terminal chip');
    const sent = await sendMessage(server!, responses, 'Why did it print that?');
    assert.match(sent, /Context: Terminal: aio-bash\n```shellscript\n\$ printf [^\n]*aio-\$\(\(6\*7\)\)\n/);
    assert.match(sent, /\ngreen aio-42\n\(exit code 0\)\n```/);
    assert.ok(!sent.includes('\u001b'), 'no escape sequence reaches the model');
  });

  test('a terminal without shell integration: the chip and the request say why', async () => {
    const write = new vscode.EventEmitter<string>();
    await showTerminal({
      name: 'aio-pty',
      pty: { onDidWrite: write.event, open: () => write.fire('no shell here\r\n'), close: () => write.dispose() },
    });
    await vscode.commands.executeCommand('aioCoder.chatView.focus');
    await pickMention('term', TERMINAL_ENTRY);
    await waitFor(async () => /Terminal: aio-pty[^]*Shell integration is off/.test(await chipText()), 'the chip note');
    const sent = await sendMessage(server!, responses, 'What ran?');
    assert.match(sent, /Context: Terminal: aio-pty\n```shellscript\n\(Shell integration is off in this terminal/);
  });
});
