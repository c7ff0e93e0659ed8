import type { ToolCallView as ToolCall, WebviewToHost } from '../common/protocol';
import { el, icon, textButton } from './dom';
import { safeTitle, setText, textSpan } from './hiddenChars';

const STATUS: Record<ToolCall['status'], { icon: string; label: string }> = {
  running: { icon: 'loading', label: 'Running' },
  done: { icon: 'pass', label: 'Done' },
  failed: { icon: 'error', label: 'Failed' },
  awaiting_approval: { icon: 'shield', label: 'Needs approval' },
  denied: { icon: 'circle-slash', label: 'Denied' },
};

/** One tool call: a compact line with its summary; expanding it shows the result. */
export class ToolCallLine {
  readonly element = el('div', { class: 'tool-call' });
  private readonly details = el('details', { class: 'tool-details' });
  private readonly summary = el('summary', { class: 'tool-summary' });
  private readonly result = el('pre', { class: 'tool-result' });
  private readonly approval = el('div', { class: 'tool-approval' });

  constructor(
    call: ToolCall,
    approvalId: string | undefined,
    private readonly post: (m: WebviewToHost) => void,
  ) {
    this.details.append(this.summary, this.result);
    this.element.append(this.details, this.approval);
    this.update(call, approvalId);
  }

  update(call: ToolCall, approvalId: string | undefined): void {
    const status = STATUS[call.status];
    this.element.dataset.status = call.status;
    const spin = call.status === 'running' ? 'codicon-modifier-spin' : '';
    this.summary.replaceChildren(
      icon(status.icon, `tool-status-icon ${spin}`.trim()),
      textSpan('tool-text', call.summary || call.name, 'name'),
      el('span', { class: 'tool-state', text: status.label }),
    );
    this.summary.title = safeTitle(`${call.name}: ${call.summary}`);
    setText(this.result, call.result ?? (call.status === 'running' ? 'Running…' : 'No result.'), 'code');
    this.renderApproval(call.status === 'awaiting_approval' ? approvalId : undefined);
  }

  private renderApproval(approvalId: string | undefined): void {
    this.approval.replaceChildren();
    this.approval.hidden = approvalId === undefined;
    if (approvalId === undefined) return;
    const allow = textButton('check', 'Allow once', undefined, true);
    const deny = textButton('close', 'Deny');
    const answer = (value: boolean): void => {
      allow.disabled = true;
      deny.disabled = true;
      this.post({ type: 'toolApproval', approvalId, allow: value });
    };
    allow.addEventListener('click', () => answer(true));
    deny.addEventListener('click', () => answer(false));
    this.approval.append(allow, deny);
  }
}

/** The tool calls of one answer, in arrival order, updated by id. */
export class ToolCallList {
  readonly element = el('div', { class: 'tool-calls', attrs: { hidden: '' } });
  private readonly lines = new Map<string, ToolCallLine>();

  constructor(private readonly post: (m: WebviewToHost) => void) {}

  upsert(call: ToolCall, approvalId?: string): void {
    const existing = this.lines.get(call.id);
    if (existing) {
      existing.update(call, approvalId);
      return;
    }
    const line = new ToolCallLine(call, approvalId, this.post);
    this.lines.set(call.id, line);
    this.element.append(line.element);
    this.element.hidden = false;
  }

  clear(): void {
    this.lines.clear();
    this.element.replaceChildren();
    this.element.hidden = true;
  }
}
