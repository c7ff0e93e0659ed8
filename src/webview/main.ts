import '@vscode/codicons/dist/codicon.css';
import './styles/base.css';
import './styles/transcript.css';
import './styles/markdown.css';
import './styles/composer.css';
import './styles/history.css';
import './styles/hiddenChars.css';
import './styles/context.css';
import './styles/agent.css';
import './styles/mentions.css';
import { assertNever, type HostToWebview } from '../common/protocol';
import { ChatApp } from './chatApp';
import { codeBlockMessage } from './codeBlocks';
import { interceptLinks } from './links';
import { warmUpRenderer } from './markdownView';
import { loadUiState, post, saveUiState } from './vscodeApi';

function dispatch(app: ChatApp, msg: HostToWebview): void {
  switch (msg.type) {
    case 'restore':
      return app.restore(msg);
    case 'keyState':
      return app.setHasKey(msg.hasKey);
    case 'chatList':
      return app.setChats(msg.chats);
    case 'chips':
      return app.setChips(msg.chips);
    case 'turnAdded':
      return app.addTurn(msg.turn);
    case 'streamStart':
      return app.streamStart(msg.requestId, msg.turnId);
    case 'delta':
      return app.delta(msg.requestId, msg.text, msg.reasoning);
    case 'toolStatus':
      return app.toolStatus(msg.requestId, msg.call, msg.approvalId);
    case 'retrying':
      return app.retrying(msg.requestId, msg.attempt, msg.maxAttempts, msg.delayMs);
    case 'streamEnd':
      return app.streamEnd(msg.requestId, msg.reason, msg.usage, msg.totals, msg.error);
    case 'turnEdits':
      return app.turnEdits(msg.turnId, msg.edits, msg.undone ?? false, msg.conflicts);
    case 'focusInput':
      return app.focusInput();
    case 'notice':
      return app.notice(msg.level, msg.message);
    case 'instructions':
      return app.setInstructions(msg.files);
    case 'contextNote':
      return app.contextNote(msg.requestId, msg.turnId, msg.note);
    case 'mentionResults':
      return app.mentionResults(msg.queryId, msg.items, !!msg.partial);
    case 'chipApproval':
      return app.askChipApproval(msg.approvalId, msg.path);
    case 'slashCommands':
      return app.setSlashCommands(msg.commands);
    default:
      return assertNever(msg);
  }
}

/** The host is trusted, but a malformed message must not break the view: check the envelope. */
function isHostMessage(data: unknown): data is HostToWebview {
  return typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string';
}

function copyFeedback(button: Element): void {
  const glyph = button.querySelector('.codicon');
  if (!glyph) return;
  glyph.classList.replace('codicon-copy', 'codicon-check');
  setTimeout(() => glyph.classList.replace('codicon-check', 'codicon-copy'), 1500);
}

function start(): void {
  const root = document.getElementById('app');
  if (!root) throw new Error('AIO Coder: #app is missing from the webview HTML');
  const app = new ChatApp(root, { post, saveUiState }, loadUiState());
  interceptLinks(document, post);
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const message = target && codeBlockMessage(target);
    if (!message || !target) return;
    post(message);
    if (message.type === 'copyText') copyFeedback(target.closest('button') ?? target);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented && app.stop()) event.preventDefault();
  });
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (!isHostMessage(event.data)) return;
    try {
      dispatch(app, event.data);
    } catch (error) {
      console.error('AIO Coder webview: failed to handle', event.data.type, error);
    }
  });
  post({ type: 'ready' });
  warmUpRenderer((task) => requestIdleCallback(task, { timeout: 2000 }));
}

start();
