// Refactor and the "Fix with AIO Coder" quick fix: a JSON replacement, shown as a diff, applied as one edit.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { STRINGS, editorKit } from '../editorKit';

suite('Editor commands: refactor', function () {
  const kit = editorKit();
  const { responses, messages, sse, bodyOf, lastUser, ui, fresh, proposedText } = kit;

  test('refactor: JSON response_format, one corrective retry, diff, Apply as one undo step', async () => {
    const before = kit.server!.requests.length;
    const replacement =
      'export function shout(text: string): string {\n  const loud = text.toUpperCase();\n  return `${loud}!`;\n}';
    responses.push(
      sse(['Sure! Here is the refactor: not json']),
      sse([JSON.stringify({ replacement, explanation: 'Named the upper-cased text.' })], 'random:5'),
    );
    let diff = '';
    let question = '';
    ui({
      pickOrType: async () => 'Improve readability',
      decide: async (q) => {
        question = q;
        diff = await proposedText();
        return 'Apply';
      },
    });
    const editor = await fresh('refactor1.ts', STRINGS, [5, 3, 7, 1]);
    const result = await vscode.commands.executeCommand('aioCoder.refactorSelection');
    assert.equal(result, 'applied');
    const [first, second] = [bodyOf(before), bodyOf(before + 1)];
    assert.deepEqual(first.response_format, { type: 'json_object' });
    assert.deepEqual(second.response_format, { type: 'json_object' });
    assert.equal(first.tools, undefined);
    assert.match(first.messages[0]?.content ?? '', /\{"replacement": string, "explanation": string\}/);
    assert.match(lastUser(first), /Refactor lines 6–8 .*: Improve readability/);
    assert.equal(second.messages.at(-2)?.role, 'assistant');
    assert.match(lastUser(second), /could not be used: the answer is not valid JSON/);
    const expected = STRINGS.replace(
      "export function shout(text: string): string {\n  return text.toUpperCase() + '!';\n}",
      replacement,
    );
    assert.equal(diff, expected, 'the diff shows the whole file with the replacement');
    assert.match(question, /Named the upper-cased text\./);
    assert.equal(editor.document.getText(), expected);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), STRINGS, 'one undo restores the original');
  });

  test('refactor: invalid JSON twice is a clear error; Apply after an edit is refused', async () => {
    responses.push(sse(['nope']), sse(['{"still": "wrong"}']));
    ui({ pickOrType: async () => 'Add types' });
    const editor = await fresh('refactor2.ts', STRINGS, [0, 0, 3, 1]);
    assert.equal(await vscode.commands.executeCommand('aioCoder.refactorSelection'), 'failed');
    assert.ok(
      messages.some(
        (m) =>
          m.level === 'error' &&
          /could not be used \(the JSON object has no string "replacement"\), even after asking again\. Nothing was changed/.test(
            m.text,
          ),
      ),
      JSON.stringify(messages),
    );
    assert.equal(editor.document.getText(), STRINGS);
    responses.push(
      sse([JSON.stringify({ replacement: 'export const capitalize = (w: string) => w;', explanation: 'x' })]),
    );
    ui({
      pickOrType: async () => 'Modernize',
      decide: async () => {
        const edit = new vscode.WorkspaceEdit();
        edit.insert(editor.document.uri, new vscode.Position(8, 0), '// user edit\n');
        assert.ok(await vscode.workspace.applyEdit(edit));
        return 'Apply';
      },
    });
    assert.equal(await vscode.commands.executeCommand('aioCoder.refactorSelection'), 'stale');
    assert.equal(editor.document.getText(), `${STRINGS}// user edit\n`, "only the user's edit is in the document");
  });

  test('quick fix: "Fix with AIO Coder" on a diagnostic proposes a JSON replacement of the lines around it', async () => {
    const diagnostics = vscode.languages.createDiagnosticCollection('editor-suite');
    try {
      const editor = await fresh('fix.ts', STRINGS);
      const d = new vscode.Diagnostic(
        new vscode.Range(6, 9, 6, 20),
        'Prefer a template literal.',
        vscode.DiagnosticSeverity.Warning,
      );
      d.source = 'style';
      diagnostics.set(editor.document.uri, [d]);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        editor.document.uri,
        new vscode.Range(6, 10, 6, 10),
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find((a) => a.title === 'Fix with AIO Coder');
      assert.ok(fix?.command, `actions: ${actions.map((a) => a.title).join(', ')}`);
      const lines = STRINGS.split('\n');
      const replacement = [...lines.slice(3, 6), '  return `${text.toUpperCase()}!`;', '}', ''].join('\n');
      const before = kit.server!.requests.length;
      responses.push(sse([`\`\`\`json\n${JSON.stringify({ replacement, explanation: 'Template literal.' })}\n\`\`\``]));
      ui({ decide: async () => 'Apply' });
      const result = await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
      assert.equal(result, 'applied');
      const body = bodyOf(before);
      assert.deepEqual(body.response_format, { type: 'json_object' });
      assert.match(lastUser(body), /File: editor\/src\/fix\.ts\n/);
      assert.match(
        lastUser(body),
        /Fix this warning at line 7, column 10 \[style\]: Prefer a template literal\.\nChange as little as needed\. The replacement replaces lines 4–9 entirely\./,
      );
      assert.equal(editor.document.getText(), [...lines.slice(0, 3), replacement].join('\n'));
    } finally {
      diagnostics.dispose();
    }
  });
});
