import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { HostToWebview, WebviewToHost } from '../../common/protocol';
import { isWebviewToHost } from '../../common/protocolCheck';
import { buildWebviewHtml } from '../../common/webviewHtml';
import { log } from '../log';

/** The view id, as contributed in package.json. */
export const CHAT_VIEW_ID = 'aioCoder.chatView';

/** What the provider needs from the chat logic: a full state on (re)load, and the routing of messages. */
export interface ChatViewHandler {
  /** Builds the `restore` message sent once per webview load. */
  snapshot(): Promise<HostToWebview>;
  handle(msg: Exclude<WebviewToHost, { type: 'ready' }>): void | Promise<void>;
  /** Called once the `restore` of a (re)loaded webview has been posted. */
  restored?(): void;
}

/**
 * WebviewViewProvider for the sidebar chat: HTML with a strict CSP and a per-load nonce,
 * local resources limited to dist/ and media/, a ready handshake, and typed, validated messages.
 * Posts made before the webview is ready are dropped: `restore` carries the whole state then.
 */
export class ChatViewProvider implements vscode.Disposable, vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private handler: ChatViewHandler | undefined;
  private readonly readyWaiters: Array<() => void> = [];

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** Connects the chat logic (done lazily, on first resolve or command). */
  setHandler(handler: ChatViewHandler): void {
    this.handler = handler;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    view.webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [dist, vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    view.webview.html = buildWebviewHtml({
      cspSource: view.webview.cspSource,
      nonce: randomBytes(18).toString('base64url'),
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
      title: 'AIO Coder',
    });
    const subs = [
      view.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      view.onDidDispose(() => {
        if (this.view === view) {
          this.view = undefined;
          this.ready = false;
        }
        for (const s of subs) s.dispose();
      }),
    ];
  }

  /** True when a webview is loaded and has said it is ready. */
  get isReady(): boolean {
    return this.ready && this.view !== undefined;
  }

  /** Posts to the webview if it is ready; otherwise the next `restore` carries the state. */
  post(msg: HostToWebview): void {
    if (!this.isReady) return;
    void this.view?.webview
      .postMessage(msg)
      .then(undefined, (e: unknown) => log.debug(`postMessage failed: ${String(e)}`));
  }

  /** Shows the view (creating it if needed) and resolves once its webview is ready. */
  async reveal(preserveFocus = false): Promise<void> {
    if (this.view) this.view.show(preserveFocus);
    else await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
    if (this.isReady) return;
    // Bounded: a view that never loads must not hang the command that revealed it.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 15_000);
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private receive(raw: unknown): void {
    if (!isWebviewToHost(raw)) {
      log.warn(`Ignored an invalid message from the webview: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    if (raw.type === 'ready') {
      void this.onReady();
      return;
    }
    Promise.resolve(this.handler?.handle(raw)).catch((e: unknown) =>
      log.error(`Handling ${raw.type} failed: ${String(e)}`),
    );
  }

  private async onReady(): Promise<void> {
    if (!this.view || !this.handler) return;
    const restore = await this.handler.snapshot();
    // No await between the snapshot and `ready`: whatever happens next is posted after it.
    this.ready = true;
    this.post(restore);
    this.handler.restored?.();
    for (const w of this.readyWaiters.splice(0)) w();
  }

  dispose(): void {
    for (const w of this.readyWaiters.splice(0)) w();
  }
}
