// The fake model the chat-driving suites talk to: a 127.0.0.1 server answering the suite's scripted responses in
// order, with the extension's base URL (user settings) and API key pointed at it for the suite.
import * as vscode from 'vscode';
import { startFakeServer, type FakeServer, type ResponseSpec } from '../support/fakeServer';

/** Starts the server (a 500 once `responses` runs out), sets the base URL and `apiKey`. */
export async function connectScriptedModel(responses: ResponseSpec[], apiKey: string): Promise<FakeServer> {
  const server = await startFakeServer({
    script: () => responses.shift() ?? { status: 500, body: 'no scripted answer left' },
    lifetimeMs: 600_000,
  });
  await vscode.workspace.getConfiguration('aioCoder').update('baseUrl', server.url, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('aioCoder.setApiKey', apiKey);
  return server;
}

/** Closes the server and clears the base URL and the key again. */
export async function disconnectScriptedModel(server: FakeServer | undefined): Promise<void> {
  await server?.close();
  await vscode.workspace.getConfiguration('aioCoder').update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('aioCoder.clearApiKey');
}
