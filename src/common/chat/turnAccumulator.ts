import type { ChatMode, ErrorView, FileEditView, ToolCallView, TurnView, UsageView } from '../protocol';

/**
 * Builds the assistant turn of a streaming answer. Deltas are kept in arrays and joined only when
 * the turn is read (snapshot, save, end), so a long answer costs O(n), not O(n²).
 */
export class TurnAccumulator {
  private textParts: string[] = [];
  private reasoningParts: string[] = [];
  private readonly tools = new Map<string, ToolCallView>();
  private readonly edits = new Map<string, FileEditView>();
  private mode: ChatMode | undefined;
  private usage: UsageView | undefined;
  private error: ErrorView | undefined;
  private status: TurnView['status'] = 'streaming';
  private contextNote: string | undefined;

  constructor(
    readonly id: string,
    initial?: TurnView,
  ) {
    if (initial) {
      if (initial.text) this.textParts.push(initial.text);
      if (initial.reasoning) this.reasoningParts.push(initial.reasoning);
      for (const t of initial.tools ?? []) this.tools.set(t.id, t);
      for (const e of initial.edits ?? []) this.edits.set(e.id, e);
      this.mode = initial.mode;
    }
  }

  addText(s: string): void {
    if (s) this.textParts.push(s);
  }

  addReasoning(s: string): void {
    if (s) this.reasoningParts.push(s);
  }

  /** Adds or replaces a tool call line. */
  setTool(call: ToolCallView): void {
    this.tools.set(call.id, call);
  }

  /** Marks an answer given in Agent mode. */
  setMode(mode: ChatMode): void {
    this.mode = mode === 'agent' ? mode : undefined;
  }

  /** Adds or replaces a change card. */
  setEdit(edit: FileEditView): void {
    this.edits.set(edit.id, edit);
  }

  /** Replaces the change cards, in the order given. */
  setEdits(edits: readonly FileEditView[]): void {
    this.edits.clear();
    for (const e of edits) this.edits.set(e.id, e);
  }

  /** The change cards so far. */
  editList(): FileEditView[] {
    return [...this.edits.values()];
  }

  setUsage(u: UsageView): void {
    this.usage = u;
  }

  /** What was left out of the request to fit the context window. */
  setContextNote(note: string): void {
    this.contextNote = note;
  }

  /** Marks the end of the turn. */
  end(status: Exclude<TurnView['status'], 'streaming'>, error?: ErrorView): void {
    this.status = status;
    this.error = error;
  }

  /** The answer text so far. */
  text(): string {
    if (this.textParts.length > 1) this.textParts = [this.textParts.join('')];
    return this.textParts[0] ?? '';
  }

  /** The turn as the webview and history see it. */
  view(): TurnView {
    if (this.reasoningParts.length > 1) this.reasoningParts = [this.reasoningParts.join('')];
    const turn: TurnView = { id: this.id, role: 'assistant', text: this.text(), status: this.status };
    const reasoning = this.reasoningParts[0];
    if (reasoning) turn.reasoning = reasoning;
    if (this.tools.size > 0) turn.tools = [...this.tools.values()];
    if (this.mode) turn.mode = this.mode;
    if (this.edits.size > 0) turn.edits = this.editList();
    if (this.usage) turn.usage = this.usage;
    if (this.error) turn.error = this.error;
    if (this.contextNote) turn.contextNote = this.contextNote;
    return turn;
  }
}
